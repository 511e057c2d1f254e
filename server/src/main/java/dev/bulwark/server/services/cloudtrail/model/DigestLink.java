package dev.bulwark.server.services.cloudtrail.model;

import java.time.Instant;

import static java.util.Objects.requireNonNull;

/** The newest digest of a trail in a region: the next digest names it (bucket, key, SHA-256 hex, signature hex). */
public record DigestLink(Instant digestEnd, String bucket, String key, String sha256, String signature)
{
    public DigestLink
    {
        requireNonNull(digestEnd, "digestEnd is null");
        requireNonNull(bucket, "bucket is null");
        requireNonNull(key, "key is null");
        requireNonNull(sha256, "sha256 is null");
        requireNonNull(signature, "signature is null");
    }
}
