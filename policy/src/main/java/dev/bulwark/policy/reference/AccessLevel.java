package dev.bulwark.policy.reference;

/**
 * The access level AWS's service authorization reference assigns to every action; IAM's policy
 * summaries and Access Analyzer group permissions by it.
 */
public enum AccessLevel
{
    LIST("List"),
    READ("Read"),
    WRITE("Write"),
    PERMISSIONS_MANAGEMENT("Permissions management"),
    TAGGING("Tagging");

    private final String awsName;

    AccessLevel(String awsName)
    {
        this.awsName = awsName;
    }

    /** The level as AWS's reference spells it, for example {@code Permissions management}. */
    public String awsName()
    {
        return awsName;
    }

    public static AccessLevel fromAwsName(String awsName)
    {
        for (AccessLevel level : values()) {
            if (level.awsName.equals(awsName)) {
                return level;
            }
        }
        throw new IllegalArgumentException("unknown access level: " + awsName);
    }
}
