package dev.bulwark.server.services.organizations.model;

import java.time.Instant;

import static java.util.Objects.requireNonNull;

/**
 * An account's membership of an organization (the management account included): where it sits, its name and
 * email as Organizations reports them, its status ({@code ACTIVE}, {@code SUSPENDED}, {@code PENDING_CLOSURE})
 * and how it joined ({@code CREATED} or {@code INVITED}).
 */
public record MemberAccount(String accountId, String organizationId, String parentId, String name, String email, String status,
        String joinedMethod, Instant joined)
{
    public MemberAccount
    {
        requireNonNull(accountId, "accountId is null");
        requireNonNull(organizationId, "organizationId is null");
        requireNonNull(parentId, "parentId is null");
        requireNonNull(name, "name is null");
        requireNonNull(email, "email is null");
        requireNonNull(status, "status is null");
        requireNonNull(joinedMethod, "joinedMethod is null");
        requireNonNull(joined, "joined is null");
    }
}
