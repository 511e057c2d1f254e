package dev.bulwark.server.services.s3;

import dev.bulwark.server.services.Access;
import dev.bulwark.server.services.Invocation;
import dev.bulwark.server.services.Operation;
import dev.bulwark.server.services.ServiceOperations;
import dev.bulwark.server.services.s3.model.Bucket;
import dev.bulwark.server.services.s3.model.PublicAccessBlock;
import dev.bulwark.server.store.Tx;
import software.amazon.awssdk.services.s3.model.CreateBucketRequest;
import software.amazon.awssdk.services.s3.model.CreateBucketResponse;
import software.amazon.awssdk.services.s3.model.DeleteBucketRequest;
import software.amazon.awssdk.services.s3.model.DeleteBucketResponse;
import software.amazon.awssdk.services.s3.model.DeleteBucketTaggingRequest;
import software.amazon.awssdk.services.s3.model.DeleteBucketTaggingResponse;
import software.amazon.awssdk.services.s3.model.GetBucketLocationRequest;
import software.amazon.awssdk.services.s3.model.GetBucketLocationResponse;
import software.amazon.awssdk.services.s3.model.GetBucketTaggingRequest;
import software.amazon.awssdk.services.s3.model.GetBucketTaggingResponse;
import software.amazon.awssdk.services.s3.model.GetBucketVersioningRequest;
import software.amazon.awssdk.services.s3.model.GetBucketVersioningResponse;
import software.amazon.awssdk.services.s3.model.HeadBucketRequest;
import software.amazon.awssdk.services.s3.model.HeadBucketResponse;
import software.amazon.awssdk.services.s3.model.ListBucketsRequest;
import software.amazon.awssdk.services.s3.model.ListBucketsResponse;
import software.amazon.awssdk.services.s3.model.PutBucketTaggingRequest;
import software.amazon.awssdk.services.s3.model.PutBucketTaggingResponse;
import software.amazon.awssdk.services.s3.model.PutBucketVersioningRequest;
import software.amazon.awssdk.services.s3.model.PutBucketVersioningResponse;
import software.amazon.awssdk.services.s3.model.Tag;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static dev.bulwark.server.services.s3.S3Support.SERVICE;

/**
 * Buckets: create (one namespace across all accounts), head, list, delete, location, tags, and the versioning flag
 * (stored and reported; objects are not versioned yet). New buckets are private: Block Public Access all on,
 * Object Ownership BucketOwnerEnforced (ACLs disabled), SSE-S3 default encryption, as in AWS since 2023.
 */
public final class BucketOperations implements ServiceOperations
{
    private final S3Support s3;

    BucketOperations(S3Support s3)
    {
        this.s3 = s3;
    }

    @Override
    public List<Operation<?, ?>> operations()
    {
        return List.of(
                new Operation<>(SERVICE, "CreateBucket", CreateBucketRequest.class,
                        (invocation, request) -> List.of(Access.of("s3:CreateBucket", S3Access.bucketArn(request.bucket()))), false, this::createBucket),
                new Operation<>(SERVICE, "HeadBucket", HeadBucketRequest.class,
                        (invocation, request) -> List.of(onBucket(invocation, "s3:ListBucket", request.bucket())), true, this::headBucket),
                new Operation<>(SERVICE, "ListBuckets", ListBucketsRequest.class,
                        (invocation, request) -> List.of(Access.of("s3:ListAllMyBuckets", "*")), true, this::listBuckets),
                new Operation<>(SERVICE, "DeleteBucket", DeleteBucketRequest.class,
                        (invocation, request) -> List.of(onBucket(invocation, "s3:DeleteBucket", request.bucket())), false, this::deleteBucket),
                new Operation<>(SERVICE, "GetBucketLocation", GetBucketLocationRequest.class,
                        (invocation, request) -> List.of(onBucket(invocation, "s3:GetBucketLocation", request.bucket())), true, this::getBucketLocation),
                new Operation<>(SERVICE, "PutBucketTagging", PutBucketTaggingRequest.class,
                        (invocation, request) -> List.of(onBucket(invocation, "s3:PutBucketTagging", request.bucket())), false, this::putBucketTagging),
                new Operation<>(SERVICE, "GetBucketTagging", GetBucketTaggingRequest.class,
                        (invocation, request) -> List.of(onBucket(invocation, "s3:GetBucketTagging", request.bucket())), true, this::getBucketTagging),
                new Operation<>(SERVICE, "DeleteBucketTagging", DeleteBucketTaggingRequest.class,
                        (invocation, request) -> List.of(onBucket(invocation, "s3:PutBucketTagging", request.bucket())), false, this::deleteBucketTagging),
                new Operation<>(SERVICE, "PutBucketVersioning", PutBucketVersioningRequest.class,
                        (invocation, request) -> List.of(onBucket(invocation, "s3:PutBucketVersioning", request.bucket())), false, this::putBucketVersioning),
                new Operation<>(SERVICE, "GetBucketVersioning", GetBucketVersioningRequest.class,
                        (invocation, request) -> List.of(onBucket(invocation, "s3:GetBucketVersioning", request.bucket())), true, this::getBucketVersioning));
    }

