package dev.bulwark.server.services.kms;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bulwark.policy.document.MalformedPolicyException;
import dev.bulwark.policy.document.PolicyDocument;
import dev.bulwark.policy.document.PolicyGrammar;
import dev.bulwark.policy.eval.AccountTrust;
import dev.bulwark.policy.eval.AuthorizationRequest;
import dev.bulwark.policy.eval.CompiledPolicies;
import dev.bulwark.policy.eval.PolicyEvaluator;
import dev.bulwark.policy.eval.PolicySource;
import dev.bulwark.policy.eval.PolicyType;
import dev.bulwark.policy.eval.RequestPrincipal;
import dev.bulwark.server.services.kms.model.KmsGrant;
import dev.bulwark.server.services.kms.model.KmsKey;
import dev.bulwark.server.store.Tx;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import static java.util.Objects.requireNonNull;

/**
 * Key policies: AWS's default document, validation of a new policy (grammar, size, the lockout safety check), and
 * the compiled set authorization uses — the key policy plus one Allow statement per live grant (its grantee, its
 * operations as {@code kms:<Op>}, its encryption-context constraints as conditions). Compiled sets are cached per
 * key and rebuilt when the key's {@code revision} (bumped by every policy or grant change) moves on.
 */
final class KeyPolicies
{
    /** KMS limits a key policy to 32 KiB. */
    static final int MAX_POLICY_BYTES = 32 * 1024;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final CompiledPolicies ALLOW_EVERYTHING = CompiledPolicies.compile(new PolicySource(PolicyType.IDENTITY, "lockout-check",
            PolicyDocument.parse("{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"*\"}]}")));

    private record Cached(long revision, CompiledPolicies policies) {}

    private final KmsStore kms;
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();

    KeyPolicies(KmsStore kms)
    {
        this.kms = requireNonNull(kms, "kms is null");
    }

    /** The default key policy, character for character as KMS writes it. */
    static String defaultPolicy(String accountId)
    {
        return "{\n"
                + "  \"Version\" : \"2012-10-17\",\n"
                + "  \"Id\" : \"key-default-1\",\n"
                + "  \"Statement\" : [ {\n"
                + "    \"Sid\" : \"Enable IAM User Permissions\",\n"
                + "    \"Effect\" : \"Allow\",\n"
                + "    \"Principal\" : {\n"
                + "      \"AWS\" : \"arn:aws:iam::" + accountId + ":root\"\n"
                + "    },\n"
                + "    \"Action\" : \"kms:*\",\n"
                + "    \"Resource\" : \"*\"\n"
                + "  } ]\n"
                + "}";
    }

    /** The key policy and grants of a key, compiled; from the cache while the key's revision is unchanged. */
    CompiledPolicies compiled(Tx tx, KmsKey key)
    {
        Cached cached = cache.get(key.keyId());
        if (cached != null && cached.revision() == key.revision()) {
            return cached.policies();
        }
        CompiledPolicies compiled = compile(key, kms.grants(tx, key.keyId()));
        cache.put(key.keyId(), new Cached(key.revision(), compiled));
        return compiled;
    }

    static CompiledPolicies compile(KmsKey key, List<KmsGrant> grants)
    {
        try {
            JsonNode policy = JSON.readTree(key.policy());
            ArrayNode statements = JSON.createArrayNode();
            JsonNode existing = policy.get("Statement");
            if (existing != null && existing.isArray()) {
                statements.addAll((ArrayNode) existing);
            }
            else if (existing != null) {
                statements.add(existing);
            }
            for (KmsGrant grant : grants) {
                statements.add(grantStatement(grant));
            }
            ObjectNode combined = JSON.createObjectNode();
            combined.put("Version", policy.path("Version").asText("2012-10-17"));
            combined.set("Statement", statements);
            return CompiledPolicies.compile(new PolicySource(PolicyType.RESOURCE, key.arn(), PolicyDocument.parse(combined.toString(), PolicyGrammar.RESOURCE)));
        }
        catch (JsonProcessingException | MalformedPolicyException e) {
            // A stored policy was validated when it was put; a grant principal was checked when the grant was made.
            throw new IllegalStateException("stored key policy or grant of " + key.arn() + " does not compile", e);
        }
    }

    private static ObjectNode grantStatement(KmsGrant grant)
    {
        ObjectNode statement = JSON.createObjectNode();
        statement.put("Sid", "Grant" + grant.grantId().substring(0, Math.min(16, grant.grantId().length())));
        statement.put("Effect", "Allow");
        ObjectNode principal = statement.putObject("Principal");
        principal.put(grant.granteePrincipal().startsWith("arn:") ? "AWS" : "Service", grant.granteePrincipal());
        ArrayNode actions = statement.putArray("Action");
        grant.operations().forEach(operation -> actions.add("kms:" + operation));
        statement.put("Resource", "*");
        if (grant.hasConstraints()) {
            ObjectNode condition = statement.putObject("Condition");
            ObjectNode equals = condition.putObject("StringEquals");
            grant.contextSubset().forEach((key, value) -> equals.put("kms:EncryptionContext:" + key, value));
            grant.contextEquals().forEach((key, value) -> equals.put("kms:EncryptionContext:" + key, value));
            if (!grant.contextEquals().isEmpty()) {
                ArrayNode keys = condition.putObject("ForAllValues:StringEquals").putArray("kms:EncryptionContextKeys");
                grant.contextEquals().keySet().forEach(keys::add);
            }
        }
        return statement;
    }

    /** Parses a key policy as KMS accepts it, or KMS's MalformedPolicyDocumentException. */
    static PolicyDocument validate(String policy)
    {
        if (policy.getBytes(StandardCharsets.UTF_8).length > MAX_POLICY_BYTES) {
            throw KmsErrors.validation(policy.length(), "policy", "Member must have length less than or equal to 32768");
        }
        try {
            PolicyDocument document = PolicyDocument.parse(policy, PolicyGrammar.RESOURCE);
            CompiledPolicies.compile(new PolicySource(PolicyType.RESOURCE, "key-policy", document));
            return document;
        }
        catch (MalformedPolicyException | IllegalArgumentException e) {
            throw KmsErrors.malformedPolicy(e.getMessage());
        }
    }

    /**
     * KMS's lockout safety check: the principal making the request must be able to call PutKeyPolicy on the key
     * under the new policy, either named by it or through its account's IAM policies when the policy trusts the account.
     */
    static void checkLockout(String policy, String callerArn, String accountId, String keyArn)
    {
        PolicyDocument document = validate(policy);
        CompiledPolicies compiled = CompiledPolicies.compile(new PolicySource(PolicyType.RESOURCE, keyArn, document));
        AuthorizationRequest request = AuthorizationRequest.builder(RequestPrincipal.parse(callerArn), "kms:PutKeyPolicy", keyArn)
                .resourceAccount(accountId)
                .identityPolicies(ALLOW_EVERYTHING)
                .resourcePolicy(compiled)
                .accountTrust(AccountTrust.RESOURCE_POLICY_MUST_TRUST_ACCOUNT)
                .build();
        if (!PolicyEvaluator.evaluate(request).allowed()) {
            throw KmsErrors.lockout();
        }
    }
}
