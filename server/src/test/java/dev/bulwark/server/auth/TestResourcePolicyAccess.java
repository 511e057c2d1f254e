package dev.bulwark.server.auth;

import dev.bulwark.policy.document.PolicyDocument;
import dev.bulwark.policy.document.PolicyGrammar;
import dev.bulwark.policy.eval.CompiledPolicies;
import dev.bulwark.policy.eval.PolicySource;
import dev.bulwark.policy.eval.PolicyType;
import dev.bulwark.protocol.error.AwsErrorException;
import dev.bulwark.protocol.model.Protocol;
import dev.bulwark.server.Accounts;
import dev.bulwark.server.services.Access;
import dev.bulwark.server.services.ResourcePolicy;
import dev.bulwark.server.services.iam.IamStore;
import dev.bulwark.server.services.iam.model.IamIds;
import dev.bulwark.server.services.iam.model.User;
import dev.bulwark.server.store.SecretBox;
import dev.bulwark.server.store.Store;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Accesses that carry the resource's own policy: a KMS key policy decides whether the account's IAM policies count at
 * all (and locks out even root when it does not trust the account); a bucket-style policy's deny applies to root; the
 * owner the service names, not the ARN, decides what is cross-account.
 */
final class TestResourcePolicyAccess
{
    private static final String ACCOUNT = "111122223333";
    private static final String OTHER = "444455556666";
    private static final String KEY = "arn:aws:kms:us-east-1:" + ACCOUNT + ":key/1234abcd-12ab-34cd-56ef-1234567890ab";
    private static final Authorizer.RequestFacts FACTS = new Authorizer.RequestFacts(Instant.parse("2026-11-23T12:00:00Z"), true, "127.0.0.1",
            "us-east-1", Optional.empty());

    @TempDir
    Path dataDir;
    private Store store;
    private Authorizer authorizer;
    private Caller alice;
    private Caller bob;

    @BeforeEach
    void setUp()
    {
        store = Store.open(dataDir, null);
        IamStore iam = new IamStore(SecretBox.openOrCreate(dataDir), IamIds.secure(), Clock.systemUTC());
        Accounts.ensureExists(store, iam, ACCOUNT);
        User aliceUser = store.inTransaction(tx -> {
            User user = iam.createUser(tx, ACCOUNT, "alice", "/", null);
            iam.putInlinePolicy(tx, user.asOwner(), "kms", "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"kms:*\",\"Resource\":\"*\"}]}");
            return user;
        });
        User bobUser = store.inTransaction(tx -> iam.createUser(tx, ACCOUNT, "bob", "/", null));
        alice = Caller.user(ACCOUNT, aliceUser.arn(), aliceUser.userId(), "alice", "AKIAEXAMPLEALICE0001");
        bob = Caller.user(ACCOUNT, bobUser.arn(), bobUser.userId(), "bob", "AKIAEXAMPLEBOB000001");
        authorizer = new Authorizer(new IdentityPolicies(store, iam));
    }

    @AfterEach
    void tearDown()
    {
        store.close();
    }

    @Test
    void aKeyPolicyThatTrustsTheAccountLetsIamPoliciesDecide()
    {
        Access encrypt = Access.of("kms:Encrypt", KEY).withResourcePolicy(ResourcePolicy.keyPolicy(ACCOUNT, policy(allow("arn:aws:iam::" + ACCOUNT + ":root"))));
        assertThat(allowed(alice, encrypt)).isTrue();
        assertThat(allowed(bob, encrypt)).isFalse();
        assertThat(allowed(Caller.root(ACCOUNT, Optional.empty()), encrypt)).isTrue();
    }

    @Test
    void aKeyPolicyThatDoesNotTrustTheAccountLocksOutIamPoliciesAndRoot()
    {
        Access encrypt = Access.of("kms:Encrypt", KEY).withResourcePolicy(ResourcePolicy.keyPolicy(ACCOUNT, policy(allow(bob.arn()))));
        assertThat(allowed(alice, encrypt)).isFalse();
        assertThat(allowed(Caller.root(ACCOUNT, Optional.empty()), encrypt)).isFalse();
        // A key policy naming the user allows without any IAM policy.
        assertThat(allowed(bob, encrypt)).isTrue();
        assertThatThrownBy(() -> authorizer.check(alice, encrypt, FACTS, Protocol.AWS_JSON_1_1))
                .isInstanceOfSatisfying(AwsErrorException.class, e -> assertThat(e.getMessage())
                        .isEqualTo("User: " + alice.arn() + " is not authorized to perform: kms:Encrypt on resource: " + KEY
                                + " because no resource-based policy allows the kms:Encrypt action"));
    }

    @Test
    void aResourcePolicyDenyAppliesToRootToo()
    {
        String bucket = "arn:aws:s3:::receipts";
        String denyAll = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Deny\",\"Principal\":\"*\",\"Action\":\"s3:*\",\"Resource\":\"" + bucket + "\"}]}";
        Access list = Access.of("s3:ListBucket", bucket).withResourcePolicy(ResourcePolicy.of(ACCOUNT, Optional.of(compile(denyAll))));
        assertThatThrownBy(() -> authorizer.check(Caller.root(ACCOUNT, Optional.empty()), list, FACTS, Protocol.REST_XML)).isInstanceOf(AwsErrorException.class);
        // Without a policy, root keeps its default access and the owner's IAM policies decide for users.
        Access plain = Access.of("s3:ListBucket", bucket).withResourcePolicy(ResourcePolicy.of(ACCOUNT, Optional.empty()));
        authorizer.check(Caller.root(ACCOUNT, Optional.empty()), plain, FACTS, Protocol.REST_XML);
        assertThat(allowed(bob, plain)).isFalse();
    }

    @Test
    void theOwnerTheServiceNamesDecidesWhatIsCrossAccount()
    {
        String bucket = "arn:aws:s3:::partner-data";
        // Alice's IAM allows kms:* only; an s3 access on another account's bucket needs her IAM and the bucket policy.
        String allowAccount = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"" + ACCOUNT
                + "\"},\"Action\":\"kms:*\",\"Resource\":\"*\"}]}";
        Access crossAccount = Access.of("kms:Decrypt", "arn:aws:kms:us-east-1:" + OTHER + ":key/k")
                .withResourcePolicy(ResourcePolicy.keyPolicy(OTHER, compile(allowAccount)));
        assertThat(allowed(alice, crossAccount)).isTrue();
        assertThat(allowed(bob, crossAccount)).isFalse();
        Access noPolicy = Access.of("s3:GetObject", bucket + "/x").withResourcePolicy(ResourcePolicy.of(OTHER, Optional.empty()));
        assertThat(allowed(alice, noPolicy)).isFalse();
    }

    private boolean allowed(Caller caller, Access access)
    {
        return authorizer.decide(caller, access, FACTS).allowed();
    }

    private static String allow(String principal)
    {
        return "{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"" + principal + "\"},\"Action\":\"kms:*\",\"Resource\":\"*\"}";
    }

    private static CompiledPolicies policy(String statement)
    {
        return compile("{\"Version\":\"2012-10-17\",\"Statement\":[" + statement + "]}");
    }

    private static CompiledPolicies compile(String json)
    {
        return CompiledPolicies.compile(new PolicySource(PolicyType.RESOURCE, "resource", PolicyDocument.parse(json, PolicyGrammar.RESOURCE)));
    }
}
