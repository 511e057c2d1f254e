package dev.bulwark.server.it;

import dev.bulwark.server.store.StoreTarget;
import dev.bulwark.server.store.StoreTest;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.ServerSideEncryption;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * SSE-KMS through a real server: S3 asks KMS for the object's data key with the caller's own permissions, so the key
 * policy and the caller's IAM policies decide (with {@code kms:ViaService} naming S3), and disabling the key stops
 * reads of what it protects until it is enabled again.
 */
final class TestS3SseKms
{
    private static final String S3_ONLY = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"s3:*\",\"Resource\":\"*\"}]}";
    private static final String S3_AND_KMS_VIA_S3 = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"s3:*\",\"Resource\":\"*\"},"
            + "{\"Effect\":\"Allow\",\"Action\":[\"kms:GenerateDataKey\",\"kms:Decrypt\"],\"Resource\":\"*\","
            + "\"Condition\":{\"StringEquals\":{\"kms:ViaService\":\"s3.us-east-1.amazonaws.com\"}}}]}";

    @StoreTest
    void objectsUnderAKmsKeyNeedTheKeyThroughS3(StoreTarget target) throws Exception
    {
        try (RunningServer server = RunningServer.start(target); S3Client admin = S3Clients.s3(server, server.adminCredentials());
                KmsClient kms = KmsClients.kms(server, server.adminCredentials())) {
            String keyArn = kms.createKey(b -> b.description("receipts")).keyMetadata().arn();
            kms.createAlias(b -> b.aliasName("alias/receipts").targetKeyId(keyArn));
            admin.createBucket(b -> b.bucket("receipts"));

            admin.putObject(b -> b.bucket("receipts").key("monday.txt").serverSideEncryption(ServerSideEncryption.AWS_KMS).ssekmsKeyId("alias/receipts"),
                    RequestBody.fromString("2 espresso"));
            HeadObjectResponse head = admin.headObject(b -> b.bucket("receipts").key("monday.txt"));
            assertThat(head.serverSideEncryption()).isEqualTo(ServerSideEncryption.AWS_KMS);
            assertThat(admin.getObjectAsBytes(b -> b.bucket("receipts").key("monday.txt")).asUtf8String()).isEqualTo("2 espresso");

            kms.disableKey(b -> b.keyId(keyArn));
            assertThatThrownBy(() -> admin.getObjectAsBytes(b -> b.bucket("receipts").key("monday.txt")))
                    .isInstanceOfSatisfying(S3Exception.class, e -> {
                        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("KMS.DisabledException");
                        assertThat(e.statusCode()).isEqualTo(400);
                    });
            assertThatThrownBy(() -> admin.putObject(b -> b.bucket("receipts").key("tuesday.txt").serverSideEncryption(ServerSideEncryption.AWS_KMS)
                    .ssekmsKeyId(keyArn), RequestBody.fromString("x")))
                    .isInstanceOfSatisfying(S3Exception.class, e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("KMS.DisabledException"));
            kms.enableKey(b -> b.keyId(keyArn));
            assertThat(admin.getObjectAsBytes(b -> b.bucket("receipts").key("monday.txt")).asUtf8String()).isEqualTo("2 espresso");

            // S3 permissions alone do not open an SSE-KMS object: the key (through IAM, as the default key policy says) must too.
            AwsCredentialsProvider clerk = KmsClients.user(server, "clerk", S3_ONLY);
            try (S3Client s3 = S3Clients.s3(server, clerk)) {
                assertThatThrownBy(() -> s3.getObjectAsBytes(b -> b.bucket("receipts").key("monday.txt")))
                        .isInstanceOfSatisfying(S3Exception.class, e -> {
                            assertThat(e.statusCode()).isEqualTo(403);
                            assertThat(e.awsErrorDetails().errorCode()).isEqualTo("AccessDenied");
                        });
                assertThatThrownBy(() -> s3.putObject(b -> b.bucket("receipts").key("clerk.txt").serverSideEncryption(ServerSideEncryption.AWS_KMS)
                        .ssekmsKeyId(keyArn), RequestBody.fromString("x")))
                        .isInstanceOfSatisfying(S3Exception.class, e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("AccessDenied"));
                assertThat(admin.listObjectsV2(b -> b.bucket("receipts")).contents()).noneMatch(object -> object.key().equals("clerk.txt"));
                // SSE-S3 objects need no key permission: it was the key that refused.
                s3.putObject(b -> b.bucket("receipts").key("plain.txt"), RequestBody.fromString("menu"));
                assertThat(s3.getObjectAsBytes(b -> b.bucket("receipts").key("plain.txt")).asUtf8String()).isEqualTo("menu");
            }
            AwsCredentialsProvider cashier = KmsClients.user(server, "cashier", S3_AND_KMS_VIA_S3);
            try (S3Client s3 = S3Clients.s3(server, cashier); KmsClient direct = KmsClients.kms(server, cashier)) {
                assertThat(s3.getObjectAsBytes(b -> b.bucket("receipts").key("monday.txt")).asUtf8String()).isEqualTo("2 espresso");
                s3.putObject(b -> b.bucket("receipts").key("cashier.txt").serverSideEncryption(ServerSideEncryption.AWS_KMS).ssekmsKeyId("alias/receipts"),
                        RequestBody.fromString("1 latte"));
                assertThat(admin.getObjectAsBytes(b -> b.bucket("receipts").key("cashier.txt")).asUtf8String()).isEqualTo("1 latte");
                // The same permission does not reach KMS directly: kms:ViaService is absent there.
                assertThatThrownBy(() -> direct.generateDataKey(b -> b.keyId(keyArn).numberOfBytes(32)))
                        .isInstanceOf(software.amazon.awssdk.services.kms.model.KmsException.class)
                        .hasMessageContaining("kms:GenerateDataKey");
            }
        }
    }
}
