package dev.bulwark.server.services.organizations.model;

import java.time.Instant;

import static java.util.Objects.requireNonNull;

/** One CreateAccount request ({@code car-} id) and its outcome: the new account, or why it failed. */
public record CreateAccountRequestRecord(String id, String organizationId, String accountName, String state, Instant requested,
        Instant completed, String accountId, String failureReason)
{
    public CreateAccountRequestRecord
    {
        requireNonNull(id, "id is null");
        requireNonNull(organizationId, "organizationId is null");
        requireNonNull(accountName, "accountName is null");
        requireNonNull(state, "state is null");
        requireNonNull(requested, "requested is null");
    }
}
