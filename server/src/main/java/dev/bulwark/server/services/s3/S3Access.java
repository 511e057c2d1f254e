package dev.bulwark.server.services.s3;

import dev.bulwark.policy.document.MalformedPolicyException;
import dev.bulwark.policy.document.PolicyDocument;
import dev.bulwark.policy.document.PolicyGrammar;
import dev.bulwark.policy.eval.CompiledPolicies;
import dev.bulwark.policy.eval.PolicySource;
import dev.bulwark.policy.eval.PolicyType;
import dev.bulwark.server.auth.Caller;
import dev.bulwark.server.services.Access;
import dev.bulwark.server.services.Invocation;
import dev.bulwark.server.services.ResourcePolicy;
import dev.bulwark.server.services.s3.model.Bucket;
import dev.bulwark.server.services.s3.model.PublicAccessBlock;
import dev.bulwark.server.store.Store;
import dev.bulwark.server.store.Tx;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import static java.util.Objects.requireNonNull;

/**
 * What S3 operations declare for authorization: the IAM action on the bucket or object ARN, S3's condition keys,
 * and the bucket's owner and policy. Block Public Access's {@code RestrictPublicBuckets} is applied here: a public
 * bucket policy grants nothing to anonymous callers or callers of other accounts while it is on.
 */
final class S3Access
{
    private static final int POLICY_CACHE_LIMIT = 4096;
    static final String EXPECTED_OWNER = "x-amz-expected-bucket-owner";
    static final String EXPECTED_SOURCE_OWNER = "x-amz-source-expected-bucket-owner";

    private final Store store;
    private final S3Store s3;
    private final Map<String, CompiledPolicies> compiled = new ConcurrentHashMap<>();

    S3Access(Store store, S3Store s3)
    {
        this.store = requireNonNull(store, "store is null");
        this.s3 = requireNonNull(s3, "s3 is null");
    }

    static String bucketArn(String bucket)
    {
        return "arn:aws:s3:::" + bucket;
    }

    static String objectArn(String bucket, String key)
    {
        return "arn:aws:s3:::" + bucket + "/" + key;
    }

    /**
     * The bucket, for authorization: a missing bucket is NoSuchBucket before any permission is checked, as in S3; a
     * bucket of another account than {@code x-amz-expected-bucket-owner} names is AccessDenied.
     */
    Bucket bucket(Invocation invocation, String name)
    {
        return bucket(invocation, name, EXPECTED_OWNER);
    }

    /** As above, with the header that carries the expected owner (CopyObject's source has its own). */
    Bucket bucket(Invocation invocation, String name, String expectedOwnerHeader)
    {
        Bucket bucket = store.readOnly(tx -> s3.bucket(tx, name)).orElseThrow(() -> S3Errors.noSuchBucket(name));
        Optional<String> expected = invocation.exchange().flatMap(exchange -> exchange.request().header(expectedOwnerHeader));
        if (expected.isPresent() && !expected.get().trim().equals(bucket.accountId())) {
            throw S3Errors.accessDenied();
        }
        return bucket;
    }

    Access onBucket(Caller caller, String action, Bucket bucket)
    {
        return onBucket(caller, action, bucket, Map.of());
    }

    Access onBucket(Caller caller, String action, Bucket bucket, Map<String, List<String>> keys)
    {
        return new Access(action, bucketArn(bucket.name()), keys).withResourcePolicy(resourcePolicy(caller, bucket, Optional.empty()));
    }

    Access onObject(Caller caller, String action, Bucket bucket, String key, Map<String, List<String>> keys)
    {
        Optional<String> objectAcl = Optional.empty();
        if (!bucket.aclsDisabled()) {
            objectAcl = store.readOnly(tx -> s3.object(tx, bucket.name(), key)).map(object -> object.acl());
        }
        return new Access(action, objectArn(bucket.name(), key), keys).withResourcePolicy(resourcePolicy(caller, bucket, objectAcl.map(acl -> Map.entry(key, acl))));
    }

    /** {@code s3:ExistingObjectTag/<key>} for each tag of the object, when it exists. */
    Map<String, List<String>> existingObjectTags(String bucket, String key)
    {
        Map<String, List<String>> keys = new LinkedHashMap<>();
        store.readOnly(tx -> s3.object(tx, bucket, key)).ifPresent(object ->
                object.tags().forEach((tag, value) -> keys.put("s3:ExistingObjectTag/" + tag, List.of(value))));
        return keys;
    }

    /** {@code s3:RequestObjectTag/<key>} and {@code s3:RequestObjectTagKeys} for the tags a request sets. */
    static Map<String, List<String>> requestObjectTags(Map<String, String> tags)
    {
        Map<String, List<String>> keys = new LinkedHashMap<>();
        tags.forEach((tag, value) -> keys.put("s3:RequestObjectTag/" + tag, List.of(value)));
        if (!tags.isEmpty()) {
            keys.put("s3:RequestObjectTagKeys", List.copyOf(tags.keySet()));
        }
        return keys;
    }

