package dev.bulwark.policy.validate;

import static java.util.Objects.requireNonNull;

import dev.bulwark.policy.validate.JsonValue.JsonObject;
import dev.bulwark.policy.validate.JsonValue.JsonString;
import dev.bulwark.policy.validate.JsonValue.Member;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/** The checks of one statement: its elements, then each element's values. */
final class StatementChecks
{
    private static final Set<String> STATEMENT_ELEMENTS = Set.of(
            "Sid", "Effect", "Principal", "NotPrincipal", "Action", "NotAction", "Resource", "NotResource", "Condition");
    /** IAM accepts only letters and digits in the Sid of identity policies and SCPs. */
    private static final Pattern ALPHANUMERIC = Pattern.compile("[A-Za-z0-9]*");

    private StatementChecks() {}

    /** A statement object and the path to it. */
    record StatementNode(JsonObject object, List<PathElement> path)
    {
        StatementNode
        {
            requireNonNull(object, "object is null");
            path = List.copyOf(requireNonNull(path, "path is null"));
        }

        Optional<Member> member(String key)
        {
            return object.member(key);
        }

        List<PathElement> pathTo(String key)
        {
            return ValidationContext.path(path, PathElement.value(key));
        }

        /** An empty span at the statement's opening brace, for findings about a missing element. */
        Span start()
        {
            return new Span(object.span().start(), object.span().start());
        }
    }

    static void check(StatementNode statement, ValidationContext context)
    {
        for (Member member : statement.object().members()) {
            if (!STATEMENT_ELEMENTS.contains(member.key())) {
                context.add(IssueCode.INVALID_POLICY_ELEMENT, ValidationContext.path(statement.path(), PathElement.key(member.key())), member.keySpan(), member.key());
            }
        }
        checkSid(statement, context);
        Optional<String> effect = checkEffect(statement, context);
        checkCombination(statement, "Action", "NotAction", context);
        checkCombination(statement, "Resource", "NotResource", context);
        checkCombination(statement, "Principal", "NotPrincipal", context);

        PrincipalChecks.check(statement, context);
        List<StringValues.Entry> actions = ActionChecks.check(statement, context);
        List<StringValues.Entry> resources = ResourceChecks.check(statement, context);
        ConditionChecks.check(statement, effect, context);
        if (effect.filter("Allow"::equals).isPresent()) {
            PermissiveAccessChecks.check(statement, context);
        }
        effect.ifPresent(value -> TagConditionChecks.check(statement, value, context));
        RedundancyChecks.checkActions(statement, actions, context);
        RedundancyChecks.checkResources(statement, resources, context);
    }

    private static void checkSid(StatementNode statement, ValidationContext context)
    {
        statement.member("Sid").ifPresent(sid -> {
            List<PathElement> path = statement.pathTo("Sid");
            if (!(sid.value() instanceof JsonString string)) {
                context.add(IssueCode.DATA_TYPE_MISMATCH, path, sid.value().span(), "String");
                return;
            }
            if (string.value().isEmpty()) {
                context.add(IssueCode.EMPTY_SID_VALUE, path, string.span());
            }
            else if (context.policyType() != PolicyType.RESOURCE_POLICY && !ALPHANUMERIC.matcher(string.value()).matches()) {
                context.add(IssueCode.UNSUPPORTED_SID, path, string.span());
            }
        });
    }

    private static Optional<String> checkEffect(StatementNode statement, ValidationContext context)
    {
        Optional<Member> effect = statement.member("Effect");
        if (effect.isEmpty()) {
            context.add(IssueCode.MISSING_EFFECT, statement.path(), statement.start());
            return Optional.empty();
        }
        List<PathElement> path = statement.pathTo("Effect");
        if (!(effect.get().value() instanceof JsonString string)) {
            context.add(IssueCode.DATA_TYPE_MISMATCH, path, effect.get().value().span(), "String");
            return Optional.empty();
        }
        // IAM compares the effect case-sensitively: "allow" is rejected
        if (!string.value().equals("Allow") && !string.value().equals("Deny")) {
            context.add(IssueCode.INVALID_EFFECT, path, string.span(), string.value());
            return Optional.empty();
        }
        return Optional.of(string.value());
    }

    private static void checkCombination(StatementNode statement, String element, String negated, ValidationContext context)
    {
        Optional<Member> second = statement.member(negated);
        if (statement.member(element).isPresent() && second.isPresent()) {
            context.add(IssueCode.UNSUPPORTED_ELEMENT_COMBINATION, ValidationContext.path(statement.path(), PathElement.key(negated)), second.get().keySpan(), element, negated);
        }
    }
}
