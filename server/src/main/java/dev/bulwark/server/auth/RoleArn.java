package dev.bulwark.server.auth;

import java.util.Optional;

import static java.util.Objects.requireNonNull;

/** The account and name in a role ARN ({@code arn:aws:iam::<account>:role<path><name>}). */
public record RoleArn(String accountId, String name)
{
    public RoleArn
    {
        requireNonNull(accountId, "accountId is null");
        requireNonNull(name, "name is null");
    }

    /** Empty for anything that is not an IAM role ARN with a 12-digit account. */
    public static Optional<RoleArn> parse(String arn)
    {
        if (arn == null) {
            return Optional.empty();
        }
        String[] parts = arn.split(":", 6);
        if (parts.length != 6 || !parts[0].equals("arn") || !parts[2].equals("iam") || !parts[3].isEmpty()
                || !parts[4].matches("\\d{12}") || !parts[5].startsWith("role/")) {
            return Optional.empty();
        }
        String name = parts[5].substring(parts[5].lastIndexOf('/') + 1);
        return name.isEmpty() ? Optional.empty() : Optional.of(new RoleArn(parts[4], name));
    }
}
