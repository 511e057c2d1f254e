package dev.bulwark.server.services.cloudtrail.model;

import java.time.Instant;

import static java.util.Objects.requireNonNull;

/**
 * A delivered log file a digest will list: the account and region whose events it holds, where it is, the SHA-256
 * (hex) of its uncompressed content, its events' time span.
 */
public record LogFile(String accountId, String region, String bucket, String key, String sha256, Instant oldestEvent, Instant newestEvent)
{
    public LogFile
    {
        requireNonNull(accountId, "accountId is null");
        requireNonNull(region, "region is null");
        requireNonNull(bucket, "bucket is null");
        requireNonNull(key, "key is null");
        requireNonNull(sha256, "sha256 is null");
        requireNonNull(oldestEvent, "oldestEvent is null");
        requireNonNull(newestEvent, "newestEvent is null");
    }
}
