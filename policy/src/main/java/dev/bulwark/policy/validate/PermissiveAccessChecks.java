package dev.bulwark.policy.validate;

import dev.bulwark.policy.validate.JsonValue.JsonObject;
import dev.bulwark.policy.validate.JsonValue.Member;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Allow statements that grant more than they likely mean to: {@code NotPrincipal} with Allow, and
 * {@code iam:PassRole} or {@code iam:CreateServiceLinkedRole} over every role, which Access Analyzer
 * reports because either lets a principal hand roles to services it controls.
 */
final class PermissiveAccessChecks
{
    private static final String PASS_ROLE = "iam:passrole";
    private static final String CREATE_SLR = "iam:createservicelinkedrole";

    private PermissiveAccessChecks() {}

    /** How a statement's action element reaches one sensitive action. */
    private enum ActionReach
    {
        NONE,
        NAMED,
        WILDCARD,
        NOT_ACTION
    }

    static void check(StatementChecks.StatementNode statement, ValidationContext context)
    {
        statement.member("NotPrincipal").ifPresent(notPrincipal -> context.add(
                IssueCode.ALLOW_WITH_NOT_PRINCIPAL, ValidationContext.path(statement.path(), PathElement.key("NotPrincipal")), notPrincipal.keySpan()));
        if (context.policyType() != PolicyType.IDENTITY_POLICY) {
            return;
        }
        checkSensitiveAction(statement, PASS_ROLE, "iam:PassedToService", context,
                IssueCode.PASS_ROLE_WITH_STAR_IN_RESOURCE, IssueCode.PASS_ROLE_WITH_STAR_IN_ACTION_AND_RESOURCE, IssueCode.PASS_ROLE_WITH_STAR_IN_RESOURCE_AND_NOT_ACTION,
                IssueCode.PASS_ROLE_WITH_NOT_RESOURCE, IssueCode.PASS_ROLE_WITH_STAR_IN_ACTION_AND_NOT_RESOURCE, IssueCode.PASS_ROLE_WITH_NOT_ACTION_AND_NOT_RESOURCE);
        checkSensitiveAction(statement, CREATE_SLR, "iam:AWSServiceName", context,
                IssueCode.CREATE_SLR_WITH_STAR_IN_RESOURCE, IssueCode.CREATE_SLR_WITH_STAR_IN_ACTION_AND_RESOURCE, IssueCode.CREATE_SLR_WITH_STAR_IN_RESOURCE_AND_NOT_ACTION,
                IssueCode.CREATE_SLR_WITH_NOT_RESOURCE, IssueCode.CREATE_SLR_WITH_STAR_IN_ACTION_AND_NOT_RESOURCE, IssueCode.CREATE_SLR_WITH_NOT_ACTION_AND_NOT_RESOURCE);
    }

    private static void checkSensitiveAction(
            StatementChecks.StatementNode statement,
            String action,
            String limitingKey,
            ValidationContext context,
            IssueCode starInResource,
            IssueCode starInActionAndResource,
            IssueCode starInResourceAndNotAction,
            IssueCode notResource,
            IssueCode starInActionAndNotResource,
            IssueCode notActionAndNotResource)
    {
        ActionReach reach = reach(statement, action);
        if (reach == ActionReach.NONE) {
            return;
        }
        Optional<Member> notResourceMember = statement.member("NotResource");
        if (notResourceMember.isPresent()) {
            IssueCode code = switch (reach) {
                case NAMED -> notResource;
                case WILDCARD -> starInActionAndNotResource;
                case NOT_ACTION -> notActionAndNotResource;
                case NONE -> throw new IllegalStateException("unreachable");
            };
            context.add(code, ValidationContext.path(statement.path(), PathElement.key("NotResource")), notResourceMember.get().keySpan());
            return;
        }
        // a condition on the service the role is passed to (or created for) is the recommended limit
        if (hasConditionKey(statement, limitingKey)) {
            return;
        }
        Optional<Member> resource = statement.member("Resource");
        if (resource.isEmpty()) {
            return;
        }
        List<PathElement> resourcePath = statement.pathTo("Resource");
        for (StringValues.Entry entry : StringValues.quietly(resource.get().value(), resourcePath)) {
            if (coversAllRoles(entry.value())) {
                IssueCode code = switch (reach) {
                    case NAMED -> starInResource;
                    case WILDCARD -> starInActionAndResource;
                    case NOT_ACTION -> starInResourceAndNotAction;
                    case NONE -> throw new IllegalStateException("unreachable");
                };
                context.add(code, entry.path(), entry.span());
                return;
            }
        }
    }

    private static ActionReach reach(StatementChecks.StatementNode statement, String lowerAction)
    {
        Optional<Member> notAction = statement.member("NotAction");
        if (notAction.isPresent()) {
            boolean excluded = strings(notAction.get()).stream().anyMatch(pattern -> matches(pattern, lowerAction));
            return excluded ? ActionReach.NONE : ActionReach.NOT_ACTION;
        }
        Optional<Member> action = statement.member("Action");
        if (action.isEmpty()) {
            return ActionReach.NONE;
        }
        ActionReach reach = ActionReach.NONE;
        for (String pattern : strings(action.get())) {
            String lower = pattern.toLowerCase(Locale.ROOT);
            if (lower.equals(lowerAction)) {
                return ActionReach.NAMED;
            }
            if (matches(lower, lowerAction)) {
                reach = ActionReach.WILDCARD;
            }
        }
        return reach;
    }

    /** A resource value that covers every role: {@code *}, or an ARN whose resource part is only a wildcard. */
    private static boolean coversAllRoles(String resource)
    {
        if (resource.equals("*")) {
            return true;
        }
        String[] fields = resource.split(":", 6);
        if (fields.length < 6) {
            return false;
        }
        String resourcePart = fields[5];
        return resourcePart.equals("*") || resourcePart.equals("role/*") || resourcePart.equals("role*");
    }

    private static boolean hasConditionKey(StatementChecks.StatementNode statement, String key)
    {
        Optional<Member> condition = statement.member("Condition");
        if (condition.isEmpty() || !(condition.get().value() instanceof JsonObject block)) {
            return false;
        }
        return block.members().stream()
                .filter(operator -> operator.value() instanceof JsonObject)
                .flatMap(operator -> ((JsonObject) operator.value()).members().stream())
                .anyMatch(member -> member.key().equalsIgnoreCase(key));
    }

    private static List<String> strings(Member member)
    {
        if (member.value() instanceof JsonValue.JsonString string) {
            return List.of(string.value());
        }
        if (member.value() instanceof JsonValue.JsonArray array) {
            return array.elements().stream()
                    .filter(JsonValue.JsonString.class::isInstance)
                    .map(element -> ((JsonValue.JsonString) element).value())
                    .toList();
        }
        return List.of();
    }

    private static boolean matches(String pattern, String lowerAction)
    {
        return ActionPatterns.matches(pattern.toLowerCase(Locale.ROOT), lowerAction);
    }
}
