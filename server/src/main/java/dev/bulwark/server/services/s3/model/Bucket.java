package dev.bulwark.server.services.s3.model;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * A bucket and its configuration.
 *
 * @param versioning   {@code Enabled}, {@code Suspended}, or absent when never set
 * @param ownership    the Object Ownership setting, absent after DeleteBucketOwnershipControls
 * @param acl          the canned ACL the bucket carries ({@code private} unless ownership allows another)
 * @param encryption   the default encryption, absent after DeleteBucketEncryption (objects still get SSE-S3)
 * @param publicAccessBlock the bucket's own Block Public Access settings, absent when deleted
 */
public record Bucket(
        String name,
        String accountId,
        String region,
        Instant created,
        Optional<String> versioning,
        Optional<String> policy,
        Optional<String> ownership,
        String acl,
        Optional<Encryption> encryption,
        Optional<PublicAccessBlock> publicAccessBlock,
        Map<String, String> tags)
{
    public static final String BUCKET_OWNER_ENFORCED = "BucketOwnerEnforced";

    public Bucket
    {
        requireNonNull(name, "name is null");
        requireNonNull(accountId, "accountId is null");
        requireNonNull(region, "region is null");
        requireNonNull(created, "created is null");
        requireNonNull(versioning, "versioning is null");
        requireNonNull(policy, "policy is null");
        requireNonNull(ownership, "ownership is null");
        requireNonNull(acl, "acl is null");
        requireNonNull(encryption, "encryption is null");
        requireNonNull(publicAccessBlock, "publicAccessBlock is null");
        tags = Map.copyOf(requireNonNull(tags, "tags is null"));
    }

    public String arn()
    {
        return "arn:aws:s3:::" + name;
    }

    /** ACLs are disabled unless Object Ownership is set to something other than BucketOwnerEnforced. */
    public boolean aclsDisabled()
    {
        return ownership.map(BUCKET_OWNER_ENFORCED::equals).orElse(false);
    }

    public Bucket withPolicy(Optional<String> newPolicy)
    {
        return new Bucket(name, accountId, region, created, versioning, newPolicy, ownership, acl, encryption, publicAccessBlock, tags);
    }

    public Bucket withOwnership(Optional<String> newOwnership)
    {
        return new Bucket(name, accountId, region, created, versioning, policy, newOwnership, acl, encryption, publicAccessBlock, tags);
    }

    public Bucket withAcl(String newAcl)
    {
        return new Bucket(name, accountId, region, created, versioning, policy, ownership, newAcl, encryption, publicAccessBlock, tags);
    }

    public Bucket withEncryption(Optional<Encryption> newEncryption)
    {
        return new Bucket(name, accountId, region, created, versioning, policy, ownership, acl, newEncryption, publicAccessBlock, tags);
    }

    public Bucket withPublicAccessBlock(Optional<PublicAccessBlock> newBlock)
    {
        return new Bucket(name, accountId, region, created, versioning, policy, ownership, acl, encryption, newBlock, tags);
    }
}
