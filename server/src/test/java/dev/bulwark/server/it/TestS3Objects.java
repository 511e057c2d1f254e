package dev.bulwark.server.it;

import dev.bulwark.server.store.StoreTarget;
import dev.bulwark.server.store.StoreTest;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;
import software.amazon.awssdk.services.s3.model.ServerSideEncryption;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Objects through the AWS SDK (which uploads with aws-chunked signed streaming and trailing checksums by default). */
final class TestS3Objects
{
    @StoreTest
    void objectsRoundTripWithMetadataRangesConditionsAndEncryptionAtRest(StoreTarget target) throws Exception
    {
        try (RunningServer server = RunningServer.start(target); S3Client s3 = S3Clients.s3(server, server.adminCredentials())) {
            s3.createBucket(b -> b.bucket("awsdoc-example-bucket"));
            byte[] data = new byte[200_000];
            new Random(7).nextBytes(data);
            byte[] marker = "PLAINTEXT-MARKER-0123456789".getBytes(StandardCharsets.UTF_8);
            System.arraycopy(marker, 0, data, 1000, marker.length);
            var put = s3.putObject(b -> b.bucket("awsdoc-example-bucket").key("receipts/2026/001.bin").contentType("application/x-receipt")
                    .metadata(Map.of("cashier", "ana")).tagging("kind=receipt"), RequestBody.fromBytes(data));
            assertThat(put.eTag()).isEqualTo("\"" + HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(data)) + "\"");
            assertThat(put.serverSideEncryption()).isEqualTo(ServerSideEncryption.AES256);

            ResponseBytes<GetObjectResponse> got = s3.getObjectAsBytes(b -> b.bucket("awsdoc-example-bucket").key("receipts/2026/001.bin"));
            assertThat(got.asByteArray()).isEqualTo(data);
            assertThat(got.response().contentType()).isEqualTo("application/x-receipt");
            assertThat(got.response().metadata()).containsEntry("cashier", "ana");
            assertThat(got.response().serverSideEncryption()).isEqualTo(ServerSideEncryption.AES256);
            assertThat(got.response().tagCount()).isEqualTo(1);

            // A range across a 64 KiB chunk boundary decrypts only what it needs, and answers 206 with Content-Range.
            ResponseBytes<GetObjectResponse> range = s3.getObjectAsBytes(b -> b.bucket("awsdoc-example-bucket").key("receipts/2026/001.bin")
                    .range("bytes=65530-65545"));
            assertThat(range.asByteArray()).isEqualTo(java.util.Arrays.copyOfRange(data, 65530, 65546));
            assertThat(range.response().contentRange()).isEqualTo("bytes 65530-65545/200000");
            assertThat(s3.getObjectAsBytes(b -> b.bucket("awsdoc-example-bucket").key("receipts/2026/001.bin").range("bytes=-5")).asByteArray())
                    .isEqualTo(java.util.Arrays.copyOfRange(data, data.length - 5, data.length));
            assertThatThrownBy(() -> s3.getObjectAsBytes(b -> b.bucket("awsdoc-example-bucket").key("receipts/2026/001.bin").range("bytes=300000-")))
                    .isInstanceOfSatisfying(S3Exception.class, e -> assertThat(e.statusCode()).isEqualTo(416));

            assertThatThrownBy(() -> s3.getObjectAsBytes(b -> b.bucket("awsdoc-example-bucket").key("receipts/2026/001.bin").ifMatch("\"nope\"")))
                    .isInstanceOfSatisfying(S3Exception.class, e -> assertThat(e.statusCode()).isEqualTo(412));
            assertThatThrownBy(() -> s3.getObjectAsBytes(b -> b.bucket("awsdoc-example-bucket").key("receipts/2026/001.bin").ifNoneMatch(put.eTag())))
                    .isInstanceOfSatisfying(S3Exception.class, e -> assertThat(e.statusCode()).isEqualTo(304));
            assertThatThrownBy(() -> s3.getObjectAsBytes(b -> b.bucket("awsdoc-example-bucket").key("receipts/2026/001.bin")
                    .ifModifiedSince(Instant.now().plusSeconds(60)))).isInstanceOfSatisfying(S3Exception.class, e -> assertThat(e.statusCode()).isEqualTo(304));
            assertThatThrownBy(() -> s3.getObjectAsBytes(b -> b.bucket("awsdoc-example-bucket").key("receipts/2026/001.bin")
                    .ifUnmodifiedSince(Instant.now().minusSeconds(3600)))).isInstanceOfSatisfying(S3Exception.class, e -> assertThat(e.statusCode()).isEqualTo(412));
            assertThat(s3.getObjectAsBytes(b -> b.bucket("awsdoc-example-bucket").key("receipts/2026/001.bin").ifMatch(put.eTag())).asByteArray()).isEqualTo(data);

            var head = s3.headObject(b -> b.bucket("awsdoc-example-bucket").key("receipts/2026/001.bin"));
            assertThat(head.contentLength()).isEqualTo(data.length);
            assertThat(head.eTag()).isEqualTo(put.eTag());
            assertThatThrownBy(() -> s3.getObject(b -> b.bucket("awsdoc-example-bucket").key("missing"))).isInstanceOfSatisfying(NoSuchKeyException.class,
                    e -> assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("The specified key does not exist."));

            // The bytes on disk are ciphertext: the marker never appears in any object file.
            try (Stream<Path> files = Files.walk(server.server().config().dataDir().resolve("s3").resolve("data"))) {
                List<Path> all = files.filter(Files::isRegularFile).toList();
                assertThat(all).isNotEmpty();
                for (Path file : all) {
                    assertThat(new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1)).doesNotContain("PLAINTEXT-MARKER");
                }
            }

