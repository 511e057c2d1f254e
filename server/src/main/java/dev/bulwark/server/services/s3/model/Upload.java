package dev.bulwark.server.services.s3.model;

import java.time.Instant;
import java.util.Map;

import static java.util.Objects.requireNonNull;

/** A multipart upload in progress: what the completed object will carry. */
public record Upload(
        String uploadId,
        String bucket,
        String key,
        Instant initiated,
        String initiatorArn,
        String ownerAccount,
        Map<String, String> metadata,
        Map<String, String> userMetadata,
        Map<String, String> tags,
        String acl,
        Encryption encryption)
{
    public Upload
    {
        requireNonNull(uploadId, "uploadId is null");
        requireNonNull(bucket, "bucket is null");
        requireNonNull(key, "key is null");
        requireNonNull(initiated, "initiated is null");
        requireNonNull(initiatorArn, "initiatorArn is null");
        requireNonNull(ownerAccount, "ownerAccount is null");
        metadata = Map.copyOf(metadata);
        userMetadata = Map.copyOf(userMetadata);
        tags = Map.copyOf(tags);
        requireNonNull(acl, "acl is null");
        requireNonNull(encryption, "encryption is null");
    }
}
