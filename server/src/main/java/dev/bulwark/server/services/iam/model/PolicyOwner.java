package dev.bulwark.server.services.iam.model;

import static java.util.Objects.requireNonNull;

/** A user, group or role as the holder of inline policies and managed-policy attachments, keyed by its unique id. */
public record PolicyOwner(OwnerKind kind, String accountId, String ownerId, String name)
{
    public PolicyOwner
    {
        requireNonNull(kind, "kind is null");
        Arns.requireAccountId(accountId);
        requireNonNull(ownerId, "ownerId is null");
        requireNonNull(name, "name is null");
    }
}
