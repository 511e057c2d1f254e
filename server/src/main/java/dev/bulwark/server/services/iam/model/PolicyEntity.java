package dev.bulwark.server.services.iam.model;

import static java.util.Objects.requireNonNull;

/** A user, group or role a managed policy is attached to, as ListEntitiesForPolicy reports it. */
public record PolicyEntity(OwnerKind kind, String name, String id)
{
    public PolicyEntity
    {
        requireNonNull(kind, "kind is null");
        requireNonNull(name, "name is null");
        requireNonNull(id, "id is null");
    }
}
