package dev.bulwark.server.services.s3;

import dev.bulwark.policy.document.PolicyDocument;
import dev.bulwark.server.services.Access;
import dev.bulwark.server.services.Invocation;
import dev.bulwark.server.services.Operation;
import dev.bulwark.server.services.ServiceOperations;
import dev.bulwark.server.services.s3.model.Bucket;
import dev.bulwark.server.services.s3.model.Encryption;
import dev.bulwark.server.services.s3.model.PublicAccessBlock;
import dev.bulwark.server.services.s3.model.StoredObject;
import dev.bulwark.server.store.Tx;
import software.amazon.awssdk.services.s3.model.DeleteBucketEncryptionRequest;
import software.amazon.awssdk.services.s3.model.DeleteBucketEncryptionResponse;
import software.amazon.awssdk.services.s3.model.DeleteBucketOwnershipControlsRequest;
import software.amazon.awssdk.services.s3.model.DeleteBucketOwnershipControlsResponse;
import software.amazon.awssdk.services.s3.model.DeleteBucketPolicyRequest;
import software.amazon.awssdk.services.s3.model.DeleteBucketPolicyResponse;
import software.amazon.awssdk.services.s3.model.DeletePublicAccessBlockRequest;
import software.amazon.awssdk.services.s3.model.DeletePublicAccessBlockResponse;
import software.amazon.awssdk.services.s3.model.GetBucketAclRequest;
import software.amazon.awssdk.services.s3.model.GetBucketAclResponse;
import software.amazon.awssdk.services.s3.model.GetBucketEncryptionRequest;
import software.amazon.awssdk.services.s3.model.GetBucketEncryptionResponse;
import software.amazon.awssdk.services.s3.model.GetBucketOwnershipControlsRequest;
import software.amazon.awssdk.services.s3.model.GetBucketOwnershipControlsResponse;
import software.amazon.awssdk.services.s3.model.GetBucketPolicyRequest;
import software.amazon.awssdk.services.s3.model.GetBucketPolicyResponse;
import software.amazon.awssdk.services.s3.model.GetBucketPolicyStatusRequest;
import software.amazon.awssdk.services.s3.model.GetBucketPolicyStatusResponse;
import software.amazon.awssdk.services.s3.model.GetObjectAclRequest;
import software.amazon.awssdk.services.s3.model.GetObjectAclResponse;
import software.amazon.awssdk.services.s3.model.GetPublicAccessBlockRequest;
import software.amazon.awssdk.services.s3.model.GetPublicAccessBlockResponse;
import software.amazon.awssdk.services.s3.model.Grant;
import software.amazon.awssdk.services.s3.model.Grantee;
import software.amazon.awssdk.services.s3.model.OwnershipControls;
import software.amazon.awssdk.services.s3.model.OwnershipControlsRule;
import software.amazon.awssdk.services.s3.model.PolicyStatus;
import software.amazon.awssdk.services.s3.model.PublicAccessBlockConfiguration;
import software.amazon.awssdk.services.s3.model.PutBucketAclRequest;
import software.amazon.awssdk.services.s3.model.PutBucketAclResponse;
import software.amazon.awssdk.services.s3.model.PutBucketEncryptionRequest;
import software.amazon.awssdk.services.s3.model.PutBucketEncryptionResponse;
import software.amazon.awssdk.services.s3.model.PutBucketOwnershipControlsRequest;
import software.amazon.awssdk.services.s3.model.PutBucketOwnershipControlsResponse;
import software.amazon.awssdk.services.s3.model.PutBucketPolicyRequest;
import software.amazon.awssdk.services.s3.model.PutBucketPolicyResponse;
import software.amazon.awssdk.services.s3.model.PutObjectAclRequest;
import software.amazon.awssdk.services.s3.model.PutObjectAclResponse;
import software.amazon.awssdk.services.s3.model.PutPublicAccessBlockRequest;
import software.amazon.awssdk.services.s3.model.PutPublicAccessBlockResponse;
import software.amazon.awssdk.services.s3.model.ServerSideEncryptionByDefault;
import software.amazon.awssdk.services.s3.model.ServerSideEncryptionConfiguration;
import software.amazon.awssdk.services.s3.model.ServerSideEncryptionRule;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static dev.bulwark.server.services.s3.S3Support.SERVICE;

