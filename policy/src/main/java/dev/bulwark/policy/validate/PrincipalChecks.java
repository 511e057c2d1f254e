package dev.bulwark.policy.validate;

import dev.bulwark.policy.validate.JsonValue.JsonObject;
import dev.bulwark.policy.validate.JsonValue.JsonString;
import dev.bulwark.policy.validate.JsonValue.Member;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/** {@code Principal} and {@code NotPrincipal}: where they are allowed, and the shape of their values. */
final class PrincipalChecks
{
    private static final Set<String> PRINCIPAL_KEYS = Set.of("AWS", "Service", "Federated", "CanonicalUser");
    /** Unique IDs of roles (AROA...) and users (AIDA...): IAM stores them when the principal is deleted. */
    private static final Pattern ROLE_ID = Pattern.compile("AROA[A-Z0-9]{12,}");
    private static final Pattern USER_ID = Pattern.compile("AIDA[A-Z0-9]{12,}");

    private PrincipalChecks() {}

    static void check(StatementChecks.StatementNode statement, ValidationContext context)
    {
        Optional<Member> principal = statement.member("Principal");
        Optional<Member> notPrincipal = statement.member("NotPrincipal");
        Optional<Member> present = principal.isPresent() ? principal : notPrincipal;
        switch (context.policyType()) {
            case IDENTITY_POLICY -> {
                present.ifPresent(member -> context.add(
                        IssueCode.UNSUPPORTED_PRINCIPAL, ValidationContext.path(statement.path(), PathElement.key(member.key())), member.keySpan(), "IDENTITY_POLICY"));
                return;
            }
            case SERVICE_CONTROL_POLICY -> {
                present.ifPresent(member -> context.add(
                        IssueCode.SCP_SYNTAX_ERROR_PRINCIPAL, ValidationContext.path(statement.path(), PathElement.key(member.key())), member.keySpan()));
                return;
            }
            case RESOURCE_POLICY, RESOURCE_CONTROL_POLICY -> {
                if (present.isEmpty()) {
                    context.add(IssueCode.MISSING_PRINCIPAL, statement.path(), statement.start());
                    return;
                }
            }
        }
        checkValue(present.get(), statement.pathTo(present.get().key()), context);
    }

    private static void checkValue(Member member, List<PathElement> path, ValidationContext context)
    {
        JsonValue value = member.value();
        if (value instanceof JsonString string) {
            if (!string.value().equals("*")) {
                context.add(IssueCode.INVALID_PRINCIPAL_FORMAT, path, string.span());
            }
            return;
        }
        if (!(value instanceof JsonObject object)) {
            context.add(IssueCode.INVALID_PRINCIPAL_FORMAT, path, value.span());
            return;
        }
        if (object.members().isEmpty()) {
            context.add(IssueCode.EMPTY_OBJECT_PRINCIPAL, path, object.span());
            return;
        }
        for (Member entry : object.members()) {
            if (!PRINCIPAL_KEYS.contains(entry.key())) {
                context.add(IssueCode.INVALID_PRINCIPAL_KEY, ValidationContext.path(path, PathElement.key(entry.key())), entry.keySpan(), entry.key());
                continue;
            }
            List<PathElement> valuePath = ValidationContext.path(path, PathElement.value(entry.key()));
            if (StringValues.isEmptyArray(entry.value())) {
                context.add(IssueCode.EMPTY_ARRAY_PRINCIPAL, valuePath, entry.value().span());
                continue;
            }
            for (StringValues.Entry principal : StringValues.of(entry.value(), valuePath, context)) {
                checkPrincipal(entry.key(), principal, context);
            }
        }
    }

    private static void checkPrincipal(String type, StringValues.Entry principal, ValidationContext context)
    {
        String value = principal.value();
        if (PolicyVariables.hasVariable(value)) {
            context.add(IssueCode.VARIABLE_UNSUPPORTED_IN_ELEMENT, principal.path(), principal.span());
            return;
        }
        if (type.equals("AWS")) {
            if (!value.equals("*") && (value.contains("*") || value.contains("?"))) {
                context.add(IssueCode.UNSUPPORTED_WILDCARD_IN_PRINCIPAL, principal.path(), principal.span(), type);
            }
            else if (ROLE_ID.matcher(value).matches()) {
                context.add(IssueCode.INVALID_ROLE_REFERENCE, principal.path(), principal.span(), value);
            }
            else if (USER_ID.matcher(value).matches()) {
                context.add(IssueCode.INVALID_USER_REFERENCE, principal.path(), principal.span(), value);
            }
        }
        else if ((type.equals("Service") || type.equals("CanonicalUser")) && (value.contains("*") || value.contains("?"))) {
            context.add(IssueCode.UNSUPPORTED_WILDCARD_IN_PRINCIPAL, principal.path(), principal.span(), type);
        }
    }
}
