package dev.bulwark.server.services.organizations.model;

import static java.util.Objects.requireNonNull;

/** The organization's one root ({@code r-} plus four characters), parent of every top-level OU and account. */
public record Root(String id, String organizationId, String name)
{
    public Root
    {
        requireNonNull(id, "id is null");
        requireNonNull(organizationId, "organizationId is null");
        requireNonNull(name, "name is null");
    }
}
