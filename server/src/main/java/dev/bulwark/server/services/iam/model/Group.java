package dev.bulwark.server.services.iam.model;

import java.time.Instant;

import static java.util.Objects.requireNonNull;

/** An IAM group. {@code groupId} is the stable unique id ({@code AGPA...}). */
public record Group(String accountId, String name, String path, String groupId, Instant created)
{
    public Group
    {
        Arns.requireAccountId(accountId);
        requireNonNull(name, "name is null");
        Arns.requirePath(path);
        requireNonNull(groupId, "groupId is null");
        requireNonNull(created, "created is null");
    }

    /** {@code arn:aws:iam::<account>:group<path><name>}. */
    public String arn()
    {
        return Arns.iam(accountId, "group", path, name);
    }

    public PolicyOwner asOwner()
    {
        return new PolicyOwner(OwnerKind.GROUP, accountId, groupId, name);
    }
}