/**
 * Who may reach a bucket: bucket policies (validated, and refused when public while BlockPublicPolicy is on),
 * policy status, bucket-level Block Public Access, Object Ownership, canned ACLs where ownership allows them, and
 * default encryption.
 */
public final class AccessControlOperations implements ServiceOperations
{
    private static final Set<String> OWNERSHIPS = Set.of("BucketOwnerEnforced", "BucketOwnerPreferred", "ObjectWriter");
    private static final Set<String> PUBLIC_ACLS = Set.of("public-read", "public-read-write", "authenticated-read");
    private static final String ALL_USERS = "http://acs.amazonaws.com/groups/global/AllUsers";
    private static final String AUTHENTICATED_USERS = "http://acs.amazonaws.com/groups/global/AuthenticatedUsers";

    private final S3Support s3;

    AccessControlOperations(S3Support s3)
    {
        this.s3 = s3;
    }

    @Override
    public List<Operation<?, ?>> operations()
    {
        return List.of(
                new Operation<>(SERVICE, "PutBucketPolicy", PutBucketPolicyRequest.class,
                        (invocation, request) -> List.of(onPolicy(invocation, "s3:PutBucketPolicy", request.bucket())), false, this::putBucketPolicy),
                new Operation<>(SERVICE, "GetBucketPolicy", GetBucketPolicyRequest.class,
                        (invocation, request) -> List.of(onPolicy(invocation, "s3:GetBucketPolicy", request.bucket())), true, this::getBucketPolicy),
                new Operation<>(SERVICE, "DeleteBucketPolicy", DeleteBucketPolicyRequest.class,
                        (invocation, request) -> List.of(onPolicy(invocation, "s3:DeleteBucketPolicy", request.bucket())), false, this::deleteBucketPolicy),
                new Operation<>(SERVICE, "GetBucketPolicyStatus", GetBucketPolicyStatusRequest.class,
                        (invocation, request) -> List.of(onBucket(invocation, "s3:GetBucketPolicyStatus", request.bucket())), true, this::getPolicyStatus),
                new Operation<>(SERVICE, "PutPublicAccessBlock", PutPublicAccessBlockRequest.class,
                        (invocation, request) -> List.of(onBucket(invocation, "s3:PutBucketPublicAccessBlock", request.bucket())), false,
                        this::putPublicAccessBlock),
                new Operation<>(SERVICE, "GetPublicAccessBlock", GetPublicAccessBlockRequest.class,
                        (invocation, request) -> List.of(onBucket(invocation, "s3:GetBucketPublicAccessBlock", request.bucket())), true,
                        this::getPublicAccessBlock),
                new Operation<>(SERVICE, "DeletePublicAccessBlock", DeletePublicAccessBlockRequest.class,
                        (invocation, request) -> List.of(onBucket(invocation, "s3:PutBucketPublicAccessBlock", request.bucket())), false,
                        this::deletePublicAccessBlock),
                new Operation<>(SERVICE, "PutBucketOwnershipControls", PutBucketOwnershipControlsRequest.class,
                        (invocation, request) -> List.of(onBucket(invocation, "s3:PutBucketOwnershipControls", request.bucket())), false,
                        this::putOwnership),
                new Operation<>(SERVICE, "GetBucketOwnershipControls", GetBucketOwnershipControlsRequest.class,
                        (invocation, request) -> List.of(onBucket(invocation, "s3:GetBucketOwnershipControls", request.bucket())), true,
                        this::getOwnership),
                new Operation<>(SERVICE, "DeleteBucketOwnershipControls", DeleteBucketOwnershipControlsRequest.class,
                        (invocation, request) -> List.of(onBucket(invocation, "s3:PutBucketOwnershipControls", request.bucket())), false,
                        this::deleteOwnership),
                new Operation<>(SERVICE, "PutBucketEncryption", PutBucketEncryptionRequest.class,
                        (invocation, request) -> List.of(onBucket(invocation, "s3:PutEncryptionConfiguration", request.bucket())), false,
                        this::putEncryption),
                new Operation<>(SERVICE, "GetBucketEncryption", GetBucketEncryptionRequest.class,
                        (invocation, request) -> List.of(onBucket(invocation, "s3:GetEncryptionConfiguration", request.bucket())), true,
                        this::getEncryption),
                new Operation<>(SERVICE, "DeleteBucketEncryption", DeleteBucketEncryptionRequest.class,
                        (invocation, request) -> List.of(onBucket(invocation, "s3:PutEncryptionConfiguration", request.bucket())), false,
                        this::deleteEncryption),
                new Operation<>(SERVICE, "GetBucketAcl", GetBucketAclRequest.class,
                        (invocation, request) -> List.of(onBucket(invocation, "s3:GetBucketAcl", request.bucket())), true, this::getBucketAcl),
                new Operation<>(SERVICE, "PutBucketAcl", PutBucketAclRequest.class,
                        (invocation, request) -> List.of(onBucket(invocation, "s3:PutBucketAcl", request.bucket())), false, this::putBucketAcl),
                new Operation<>(SERVICE, "GetObjectAcl", GetObjectAclRequest.class,
                        (invocation, request) -> List.of(onObject(invocation, "s3:GetObjectAcl", request.bucket(), request.key())), true, this::getObjectAcl),
                new Operation<>(SERVICE, "PutObjectAcl", PutObjectAclRequest.class,
                        (invocation, request) -> List.of(onObject(invocation, "s3:PutObjectAcl", request.bucket(), request.key())), false, this::putObjectAcl));
    }

