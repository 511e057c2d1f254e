package dev.bulwark.server.it;

import dev.bulwark.server.services.kms.KmsHousekeeping;
import dev.bulwark.server.services.kms.KmsStore;
import dev.bulwark.server.services.kms.SoftwareKeyVault;
import dev.bulwark.server.store.SecretBox;
import dev.bulwark.server.store.StoreTarget;
import dev.bulwark.server.store.StoreTest;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.*;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A key's life with the SDK: create, describe, list, describe-by-alias, disable/enable, tags, key policy, deletion and its cancellation. */
final class TestKmsKeys
{
    @StoreTest
    void keysAreCreatedDescribedListedAndManaged(StoreTarget target) throws Exception
    {
        try (RunningServer server = RunningServer.start(target); KmsClient kms = KmsClients.kms(server, server.adminCredentials())) {
            String account = server.admin().accountId();
            KeyMetadata created = kms.createKey(b -> b.description("payroll").tags(t -> t.tagKey("team").tagValue("finance"))).keyMetadata();
            assertThat(created.keyId()).matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
            assertThat(created.arn()).isEqualTo("arn:aws:kms:us-east-1:" + account + ":key/" + created.keyId());
            assertThat(created.keyState()).isEqualTo(KeyState.ENABLED);
            assertThat(created.keySpec()).isEqualTo(KeySpec.SYMMETRIC_DEFAULT);
            assertThat(created.keyUsage()).isEqualTo(KeyUsageType.ENCRYPT_DECRYPT);
            assertThat(created.encryptionAlgorithms()).containsExactly(EncryptionAlgorithmSpec.SYMMETRIC_DEFAULT);
            assertThat(created.origin()).isEqualTo(OriginType.AWS_KMS);
            assertThat(created.keyManager()).isEqualTo(KeyManagerType.CUSTOMER);

            kms.createAlias(b -> b.aliasName("alias/payroll").targetKeyId(created.keyId()));
            assertThat(kms.describeKey(b -> b.keyId("alias/payroll")).keyMetadata().keyId()).isEqualTo(created.keyId());
            assertThat(kms.describeKey(b -> b.keyId("arn:aws:kms:us-east-1:" + account + ":alias/payroll")).keyMetadata().keyId()).isEqualTo(created.keyId());
            assertThat(kms.describeKey(b -> b.keyId(created.arn())).keyMetadata().description()).isEqualTo("payroll");
            assertThatThrownBy(() -> kms.createAlias(b -> b.aliasName("alias/payroll").targetKeyId(created.keyId())))
                    .isInstanceOfSatisfying(AlreadyExistsException.class, e -> assertThat(e.awsErrorDetails().errorMessage())
                            .isEqualTo("An alias with the name arn:aws:kms:us-east-1:" + account + ":alias/payroll already exists"));
            assertThatThrownBy(() -> kms.createAlias(b -> b.aliasName("alias/aws/mine").targetKeyId(created.keyId())))
                    .isInstanceOf(InvalidAliasNameException.class);
            assertThatThrownBy(() -> kms.describeKey(b -> b.keyId("alias/nothing")))
                    .isInstanceOfSatisfying(NotFoundException.class, e -> assertThat(e.awsErrorDetails().errorMessage())
                            .isEqualTo("Alias arn:aws:kms:us-east-1:" + account + ":alias/nothing is not found."));
            String missing = "arn:aws:kms:us-east-1:" + account + ":key/00000000-1111-2222-3333-444444444444";
            assertThatThrownBy(() -> kms.describeKey(b -> b.keyId(missing)))
                    .isInstanceOfSatisfying(NotFoundException.class, e -> assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("Key '" + missing + "' does not exist"));

            KeyMetadata second = kms.createKey(b -> b.description("second")).keyMetadata();
            kms.updateAlias(b -> b.aliasName("alias/payroll").targetKeyId(second.keyId()));
            assertThat(kms.listAliases(b -> b.keyId(second.keyId())).aliases()).extracting(AliasListEntry::aliasName).containsExactly("alias/payroll");
            kms.deleteAlias(b -> b.aliasName("alias/payroll"));
            assertThat(kms.listAliases(b -> {}).aliases()).isEmpty();

            ListKeysResponse firstPage = kms.listKeys(b -> b.limit(1));
            assertThat(firstPage.truncated()).isTrue();
            ListKeysResponse secondPage = kms.listKeys(b -> b.limit(1).marker(firstPage.nextMarker()));
            assertThat(firstPage.keys().get(0).keyId()).isNotEqualTo(secondPage.keys().get(0).keyId());
            assertThat(kms.listKeys(b -> {}).keys()).extracting(KeyListEntry::keyId).containsExactlyInAnyOrder(created.keyId(), second.keyId());

            kms.updateKeyDescription(b -> b.keyId(created.keyId()).description("salaries"));
            assertThat(kms.describeKey(b -> b.keyId(created.keyId())).keyMetadata().description()).isEqualTo("salaries");

            kms.tagResource(b -> b.keyId(created.keyId()).tags(t -> t.tagKey("env").tagValue("prod")));
            kms.untagResource(b -> b.keyId(created.keyId()).tagKeys("team"));
            assertThat(kms.listResourceTags(b -> b.keyId(created.keyId())).tags()).extracting(Tag::tagKey, Tag::tagValue)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("env", "prod"));
            assertThatThrownBy(() -> kms.tagResource(b -> b.keyId(created.keyId()).tags(t -> t.tagKey("aws:x").tagValue("y")))).isInstanceOf(TagException.class);

            String policy = kms.getKeyPolicy(b -> b.keyId(created.keyId()).policyName("default")).policy();
            assertThat(policy).contains("\"Sid\" : \"Enable IAM User Permissions\"").contains("\"AWS\" : \"arn:aws:iam::" + account + ":root\"")
                    .contains("\"Action\" : \"kms:*\"");
            assertThat(kms.listKeyPolicies(b -> b.keyId(created.keyId())).policyNames()).containsExactly("default");

            kms.disableKey(b -> b.keyId(created.keyId()));
            assertThat(kms.describeKey(b -> b.keyId(created.keyId())).keyMetadata().enabled()).isFalse();
            kms.enableKey(b -> b.keyId(created.keyId()));
            assertThat(kms.describeKey(b -> b.keyId(created.keyId())).keyMetadata().keyState()).isEqualTo(KeyState.ENABLED);

            assertThatThrownBy(() -> kms.scheduleKeyDeletion(b -> b.keyId(created.keyId()).pendingWindowInDays(6)))
                    .isInstanceOfSatisfying(KmsException.class, e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationException"));
            ScheduleKeyDeletionResponse scheduled = kms.scheduleKeyDeletion(b -> b.keyId(created.keyId()).pendingWindowInDays(7));
            assertThat(scheduled.keyState()).isEqualTo(KeyState.PENDING_DELETION);
            assertThat(scheduled.pendingWindowInDays()).isEqualTo(7);
            assertThat(Duration.between(Instant.now(), scheduled.deletionDate())).isBetween(Duration.ofDays(6), Duration.ofDays(7).plusMinutes(1));
            assertThatThrownBy(() -> kms.encrypt(b -> b.keyId(created.keyId()).plaintext(SdkBytes.fromUtf8String("x"))))
                    .isInstanceOfSatisfying(KmsInvalidStateException.class, e -> assertThat(e.awsErrorDetails().errorMessage())
                            .isEqualTo(created.arn() + " is pending deletion."));
            assertThat(kms.cancelKeyDeletion(b -> b.keyId(created.keyId())).keyId()).isEqualTo(created.arn());
            assertThat(kms.describeKey(b -> b.keyId(created.keyId())).keyMetadata().keyState()).isEqualTo(KeyState.DISABLED);
            assertThatThrownBy(() -> kms.cancelKeyDeletion(b -> b.keyId(created.keyId()))).isInstanceOf(KmsInvalidStateException.class);

            // The housekeeping pass really deletes a key once its waiting period is over.
            kms.scheduleKeyDeletion(b -> b.keyId(second.keyId()).pendingWindowInDays(7));
            KmsHousekeeping housekeeping = new KmsHousekeeping(new KmsStore(), new SoftwareKeyVault(SecretBox.openOrCreate(target.dataDir()), new SecureRandom()));
            int early = server.server().store().inTransaction(tx -> housekeeping.run(tx, Instant.now().plus(Duration.ofDays(1))));
            assertThat(early).isZero();
            int due = server.server().store().inTransaction(tx -> housekeeping.run(tx, Instant.now().plus(Duration.ofDays(8))));
            assertThat(due).isEqualTo(1);
            assertThatThrownBy(() -> kms.describeKey(b -> b.keyId(second.keyId()))).isInstanceOf(NotFoundException.class);
            assertThat(kms.listKeys(b -> {}).keys()).extracting(KeyListEntry::keyId).containsExactly(created.keyId());
        }
    }

