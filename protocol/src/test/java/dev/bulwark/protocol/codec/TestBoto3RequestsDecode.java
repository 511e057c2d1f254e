package dev.bulwark.protocol.codec;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bulwark.protocol.error.AwsErrorException;
import dev.bulwark.protocol.http.HttpRequest;
import dev.bulwark.protocol.http.QueryStrings;
import dev.bulwark.protocol.model.ServiceModel;
import dev.bulwark.protocol.route.Route;
import dev.bulwark.protocol.route.ServiceRegistry;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.services.guardduty.GuardDutyClient;
import software.amazon.awssdk.services.guardduty.model.GetDetectorRequest;
import software.amazon.awssdk.services.guardduty.model.ListFindingsRequest;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.CreateUserRequest;
import software.amazon.awssdk.services.iam.model.ListUsersRequest;
import software.amazon.awssdk.services.iam.model.Tag;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.ListKeysRequest;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.EncodingType;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.GetCallerIdentityRequest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A second oracle besides the Java SDK: requests boto3 really sent (captured with their bytes for the SigV4 tests,
 * {@code sigv4/boto3-signed-requests.json}) route to the right operation and decode to the request boto3 was given.
 * Two of them carry values IAM itself refuses (a space in a path prefix, '&' in a tag value): with constraint checks
 * on, those must fail with IAM's ValidationError.
 */
final class TestBoto3RequestsDecode
{
    private static final Pattern SCOPE_SERVICE = Pattern.compile("Credential=[^/]+/[^/]+/[^/]+/([^/]+)/aws4_request");
    private static final ServiceRegistry REGISTRY = ServiceRegistry.of(List.of(
            ServiceModel.load("iam", IamClient.class),
            ServiceModel.load("sts", StsClient.class),
            ServiceModel.load("kms", KmsClient.class),
            ServiceModel.load("guardduty", GuardDutyClient.class),
            ServiceModel.load("s3", S3Client.class)));

    private static final Map<String, SdkRequest> EXPECTED = Map.of(
            "boto3 client: iam.list_users", ListUsersRequest.builder().pathPrefix("/division abc/").build(),
            "boto3 client: iam.create_user with tags", CreateUserRequest.builder().userName("al+ice").tags(Tag.builder().key("team").value("café & co").build()).build(),
            "boto3 client: sts.get_caller_identity with session token", GetCallerIdentityRequest.builder().build(),
            "boto3 client: kms.list_keys", ListKeysRequest.builder().limit(5).build(),
            "boto3 client: guardduty.get_detector (restJson path label)", GetDetectorRequest.builder().detectorId("12abc34d567e8fa901bc2d34e56789f0").build(),
            "boto3 client: guardduty.list_findings", ListFindingsRequest.builder().detectorId("12abc34d567e8fa901bc2d34e56789f0").maxResults(10).build(),
            "boto3 client: s3.list_objects_v2 with prefix needing encoding",
            ListObjectsV2Request.builder().bucket("bucket").prefix("a b/ü+x").delimiter("/").encodingType(EncodingType.URL).build(),
            "boto3 client: s3.generate_presigned_url get_object, 1 hour", GetObjectRequest.builder().bucket("bucket").key("a b/é+x.txt").build());

    private static final Map<String, String> REFUSED = Map.of(
            "boto3 client: iam.list_users",
            "1 validation error detected: Value '/division abc/' at 'pathPrefix' failed to satisfy constraint: "
                    + "Member must satisfy regular expression pattern: \\u002F[\\u0021-\\u007F]*",
            "boto3 client: iam.create_user with tags",
            "1 validation error detected: Value 'café & co' at 'tags.1.member.value' failed to satisfy constraint: "
                    + "Member must satisfy regular expression pattern: [\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]*");

    static Stream<Arguments> cases()
            throws IOException
    {
        JsonNode fixture;
        try (InputStream in = TestBoto3RequestsDecode.class.getResourceAsStream("/sigv4/boto3-signed-requests.json")) {
            fixture = new ObjectMapper().readTree(in);
        }
        List<Arguments> out = new ArrayList<>();
        for (JsonNode node : fixture.get("cases")) {
            String name = node.get("name").asText();
            if (EXPECTED.containsKey(name)) {
                out.add(Arguments.of(name, request(node)));
            }
        }
        assertThat(out).hasSameSizeAs(EXPECTED.keySet());
        return out.stream();
    }

    private static HttpRequest request(JsonNode node)
    {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        node.get("headers").forEach(header -> headers.computeIfAbsent(header.get(0).asText(), ignored -> new ArrayList<>()).add(header.get(1).asText()));
        byte[] body = node.get("bodyBase64").isNull() ? new byte[0] : Base64.getDecoder().decode(node.get("bodyBase64").asText());
        return new HttpRequest(node.get("method").asText(), node.get("rawPath").asText(), node.get("rawQuery").asText(), headers, body, false, "127.0.0.1");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void boto3RequestDecodesToWhatBoto3WasAsked(String name, HttpRequest request)
    {
        String signingService = request.header("Authorization").map(SCOPE_SERVICE::matcher).filter(Matcher::find).map(matcher -> matcher.group(1))
                .or(() -> QueryStrings.parse(request.rawQuery()).getOrDefault("X-Amz-Credential", List.of()).stream().findFirst().map(credential -> credential.split("/")[3]))
                .orElseThrow();

        Route route = REGISTRY.route(request, signingService).orElseThrow();
        SdkRequest decoded = ProtocolCodecs.withoutValidation(route.service()).decode(route.operation(), request);

        assertThat(decoded).isEqualTo(EXPECTED.get(name));
        if (REFUSED.containsKey(name)) {
            assertThatThrownBy(() -> route.codec().decode(route.operation(), request))
                    .isInstanceOfSatisfying(AwsErrorException.class, e -> {
                        assertThat(e.code()).isEqualTo("ValidationError");
                        assertThat(e.message()).isEqualTo(REFUSED.get(name));
                    });
        }
        else {
            assertThat(route.codec().decode(route.operation(), request)).isEqualTo(decoded);
        }
    }
}