    private Access onBucket(Invocation invocation, String action, String bucket)
    {
        return s3.access.onBucket(invocation.caller(), action, s3.access.bucket(invocation, bucket));
    }

    /**
     * The owner account's root user may always read, replace or delete the bucket policy, even one that denies it
     * (S3 API Reference, PutBucketPolicy): the way out of a policy that locked everyone out.
     */
    private Access onPolicy(Invocation invocation, String action, String bucket)
    {
        Bucket owner = s3.access.bucket(invocation, bucket);
        if (invocation.caller().kind() == dev.bulwark.server.auth.Caller.PrincipalKind.ROOT && invocation.caller().accountId().equals(owner.accountId())) {
            return Access.of(action, S3Access.bucketArn(bucket));
        }
        return s3.access.onBucket(invocation.caller(), action, owner);
    }

    private Access onObject(Invocation invocation, String action, String bucket, String key)
    {
        return s3.access.onObject(invocation.caller(), action, s3.access.bucket(invocation, bucket), key, s3.access.existingObjectTags(bucket, key));
    }

    private PutBucketPolicyResponse putBucketPolicy(Invocation invocation, PutBucketPolicyRequest request)
    {
        Tx tx = invocation.transaction();
        Bucket bucket = s3.bucket(tx, request.bucket());
        if (request.policy() == null || request.policy().isBlank()) {
            throw S3Errors.malformedPolicy("Policies must be valid JSON and the first byte must be '{'");
        }
        if (request.policy().length() > 20 * 1024) {
            throw S3Errors.malformedPolicy("Policy exceeds the maximum allowed document size.");
        }
        PolicyDocument document = S3Access.parseForBucket(bucket.name(), request.policy());
        if (PublicPolicy.isPublic(document) && s3.access.effectiveBlock(tx, bucket).blockPublicPolicy()) {
            throw S3Errors.accessDenied();
        }
        s3.access.compile(bucket.name(), request.policy());
        s3.s3.updateBucket(tx, bucket.withPolicy(Optional.of(request.policy())));
        return PutBucketPolicyResponse.builder().build();
    }

    private GetBucketPolicyResponse getBucketPolicy(Invocation invocation, GetBucketPolicyRequest request)
    {
        Bucket bucket = s3.bucket(invocation.transaction(), request.bucket());
        return GetBucketPolicyResponse.builder().policy(bucket.policy().orElseThrow(() -> S3Errors.noSuchBucketPolicy(bucket.name()))).build();
    }

