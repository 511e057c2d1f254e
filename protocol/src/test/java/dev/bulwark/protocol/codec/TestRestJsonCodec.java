package dev.bulwark.protocol.codec;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import dev.bulwark.protocol.error.AwsErrorException;
import dev.bulwark.protocol.http.HttpRequest;
import dev.bulwark.protocol.model.ServiceModel;
import dev.bulwark.protocol.route.ServiceRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.SdkResponse;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.guardduty.GuardDutyClient;
import software.amazon.awssdk.services.guardduty.model.AccessDeniedException;
import software.amazon.awssdk.services.guardduty.model.BadRequestException;
import software.amazon.awssdk.services.guardduty.model.Condition;
import software.amazon.awssdk.services.guardduty.model.CreateDetectorRequest;
import software.amazon.awssdk.services.guardduty.model.CreateDetectorResponse;
import software.amazon.awssdk.services.guardduty.model.DeleteDetectorRequest;
import software.amazon.awssdk.services.guardduty.model.DeleteDetectorResponse;
import software.amazon.awssdk.services.guardduty.model.DetectorFeature;
import software.amazon.awssdk.services.guardduty.model.DetectorFeatureConfiguration;
import software.amazon.awssdk.services.guardduty.model.DetectorStatus;
import software.amazon.awssdk.services.guardduty.model.FeatureStatus;
import software.amazon.awssdk.services.guardduty.model.FindingCriteria;
import software.amazon.awssdk.services.guardduty.model.FindingPublishingFrequency;
import software.amazon.awssdk.services.guardduty.model.GetDetectorRequest;
import software.amazon.awssdk.services.guardduty.model.GetDetectorResponse;
import software.amazon.awssdk.services.guardduty.model.InternalServerErrorException;
import software.amazon.awssdk.services.guardduty.model.ListDetectorsRequest;
import software.amazon.awssdk.services.guardduty.model.ListDetectorsResponse;
import software.amazon.awssdk.services.guardduty.model.ListFindingsRequest;
import software.amazon.awssdk.services.guardduty.model.ListFindingsResponse;
import software.amazon.awssdk.services.guardduty.model.TagResourceRequest;
import software.amazon.awssdk.services.guardduty.model.TagResourceResponse;
import software.amazon.awssdk.services.guardduty.model.UntagResourceRequest;
import software.amazon.awssdk.services.guardduty.model.UntagResourceResponse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** restJson1 against the SDK's own GuardDuty client. */
final class TestRestJsonCodec
{
    static final ServiceModel GUARDDUTY = ServiceModel.load("guardduty", GuardDutyClient.class);
    private static final String ARN = "arn:aws:guardduty:eu-west-1:123456789012:detector/12abc34d567e8fa901bc2d34e56789f0";
    private static final String ENCODED_ARN_PATH = "/tags/arn%3Aaws%3Aguardduty%3Aeu-west-1%3A123456789012%3Adetector%2F12abc34d567e8fa901bc2d34e56789f0";

    private final LoopbackServer server = new LoopbackServer(ServiceRegistry.of(List.of(GUARDDUTY)));
    private final GuardDutyClient guardDuty = server.client(GuardDutyClient.builder(), Region.EU_WEST_1);

    interface Call
    {
        SdkResponse call(GuardDutyClient client, SdkRequest request);
    }