    @StoreTest
    void theKeyPolicyDecidesWhoMayUseTheKey(StoreTarget target) throws Exception
    {
        try (RunningServer server = RunningServer.start(target); KmsClient admin = KmsClients.kms(server, server.adminCredentials())) {
            String account = server.admin().accountId();
            String keyId = admin.createKey(b -> b.description("shared")).keyMetadata().keyId();
            String keyArn = "arn:aws:kms:us-east-1:" + account + ":key/" + keyId;
            try (KmsClient nobody = KmsClients.kms(server, KmsClients.user(server, "nobody", null));
                 KmsClient alice = KmsClients.kms(server, KmsClients.user(server, "alice",
                         "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":[\"kms:Encrypt\",\"kms:Decrypt\"],\"Resource\":\"*\"}]}"))) {
                // The default policy trusts the account: alice's IAM policy decides, nobody has none.
                SdkBytes blob = alice.encrypt(b -> b.keyId(keyId).plaintext(SdkBytes.fromUtf8String("hello"))).ciphertextBlob();
                assertThat(alice.decrypt(b -> b.ciphertextBlob(blob)).plaintext().asUtf8String()).isEqualTo("hello");
                assertThatThrownBy(() -> nobody.encrypt(b -> b.keyId(keyId).plaintext(SdkBytes.fromUtf8String("hello"))))
                        .isInstanceOfSatisfying(KmsException.class, e -> {
                            assertThat(e.awsErrorDetails().errorCode()).isEqualTo("AccessDeniedException");
                            assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("User: arn:aws:iam::" + account
                                    + ":user/nobody is not authorized to perform: kms:Encrypt on resource: " + keyArn
                                    + " because no identity-based policy allows the kms:Encrypt action");
                        });
                assertThatThrownBy(() -> alice.describeKey(b -> b.keyId(keyId))).isInstanceOfSatisfying(KmsException.class,
                        e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("AccessDeniedException"));

                // A policy that names only "nobody": IAM policies no longer count, and the lockout check keeps the admin able to manage it.
                String onlyNobody = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"arn:aws:iam::" + account
                        + ":user/nobody\"},\"Action\":\"kms:Encrypt\",\"Resource\":\"*\"}]}";
                assertThatThrownBy(() -> admin.putKeyPolicy(b -> b.keyId(keyId).policyName("default").policy(onlyNobody)))
                        .isInstanceOfSatisfying(MalformedPolicyDocumentException.class, e -> assertThat(e.awsErrorDetails().errorMessage())
                                .isEqualTo("The new key policy will not allow you to update the key policy in the future."));
                admin.putKeyPolicy(b -> b.keyId(keyId).policyName("default").policy(onlyNobody).bypassPolicyLockoutSafetyCheck(true));
                assertThat(nobody.encrypt(b -> b.keyId(keyId).plaintext(SdkBytes.fromUtf8String("hi"))).keyId()).isEqualTo(keyArn);
                assertThatThrownBy(() -> alice.encrypt(b -> b.keyId(keyId).plaintext(SdkBytes.fromUtf8String("hi"))))
                        .isInstanceOfSatisfying(KmsException.class, e -> assertThat(e.awsErrorDetails().errorMessage())
                                .endsWith("because no resource-based policy allows the kms:Encrypt action"));
                // Even the admin (AdministratorAccess) is locked out now.
                assertThatThrownBy(() -> admin.getKeyPolicy(b -> b.keyId(keyId).policyName("default"))).isInstanceOfSatisfying(KmsException.class,
                        e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("AccessDeniedException"));
            }
        }
    }
}
