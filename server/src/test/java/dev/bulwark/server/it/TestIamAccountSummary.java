package dev.bulwark.server.it;

import dev.bulwark.server.store.StoreTarget;
import dev.bulwark.server.store.StoreTest;
import software.amazon.awssdk.services.iam.IamClient;

import java.util.Map;

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
}