    private Access onBucket(Invocation invocation, String action, String bucket)
    {
        return s3.access.onBucket(invocation.caller(), action, s3.access.bucket(invocation, bucket));
    }

    private CreateBucketResponse createBucket(Invocation invocation, CreateBucketRequest request)
    {
        Tx tx = invocation.transaction();
        String name = request.bucket();
        if (!BucketNames.isValid(name)) {
            throw S3Errors.invalidBucketName(name);
        }
        String region = invocation.region();
        String constraint = request.createBucketConfiguration() == null ? null : request.createBucketConfiguration().locationConstraintAsString();
        if (constraint == null || constraint.isEmpty()) {
            if (!region.equals(S3Support.US_EAST_1)) {
                throw S3Errors.illegalLocationConstraint("unspecified");
            }
        }
        else if (constraint.equals(S3Support.US_EAST_1)) {
            throw S3Errors.invalidLocationConstraint();
        }
        else if (!constraint.equals(region)) {
            throw S3Errors.illegalLocationConstraint(constraint);
        }
        Optional<Bucket> existing = s3.s3.bucket(tx, name);
        if (existing.isPresent()) {
            if (!existing.get().accountId().equals(invocation.accountId())) {
                throw S3Errors.bucketAlreadyExists(name);
            }
            if (!region.equals(S3Support.US_EAST_1)) {
                throw S3Errors.bucketAlreadyOwnedByYou(name);
            }
            // us-east-1 answers a repeated CreateBucket by its owner with success (a legacy S3 behaviour).
            return CreateBucketResponse.builder().location("/" + name).build();
        }
        String ownership = request.objectOwnershipAsString() != null ? request.objectOwnershipAsString() : Bucket.BUCKET_OWNER_ENFORCED;
        String acl = request.aclAsString() != null ? request.aclAsString() : "private";
        if (ownership.equals(Bucket.BUCKET_OWNER_ENFORCED) && !acl.equals("private") && !acl.equals("bucket-owner-full-control")) {
            throw new dev.bulwark.protocol.error.AwsErrorException("InvalidBucketAclWithObjectOwnership", 400, true,
                    "Bucket cannot have ACLs set with ObjectOwnership's BucketOwnerEnforced setting");
        }
        s3.s3.insertBucket(tx, new Bucket(name, invocation.accountId(), region, invocation.now(), Optional.empty(), Optional.empty(),
                Optional.of(ownership), acl, Optional.of(dev.bulwark.server.services.s3.model.Encryption.SSE_S3),
                Optional.of(PublicAccessBlock.ALL_ON), Map.of()));
        return CreateBucketResponse.builder().location("/" + name).build();
    }

    private HeadBucketResponse headBucket(Invocation invocation, HeadBucketRequest request)
    {
        Bucket bucket = s3.bucket(invocation.transaction(), request.bucket());
        return HeadBucketResponse.builder().bucketRegion(bucket.region()).accessPointAlias(false).build();
    }

    private ListBucketsResponse listBuckets(Invocation invocation, ListBucketsRequest request)
    {
        List<software.amazon.awssdk.services.s3.model.Bucket> buckets = new ArrayList<>();
        for (Bucket bucket : s3.s3.buckets(invocation.transaction(), invocation.accountId())) {
            if (request.prefix() != null && !bucket.name().startsWith(request.prefix())) {
                continue;
            }
            buckets.add(software.amazon.awssdk.services.s3.model.Bucket.builder().name(bucket.name()).creationDate(bucket.created())
                    .bucketRegion(bucket.region()).build());
        }
        return ListBucketsResponse.builder().buckets(buckets).owner(S3Support.owner(invocation.accountId())).prefix(request.prefix()).build();
    }