    private DeleteBucketPolicyResponse deleteBucketPolicy(Invocation invocation, DeleteBucketPolicyRequest request)
    {
        Tx tx = invocation.transaction();
        s3.s3.updateBucket(tx, s3.bucket(tx, request.bucket()).withPolicy(Optional.empty()));
        return DeleteBucketPolicyResponse.builder().build();
    }

    private GetBucketPolicyStatusResponse getPolicyStatus(Invocation invocation, GetBucketPolicyStatusRequest request)
    {
        Bucket bucket = s3.bucket(invocation.transaction(), request.bucket());
        String policy = bucket.policy().orElseThrow(() -> S3Errors.noSuchBucketPolicy(bucket.name()));
        boolean isPublic = PublicPolicy.isPublic(PolicyDocument.parse(policy, dev.bulwark.policy.document.PolicyGrammar.RESOURCE));
        return GetBucketPolicyStatusResponse.builder().policyStatus(PolicyStatus.builder().isPublic(isPublic).build()).build();
    }

    private PutPublicAccessBlockResponse putPublicAccessBlock(Invocation invocation, PutPublicAccessBlockRequest request)
    {
        Tx tx = invocation.transaction();
        Bucket bucket = s3.bucket(tx, request.bucket());
        PublicAccessBlockConfiguration config = request.publicAccessBlockConfiguration();
        if (config == null) {
            throw S3Errors.malformedXml();
        }
        s3.s3.updateBucket(tx, bucket.withPublicAccessBlock(Optional.of(fromSdk(config))));
        return PutPublicAccessBlockResponse.builder().build();
    }

    private GetPublicAccessBlockResponse getPublicAccessBlock(Invocation invocation, GetPublicAccessBlockRequest request)
    {
        Bucket bucket = s3.bucket(invocation.transaction(), request.bucket());
        PublicAccessBlock block = bucket.publicAccessBlock().orElseThrow(() -> S3Errors.noSuchPublicAccessBlockConfiguration(bucket.name()));
        return GetPublicAccessBlockResponse.builder().publicAccessBlockConfiguration(toSdk(block)).build();
    }

    private DeletePublicAccessBlockResponse deletePublicAccessBlock(Invocation invocation, DeletePublicAccessBlockRequest request)
    {
        Tx tx = invocation.transaction();
        s3.s3.updateBucket(tx, s3.bucket(tx, request.bucket()).withPublicAccessBlock(Optional.empty()));
        return DeletePublicAccessBlockResponse.builder().build();
    }

    static PublicAccessBlock fromSdk(PublicAccessBlockConfiguration config)
    {
        return new PublicAccessBlock(Boolean.TRUE.equals(config.blockPublicAcls()), Boolean.TRUE.equals(config.ignorePublicAcls()),
                Boolean.TRUE.equals(config.blockPublicPolicy()), Boolean.TRUE.equals(config.restrictPublicBuckets()));
    }

    static PublicAccessBlockConfiguration toSdk(PublicAccessBlock block)
    {
        return PublicAccessBlockConfiguration.builder().blockPublicAcls(block.blockPublicAcls()).ignorePublicAcls(block.ignorePublicAcls())
                .blockPublicPolicy(block.blockPublicPolicy()).restrictPublicBuckets(block.restrictPublicBuckets()).build();
    }

    private PutBucketOwnershipControlsResponse putOwnership(Invocation invocation, PutBucketOwnershipControlsRequest request)
    {
        Tx tx = invocation.transaction();
        Bucket bucket = s3.bucket(tx, request.bucket());
        OwnershipControls controls = request.ownershipControls();
        if (controls == null || !controls.hasRules() || controls.rules().size() != 1
                || !OWNERSHIPS.contains(String.valueOf(controls.rules().get(0).objectOwnershipAsString()))) {
            throw S3Errors.malformedXml();
        }
        String ownership = controls.rules().get(0).objectOwnershipAsString();
        if (ownership.equals(Bucket.BUCKET_OWNER_ENFORCED) && !bucket.acl().equals("private")) {
            throw new dev.bulwark.protocol.error.AwsErrorException("InvalidBucketAclWithObjectOwnership", 400, true,
                    "Bucket cannot have ACLs set with ObjectOwnership's BucketOwnerEnforced setting");
        }
        s3.s3.updateBucket(tx, bucket.withOwnership(Optional.of(ownership)));
        return PutBucketOwnershipControlsResponse.builder().build();
    }

