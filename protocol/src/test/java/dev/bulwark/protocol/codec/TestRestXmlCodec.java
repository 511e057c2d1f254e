package dev.bulwark.protocol.codec;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import dev.bulwark.protocol.error.AwsErrorException;
import dev.bulwark.protocol.http.HttpRequest;
import dev.bulwark.protocol.http.HttpResponse;
import dev.bulwark.protocol.model.ServiceModel;
import dev.bulwark.protocol.route.ServiceRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.SdkResponse;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketLocationConstraint;
import software.amazon.awssdk.services.s3.model.ChecksumAlgorithm;
import software.amazon.awssdk.services.s3.model.CommonPrefix;
import software.amazon.awssdk.services.s3.model.CreateBucketConfiguration;
import software.amazon.awssdk.services.s3.model.CreateBucketRequest;
import software.amazon.awssdk.services.s3.model.CreateBucketResponse;
import software.amazon.awssdk.services.s3.model.Delete;
import software.amazon.awssdk.services.s3.model.DeleteObjectsRequest;
import software.amazon.awssdk.services.s3.model.DeleteObjectsResponse;
import software.amazon.awssdk.services.s3.model.DeletedObject;
import software.amazon.awssdk.services.s3.model.GetBucketLocationRequest;
import software.amazon.awssdk.services.s3.model.GetBucketLocationResponse;
import software.amazon.awssdk.services.s3.model.GetBucketTaggingRequest;
import software.amazon.awssdk.services.s3.model.GetBucketTaggingResponse;
import software.amazon.awssdk.services.s3.model.GetObjectTaggingRequest;
import software.amazon.awssdk.services.s3.model.GetObjectTaggingResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectRequest;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.ListBucketsRequest;
import software.amazon.awssdk.services.s3.model.ListBucketsResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.model.Owner;
import software.amazon.awssdk.services.s3.model.PutBucketTaggingRequest;
import software.amazon.awssdk.services.s3.model.PutBucketTaggingResponse;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Object;
import software.amazon.awssdk.services.s3.model.Bucket;
import software.amazon.awssdk.services.s3.model.Tag;
import software.amazon.awssdk.services.s3.model.Tagging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * restXml against the SDK's own S3 client (path-style addressing). Rows with a payload name the checksum
 * algorithm because the SDK adds {@code x-amz-sdk-checksum-algorithm: CRC32} to those requests itself.
 */
final class TestRestXmlCodec
{
    static final ServiceModel S3 = ServiceModel.load("s3", S3Client.class);
    private static final Instant MODIFIED = Instant.parse("2024-05-06T07:08:09Z");

    private final LoopbackServer server = new LoopbackServer(ServiceRegistry.of(List.of(S3)));
    private final S3Client s3 = server.client(S3Client.builder().forcePathStyle(true), Region.EU_WEST_1);

    interface Call
    {
        SdkResponse call(S3Client s3, SdkRequest request);
    }

