package dev.bulwark.policy.validate;

import static java.util.Objects.requireNonNull;

import java.util.Map;
import java.util.Optional;

/**
 * A condition operator as written in a policy, split into its parts: an optional set qualifier
 * ({@code ForAllValues:} / {@code ForAnyValue:}), the base operator and an optional
 * {@code IfExists} suffix.
 */
record ConditionOperatorName(String written, Optional<String> qualifier, String base, Family family, boolean ifExists)
{
    /** The operator families of the IAM policy grammar, named as Access Analyzer names operator types. */
    enum Family
    {
        STRING("String"),
        NUMERIC("Numeric"),
        DATE("Date"),
        BOOL("Bool"),
        BINARY("Binary"),
        IP_ADDRESS("IPAddress"),
        ARN("Arn"),
        NULL("Null");

        private final String typeName;

        Family(String typeName)
        {
            this.typeName = typeName;
        }

        String typeName()
        {
            return typeName;
        }
    }

    private static final Map<String, Family> BASE_OPERATORS = Map.ofEntries(
            Map.entry("StringEquals", Family.STRING),
            Map.entry("StringNotEquals", Family.STRING),
            Map.entry("StringEqualsIgnoreCase", Family.STRING),
            Map.entry("StringNotEqualsIgnoreCase", Family.STRING),
            Map.entry("StringLike", Family.STRING),
            Map.entry("StringNotLike", Family.STRING),
            Map.entry("NumericEquals", Family.NUMERIC),
            Map.entry("NumericNotEquals", Family.NUMERIC),
            Map.entry("NumericLessThan", Family.NUMERIC),
            Map.entry("NumericLessThanEquals", Family.NUMERIC),
            Map.entry("NumericGreaterThan", Family.NUMERIC),
            Map.entry("NumericGreaterThanEquals", Family.NUMERIC),
            Map.entry("DateEquals", Family.DATE),
            Map.entry("DateNotEquals", Family.DATE),
            Map.entry("DateLessThan", Family.DATE),
            Map.entry("DateLessThanEquals", Family.DATE),
            Map.entry("DateGreaterThan", Family.DATE),
            Map.entry("DateGreaterThanEquals", Family.DATE),
            Map.entry("Bool", Family.BOOL),
            Map.entry("BinaryEquals", Family.BINARY),
            Map.entry("IpAddress", Family.IP_ADDRESS),
            Map.entry("NotIpAddress", Family.IP_ADDRESS),
            Map.entry("ArnEquals", Family.ARN),
            Map.entry("ArnLike", Family.ARN),
            Map.entry("ArnNotEquals", Family.ARN),
            Map.entry("ArnNotLike", Family.ARN),
            Map.entry("Null", Family.NULL));

    ConditionOperatorName
    {
        requireNonNull(written, "written is null");
        requireNonNull(qualifier, "qualifier is null");
        requireNonNull(base, "base is null");
        requireNonNull(family, "family is null");
    }

    /** The operator, or empty when IAM does not know it. */
    static Optional<ConditionOperatorName> parse(String written)
    {
        String rest = written;
        Optional<String> qualifier = Optional.empty();
        for (String prefix : new String[] {"ForAllValues:", "ForAnyValue:"}) {
            if (rest.startsWith(prefix)) {
                qualifier = Optional.of(prefix.substring(0, prefix.length() - 1));
                rest = rest.substring(prefix.length());
                break;
            }
        }
        boolean ifExists = rest.endsWith("IfExists");
        String base = ifExists ? rest.substring(0, rest.length() - "IfExists".length()) : rest;
        Family family = BASE_OPERATORS.get(base);
        if (family == null) {
            return Optional.empty();
        }
        return Optional.of(new ConditionOperatorName(written, qualifier, base, family, ifExists));
    }

    boolean isNegated()
    {
        return base.contains("Not");
    }
}