    private GetBucketOwnershipControlsResponse getOwnership(Invocation invocation, GetBucketOwnershipControlsRequest request)
    {
        Bucket bucket = s3.bucket(invocation.transaction(), request.bucket());
        String ownership = bucket.ownership().orElseThrow(() -> S3Errors.ownershipControlsNotFound(bucket.name()));
        return GetBucketOwnershipControlsResponse.builder()
                .ownershipControls(OwnershipControls.builder().rules(OwnershipControlsRule.builder().objectOwnership(ownership).build()).build()).build();
    }

    private DeleteBucketOwnershipControlsResponse deleteOwnership(Invocation invocation, DeleteBucketOwnershipControlsRequest request)
    {
        Tx tx = invocation.transaction();
        s3.s3.updateBucket(tx, s3.bucket(tx, request.bucket()).withOwnership(Optional.empty()));
        return DeleteBucketOwnershipControlsResponse.builder().build();
    }

    private PutBucketEncryptionResponse putEncryption(Invocation invocation, PutBucketEncryptionRequest request)
    {
        Tx tx = invocation.transaction();
        Bucket bucket = s3.bucket(tx, request.bucket());
        ServerSideEncryptionConfiguration config = request.serverSideEncryptionConfiguration();
        if (config == null || !config.hasRules() || config.rules().isEmpty() || config.rules().get(0).applyServerSideEncryptionByDefault() == null) {
            throw S3Errors.malformedXml();
        }
        ServerSideEncryptionRule rule = config.rules().get(0);
        ServerSideEncryptionByDefault byDefault = rule.applyServerSideEncryptionByDefault();
        String algorithm = byDefault.sseAlgorithmAsString();
        Encryption encryption;
        if (Encryption.AES256.equals(algorithm)) {
            if (byDefault.kmsMasterKeyID() != null) {
                throw S3Errors.invalidArgument("a KMSMasterKeyID is not applicable if the default sse algorithm is not aws:kms or aws:kms:dsse");
            }
            encryption = new Encryption(Encryption.AES256, Optional.empty(), Boolean.TRUE.equals(rule.bucketKeyEnabled()));
        }
        else if ("aws:kms".equals(algorithm) || "aws:kms:dsse".equals(algorithm)) {
            encryption = new Encryption(algorithm, Optional.ofNullable(byDefault.kmsMasterKeyID()), Boolean.TRUE.equals(rule.bucketKeyEnabled()));
        }
        else {
            throw S3Errors.malformedXml();
        }
        s3.s3.updateBucket(tx, bucket.withEncryption(Optional.of(encryption)));
        return PutBucketEncryptionResponse.builder().build();
    }

    private GetBucketEncryptionResponse getEncryption(Invocation invocation, GetBucketEncryptionRequest request)
    {
        Bucket bucket = s3.bucket(invocation.transaction(), request.bucket());
        // Every bucket has default encryption since January 2023: without a configuration it is SSE-S3.
        Encryption encryption = bucket.encryption().orElse(Encryption.SSE_S3);
        return GetBucketEncryptionResponse.builder().serverSideEncryptionConfiguration(ServerSideEncryptionConfiguration.builder()
                .rules(ServerSideEncryptionRule.builder()
                        .applyServerSideEncryptionByDefault(ServerSideEncryptionByDefault.builder().sseAlgorithm(encryption.algorithm())
                                .kmsMasterKeyID(encryption.kmsKeyId().orElse(null)).build())
                        .bucketKeyEnabled(encryption.bucketKeyEnabled()).build())
                .build()).build();
    }

    private DeleteBucketEncryptionResponse deleteEncryption(Invocation invocation, DeleteBucketEncryptionRequest request)
    {
        Tx tx = invocation.transaction();
        s3.s3.updateBucket(tx, s3.bucket(tx, request.bucket()).withEncryption(Optional.of(Encryption.SSE_S3)));
        return DeleteBucketEncryptionResponse.builder().build();
    }

