package dev.bulwark.server.services.organizations.model;

import java.time.Instant;

import static java.util.Objects.requireNonNull;

/**
 * An invitation ({@code INVITE} handshake) from an organization to an account, named by account ID or email;
 * {@code targetAccountId} is the account it resolved to, if any. States follow AWS: OPEN, ACCEPTED, DECLINED,
 * CANCELED, EXPIRED.
 */
public record Handshake(String id, String organizationId, String managementAccountId, String targetType, String targetId,
        String targetAccountId, String action, String state, String notes, Instant requested, Instant expires)
{
    public Handshake
    {
        requireNonNull(id, "id is null");
        requireNonNull(organizationId, "organizationId is null");
        requireNonNull(managementAccountId, "managementAccountId is null");
        requireNonNull(targetType, "targetType is null");
        requireNonNull(targetId, "targetId is null");
        requireNonNull(action, "action is null");
        requireNonNull(state, "state is null");
        requireNonNull(requested, "requested is null");
        requireNonNull(expires, "expires is null");
    }

    public Handshake withState(String newState)
    {
        return new Handshake(id, organizationId, managementAccountId, targetType, targetId, targetAccountId, action, newState, notes, requested, expires);
    }
}