            assertThat(s3.getObjectTagging(b -> b.bucket("awsdoc-example-bucket").key("receipts/2026/001.bin")).tagSet())
                    .singleElement().satisfies(tag -> assertThat(tag.key()).isEqualTo("kind"));
            s3.putObjectTagging(b -> b.bucket("awsdoc-example-bucket").key("receipts/2026/001.bin")
                    .tagging(t -> t.tagSet(tag -> tag.key("kind").value("void"), tag -> tag.key("year").value("2026"))));
            assertThat(s3.getObjectTagging(b -> b.bucket("awsdoc-example-bucket").key("receipts/2026/001.bin")).tagSet()).hasSize(2);

            var copy = s3.copyObject(b -> b.sourceBucket("awsdoc-example-bucket").sourceKey("receipts/2026/001.bin")
                    .destinationBucket("awsdoc-example-bucket").destinationKey("archive/001.bin"));
            assertThat(copy.copyObjectResult().eTag()).isEqualTo(put.eTag());
            assertThat(s3.getObjectAsBytes(b -> b.bucket("awsdoc-example-bucket").key("archive/001.bin")).asByteArray()).isEqualTo(data);
            assertThat(s3.getObjectAsBytes(b -> b.bucket("awsdoc-example-bucket").key("archive/001.bin")).response().metadata())
                    .containsEntry("cashier", "ana");

            // Checksums the SDK computes travel as aws-chunked trailers and are verified; a wrong declared one is BadDigest.
            assertThatThrownBy(() -> s3.putObject(b -> b.bucket("awsdoc-example-bucket").key("bad-sum").checksumCRC32("AAAAAA=="), RequestBody.fromString("x")))
                    .isInstanceOfSatisfying(S3Exception.class, e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("BadDigest"));
            assertThatThrownBy(() -> s3.headObject(b -> b.bucket("awsdoc-example-bucket").key("bad-sum"))).isInstanceOf(NoSuchKeyException.class);