    static Stream<Arguments> roundTrips()
    {
        Tagging tagging = Tagging.builder().tagSet(Tag.builder().key("env").value("prod").build(), Tag.builder().key("team").value("a&b <c>").build()).build();
        return Stream.of(
                Arguments.of("structure payload in request, header in response",
                        CreateBucketRequest.builder().bucket("my-bucket").acl("private")
                                .createBucketConfiguration(CreateBucketConfiguration.builder().locationConstraint(BucketLocationConstraint.EU_WEST_1).build()).build(),
                        CreateBucketResponse.builder().location("/my-bucket").build(),
                        (Call) (s3, r) -> s3.createBucket((CreateBucketRequest) r)),
                Arguments.of("wrapped list of structures in request payload",
                        PutBucketTaggingRequest.builder().bucket("my-bucket").tagging(tagging).checksumAlgorithm(ChecksumAlgorithm.CRC32).build(),
                        PutBucketTaggingResponse.builder().build(),
                        (Call) (s3, r) -> s3.putBucketTagging((PutBucketTaggingRequest) r)),
                Arguments.of("response root name from the table",
                        GetBucketTaggingRequest.builder().bucket("my-bucket").build(),
                        GetBucketTaggingResponse.builder().tagSet(tagging.tagSet()).build(),
                        (Call) (s3, r) -> s3.getBucketTagging((GetBucketTaggingRequest) r)),
                Arguments.of("query parameters in, flattened lists and timestamps out",
                        ListObjectsV2Request.builder().bucket("my-bucket").prefix("photos/").delimiter("/").maxKeys(2).continuationToken("t").build(),
                        ListObjectsV2Response.builder().name("my-bucket").prefix("photos/").delimiter("/").maxKeys(2).keyCount(2).isTruncated(true)
                                .nextContinuationToken("n").continuationToken("t")
                                .contents(S3Object.builder().key("photos/a.jpg").size(10L).eTag("\"e1\"").lastModified(MODIFIED).storageClass("STANDARD")
                                                .owner(Owner.builder().id("o").displayName("d").build()).build(),
                                        S3Object.builder().key("photos/b.jpg").size(20L).eTag("\"e2\"").lastModified(MODIFIED).build())
                                .commonPrefixes(CommonPrefix.builder().prefix("photos/2024/").build()).build(),
                        (Call) (s3, r) -> s3.listObjectsV2((ListObjectsV2Request) r)),
                Arguments.of("scalar root element",
                        GetBucketLocationRequest.builder().bucket("my-bucket").build(),
                        GetBucketLocationResponse.builder().locationConstraint(BucketLocationConstraint.EU_WEST_1).build(),
                        (Call) (s3, r) -> s3.getBucketLocation((GetBucketLocationRequest) r)),
                Arguments.of("flattened lists in request payload and response",
                        DeleteObjectsRequest.builder().bucket("my-bucket").delete(Delete.builder().quiet(false)
                                .objects(ObjectIdentifier.builder().key("a").build(), ObjectIdentifier.builder().key("b/c").versionId("v").build()).build())
                                .checksumAlgorithm(ChecksumAlgorithm.CRC32).build(),
                        DeleteObjectsResponse.builder().deleted(DeletedObject.builder().key("a").build(), DeletedObject.builder().key("b/c").versionId("v").build()).build(),
                        (Call) (s3, r) -> s3.deleteObjects((DeleteObjectsRequest) r)),
                Arguments.of("greedy key with slashes, spaces, plus and non-ASCII",
                        GetObjectTaggingRequest.builder().bucket("my-bucket").key("a/b c/ü+x=1&y.txt").versionId("v1").build(),
                        GetObjectTaggingResponse.builder().versionId("v1").tagSet(tagging.tagSet()).build(),
                        (Call) (s3, r) -> s3.getObjectTagging((GetObjectTaggingRequest) r)),
                Arguments.of("headers only: metadata map, RFC 822 timestamp, numbers",
                        HeadObjectRequest.builder().bucket("my-bucket").key("k").ifNoneMatch("\"x\"").build(),
                        HeadObjectResponse.builder().contentLength(5L).eTag("\"e\"").lastModified(MODIFIED).contentType("text/plain")
                                .metadata(Map.of("owner", "bob", "colour", "blue")).build(),
                        (Call) (s3, r) -> s3.headObject((HeadObjectRequest) r)),
                Arguments.of("operation without input members",
                        ListBucketsRequest.builder().build(),
                        ListBucketsResponse.builder().buckets(Bucket.builder().name("b1").creationDate(MODIFIED).build())
                                .owner(Owner.builder().id("o").build()).build(),
                        (Call) (s3, r) -> s3.listBuckets((ListBucketsRequest) r)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("roundTrips")
    void sdkRequestDecodesEquallyAndOurResponseUnmarshalsEqually(String name, SdkRequest request, SdkResponse response, Call call)
    {
        server.respondWith(decoded -> response);
        SdkResponse received = call.call(s3, request);

        assertThat(((SdkPojo) server.lastDecoded()).equalsBySdkFields(request)).as("decoded %s", server.lastDecoded()).isTrue();
        assertThat(((SdkPojo) received).equalsBySdkFields(response)).as("received %s", received).isTrue();
        assertThat(received.sdkHttpResponse().firstMatchingHeader("x-amz-request-id")).contains("req-1");
    }

    @Test
    void putObjectDecodesHeadersAndLeavesTheStreamingBodyInTheRequest()
    {
        server.respondWith(decoded -> PutObjectResponse.builder().eTag("\"abc\"").build());
        PutObjectResponse response = s3.putObject(PutObjectRequest.builder().bucket("my-bucket").key("dir/file.txt").contentType("text/plain")
                .metadata(Map.of("owner", "bob")).build(), RequestBody.fromString("hello"));

        PutObjectRequest decoded = (PutObjectRequest) server.lastDecoded();
        assertThat(decoded.bucket()).isEqualTo("my-bucket");
        assertThat(decoded.key()).isEqualTo("dir/file.txt");
        assertThat(decoded.contentType()).isEqualTo("text/plain");
        assertThat(decoded.metadata()).containsEntry("owner", "bob");
        assertThat(new String(server.lastRequest().body(), StandardCharsets.UTF_8)).contains("hello");
        assertThat(response.eTag()).isEqualTo("\"abc\"");
    }

    static Stream<Arguments> routes()
    {
        return Stream.of(
                Arguments.of("GET", "/", "", Map.of(), "ListBuckets"),
                Arguments.of("GET", "/b", "", Map.of(), "ListObjects"),
                Arguments.of("GET", "/b", "list-type=2&prefix=x", Map.of(), "ListObjectsV2"),
                Arguments.of("GET", "/b", "location", Map.of(), "GetBucketLocation"),
                Arguments.of("GET", "/b/k/with/slashes", "", Map.of(), "GetObject"),
                Arguments.of("GET", "/b/k", "uploadId=u", Map.of(), "ListParts"),
                Arguments.of("GET", "/b/k", "tagging", Map.of(), "GetObjectTagging"),
                Arguments.of("PUT", "/b/k", "", Map.of(), "PutObject"),
                Arguments.of("PUT", "/b/k", "partNumber=1&uploadId=u", Map.of(), "UploadPart"),
                Arguments.of("PUT", "/b/k", "", Map.of("x-amz-copy-source", List.of("src/k")), "CopyObject"),
                Arguments.of("PUT", "/b/k", "partNumber=1&uploadId=u", Map.of("x-amz-copy-source", List.of("src/k")), "UploadPartCopy"),
                Arguments.of("DELETE", "/b/k", "", Map.of(), "DeleteObject"),
                Arguments.of("DELETE", "/b/k", "uploadId=u", Map.of(), "AbortMultipartUpload"),
                Arguments.of("POST", "/b", "delete", Map.of(), "DeleteObjects"),
                Arguments.of("HEAD", "/b", "", Map.of(), "HeadBucket"),
                Arguments.of("PUT", "/b", "", Map.of(), "CreateBucket"));
    }

    @ParameterizedTest(name = "{0} {1}?{2} -> {4}")
    @MethodSource("routes")
    void routesByMethodTemplateAndRequiredBindings(String method, String path, String query, Map<String, List<String>> headers, String operation)
    {
        HttpRequest request = new HttpRequest(method, path, query, headers, new byte[0], false, "127.0.0.1");

        assertThat(ServiceRegistry.of(List.of(S3)).route(request, "s3").orElseThrow().operation().name()).isEqualTo(operation);
    }

    @Test
    void modeledErrorsReachTheClientAsTheirClasses()
    {
        server.respondWith(decoded -> {
            throw NoSuchBucketException.builder().message("The specified bucket does not exist").build();
        });
        assertThatThrownBy(() -> s3.listObjectsV2(builder -> builder.bucket("nope")))
                .isInstanceOfSatisfying(NoSuchBucketException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(404);
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("NoSuchBucket");
                    assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("The specified bucket does not exist");
                    assertThat(e.requestId()).isEqualTo("req-1");
                });

        server.respondWith(decoded -> {
            throw NoSuchKeyException.builder().message("The specified key does not exist.").build();
        });
        assertThatThrownBy(() -> s3.getObjectTagging(builder -> builder.bucket("b").key("k"))).isInstanceOf(NoSuchKeyException.class);
    }

    @Test
    void errorShapeCarriesExtraFieldsRequestIdAndHostId()
    {
        AwsErrorException error = AwsErrorException.sender("NoSuchKey", 404, "The specified key does not exist.").withExtraFields(Map.of("Key", "a/b"));
        HttpResponse response = ProtocolCodecs.forService(S3).encodeError(error, "rid");

        assertThat(response.status()).isEqualTo(404);
        assertThat(new String(response.body(), StandardCharsets.UTF_8)).isEqualTo(
                "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>NoSuchKey</Code><Message>The specified key does not exist.</Message>"
                        + "<Key>a/b</Key><RequestId>rid</RequestId><HostId>cmlk</HostId></Error>");
        assertThat(response.headers()).containsEntry("x-amz-request-id", List.of("rid"));
    }

    @Test
    void malformedXmlPayloadIsMalformedXml()
    {
        HttpRequest request = new HttpRequest("PUT", "/b", "tagging", Map.of(), "<Tagging><TagSet>".getBytes(StandardCharsets.UTF_8), false, "127.0.0.1");

        assertThatThrownBy(() -> ProtocolCodecs.forService(S3).decode(S3.operation("PutBucketTagging").orElseThrow(), request))
                .isInstanceOfSatisfying(AwsErrorException.class, e -> {
                    assertThat(e.code()).isEqualTo("MalformedXML");
                    assertThat(e.httpStatus()).isEqualTo(400);
                });
    }

    @Test
    void externalEntitiesAreNotResolved()
    {
        String body = "<?xml version=\"1.0\"?><!DOCTYPE t [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><Tagging><TagSet><Tag><Key>&x;</Key><Value>v</Value></Tag></TagSet></Tagging>";
        HttpRequest request = new HttpRequest("PUT", "/b", "tagging", Map.of(), body.getBytes(StandardCharsets.UTF_8), false, "127.0.0.1");

        assertThatThrownBy(() -> ProtocolCodecs.forService(S3).decode(S3.operation("PutBucketTagging").orElseThrow(), request))
                .isInstanceOf(AwsErrorException.class);
    }

}
