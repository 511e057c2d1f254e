package dev.bulwark.server.it;

import dev.bulwark.server.services.iam.TestKeyMaterial;
import dev.bulwark.server.store.StoreTarget;
import dev.bulwark.server.store.StoreTest;
import software.amazon.awssdk.services.iam.IamClient;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.OptionalInt;

import static org.assertj.core.api.Assertions.assertThat;

/** GetAccountSummary counts the account's real entities and reports the quotas IAM enforces. */
final class TestIamAccountSummary
{
    @StoreTest
    void summaryCountsWhatTheAccountHolds(StoreTarget target) throws Exception
    {
        try (RunningServer server = RunningServer.start(target); IamClient iam = server.iam(server.adminCredentials())) {
            Map<String, Integer> before = iam.getAccountSummary().summaryMapAsStrings();
            iam.createUser(b -> b.userName("bob"));
            iam.createGroup(b -> b.groupName("Readers"));
            String arn = iam.createPolicy(b -> b.policyName("p").policyDocument("""
                    {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"iam:ListUsers","Resource":"*"}]}""")).policy().arn();
            iam.attachUserPolicy(b -> b.userName("bob").policyArn(arn));

            Map<String, Integer> after = iam.getAccountSummary().summaryMapAsStrings();
            assertThat(after.get("Users")).isEqualTo(before.get("Users") + 1);
            assertThat(after.get("Groups")).isEqualTo(before.get("Groups") + 1);
            assertThat(after.get("Policies")).isEqualTo(before.get("Policies") + 1);
            assertThat(after.get("PolicyVersionsInUse")).isEqualTo(before.get("PolicyVersionsInUse") + 1);
            assertThat(after).containsEntry("AccessKeysPerUserQuota", 2)
                    .containsEntry("VersionsPerPolicyQuota", 5)
                    .containsEntry("PolicySizeQuota", 6144)
                    .containsEntry("UserPolicySizeQuota", 2048)
                    .containsEntry("AccountMFAEnabled", 0);
        }
    }

    @StoreTest
    void summaryCountsCertificatesAndIdentityProviders(StoreTarget target) throws Exception
    {
        try (RunningServer server = RunningServer.start(target, Clock.systemUTC(), true, OptionalInt.empty());
                IamClient root = server.iam(RunningServer.credentials("test", "test"))) {
            Map<String, Integer> before = root.getAccountSummary().summaryMapAsStrings();
            assertThat(before).containsEntry("AccountSigningCertificatesPresent", 0).containsEntry("ServerCertificatesQuota", 20);

            root.createUser(b -> b.userName("erin"));
            TestKeyMaterial.Issued userCertificate = TestKeyMaterial.selfSigned("erin", TestKeyMaterial.rsa(2048), Duration.ofDays(30));
            root.uploadSigningCertificate(b -> b.userName("erin").certificateBody(userCertificate.certificatePem()));
            assertThat(root.getAccountSummary().summaryMapAsStrings()).as("a user's certificate is not the root's")
                    .containsEntry("AccountSigningCertificatesPresent", 0);
            TestKeyMaterial.Issued rootCertificate = TestKeyMaterial.selfSigned("root", TestKeyMaterial.rsa(2048), Duration.ofDays(30));
            root.uploadSigningCertificate(b -> b.certificateBody(rootCertificate.certificatePem()));

            for (String name : new String[] {"www", "api"}) {
                TestKeyMaterial.Issued server1 = TestKeyMaterial.selfSigned(name + ".example.com", TestKeyMaterial.rsa(2048), Duration.ofDays(30));
                root.uploadServerCertificate(b -> b.serverCertificateName(name).certificateBody(server1.certificatePem()).privateKey(server1.privateKeyPem()));
            }
            root.createOpenIDConnectProvider(b -> b.url("https://one.example.com"));
            root.createOpenIDConnectProvider(b -> b.url("https://two.example.com"));

            Map<String, Integer> after = root.getAccountSummary().summaryMapAsStrings();
            assertThat(after).containsEntry("AccountSigningCertificatesPresent", 1);
            assertThat(after.get("ServerCertificates")).isEqualTo(before.get("ServerCertificates") + 2);
            assertThat(after.get("Providers")).isEqualTo(before.get("Providers") + 2);
        }
    }
}
