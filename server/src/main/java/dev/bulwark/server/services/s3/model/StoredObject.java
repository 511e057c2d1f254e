package dev.bulwark.server.services.s3.model;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * An object's metadata row; its bytes are the {@link Segment}s in order.
 *
 * @param metadata     the standard headers stored with the object (Content-Type, Cache-Control, …), by header name
 * @param userMetadata {@code x-amz-meta-*} values, by lower-case name without the prefix
 * @param partsCount   the number of parts when the object was assembled by a multipart upload
 */
public record StoredObject(
        String bucket,
        String key,
        String objectId,
        long size,
        String etag,
        Instant lastModified,
        Map<String, String> metadata,
        Map<String, String> userMetadata,
        Map<String, String> tags,
        String ownerAccount,
        String acl,
        Encryption encryption,
        Optional<Integer> partsCount,
        List<Segment> segments)
{
    public StoredObject
    {
        requireNonNull(bucket, "bucket is null");
        requireNonNull(key, "key is null");
        requireNonNull(objectId, "objectId is null");
        requireNonNull(etag, "etag is null");
        requireNonNull(lastModified, "lastModified is null");
        metadata = Map.copyOf(requireNonNull(metadata, "metadata is null"));
        userMetadata = Map.copyOf(requireNonNull(userMetadata, "userMetadata is null"));
        tags = Map.copyOf(requireNonNull(tags, "tags is null"));
        requireNonNull(ownerAccount, "ownerAccount is null");
        requireNonNull(acl, "acl is null");
        requireNonNull(encryption, "encryption is null");
        requireNonNull(partsCount, "partsCount is null");
        segments = List.copyOf(requireNonNull(segments, "segments is null"));
    }
}
