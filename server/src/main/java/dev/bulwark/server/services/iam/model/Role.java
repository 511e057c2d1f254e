package dev.bulwark.server.services.iam.model;

import java.time.Instant;

import static java.util.Objects.requireNonNull;

/**
 * An IAM role. {@code roleId} is the stable unique id ({@code AROA...}); {@code assumeRolePolicyDocument} is the
 * trust policy; {@code maxSessionDuration} is in seconds (IAM allows 3600-43200, default 3600).
 */
public record Role(
        String accountId,
        String name,
        String path,
        String roleId,
        Instant created,
        String assumeRolePolicyDocument,
        String description,
        int maxSessionDuration,
        String permissionsBoundaryArn)
{
    /** IAM's default MaxSessionDuration. */
    public static final int DEFAULT_MAX_SESSION_DURATION = 3600;

    public Role
    {
        Arns.requireAccountId(accountId);
        requireNonNull(name, "name is null");
        Arns.requirePath(path);
        requireNonNull(roleId, "roleId is null");
        requireNonNull(created, "created is null");
        requireNonNull(assumeRolePolicyDocument, "assumeRolePolicyDocument is null");
        if (maxSessionDuration <= 0) {
            throw new IllegalArgumentException("maxSessionDuration must be positive: " + maxSessionDuration);
        }
    }

    /** {@code arn:aws:iam::<account>:role<path><name>}. */
    public String arn()
    {
        return Arns.iam(accountId, "role", path, name);
    }

    public PolicyOwner asOwner()
    {
        return new PolicyOwner(OwnerKind.ROLE, accountId, roleId, name);
    }
}