            // Conditional writes, and the expected bucket owner guarding against a bucket that changed hands.
            assertThatThrownBy(() -> s3.putObject(b -> b.bucket("awsdoc-example-bucket").key("archive/001.bin").ifNoneMatch("*"), RequestBody.fromString("x")))
                    .isInstanceOfSatisfying(S3Exception.class, e -> assertThat(e.statusCode()).isEqualTo(412));
            s3.putObject(b -> b.bucket("awsdoc-example-bucket").key("archive/new.bin").ifNoneMatch("*"), RequestBody.fromString("x"));
            assertThatThrownBy(() -> s3.putObject(b -> b.bucket("awsdoc-example-bucket").key("archive/new.bin").ifMatch("\"0000\""), RequestBody.fromString("y")))
                    .isInstanceOfSatisfying(S3Exception.class, e -> assertThat(e.statusCode()).isEqualTo(412));
            String owner = server.admin().accountId();
            s3.headObject(b -> b.bucket("awsdoc-example-bucket").key("archive/001.bin").expectedBucketOwner(owner));
            assertThatThrownBy(() -> s3.headObject(b -> b.bucket("awsdoc-example-bucket").key("archive/001.bin").expectedBucketOwner("999999999999")))
                    .isInstanceOfSatisfying(S3Exception.class, e -> assertThat(e.statusCode()).isEqualTo(403));