    /** The Block Public Access that applies to a bucket: its own settings and its owner account's, the stricter of each. */
    PublicAccessBlock effectiveBlock(Tx tx, Bucket bucket)
    {
        PublicAccessBlock own = bucket.publicAccessBlock().orElse(PublicAccessBlock.ALL_OFF);
        return own.strictest(s3.accountPublicAccessBlock(tx, bucket.accountId()).orElse(PublicAccessBlock.ALL_OFF));
    }

    /**
     * The bucket's resource-based permissions: its policy, plus the grants of its canned ACL and of the object's
     * (when Object Ownership leaves ACLs enabled and Block Public Access does not ignore public ACLs), written as the
     * policy statements they amount to.
     */
    private ResourcePolicy resourcePolicy(Caller caller, Bucket bucket, Optional<Map.Entry<String, String>> objectAcl)
    {
        List<String> aclStatements = List.of();
        if (!bucket.aclsDisabled()) {
            aclStatements = CannedAcls.statements(bucket, objectAcl);
            if (!aclStatements.isEmpty() && store.readOnly(tx -> effectiveBlock(tx, bucket)).ignorePublicAcls()) {
                aclStatements = List.of();
            }
        }
        Optional<String> policy = bucket.policy();
        if (policy.isPresent()) {
            boolean outsider = caller.kind() == Caller.PrincipalKind.ANONYMOUS || !caller.accountId().equals(bucket.accountId());
            if (outsider && PublicPolicy.isPublic(PolicyDocument.parse(policy.get(), PolicyGrammar.RESOURCE))
                    && store.readOnly(tx -> effectiveBlock(tx, bucket)).restrictPublicBuckets()) {
                // RestrictPublicBuckets: only the owner's account (and AWS services) may use a public policy's grants.
                policy = Optional.empty();
            }
        }
        if (policy.isEmpty() && aclStatements.isEmpty()) {
            return ResourcePolicy.of(bucket.accountId(), Optional.empty());
        }
        return ResourcePolicy.of(bucket.accountId(), Optional.of(compile(bucket.name(), CannedAcls.combine(policy, aclStatements))));
    }

    CompiledPolicies compile(String bucket, String text)
    {
        String cacheKey = bucket + "\n" + text;
        CompiledPolicies policy = compiled.get(cacheKey);
        if (policy == null) {
            if (compiled.size() > POLICY_CACHE_LIMIT) {
                compiled.clear();
            }
            policy = CompiledPolicies.compile(new PolicySource(PolicyType.RESOURCE, bucketArn(bucket), PolicyDocument.parse(text, PolicyGrammar.RESOURCE)));
            compiled.put(cacheKey, policy);
        }
        return policy;
    }

    /** Parses a policy for PutBucketPolicy, answering S3's MalformedPolicy. */
    static PolicyDocument parseForBucket(String bucket, String text)
    {
        PolicyDocument document;
        try {
            document = PolicyDocument.parse(text, PolicyGrammar.RESOURCE);
        }
        catch (MalformedPolicyException e) {
            throw S3Errors.malformedPolicy(e.getMessage());
        }
        for (var statement : document.statements()) {
            if (statement.resources().isEmpty() || statement.resources().get().values().isEmpty()) {
                throw S3Errors.malformedPolicy("Missing required field Resource");
            }
            for (String resource : statement.resources().get().values()) {
                // S3 refuses a bucket policy naming anything other than this bucket and its objects.
                if (!coversBucket(bucket, resource)) {
                    throw S3Errors.malformedPolicy("Policy has invalid resource");
                }
            }
            for (String action : statement.actions().values()) {
                if (!action.equals("*") && !action.toLowerCase(java.util.Locale.ROOT).startsWith("s3:")) {
                    throw S3Errors.malformedPolicy("Policy has invalid action");
                }
            }
        }
        return document;
    }

    /**
     * A bucket policy may only name its bucket and the bucket's objects: the ARN itself, an object ARN under it, or
     * a pattern whose text before its first wildcard could still lead to the bucket ({@code arn:aws:s3:::menu*}).
     */
    static boolean coversBucket(String bucket, String resource)
    {
        String arn = bucketArn(bucket);
        if (resource.equals("*") || resource.equals(arn) || resource.startsWith(arn + "/")) {
            return true;
        }
        int wildcard = firstWildcard(resource);
        if (wildcard < 0) {
            return false;
        }
        String literal = resource.substring(0, wildcard);
        return (arn + "/").startsWith(literal) || literal.startsWith(arn + "/");
    }

    private static int firstWildcard(String text)
    {
        int star = text.indexOf('*');
        int question = text.indexOf('?');
        return star < 0 ? question : question < 0 ? star : Math.min(star, question);
    }
}
