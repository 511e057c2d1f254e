package dev.bulwark.server.audit;

import java.time.Instant;
import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * One stored CloudTrail event: the fields lookups filter on, plus {@code json}, the full event record exactly as
 * CloudTrail would deliver it. {@code errorCode} is null for calls that succeeded; {@code username} and
 * {@code accessKeyId} are null when the caller had none (LookupEvents' Username and AccessKeyId).
 */
public record AuditRecord(
        String eventId,
        Instant eventTime,
        String accountId,
        String eventSource,
        String eventName,
        boolean readOnly,
        String errorCode,
        String json,
        String username,
        String accessKeyId,
        List<EventResource> resources)
{
    public AuditRecord
    {
        requireNonNull(eventId, "eventId is null");
        requireNonNull(eventTime, "eventTime is null");
        requireNonNull(accountId, "accountId is null");
        requireNonNull(eventSource, "eventSource is null");
        requireNonNull(eventName, "eventName is null");
        requireNonNull(json, "json is null");
        resources = List.copyOf(requireNonNull(resources, "resources is null"));
    }

    /** A record without lookup attributes beyond the event's own columns. */
    public AuditRecord(String eventId, Instant eventTime, String accountId, String eventSource, String eventName, boolean readOnly,
            String errorCode, String json)
    {
        this(eventId, eventTime, accountId, eventSource, eventName, readOnly, errorCode, json, null, null, List.of());
    }
}
