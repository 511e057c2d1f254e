package dev.bulwark.server.audit;

import java.time.Instant;

import static java.util.Objects.requireNonNull;

/**
 * One stored CloudTrail event: the fields lookups filter on, plus {@code json}, the full event record exactly as
 * CloudTrail would deliver it. {@code errorCode} is null for calls that succeeded.
 */
public record AuditRecord(
        String eventId,
        Instant eventTime,
        String accountId,
        String eventSource,
        String eventName,
        boolean readOnly,
        String errorCode,
        String json)
{
    public AuditRecord
    {
        requireNonNull(eventId, "eventId is null");
        requireNonNull(eventTime, "eventTime is null");
        requireNonNull(accountId, "accountId is null");
        requireNonNull(eventSource, "eventSource is null");
        requireNonNull(eventName, "eventName is null");
        requireNonNull(json, "json is null");
    }
}