    static Stream<Arguments> roundTrips()
    {
        return Stream.of(
                Arguments.of("JSON body with maps and lists of structures",
                        CreateDetectorRequest.builder().enable(true).clientToken("tok").findingPublishingFrequency(FindingPublishingFrequency.SIX_HOURS)
                                .tags(Map.of("env", "prod")).features(DetectorFeatureConfiguration.builder().name(DetectorFeature.S3_DATA_EVENTS).status(FeatureStatus.ENABLED).build()).build(),
                        CreateDetectorResponse.builder().detectorId("12abc34d567e8fa901bc2d34e56789f0").build(),
                        (Call) (client, r) -> client.createDetector((CreateDetectorRequest) r)),
                Arguments.of("URI label in, string timestamps and map out",
                        GetDetectorRequest.builder().detectorId("12abc34d567e8fa901bc2d34e56789f0").build(),
                        GetDetectorResponse.builder().createdAt("2024-05-06T07:08:09.000Z").serviceRole("arn:aws:iam::123456789012:role/r")
                                .status(DetectorStatus.ENABLED).findingPublishingFrequency(FindingPublishingFrequency.FIFTEEN_MINUTES).tags(Map.of("a", "b")).build(),
                        (Call) (client, r) -> client.getDetector((GetDetectorRequest) r)),
                Arguments.of("query parameters",
                        ListDetectorsRequest.builder().maxResults(10).nextToken("n t").build(),
                        ListDetectorsResponse.builder().detectorIds("d1", "d2").nextToken("more").build(),
                        (Call) (client, r) -> client.listDetectors((ListDetectorsRequest) r)),
                Arguments.of("label plus body with nested map of structures",
                        ListFindingsRequest.builder().detectorId("d1").maxResults(5)
                                .findingCriteria(FindingCriteria.builder().criterion(Map.of("severity", Condition.builder().greaterThanOrEqual(4L).build())).build()).build(),
                        ListFindingsResponse.builder().findingIds("f1").build(),
                        (Call) (client, r) -> client.listFindings((ListFindingsRequest) r)),
                Arguments.of("label holding an ARN with a slash; 204 response",
                        TagResourceRequest.builder().resourceArn(ARN).tags(Map.of("k", "v")).build(),
                        TagResourceResponse.builder().build(),
                        (Call) (client, r) -> client.tagResource((TagResourceRequest) r)),
                Arguments.of("repeated query parameter as list",
                        UntagResourceRequest.builder().resourceArn(ARN).tagKeys("k1", "k2").build(),
                        UntagResourceResponse.builder().build(),
                        (Call) (client, r) -> client.untagResource((UntagResourceRequest) r)),
                Arguments.of("DELETE with label",
                        DeleteDetectorRequest.builder().detectorId("d1").build(),
                        DeleteDetectorResponse.builder().build(),
                        (Call) (client, r) -> client.deleteDetector((DeleteDetectorRequest) r)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("roundTrips")
    void sdkRequestDecodesEquallyAndOurResponseUnmarshalsEqually(String name, SdkRequest request, SdkResponse response, Call call)
    {
        server.respondWith(decoded -> response);
        SdkResponse received = call.call(guardDuty, request);

        assertThat(((SdkPojo) server.lastDecoded()).equalsBySdkFields(request)).as("decoded %s", server.lastDecoded()).isTrue();
        assertThat(((SdkPojo) received).equalsBySdkFields(response)).as("received %s", received).isTrue();
        assertThat(received.sdkHttpResponse().firstMatchingHeader("x-amzn-RequestId")).contains("req-1");
    }

    @Test
    void successStatusComesFromTheModel()
    {
        server.respondWith(decoded -> TagResourceResponse.builder().build());
        guardDuty.tagResource(builder -> builder.resourceArn(ARN).tags(Map.of("k", "v")));

        assertThat(server.lastResponse().status()).isEqualTo(204);
    }

    static Stream<Arguments> modeledErrors()
    {
        return Stream.of(
                Arguments.of(BadRequestException.builder().message("The request is rejected because an invalid or out-of-range value is specified as an input parameter.").build(), 400),
                Arguments.of(AccessDeniedException.builder().message("denied").build(), 403),
                Arguments.of(InternalServerErrorException.builder().message("The request is rejected since an internal exception was found.").build(), 500));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("modeledErrors")
    void thrownSdkExceptionReachesTheClientAsTheSameModeledException(RuntimeException thrown, int status)
    {
        server.respondWith(decoded -> {
            throw thrown;
        });

        assertThatThrownBy(() -> guardDuty.listDetectors(builder -> builder.maxResults(1)))
                .isInstanceOf(thrown.getClass())
                .isInstanceOfSatisfying(software.amazon.awssdk.awscore.exception.AwsServiceException.class, received -> {
                    assertThat(received.statusCode()).isEqualTo(status);
                    assertThat(received.awsErrorDetails().errorMessage()).isEqualTo(thrown.getMessage());
                });
    }

    @Test
    void constraintViolationUsesTheServicesModeledValidationError()
    {
        HttpRequest request = new HttpRequest("GET", "/detector", "maxResults=0", Map.of(), new byte[0], false, "127.0.0.1");

        assertThatThrownBy(() -> ProtocolCodecs.forService(GUARDDUTY).decode(GUARDDUTY.operation("ListDetectors").orElseThrow(), request))
                .isInstanceOfSatisfying(AwsErrorException.class, e -> {
                    assertThat(e.code()).isEqualTo("BadRequestException");
                    assertThat(e.message()).isEqualTo("1 validation error detected: Value '0' at 'maxResults' failed to satisfy constraint: Member must have value greater than or equal to 1");
                });
    }

    static Stream<Arguments> collectionViolations()
    {
        String tagKey = "[Member must have length less than or equal to 128, Member must have length greater than or equal to 1, "
                + "Member must satisfy regular expression pattern: (?!aws:)[a-zA-Z+-=._:/]+]";
        return Stream.of(
                Arguments.of(new HttpRequest("DELETE", ENCODED_ARN_PATH, "tagKeys=&tagKeys=ok", Map.of(), new byte[0], false, "127.0.0.1"), "UntagResource",
                        "1 validation error detected: Value '[, ok]' at 'tagKeys' failed to satisfy constraint: Member must satisfy constraint: " + tagKey),
                Arguments.of(new HttpRequest("POST", ENCODED_ARN_PATH, "", Map.of(), "{\"tags\":{\"a b\":\"v\"}}".getBytes(StandardCharsets.UTF_8), false, "127.0.0.1"),
                        "TagResource",
                        "1 validation error detected: Value '{a b=v}' at 'tags' failed to satisfy constraint: Map keys must satisfy constraint: " + tagKey));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("collectionViolations")
    void scalarListMembersAndMapKeysAreReportedOnceForTheCollection(HttpRequest request, String operation, String message)
    {
        assertThatThrownBy(() -> ProtocolCodecs.forService(GUARDDUTY).decode(GUARDDUTY.operation(operation).orElseThrow(), request))
                .isInstanceOfSatisfying(AwsErrorException.class, e -> assertThat(e.message()).isEqualTo(message));
    }

    @Test
    void malformedJsonBodyIsSerializationException()
    {
        HttpRequest request = new HttpRequest("POST", "/detector", "", Map.of(), "{\"enable\":".getBytes(StandardCharsets.UTF_8), false, "127.0.0.1");

        assertThatThrownBy(() -> ProtocolCodecs.forService(GUARDDUTY).decode(GUARDDUTY.operation("CreateDetector").orElseThrow(), request))
                .isInstanceOfSatisfying(AwsErrorException.class, e -> assertThat(e.code()).isEqualTo("SerializationException"));
    }

    static Stream<Arguments> routes()
    {
        return Stream.of(
                Arguments.of("GET", "/detector", "ListDetectors"),
                Arguments.of("POST", "/detector", "CreateDetector"),
                Arguments.of("GET", "/detector/d1", "GetDetector"),
                Arguments.of("POST", "/detector/d1", "UpdateDetector"),
                Arguments.of("POST", "/detector/d1/findings", "ListFindings"),
                Arguments.of("POST", "/detector/d1/findings/get", "GetFindings"),
                Arguments.of("GET", "/tags/arn%3Aaws%3Aguardduty%3Aeu-west-1%3A1%3Adetector%2Fd1", "ListTagsForResource"));
    }

    @ParameterizedTest(name = "{0} {1} -> {2}")
    @MethodSource("routes")
    void routesByMethodAndTemplate(String method, String path, String operation)
    {
        HttpRequest request = new HttpRequest(method, path, "", Map.of(), new byte[0], false, "127.0.0.1");

        assertThat(ServiceRegistry.of(List.of(GUARDDUTY)).route(request, "guardduty").orElseThrow().operation().name()).isEqualTo(operation);
    }
}
