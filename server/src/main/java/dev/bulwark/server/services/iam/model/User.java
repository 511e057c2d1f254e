package dev.bulwark.server.services.iam.model;

import java.time.Instant;

import static java.util.Objects.requireNonNull;

/** An IAM user. {@code userId} is the stable unique id ({@code AIDA...}); the permissions boundary is optional. */
public record User(String accountId, String name, String path, String userId, Instant created, String permissionsBoundaryArn)
{
    public User
    {
        Arns.requireAccountId(accountId);
        requireNonNull(name, "name is null");
        Arns.requirePath(path);
        requireNonNull(userId, "userId is null");
        requireNonNull(created, "created is null");
    }

    /** {@code arn:aws:iam::<account>:user<path><name>}. */
    public String arn()
    {
        return Arns.iam(accountId, "user", path, name);
    }

    public PolicyOwner asOwner()
    {
        return new PolicyOwner(OwnerKind.USER, accountId, userId, name);
    }
}
