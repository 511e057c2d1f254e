package dev.bulwark.policy.validate;

/**
 * The syntax of policy variables ({@code ${aws:username}}, {@code ${aws:PrincipalTag/team, 'none'}})
 * inside a string value. IAM substitutes them in {@code Resource} and in condition values, and only
 * under version 2012-10-17.
 */
final class PolicyVariables
{
    private PolicyVariables() {}

    static boolean hasVariable(String value)
    {
        return value.contains("${");
    }

    /** Reports variable syntax problems in one value; returns whether it uses a variable at all. */
    static boolean check(StringValues.Entry entry, ValidationContext context)
    {
        String value = entry.value();
        int start = value.indexOf("${");
        if (start < 0) {
            return false;
        }
        while (start >= 0) {
            int end = value.indexOf('}', start + 2);
            if (end < 0) {
                context.add(IssueCode.MISSING_BRACE_IN_VARIABLE, entry.path(), entry.span());
                break;
            }
            String inside = value.substring(start + 2, end);
            if (inside.isBlank()) {
                context.add(IssueCode.EMPTY_VARIABLE, entry.path(), entry.span());
            }
            else if (variableName(inside).contains(" ")) {
                context.add(IssueCode.UNSUPPORTED_SPACE_IN_VARIABLE, entry.path(), entry.span());
            }
            start = value.indexOf("${", end + 1);
        }
        if (!context.variablesSupported()) {
            context.add(IssueCode.VARIABLE_UNSUPPORTED_IN_VERSION, entry.path(), entry.span());
        }
        return true;
    }

    /** The variable name without a default value: the default ({@code , 'text'}) may contain spaces. */
    private static String variableName(String inside)
    {
        int comma = inside.indexOf(',');
        return comma < 0 ? inside : inside.substring(0, comma);
    }
}
