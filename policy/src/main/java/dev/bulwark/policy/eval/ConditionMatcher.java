package dev.bulwark.policy.eval;

import dev.bulwark.policy.document.ConditionClause;
import dev.bulwark.policy.document.ConditionOperator;
import dev.bulwark.policy.document.ConditionOperator.BaseOperator;
import dev.bulwark.policy.document.ConditionOperator.Family;
import dev.bulwark.policy.document.ConditionOperator.SetQualifier;
import dev.bulwark.policy.document.PolicyDates;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * One compiled condition clause ({@code operator: {key: values}}), following AWS's "Condition" docs:
 * <ul>
 * <li>values listed for one key are ORed; the caller ANDs the clauses of a statement;</li>
 * <li>key absent: positive operators are false, negated ones ({@code StringNotEquals}, {@code NotIpAddress},
 *     {@code ArnNotLike}...) true, {@code ...IfExists} true, {@code Null} decides on presence;</li>
 * <li>{@code ForAllValues:} is true when the key is absent or empty, {@code ForAnyValue:} false;</li>
 * <li>a negated operator matches only if no policy value compares equal to the request value.</li>
 * </ul>
 * Policy values are parsed once at compile time; only values with policy variables are rendered per request.
 */
final class ConditionMatcher
{
    private final ConditionOperator operator;
    private final String key;
    /** Per policy value: its compiled form, or null when the value can never match (e.g. not a number). */
    private final Object[] compiled;
    /** Per policy value: its variables, or null when it is fixed text. */
    private final PolicyVariables[] templates;

    private ConditionMatcher(ConditionOperator operator, String key, Object[] compiled, PolicyVariables[] templates)
    {
        this.operator = operator;
        this.key = key;
        this.compiled = compiled;
        this.templates = templates;
    }

    static ConditionMatcher compile(ConditionClause clause, boolean substituteVariables)
    {
        ConditionOperator operator = clause.operator();
        Family family = operator.base().family();
        boolean canSubstitute = substituteVariables && (family == Family.STRING || family == Family.ARN);
        List<String> values = clause.values();
        Object[] compiled = new Object[values.size()];
        PolicyVariables[] templates = new PolicyVariables[values.size()];
        for (int i = 0; i < values.size(); i++) {
            String value = values.get(i);
            PolicyVariables variables = canSubstitute ? PolicyVariables.parse(value) : null;
            if (variables != null && variables.hasVariables()) {
                templates[i] = variables;
            }
            else {
                compiled[i] = compileValue(operator.base(), value, null);
            }
        }
        return new ConditionMatcher(operator, clause.key().toLowerCase(Locale.ROOT), compiled, templates);
    }

    private static Object compileValue(BaseOperator base, String value, boolean[] literal)
    {
        switch (base.family()) {
            case STRING:
                if (base == BaseOperator.STRING_LIKE || base == BaseOperator.STRING_NOT_LIKE) {
                    return Glob.compile(value, literal);
                }
                return value;
            case NUMERIC:
                return parseNumber(value);
            case DATE:
                return parseDate(value);
            case BOOL:
            case BINARY:
            case NULL:
                return value;
            case IP:
                return IpCidr.parse(value);
            case ARN:
                return ArnPattern.compile(value, literal);
        }
        throw new IllegalStateException("unknown family " + base.family());
    }

    boolean matches(RequestContext context)
    {
        List<String> present = context.getLowerCased(key);
        boolean absent = present == null || present.isEmpty();
        BaseOperator base = operator.base();
        if (base == BaseOperator.NULL) {
            for (int i = 0; i < compiled.length; i++) {
                boolean wantsAbsent = "true".equalsIgnoreCase((String) compiled[i]);
                if (wantsAbsent == absent) {
                    return true;
                }
            }
            return false;
        }
        if (absent) {
            if (operator.ifExists()) {
                return true;
            }
            return switch (operator.qualifier()) {
                case FOR_ALL_VALUES -> true;
                case FOR_ANY_VALUE -> false;
                case NONE -> base.negated();
            };
        }
        Object[] values = resolve(context);
        if (operator.qualifier() == SetQualifier.FOR_ALL_VALUES) {
            for (String requestValue : present) {
                if (!valueMatches(requestValue, values)) {
                    return false;
                }
            }
            return true;
        }
        if (operator.qualifier() == SetQualifier.FOR_ANY_VALUE) {
            for (String requestValue : present) {
                if (valueMatches(requestValue, values)) {
                    return true;
                }
            }
            return false;
        }
        // A single-valued operator on several request values: positive operators need one value to match,
        // negated ones need every value to differ.
        if (base.negated()) {
            for (String requestValue : present) {
                if (!valueMatches(requestValue, values)) {
                    return false;
                }
            }
            return true;
        }
        for (String requestValue : present) {
            if (valueMatches(requestValue, values)) {
                return true;
            }
        }
        return false;
    }

