package dev.bulwark.server.services.iam.model;

/** ARN building for IAM entities: {@code arn:aws:iam::<account>:<type><path><name>}. */
final class Arns
{
    /** The only partition Bulwark serves today. */
    static final String PARTITION = "aws";

    private Arns() {}

    static String iam(String accountId, String type, String path, String name)
    {
        return "arn:" + PARTITION + ":iam::" + accountId + ":" + type + path + name;
    }

    static String requirePath(String path)
    {
        if (path == null || !path.startsWith("/") || !path.endsWith("/")) {
            throw new IllegalArgumentException("IAM path must begin and end with '/': " + path);
        }
        return path;
    }

    static String requireAccountId(String accountId)
    {
        if (accountId == null || !accountId.matches("\\d{12}")) {
            throw new IllegalArgumentException("account id must be 12 digits: " + accountId);
        }
        return accountId;
    }
}