    private DeleteBucketResponse deleteBucket(Invocation invocation, DeleteBucketRequest request)
    {
        Tx tx = invocation.transaction();
        s3.bucket(tx, request.bucket());
        if (!s3.s3.isEmpty(tx, request.bucket())) {
            throw S3Errors.bucketNotEmpty(request.bucket());
        }
        List<dev.bulwark.server.services.s3.model.Segment> abandoned = new ArrayList<>();
        s3.s3.uploads(tx, request.bucket()).forEach(upload -> abandoned.addAll(s3.s3.deleteUpload(tx, upload.uploadId())));
        s3.s3.deleteBucket(tx, request.bucket());
        s3.deleteAfterCommit(tx, abandoned);
        return DeleteBucketResponse.builder().build();
    }

    private GetBucketLocationResponse getBucketLocation(Invocation invocation, GetBucketLocationRequest request)
    {
        Bucket bucket = s3.bucket(invocation.transaction(), request.bucket());
        // us-east-1 is reported as an empty constraint, as S3 has always done.
        return GetBucketLocationResponse.builder().locationConstraint(bucket.region().equals(S3Support.US_EAST_1) ? "" : bucket.region()).build();
    }

    private PutBucketTaggingResponse putBucketTagging(Invocation invocation, PutBucketTaggingRequest request)
    {
        Tx tx = invocation.transaction();
        Bucket bucket = s3.bucket(tx, request.bucket());
        if (request.tagging() == null) {
            throw S3Errors.malformedXml();
        }
        Map<String, String> tags = new LinkedHashMap<>();
        for (Tag tag : request.tagging().tagSet()) {
            if (tags.put(tag.key(), tag.value() == null ? "" : tag.value()) != null) {
                throw S3Errors.invalidTag("Cannot provide multiple Tags with the same key");
            }
        }
        if (tags.size() > 50) {
            throw S3Errors.invalidTag("Bucket tag count cannot be greater than 50");
        }
        s3.s3.updateBucket(tx, withTags(bucket, tags));
        return PutBucketTaggingResponse.builder().build();
    }

    private GetBucketTaggingResponse getBucketTagging(Invocation invocation, GetBucketTaggingRequest request)
    {
        Bucket bucket = s3.bucket(invocation.transaction(), request.bucket());
        if (bucket.tags().isEmpty()) {
            throw S3Errors.noSuchTagSet(bucket.name());
        }
        return GetBucketTaggingResponse.builder().tagSet(toTags(bucket.tags())).build();
    }

    private DeleteBucketTaggingResponse deleteBucketTagging(Invocation invocation, DeleteBucketTaggingRequest request)
    {
        Tx tx = invocation.transaction();
        s3.s3.updateBucket(tx, withTags(s3.bucket(tx, request.bucket()), Map.of()));
        return DeleteBucketTaggingResponse.builder().build();
    }

    private PutBucketVersioningResponse putBucketVersioning(Invocation invocation, PutBucketVersioningRequest request)
    {
        Tx tx = invocation.transaction();
        Bucket bucket = s3.bucket(tx, request.bucket());
        String status = request.versioningConfiguration() == null ? null : request.versioningConfiguration().statusAsString();
        if (status == null || !(status.equals("Enabled") || status.equals("Suspended"))) {
            throw S3Errors.malformedXml();
        }
        s3.s3.updateBucket(tx, new Bucket(bucket.name(), bucket.accountId(), bucket.region(), bucket.created(), Optional.of(status), bucket.policy(),
                bucket.ownership(), bucket.acl(), bucket.encryption(), bucket.publicAccessBlock(), bucket.tags()));
        return PutBucketVersioningResponse.builder().build();
    }

    private GetBucketVersioningResponse getBucketVersioning(Invocation invocation, GetBucketVersioningRequest request)
    {
        Bucket bucket = s3.bucket(invocation.transaction(), request.bucket());
        return GetBucketVersioningResponse.builder().status(bucket.versioning().orElse(null)).build();
    }

    static List<Tag> toTags(Map<String, String> tags)
    {
        return tags.entrySet().stream().map(tag -> Tag.builder().key(tag.getKey()).value(tag.getValue()).build()).toList();
    }

    private static Bucket withTags(Bucket bucket, Map<String, String> tags)
    {
        return new Bucket(bucket.name(), bucket.accountId(), bucket.region(), bucket.created(), bucket.versioning(), bucket.policy(),
                bucket.ownership(), bucket.acl(), bucket.encryption(), bucket.publicAccessBlock(), tags);
    }
}
