package dev.bulwark.policy.reference;

/**
 * The data type of a condition key, as AWS's reference names it. The type decides which condition
 * operators make sense with the key, and the {@code ArrayOf} types are the multivalued keys that
 * need {@code ForAllValues}/{@code ForAnyValue}.
 */
public enum ConditionKeyType
{
    STRING("String"),
    ARRAY_OF_STRING("ArrayOfString"),
    NUMERIC("Numeric"),
    ARRAY_OF_NUMERIC("ArrayOfNumeric"),
    DATE("Date"),
    ARRAY_OF_DATE("ArrayOfDate"),
    BOOL("Bool"),
    ARRAY_OF_BOOL("ArrayOfBool"),
    ARN("ARN"),
    ARRAY_OF_ARN("ArrayOfARN"),
    IP_ADDRESS("IPAddress"),
    ARRAY_OF_IP_ADDRESS("ArrayOfIPAddress"),
    BINARY("Binary"),
    ARRAY_OF_BINARY("ArrayOfBinary");

    private final String awsName;

    ConditionKeyType(String awsName)
    {
        this.awsName = awsName;
    }

    public String awsName()
    {
        return awsName;
    }

    /** True for keys whose request value is a set of values rather than one value. */
    public boolean isMultivalued()
    {
        return awsName.startsWith("ArrayOf");
    }

    public static ConditionKeyType fromAwsName(String awsName)
    {
        for (ConditionKeyType type : values()) {
            if (type.awsName.equals(awsName)) {
                return type;
            }
        }
        throw new IllegalArgumentException("unknown condition key type: " + awsName);
    }
}
