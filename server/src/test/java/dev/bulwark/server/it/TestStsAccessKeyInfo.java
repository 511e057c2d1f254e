package dev.bulwark.server.it;

import dev.bulwark.server.store.StoreTarget;
import dev.bulwark.server.store.StoreTest;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.Credentials;
import software.amazon.awssdk.services.sts.model.StsException;

import static dev.bulwark.server.it.TestIamManagedPolicies.userWithKey;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** STS GetAccessKeyInfo through the SDK on both stores. */
final class TestStsAccessKeyInfo
{
    @StoreTest
    void answersTheAccountOfAnyKey(StoreTarget target) throws Exception
    {
        try (RunningServer server = RunningServer.start(target); IamClient admin = server.iam(server.adminCredentials());
                StsClient sts = server.sts(server.adminCredentials())) {
            String account = server.admin().accountId();
            String adminKey = server.adminCredentials().resolveCredentials().accessKeyId();
            assertThat(sts.getAccessKeyInfo(b -> b.accessKeyId(adminKey)).account()).isEqualTo(account);

            String inactive = admin.createAccessKey(b -> b.userName("admin")).accessKey().accessKeyId();
            admin.updateAccessKey(b -> b.userName("admin").accessKeyId(inactive).status("Inactive"));
            assertThat(sts.getAccessKeyInfo(b -> b.accessKeyId(inactive)).account()).as("the state of the key does not matter").isEqualTo(account);

            admin.createRole(b -> b.roleName("r").assumeRolePolicyDocument(TestIamRoles.trustAccount(account)));
            Credentials session = sts.assumeRole(b -> b.roleArn("arn:aws:iam::" + account + ":role/r").roleSessionName("ci")).credentials();
            assertThat(session.accessKeyId()).startsWith("ASIA");
            assertThat(sts.getAccessKeyInfo(b -> b.accessKeyId(session.accessKeyId())).account()).isEqualTo(account);

            // A key Bulwark never issued: AWS decodes the account from the key ID itself.
            assertThat(sts.getAccessKeyInfo(b -> b.accessKeyId("ASIAY34FZKBOKMUTVV7A")).account()).isEqualTo("609629065308");

            AwsCredentialsProvider ivy = userWithKey(admin, "ivy");
            try (StsClient asIvy = server.sts(ivy)) {
                assertThatThrownBy(() -> asIvy.getAccessKeyInfo(b -> b.accessKeyId(adminKey)))
                        .isInstanceOfSatisfying(StsException.class, e -> {
                            assertThat(e.statusCode()).isEqualTo(403);
                            assertThat(e.awsErrorDetails().errorCode()).isEqualTo("AccessDenied");
                            assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("User: arn:aws:iam::" + account
                                    + ":user/ivy is not authorized to perform: sts:GetAccessKeyInfo on resource: * because no identity-based policy allows the sts:GetAccessKeyInfo action");
                        });
                admin.putUserPolicy(b -> b.userName("ivy").policyName("info").policyDocument(
                        "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"sts:GetAccessKeyInfo\",\"Resource\":\"*\"}]}"));
                assertThat(asIvy.getAccessKeyInfo(b -> b.accessKeyId(adminKey)).account()).isEqualTo(account);
            }
        }
    }
}
