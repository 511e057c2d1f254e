package dev.bulwark.policy.document;

import static java.util.Objects.requireNonNull;

import java.util.Locale;
import java.util.Optional;

/**
 * A parsed condition operator name such as {@code ForAnyValue:StringLikeIfExists}: an optional set qualifier, the
 * base operator and the {@code IfExists} suffix. {@code text} keeps the name as written.
 */
public record ConditionOperator(String text, SetQualifier qualifier, BaseOperator base, boolean ifExists)
{
    private static final String IF_EXISTS = "IfExists";

    public ConditionOperator
    {
        requireNonNull(text, "text is null");
        requireNonNull(qualifier, "qualifier is null");
        requireNonNull(base, "base is null");
    }

    /** Parses an operator name; names are matched case-insensitively, as IAM does. */
    public static Optional<ConditionOperator> parse(String text)
    {
        String rest = text;
        SetQualifier qualifier = SetQualifier.NONE;
        int colon = rest.indexOf(':');
        if (colon >= 0) {
            Optional<SetQualifier> parsed = SetQualifier.fromPrefix(rest.substring(0, colon));
            if (parsed.isEmpty()) {
                return Optional.empty();
            }
            qualifier = parsed.get();
            rest = rest.substring(colon + 1);
        }
        boolean ifExists = false;
        if (rest.length() > IF_EXISTS.length() && rest.regionMatches(true, rest.length() - IF_EXISTS.length(), IF_EXISTS, 0, IF_EXISTS.length())) {
            ifExists = true;
            rest = rest.substring(0, rest.length() - IF_EXISTS.length());
        }
        Optional<BaseOperator> base = BaseOperator.fromName(rest);
        if (base.isEmpty() || (ifExists && base.get() == BaseOperator.NULL)) {
            return Optional.empty();
        }
        return Optional.of(new ConditionOperator(text, qualifier, base.get(), ifExists));
    }

    /** {@code ForAllValues:} / {@code ForAnyValue:} or neither. */
    public enum SetQualifier
    {
        NONE(""),
        FOR_ALL_VALUES("ForAllValues"),
        FOR_ANY_VALUE("ForAnyValue");

        private final String prefix;

        SetQualifier(String prefix)
        {
            this.prefix = prefix;
        }

        static Optional<SetQualifier> fromPrefix(String text)
        {
            for (SetQualifier qualifier : values()) {
                if (qualifier != NONE && qualifier.prefix.equalsIgnoreCase(text)) {
                    return Optional.of(qualifier);
                }
            }
            return Optional.empty();
        }
    }

    /** The value family an operator compares in; it decides how policy and request values are parsed. */
    public enum Family
    {
        STRING, NUMERIC, DATE, BOOL, BINARY, IP, ARN, NULL
    }

    /** Every base operator of the IAM policy language. */
    public enum BaseOperator
    {
        STRING_EQUALS("StringEquals", Family.STRING, false),
        STRING_NOT_EQUALS("StringNotEquals", Family.STRING, true),
        STRING_EQUALS_IGNORE_CASE("StringEqualsIgnoreCase", Family.STRING, false),
        STRING_NOT_EQUALS_IGNORE_CASE("StringNotEqualsIgnoreCase", Family.STRING, true),
        STRING_LIKE("StringLike", Family.STRING, false),
        STRING_NOT_LIKE("StringNotLike", Family.STRING, true),
        NUMERIC_EQUALS("NumericEquals", Family.NUMERIC, false),
        NUMERIC_NOT_EQUALS("NumericNotEquals", Family.NUMERIC, true),
        NUMERIC_LESS_THAN("NumericLessThan", Family.NUMERIC, false),
        NUMERIC_LESS_THAN_EQUALS("NumericLessThanEquals", Family.NUMERIC, false),
        NUMERIC_GREATER_THAN("NumericGreaterThan", Family.NUMERIC, false),
        NUMERIC_GREATER_THAN_EQUALS("NumericGreaterThanEquals", Family.NUMERIC, false),
        DATE_EQUALS("DateEquals", Family.DATE, false),
        DATE_NOT_EQUALS("DateNotEquals", Family.DATE, true),
        DATE_LESS_THAN("DateLessThan", Family.DATE, false),
        DATE_LESS_THAN_EQUALS("DateLessThanEquals", Family.DATE, false),
        DATE_GREATER_THAN("DateGreaterThan", Family.DATE, false),
        DATE_GREATER_THAN_EQUALS("DateGreaterThanEquals", Family.DATE, false),
        BOOL("Bool", Family.BOOL, false),
        BINARY_EQUALS("BinaryEquals", Family.BINARY, false),
        IP_ADDRESS("IpAddress", Family.IP, false),
        NOT_IP_ADDRESS("NotIpAddress", Family.IP, true),
        ARN_EQUALS("ArnEquals", Family.ARN, false),
        ARN_LIKE("ArnLike", Family.ARN, false),
        ARN_NOT_EQUALS("ArnNotEquals", Family.ARN, true),
        ARN_NOT_LIKE("ArnNotLike", Family.ARN, true),
        NULL("Null", Family.NULL, false);

        private final String operatorName;
        private final Family family;
        private final boolean negated;

        BaseOperator(String operatorName, Family family, boolean negated)
        {
            this.operatorName = operatorName;
            this.family = family;
            this.negated = negated;
        }

        public String operatorName()
        {
            return operatorName;
        }

        public Family family()
        {
            return family;
        }

        /** Negated operators match when the key is absent, and match only if no value compares equal. */
        public boolean negated()
        {
            return negated;
        }

        static Optional<BaseOperator> fromName(String name)
        {
            String lower = name.toLowerCase(Locale.ROOT);
            for (BaseOperator operator : values()) {
                if (operator.operatorName.toLowerCase(Locale.ROOT).equals(lower)) {
                    return Optional.of(operator);
                }
            }
            return Optional.empty();
        }
    }
}
