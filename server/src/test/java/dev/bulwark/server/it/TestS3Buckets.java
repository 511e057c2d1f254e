package dev.bulwark.server.it;

import dev.bulwark.server.store.StoreTarget;
import dev.bulwark.server.store.StoreTest;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketAlreadyExistsException;
import software.amazon.awssdk.services.s3.model.BucketAlreadyOwnedByYouException;
import software.amazon.awssdk.services.s3.model.BucketVersioningStatus;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.ObjectOwnership;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.ServerSideEncryption;
import software.amazon.awssdk.core.sync.RequestBody;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Buckets: names, the global namespace, defaults that keep a new bucket private, tags, versioning flag, deletion. */
final class TestS3Buckets
{
    @StoreTest
    void bucketsAreCreatedListedAndDeletedWithS3sErrors(StoreTarget target) throws Exception
    {
        try (RunningServer server = RunningServer.start(target); S3Client s3 = S3Clients.s3(server, server.adminCredentials())) {
            s3.createBucket(b -> b.bucket("receipts-2026"));
            s3.headBucket(b -> b.bucket("receipts-2026"));
            assertThat(s3.listBuckets().buckets()).extracting(software.amazon.awssdk.services.s3.model.Bucket::name).containsExactly("receipts-2026");
            assertThat(s3.getBucketLocation(b -> b.bucket("receipts-2026")).locationConstraintAsString()).isNullOrEmpty();

            assertThatThrownBy(() -> s3.createBucket(b -> b.bucket("xn--coffee"))).isInstanceOfSatisfying(S3Exception.class,
                    e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidBucketName"));
            assertThatThrownBy(() -> s3.createBucket(b -> b.bucket("receipts-s3alias"))).isInstanceOfSatisfying(S3Exception.class,
                    e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidBucketName"));
            assertThatThrownBy(() -> s3.headBucket(b -> b.bucket("nobody-has-this"))).isInstanceOf(NoSuchBucketException.class);
            assertThatThrownBy(() -> s3.listObjectsV2(b -> b.bucket("nobody-has-this"))).isInstanceOfSatisfying(NoSuchBucketException.class,
                    e -> assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("The specified bucket does not exist"));

            // New buckets are private: Block Public Access all on, ACLs disabled, SSE-S3 by default.
            var block = s3.getPublicAccessBlock(b -> b.bucket("receipts-2026")).publicAccessBlockConfiguration();
            assertThat(block.blockPublicAcls() && block.ignorePublicAcls() && block.blockPublicPolicy() && block.restrictPublicBuckets()).isTrue();
            assertThat(s3.getBucketOwnershipControls(b -> b.bucket("receipts-2026")).ownershipControls().rules().get(0).objectOwnership())
                    .isEqualTo(ObjectOwnership.BUCKET_OWNER_ENFORCED);
            assertThat(s3.getBucketEncryption(b -> b.bucket("receipts-2026")).serverSideEncryptionConfiguration().rules().get(0)
                    .applyServerSideEncryptionByDefault().sseAlgorithm()).isEqualTo(ServerSideEncryption.AES256);

            s3.putBucketTagging(b -> b.bucket("receipts-2026").tagging(t -> t.tagSet(tag -> tag.key("team").value("coffee"))));
            assertThat(s3.getBucketTagging(b -> b.bucket("receipts-2026")).tagSet()).singleElement()
                    .satisfies(tag -> assertThat(tag.key() + "=" + tag.value()).isEqualTo("team=coffee"));
            s3.deleteBucketTagging(b -> b.bucket("receipts-2026"));
            assertThatThrownBy(() -> s3.getBucketTagging(b -> b.bucket("receipts-2026"))).isInstanceOfSatisfying(S3Exception.class,
                    e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("NoSuchTagSet"));

            assertThat(s3.getBucketVersioning(b -> b.bucket("receipts-2026")).status()).isNull();
            s3.putBucketVersioning(b -> b.bucket("receipts-2026").versioningConfiguration(v -> v.status(BucketVersioningStatus.ENABLED)));
            assertThat(s3.getBucketVersioning(b -> b.bucket("receipts-2026")).status()).isEqualTo(BucketVersioningStatus.ENABLED);

            s3.putObject(b -> b.bucket("receipts-2026").key("r1"), RequestBody.fromString("latte"));
            assertThatThrownBy(() -> s3.deleteBucket(b -> b.bucket("receipts-2026"))).isInstanceOfSatisfying(S3Exception.class,
                    e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("BucketNotEmpty"));
            s3.deleteObject(b -> b.bucket("receipts-2026").key("r1"));
            s3.deleteBucket(b -> b.bucket("receipts-2026"));
            assertThatThrownBy(() -> s3.headBucket(b -> b.bucket("receipts-2026"))).isInstanceOf(NoSuchBucketException.class);
        }
    }

    @StoreTest
    void bucketNamesAreOneNamespaceAcrossAccountsAndRegions(StoreTarget target) throws Exception
    {
        try (RunningServer server = RunningServer.start(target); S3Client s3 = S3Clients.s3(server, server.adminCredentials());
                var orgs = OrgClients.organizations(server, server.adminCredentials())) {
            orgs.createOrganization(b -> b.featureSet("ALL"));
            String other = orgs.createAccount(b -> b.accountName("other").email("other@example.com")).createAccountStatus().accountId();
            try (S3Client otherS3 = S3Clients.s3(server, OrgClients.accessRole(server, other))) {
                s3.createBucket(b -> b.bucket("shared-name"));
                assertThatThrownBy(() -> otherS3.createBucket(b -> b.bucket("shared-name"))).isInstanceOf(BucketAlreadyExistsException.class);
                assertThat(otherS3.listBuckets().buckets()).isEmpty();
            }
            try (S3Client west = S3Client.builder().endpointOverride(server.endpoint()).region(software.amazon.awssdk.regions.Region.EU_WEST_1)
                    .forcePathStyle(true).credentialsProvider(server.adminCredentials())
                    .httpClient(software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient.create()).build()) {
                west.createBucket(b -> b.bucket("west-bucket").createBucketConfiguration(c -> c.locationConstraint("eu-west-1")));
                assertThat(west.getBucketLocation(b -> b.bucket("west-bucket")).locationConstraintAsString()).isEqualTo("eu-west-1");
                assertThatThrownBy(() -> west.createBucket(b -> b.bucket("west-bucket").createBucketConfiguration(c -> c.locationConstraint("eu-west-1"))))
                        .isInstanceOf(BucketAlreadyOwnedByYouException.class);
                assertThatThrownBy(() -> west.createBucket(b -> b.bucket("west-other").createBucketConfiguration(c -> c.locationConstraint("eu-central-1"))))
                        .isInstanceOfSatisfying(S3Exception.class, e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("IllegalLocationConstraintException"));
            }
        }
    }
}
