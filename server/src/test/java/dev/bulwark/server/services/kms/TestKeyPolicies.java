package dev.bulwark.server.services.kms;

import dev.bulwark.policy.eval.AccountTrust;
import dev.bulwark.policy.eval.AuthorizationRequest;
import dev.bulwark.policy.eval.CompiledPolicies;
import dev.bulwark.policy.eval.PolicyEvaluator;
import dev.bulwark.policy.eval.RequestContext;
import dev.bulwark.policy.eval.RequestPrincipal;
import dev.bulwark.server.services.kms.model.KeyState;
import dev.bulwark.server.services.kms.model.KmsGrant;
import dev.bulwark.server.services.kms.model.KmsKey;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Grants compiled into the key's policy allow exactly their operations under their constraints; the lockout check. */
final class TestKeyPolicies
{
    private static final String ACCOUNT = "111122223333";
    private static final String USER = "arn:aws:iam::" + ACCOUNT + ":user/worker";
    private static final String LOCKED = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"arn:aws:iam::"
            + ACCOUNT + ":user/admin\"},\"Action\":\"kms:*\",\"Resource\":\"*\"}]}";
    private static final KmsKey KEY = new KmsKey("1234abcd-12ab-34cd-56ef-1234567890ab", ACCOUNT, "us-east-1", "", "SYMMETRIC_DEFAULT", "ENCRYPT_DECRYPT",
            "AWS_KMS", KeyState.ENABLED, Instant.EPOCH, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), LOCKED, 0, Optional.empty(),
            Optional.empty(), 1, Optional.empty());

    @Test
    void equalsConstraintAllowsOnlyThatExactContext()
    {
        KmsGrant grant = new KmsGrant("g1", KEY.keyId(), Optional.empty(), USER, Optional.empty(), ACCOUNT, List.of("Encrypt", "Decrypt"),
                Map.of("project", "alpha"), Map.of(), Instant.EPOCH);
        CompiledPolicies policies = KeyPolicies.compile(KEY, List.of(grant));
        assertThat(allowed(policies, USER, "kms:Encrypt", Map.of("project", "alpha"))).isTrue();
        assertThat(allowed(policies, USER, "kms:Decrypt", Map.of("project", "alpha"))).isTrue();
        assertThat(allowed(policies, USER, "kms:Encrypt", Map.of("project", "alpha", "extra", "x"))).isFalse();
        assertThat(allowed(policies, USER, "kms:Encrypt", Map.of("project", "beta"))).isFalse();
        assertThat(allowed(policies, USER, "kms:Encrypt", Map.of())).isFalse();
        assertThat(allowed(policies, USER, "kms:GenerateDataKey", Map.of("project", "alpha"))).isFalse();
        assertThat(allowed(policies, "arn:aws:iam::" + ACCOUNT + ":user/other", "kms:Encrypt", Map.of("project", "alpha"))).isFalse();
    }

    @Test
    void subsetConstraintAllowsContextsThatContainIt()
    {
        KmsGrant grant = new KmsGrant("g2", KEY.keyId(), Optional.empty(), USER, Optional.empty(), ACCOUNT, List.of("Decrypt"), Map.of(),
                Map.of("project", "alpha"), Instant.EPOCH);
        CompiledPolicies policies = KeyPolicies.compile(KEY, List.of(grant));
        assertThat(allowed(policies, USER, "kms:Decrypt", Map.of("project", "alpha", "extra", "x"))).isTrue();
        assertThat(allowed(policies, USER, "kms:Decrypt", Map.of("extra", "x"))).isFalse();
    }

    @Test
    void lockoutCheckRequiresTheCallerToKeepPutKeyPolicy()
    {
        String arn = KEY.arn();
        KeyPolicies.checkLockout(LOCKED, "arn:aws:iam::" + ACCOUNT + ":user/admin", ACCOUNT, arn);
        KeyPolicies.checkLockout(KeyPolicies.defaultPolicy(ACCOUNT), USER, ACCOUNT, arn);
        assertThatThrownBy(() -> KeyPolicies.checkLockout(LOCKED, USER, ACCOUNT, arn))
                .hasMessage("The new key policy will not allow you to update the key policy in the future.");
        assertThatThrownBy(() -> KeyPolicies.validate("{\"Statement\":")).isInstanceOf(software.amazon.awssdk.services.kms.model.MalformedPolicyDocumentException.class);
    }

    private static boolean allowed(CompiledPolicies policies, String principal, String action, Map<String, String> context)
    {
        AuthorizationRequest request = AuthorizationRequest.builder(RequestPrincipal.parse(principal), action, KEY.arn())
                .resourceAccount(ACCOUNT)
                .resourcePolicy(policies)
                .accountTrust(AccountTrust.RESOURCE_POLICY_MUST_TRUST_ACCOUNT)
                .context(RequestContext.of(KmsWire.contextKeys(context)))
                .build();
        return PolicyEvaluator.evaluate(request).allowed();
    }
}