            s3.deleteObject(b -> b.bucket("awsdoc-example-bucket").key("archive/001.bin"));
            assertThatThrownBy(() -> s3.headObject(b -> b.bucket("awsdoc-example-bucket").key("archive/001.bin"))).isInstanceOf(NoSuchKeyException.class);
        }
    }

    @StoreTest
    void listingsPageWithPrefixesDelimitersMarkersAndContinuationTokens(StoreTarget target) throws Exception
    {
        try (RunningServer server = RunningServer.start(target); S3Client s3 = S3Clients.s3(server, server.adminCredentials())) {
            s3.createBucket(b -> b.bucket("listing"));
            List<String> keys = List.of("a.txt", "photos/2025/x.jpg", "photos/2026/y.jpg", "photos/z.jpg", "receipts/1", "receipts/2", "receipts/3",
                    "with space/é.txt");
            for (String key : keys) {
                s3.putObject(b -> b.bucket("listing").key(key), RequestBody.fromString(key));
            }
            ListObjectsV2Response top = s3.listObjectsV2(b -> b.bucket("listing").delimiter("/"));
            assertThat(top.contents()).extracting(S3Object::key).containsExactly("a.txt");
            assertThat(top.commonPrefixes()).extracting(p -> p.prefix()).containsExactly("photos/", "receipts/", "with space/");
            assertThat(top.keyCount()).isEqualTo(4);

            ListObjectsV2Response photos = s3.listObjectsV2(b -> b.bucket("listing").prefix("photos/").delimiter("/"));
            assertThat(photos.contents()).extracting(S3Object::key).containsExactly("photos/z.jpg");
            assertThat(photos.commonPrefixes()).extracting(p -> p.prefix()).containsExactly("photos/2025/", "photos/2026/");

            List<String> paged = new ArrayList<>();
            String token = null;
            int pages = 0;
            do {
                String current = token;
                ListObjectsV2Response page = s3.listObjectsV2(b -> b.bucket("listing").maxKeys(3).continuationToken(current));
                page.contents().forEach(object -> paged.add(object.key()));
                token = page.nextContinuationToken();
                pages++;
                assertThat(page.isTruncated()).isEqualTo(token != null);
            }
            while (token != null);
            assertThat(paged).containsExactlyElementsOf(keys);
            assertThat(pages).isEqualTo(3);
            assertThat(s3.listObjectsV2(b -> b.bucket("listing").startAfter("receipts/2")).contents()).extracting(S3Object::key)
                    .containsExactly("receipts/3", "with space/é.txt");

            var v1 = s3.listObjects(b -> b.bucket("listing").maxKeys(2).marker("photos/z.jpg"));
            assertThat(v1.contents()).extracting(S3Object::key).containsExactly("receipts/1", "receipts/2");
            assertThat(v1.isTruncated()).isTrue();
            s3.listObjectsV2Paginator(b -> b.bucket("listing").maxKeys(1)).contents().forEach(object -> assertThat(keys).contains(object.key()));

            var deleted = s3.deleteObjects(b -> b.bucket("listing").delete(d -> d.objects(o -> o.key("receipts/1"), o -> o.key("receipts/2"))));
            assertThat(deleted.deleted()).hasSize(2);
            assertThat(s3.listObjectsV2(b -> b.bucket("listing").prefix("receipts/")).contents()).extracting(S3Object::key).containsExactly("receipts/3");
        }
    }

    @StoreTest
    void multipartUploadsAssembleWithS3sEtag(StoreTarget target) throws Exception
    {
        try (RunningServer server = RunningServer.start(target); S3Client s3 = S3Clients.s3(server, server.adminCredentials())) {
            s3.createBucket(b -> b.bucket("big"));
            int partSize = 5 * 1024 * 1024;
            byte[] first = new byte[partSize];
            byte[] second = new byte[1234];
            new Random(1).nextBytes(first);
            new Random(2).nextBytes(second);
            String uploadId = s3.createMultipartUpload(b -> b.bucket("big").key("video.bin")).uploadId();
            String etag1 = s3.uploadPart(b -> b.bucket("big").key("video.bin").uploadId(uploadId).partNumber(1), RequestBody.fromBytes(first)).eTag();
            String etag2 = s3.uploadPart(b -> b.bucket("big").key("video.bin").uploadId(uploadId).partNumber(2), RequestBody.fromBytes(second)).eTag();
            assertThat(s3.listParts(b -> b.bucket("big").key("video.bin").uploadId(uploadId)).parts()).extracting(p -> p.size())
                    .containsExactly((long) partSize, 1234L);
            assertThat(s3.listMultipartUploads(b -> b.bucket("big")).uploads()).extracting(u -> u.uploadId()).containsExactly(uploadId);
            assertThatThrownBy(() -> s3.completeMultipartUpload(b -> b.bucket("big").key("video.bin").uploadId(uploadId)
                    .multipartUpload(m -> m.parts(CompletedPart.builder().partNumber(2).eTag(etag2).build(), CompletedPart.builder().partNumber(1).eTag(etag1).build()))))
                    .isInstanceOfSatisfying(S3Exception.class, e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidPartOrder"));

            String etag = s3.completeMultipartUpload(b -> b.bucket("big").key("video.bin").uploadId(uploadId)
                    .multipartUpload(m -> m.parts(CompletedPart.builder().partNumber(1).eTag(etag1).build(), CompletedPart.builder().partNumber(2).eTag(etag2).build())))
                    .eTag();
            MessageDigest md5 = MessageDigest.getInstance("MD5");
            md5.update(MessageDigest.getInstance("MD5").digest(first));
            md5.update(MessageDigest.getInstance("MD5").digest(second));
            assertThat(etag).isEqualTo("\"" + HexFormat.of().formatHex(md5.digest()) + "-2\"");
            byte[] whole = s3.getObjectAsBytes(b -> b.bucket("big").key("video.bin")).asByteArray();
            assertThat(whole.length).isEqualTo(partSize + 1234);
            assertThat(java.util.Arrays.copyOfRange(whole, partSize - 3, partSize + 3)).isEqualTo(new byte[] {first[partSize - 3], first[partSize - 2],
                    first[partSize - 1], second[0], second[1], second[2]});
            assertThat(s3.headObject(b -> b.bucket("big").key("video.bin")).partsCount()).isEqualTo(2);
            assertThat(s3.listMultipartUploads(b -> b.bucket("big")).uploads()).isEmpty();

            String aborted = s3.createMultipartUpload(b -> b.bucket("big").key("gone.bin")).uploadId();
            s3.abortMultipartUpload(b -> b.bucket("big").key("gone.bin").uploadId(aborted));
            assertThatThrownBy(() -> s3.listParts(b -> b.bucket("big").key("gone.bin").uploadId(aborted)))
                    .isInstanceOfSatisfying(S3Exception.class, e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("NoSuchUpload"));
        }
    }
}
