package dev.bulwark.policy.validate;

import dev.bulwark.policy.reference.ServiceReference;
import dev.bulwark.policy.validate.JsonValue.JsonObject;
import dev.bulwark.policy.validate.JsonValue.Member;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.TreeSet;

/**
 * {@code aws:ResourceTag/...} conditions on actions that never carry the key. Such an action's
 * request context lacks the key, so the condition is false: an Allow never allows it and a Deny
 * never denies it, which is the dangerous half. With {@code NotAction} the statement always covers
 * such actions, known or future.
 */
final class TagConditionChecks
{
    private static final String RESOURCE_TAG_PREFIX = "aws:resourcetag/";

    private TagConditionChecks() {}

    static void check(StatementChecks.StatementNode statement, String effect, ValidationContext context)
    {
        Optional<TagKey> tagKey = resourceTagKey(statement);
        if (tagKey.isEmpty()) {
            return;
        }
        boolean deny = effect.equals("Deny");
        String key = tagKey.get().key().key();
        Location keyLocation = new Location(
                ValidationContext.path(statement.pathTo("Condition"), PathElement.value(tagKey.get().operator()), PathElement.key(key)),
                tagKey.get().key().keySpan());
        Optional<Member> notAction = statement.member("NotAction");
        if (notAction.isPresent()) {
            context.addAt(deny ? IssueCode.DENY_NOTACTION_WITH_UNSUPPORTED_TAG_CONDITION_KEY_FOR_SERVICE : IssueCode.ALLOW_NOTACTION_WITH_UNSUPPORTED_TAG_CONDITION_KEY_FOR_SERVICE,
                    List.of(keyLocation), key);
            return;
        }
        Optional<Member> action = statement.member("Action");
        if (action.isEmpty()) {
            return;
        }
        ServiceReference reference = context.reference();
        TreeSet<String> unsupported = new TreeSet<>();
        for (StringValues.Entry entry : StringValues.quietly(action.get().value(), statement.pathTo("Action"))) {
            for (String name : reference.actionsMatching(entry.value())) {
                if (!reference.actionSupportsConditionKey(name, key)) {
                    unsupported.add(name.substring(0, name.indexOf(':')));
                }
            }
        }
        if (!unsupported.isEmpty()) {
            context.addAt(deny ? IssueCode.DENY_WITH_UNSUPPORTED_TAG_CONDITION_KEY_FOR_SERVICE : IssueCode.ALLOW_WITH_UNSUPPORTED_TAG_CONDITION_KEY_FOR_SERVICE,
                    List.of(keyLocation), key, String.join(", ", unsupported));
        }
    }

    /** The first {@code aws:ResourceTag/...} key of the statement's conditions, ignoring IfExists and Null tests. */
    private record TagKey(String operator, Member key) {}

    private static Optional<TagKey> resourceTagKey(StatementChecks.StatementNode statement)
    {
        Optional<Member> condition = statement.member("Condition");
        if (condition.isEmpty() || !(condition.get().value() instanceof JsonObject block)) {
            return Optional.empty();
        }
        for (Member operator : block.members()) {
            // IfExists and Null conditions are written for requests without the key: they do not have the problem
            if (operator.key().endsWith("IfExists") || operator.key().endsWith("Null") || !(operator.value() instanceof JsonObject keys)) {
                continue;
            }
            for (Member key : keys.members()) {
                if (key.key().toLowerCase(Locale.ROOT).startsWith(RESOURCE_TAG_PREFIX)) {
                    return Optional.of(new TagKey(operator.key(), key));
                }
            }
        }
        return Optional.empty();
    }
}
