package dev.bulwark.server.services.cloudtrail.model;

import dev.bulwark.server.audit.AuditStore;

import java.time.Instant;

import static java.util.Objects.requireNonNull;

/**
 * Where a trail's delivery stands: the last event delivered and what GetTrailStatus reports (null when it never
 * happened). Errors are what the bucket answered, e.g. {@code NoSuchBucket} or {@code AccessDenied}.
 */
public record DeliveryStatus(
        AuditStore.Cursor cursor,
        Instant latestDeliveryTime,
        Instant latestDeliveryAttemptTime,
        Instant latestDeliveryAttemptSucceeded,
        String latestDeliveryError,
        Instant latestDigestDeliveryTime,
        Instant latestDigestAttemptTime,
        Instant latestDigestAttemptSucceeded,
        String latestDigestDeliveryError)
{
    public DeliveryStatus
    {
        requireNonNull(cursor, "cursor is null");
    }
}