    /** Whether one request value satisfies the operator against the ORed policy values (negation included). */
    private boolean valueMatches(String requestValue, Object[] values)
    {
        boolean any = false;
        if (operator.base().family() == Family.IP) {
            // Parse the request address once, not once per CIDR.
            byte[] address = IpCidr.parseAddress(requestValue);
            for (Object value : values) {
                if (value != null && ((IpCidr) value).contains(address)) {
                    any = true;
                    break;
                }
            }
            return operator.base().negated() != any;
        }
        for (Object value : values) {
            if (value != null && compare(requestValue, value)) {
                any = true;
                break;
            }
        }
        return operator.base().negated() != any;
    }

    private Object[] resolve(RequestContext context)
    {
        boolean dynamic = false;
        for (PolicyVariables template : templates) {
            if (template != null) {
                dynamic = true;
                break;
            }
        }
        if (!dynamic) {
            return compiled;
        }
        Object[] values = compiled.clone();
        for (int i = 0; i < templates.length; i++) {
            if (templates[i] != null) {
                PolicyVariables.Rendered rendered = templates[i].render(context);
                values[i] = rendered == null ? null : compileValue(operator.base(), rendered.text(), rendered.literal());
            }
        }
        return values;
    }

    /** The positive comparison of the operator's family; negation is applied by the caller. */
    private boolean compare(String requestValue, Object policyValue)
    {
        BaseOperator base = operator.base();
        switch (base) {
            case STRING_EQUALS:
            case STRING_NOT_EQUALS:
            case BINARY_EQUALS:
                return requestValue.equals(policyValue);
            case STRING_EQUALS_IGNORE_CASE:
            case STRING_NOT_EQUALS_IGNORE_CASE:
            case BOOL:
                return requestValue.equalsIgnoreCase((String) policyValue);
            case STRING_LIKE:
            case STRING_NOT_LIKE:
                return ((Glob) policyValue).matches(requestValue);
            case IP_ADDRESS:
            case NOT_IP_ADDRESS:
                return ((IpCidr) policyValue).contains(requestValue);
            case ARN_EQUALS:
            case ARN_LIKE:
            case ARN_NOT_EQUALS:
            case ARN_NOT_LIKE:
                return ((ArnPattern) policyValue).matches(SplitArn.of(requestValue));
            default:
                break;
        }
        int order;
        if (base.family() == Family.NUMERIC) {
            BigDecimal number = parseNumber(requestValue);
            if (number == null) {
                return false;
            }
            order = number.compareTo((BigDecimal) policyValue);
        }
        else if (base.family() == Family.DATE) {
            Instant date = parseDate(requestValue);
            if (date == null) {
                return false;
            }
            order = date.compareTo((Instant) policyValue);
        }
        else {
            throw new IllegalStateException("no comparison for " + base);
        }
        return switch (base) {
            case NUMERIC_EQUALS, NUMERIC_NOT_EQUALS, DATE_EQUALS, DATE_NOT_EQUALS -> order == 0;
            case NUMERIC_LESS_THAN, DATE_LESS_THAN -> order < 0;
            case NUMERIC_LESS_THAN_EQUALS, DATE_LESS_THAN_EQUALS -> order <= 0;
            case NUMERIC_GREATER_THAN, DATE_GREATER_THAN -> order > 0;
            case NUMERIC_GREATER_THAN_EQUALS, DATE_GREATER_THAN_EQUALS -> order >= 0;
            default -> throw new IllegalStateException("no comparison for " + base);
        };
    }

    private static BigDecimal parseNumber(String text)
    {
        try {
            return new BigDecimal(text.trim());
        }
        catch (NumberFormatException e) {
            return null;
        }
    }

    private static Instant parseDate(String text)
    {
        try {
            return PolicyDates.parse(text);
        }
        catch (java.time.DateTimeException | NumberFormatException e) {
            return null;
        }
    }
}
