package dev.bulwark.server.services.s3;

import dev.bulwark.policy.document.MalformedPolicyException;
import dev.bulwark.policy.document.PolicyDocument;
import dev.bulwark.policy.document.PolicyGrammar;
import dev.bulwark.policy.eval.AuthorizationRequest;
import dev.bulwark.policy.eval.CompiledPolicies;
import dev.bulwark.policy.eval.PolicyEvaluator;
import dev.bulwark.policy.eval.PolicySource;
import dev.bulwark.policy.eval.PolicyType;
import dev.bulwark.policy.eval.RequestContext;
import dev.bulwark.policy.eval.RequestPrincipal;
import dev.bulwark.server.auth.Caller;
import dev.bulwark.server.services.cloudtrail.delivery.LogObjectSink;
import dev.bulwark.server.services.s3.model.Bucket;
import dev.bulwark.server.services.s3.model.Encryption;
import dev.bulwark.server.services.s3.model.Segment;
import dev.bulwark.server.services.s3.model.StoredObject;
import dev.bulwark.server.store.Store;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import static java.util.Objects.requireNonNull;

/**
 * CloudTrail's deliveries into real buckets. As in AWS, CloudTrail writes as the service principal
 * {@code cloudtrail.amazonaws.com}, so only a bucket policy that allows it {@code s3:PutObject} on the key (with the
 * {@code bucket-owner-full-control} ACL CloudTrail sends) lets a log file in; the object belongs to the bucket owner
 * and is encrypted like any other (SSE-S3; a bucket whose default is SSE-KMS is refused, as the service has no grant
 * on the key here). CloudTrail knows only its {@link LogObjectSink}; this class is S3's side of that seam.
 */
public final class S3LogObjectSink implements LogObjectSink
{
    private static final String CLOUDTRAIL = "cloudtrail.amazonaws.com";

    private final Store store;
    private final S3Store s3;
    private final ObjectFiles files;
    private final Clock clock;

    public S3LogObjectSink(Store store, S3Store s3, ObjectFiles files, Clock clock)
    {
        this.store = requireNonNull(store, "store is null");
        this.s3 = requireNonNull(s3, "s3 is null");
        this.files = requireNonNull(files, "files is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    @Override
    public void put(String bucketName, String key, byte[] bytes, Map<String, String> metadata) throws DeliveryException
    {
        put(Optional.empty(), bucketName, key, bytes, metadata);
    }

    @Override
    public void put(String trailArn, String bucketName, String key, byte[] bytes, Map<String, String> metadata) throws DeliveryException
    {
        put(Optional.of(trailArn), bucketName, key, bytes, metadata);
    }

    private void put(Optional<String> trailArn, String bucketName, String key, byte[] bytes, Map<String, String> metadata) throws DeliveryException
    {
        Bucket bucket = store.readOnly(tx -> s3.bucket(tx, bucketName))
                .orElseThrow(() -> new DeliveryException("NoSuchBucket", "The specified bucket does not exist"));
        if (!cloudTrailMayWrite(bucket, key, trailArn)) {
            throw new DeliveryException("AccessDenied", "Access Denied");
        }
        Encryption encryption = bucket.encryption().orElse(Encryption.SSE_S3);
        if (encryption.isKms()) {
            throw new DeliveryException("AccessDenied", "Access Denied");
        }
        Segment segment = files.write(bytes, 0, bytes.length, encryption, Caller.anonymous());
        try {
            StoredObject object = new StoredObject(bucket.name(), key, UUID.randomUUID().toString(), bytes.length, S3Support.quotedMd5(bytes, 0, bytes.length),
                    clock.instant(), Map.of("Content-Type", "application/json", "Content-Encoding", "gzip"), metadata, Map.of(), bucket.accountId(),
                    "bucket-owner-full-control", encryption, Optional.empty(), List.of(segment));
            files.delete(store.inTransaction(tx -> s3.putObject(tx, object)));
        }
        catch (RuntimeException e) {
            files.delete(List.of(segment));
            throw e;
        }
    }

    /** The bucket policy must allow the CloudTrail service principal to put this key, as AWS's trail bucket policy does. */
    private static boolean cloudTrailMayWrite(Bucket bucket, String key, Optional<String> trailArn)
    {
        if (bucket.policy().isEmpty()) {
            return false;
        }
        CompiledPolicies policy;
        try {
            policy = CompiledPolicies.compile(new PolicySource(PolicyType.RESOURCE, "arn:aws:s3:::" + bucket.name(),
                    PolicyDocument.parse(bucket.policy().get(), PolicyGrammar.RESOURCE)));
        }
        catch (MalformedPolicyException e) {
            return false;
        }
        AuthorizationRequest request = AuthorizationRequest.builder(RequestPrincipal.parse(CLOUDTRAIL), "s3:PutObject", "arn:aws:s3:::" + bucket.name() + "/" + key)
                .resourceAccount(bucket.accountId())
                .resourcePolicy(policy)
                .context(RequestContext.of(context(bucket, trailArn)))
                .build();
        return PolicyEvaluator.evaluate(request).allowed();
    }

    private static Map<String, List<String>> context(Bucket bucket, Optional<String> trailArn)
    {
        Map<String, List<String>> keys = new java.util.HashMap<>();
        keys.put("s3:x-amz-acl", List.of("bucket-owner-full-control"));
        keys.put("aws:PrincipalServiceName", List.of(CLOUDTRAIL));
        // The trail's account, which AWS's recommended policy compares with aws:SourceAccount.
        trailArn.ifPresent(arn -> {
            keys.put("aws:SourceArn", List.of(arn));
            keys.put("aws:SourceAccount", List.of(arn.split(":")[4]));
        });
        return keys;
    }
}