    private GetBucketAclResponse getBucketAcl(Invocation invocation, GetBucketAclRequest request)
    {
        Bucket bucket = s3.bucket(invocation.transaction(), request.bucket());
        return GetBucketAclResponse.builder().owner(S3Support.owner(bucket.accountId())).grants(grants(bucket.accountId(), bucket.acl())).build();
    }

    private PutBucketAclResponse putBucketAcl(Invocation invocation, PutBucketAclRequest request)
    {
        Tx tx = invocation.transaction();
        Bucket bucket = s3.bucket(tx, request.bucket());
        String acl = cannedAcl(tx, bucket, request.aclAsString(), request.accessControlPolicy() != null || request.grantRead() != null
                || request.grantWrite() != null || request.grantFullControl() != null || request.grantReadACP() != null || request.grantWriteACP() != null);
        s3.s3.updateBucket(tx, bucket.withAcl(acl));
        return PutBucketAclResponse.builder().build();
    }

    private GetObjectAclResponse getObjectAcl(Invocation invocation, GetObjectAclRequest request)
    {
        StoredObject object = s3.object(invocation.transaction(), request.bucket(), request.key());
        return GetObjectAclResponse.builder().owner(S3Support.owner(object.ownerAccount())).grants(grants(object.ownerAccount(), object.acl())).build();
    }

    private PutObjectAclResponse putObjectAcl(Invocation invocation, PutObjectAclRequest request)
    {
        Tx tx = invocation.transaction();
        StoredObject object = s3.object(tx, request.bucket(), request.key());
        String acl = cannedAcl(tx, s3.bucket(tx, request.bucket()), request.aclAsString(), request.accessControlPolicy() != null
                || request.grantRead() != null || request.grantFullControl() != null || request.grantReadACP() != null || request.grantWriteACP() != null);
        s3.s3.updateObjectAcl(tx, object.bucket(), object.key(), acl);
        return PutObjectAclResponse.builder().build();
    }

    /**
     * The canned ACL to store: ACLs disabled (BucketOwnerEnforced) accept only the owner-full-control forms;
     * BlockPublicAcls refuses public ones. Explicit grants are not supported yet (only canned ACLs).
     */
    private String cannedAcl(Tx tx, Bucket bucket, String canned, boolean explicitGrants)
    {
        if (explicitGrants) {
            if (bucket.aclsDisabled()) {
                throw S3Errors.accessControlListNotSupported();
            }
            throw new dev.bulwark.protocol.error.AwsErrorException("NotImplemented", 501, false,
                    "Explicit ACL grants are not implemented by Bulwark yet; use a canned ACL.");
        }
        String acl = canned == null ? "private" : canned;
        if (bucket.aclsDisabled() && !acl.equals("private") && !acl.equals("bucket-owner-full-control")) {
            throw S3Errors.accessControlListNotSupported();
        }
        if (PUBLIC_ACLS.contains(acl) && s3.access.effectiveBlock(tx, bucket).blockPublicAcls()) {
            throw S3Errors.accessDenied();
        }
        return acl;
    }

    static boolean isPublic(String cannedAcl)
    {
        return PUBLIC_ACLS.contains(cannedAcl);
    }

    /** The grants a canned ACL stands for (S3 User Guide, "Canned ACL"). */
    static List<Grant> grants(String ownerAccount, String acl)
    {
        List<Grant> grants = new ArrayList<>();
        Grantee owner = Grantee.builder().type("CanonicalUser").id(S3Support.canonicalId(ownerAccount)).displayName(ownerAccount).build();
        grants.add(Grant.builder().grantee(owner).permission("FULL_CONTROL").build());
        Map<String, List<String>> extra = Map.of(
                "public-read", List.of(ALL_USERS, "READ"),
                "public-read-write", List.of(ALL_USERS, "READ", ALL_USERS, "WRITE"),
                "authenticated-read", List.of(AUTHENTICATED_USERS, "READ"));
        List<String> more = extra.getOrDefault(acl, List.of());
        for (int i = 0; i + 1 < more.size(); i += 2) {
            grants.add(Grant.builder().grantee(Grantee.builder().type("Group").uri(more.get(i)).build()).permission(more.get(i + 1)).build());
        }
        return grants;
    }
}
