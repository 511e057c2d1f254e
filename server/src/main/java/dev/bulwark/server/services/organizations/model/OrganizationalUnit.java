package dev.bulwark.server.services.organizations.model;

import java.time.Instant;

import static java.util.Objects.requireNonNull;

/** An OU ({@code ou-<root suffix>-<8>}) under a root or another OU. */
public record OrganizationalUnit(String id, String organizationId, String parentId, String name, Instant created)
{
    public OrganizationalUnit
    {
        requireNonNull(id, "id is null");
        requireNonNull(organizationId, "organizationId is null");
        requireNonNull(parentId, "parentId is null");
        requireNonNull(name, "name is null");
        requireNonNull(created, "created is null");
    }
}
