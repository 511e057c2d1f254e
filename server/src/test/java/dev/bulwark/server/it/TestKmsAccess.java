package dev.bulwark.server.it;

import dev.bulwark.server.store.StoreTarget;
import dev.bulwark.server.store.StoreTest;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.DryRunOperationException;
import software.amazon.awssdk.services.kms.model.KmsException;
import software.amazon.awssdk.services.kms.model.NotFoundException;
import software.amazon.awssdk.services.organizations.OrganizationsClient;
import software.amazon.awssdk.services.organizations.model.OrganizationFeatureSet;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Cross-account use needs the key policy and the caller's IAM; KMS condition keys and tags decide in policies; DryRun. */
final class TestKmsAccess
{
    private static final SdkBytes SECRET = SdkBytes.fromUtf8String("cross-account secret");

    @StoreTest
    void anotherAccountUsesAKeyWhenBothTheKeyPolicyAndItsIamAllow(StoreTarget target) throws Exception
    {
        try (RunningServer server = RunningServer.start(target); KmsClient owner = KmsClients.kms(server, server.adminCredentials());
             OrganizationsClient orgs = OrgClients.organizations(server, server.adminCredentials())) {
            String account = server.admin().accountId();
            orgs.createOrganization(b -> b.featureSet(OrganizationFeatureSet.ALL));
            String other = orgs.createAccount(b -> b.accountName("partner").email("partner@example.com")).createAccountStatus().accountId();
            AwsCredentialsProvider partner = OrgClients.accessRole(server, other);
            String keyArn = owner.createKey(b -> {}).keyMetadata().arn();
            try (KmsClient partnerKms = KmsClients.kms(server, partner)) {
                // The partner's role may do anything, but the default key policy trusts only the owner account.
                assertThatThrownBy(() -> partnerKms.encrypt(b -> b.keyId(keyArn).plaintext(SECRET))).isInstanceOfSatisfying(KmsException.class,
                        e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("AccessDeniedException"));
                String policy = "{\"Version\":\"2012-10-17\",\"Statement\":["
                        + "{\"Sid\":\"Enable IAM User Permissions\",\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"arn:aws:iam::" + account
                        + ":root\"},\"Action\":\"kms:*\",\"Resource\":\"*\"},"
                        + "{\"Sid\":\"Partner use\",\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"arn:aws:iam::" + other
                        + ":root\"},\"Action\":[\"kms:Encrypt\",\"kms:Decrypt\",\"kms:DescribeKey\"],\"Resource\":\"*\"}]}";
                owner.putKeyPolicy(b -> b.keyId(keyArn).policyName("default").policy(policy));
                SdkBytes blob = partnerKms.encrypt(b -> b.keyId(keyArn).plaintext(SECRET)).ciphertextBlob();
                assertThat(partnerKms.decrypt(b -> b.ciphertextBlob(blob)).plaintext()).isEqualTo(SECRET);
                assertThat(partnerKms.describeKey(b -> b.keyId(keyArn)).keyMetadata().arn()).isEqualTo(keyArn);
                // A bare key id names a key in the caller's own account.
                String bareId = keyArn.substring(keyArn.lastIndexOf('/') + 1);
                assertThatThrownBy(() -> partnerKms.describeKey(b -> b.keyId(bareId))).isInstanceOf(NotFoundException.class);
                // Management is not shared.
                assertThatThrownBy(() -> partnerKms.disableKey(b -> b.keyId(keyArn))).isInstanceOfSatisfying(KmsException.class,
                        e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("AccessDeniedException"));
            }
            // A user of the partner account without IAM permission is refused even though the key policy trusts the account.
            try (IamClient partnerIam = server.iam(partner)) {
                partnerIam.createUser(b -> b.userName("intern"));
                var key = partnerIam.createAccessKey(b -> b.userName("intern")).accessKey();
                try (KmsClient intern = KmsClients.kms(server, RunningServer.credentials(key.accessKeyId(), key.secretAccessKey()))) {
                    assertThatThrownBy(() -> intern.encrypt(b -> b.keyId(keyArn).plaintext(SECRET))).isInstanceOfSatisfying(KmsException.class,
                            e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("AccessDeniedException"));
                }
            }
        }
    }

    @StoreTest
    void conditionKeysAndTagsDecideInIamPolicies(StoreTarget target) throws Exception
    {
        try (RunningServer server = RunningServer.start(target); KmsClient admin = KmsClients.kms(server, server.adminCredentials())) {
            String finance = admin.createKey(b -> b.tags(t -> t.tagKey("team").tagValue("finance"))).keyMetadata().keyId();
            String other = admin.createKey(b -> b.tags(t -> t.tagKey("team").tagValue("ops"))).keyMetadata().keyId();
            String policy = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"kms:Encrypt\",\"Resource\":\"*\",\"Condition\":{"
                    + "\"StringEquals\":{\"aws:ResourceTag/team\":\"finance\",\"kms:EncryptionContext:app\":\"payroll\"}}},"
                    + "{\"Effect\":\"Allow\",\"Action\":\"kms:CreateKey\",\"Resource\":\"*\",\"Condition\":{\"StringEquals\":{\"kms:KeySpec\":\"HMAC_256\"}}}]}";
            try (KmsClient user = KmsClients.kms(server, KmsClients.user(server, "payroll", policy))) {
                user.encrypt(b -> b.keyId(finance).plaintext(SECRET).encryptionContext(Map.of("app", "payroll")));
                assertThatThrownBy(() -> user.encrypt(b -> b.keyId(finance).plaintext(SECRET).encryptionContext(Map.of("app", "hr"))))
                        .isInstanceOfSatisfying(KmsException.class, e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("AccessDeniedException"));
                assertThatThrownBy(() -> user.encrypt(b -> b.keyId(other).plaintext(SECRET).encryptionContext(Map.of("app", "payroll"))))
                        .isInstanceOfSatisfying(KmsException.class, e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("AccessDeniedException"));
                user.createKey(b -> b.keySpec("HMAC_256").keyUsage("GENERATE_VERIFY_MAC"));
                assertThatThrownBy(() -> user.createKey(b -> {})).isInstanceOfSatisfying(KmsException.class,
                        e -> assertThat(e.awsErrorDetails().errorMessage()).contains("kms:CreateKey on resource: *"));
            }
            assertThatThrownBy(() -> admin.encrypt(b -> b.keyId(finance).plaintext(SECRET).dryRun(true))).isInstanceOf(DryRunOperationException.class);
        }
    }
}
