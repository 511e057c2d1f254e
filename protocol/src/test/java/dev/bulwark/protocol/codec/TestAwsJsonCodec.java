package dev.bulwark.protocol.codec;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bulwark.protocol.error.AwsErrorException;
import dev.bulwark.protocol.http.HttpRequest;
import dev.bulwark.protocol.http.HttpResponse;
import dev.bulwark.protocol.model.ServiceModel;
import dev.bulwark.protocol.route.ServiceRegistry;
import dev.bulwark.protocol.route.UnknownOperationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.SdkResponse;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.CreateKeyRequest;
import software.amazon.awssdk.services.kms.model.CreateKeyResponse;
import software.amazon.awssdk.services.kms.model.DecryptRequest;
import software.amazon.awssdk.services.kms.model.DecryptResponse;
import software.amazon.awssdk.services.kms.model.DependencyTimeoutException;
import software.amazon.awssdk.services.kms.model.DescribeKeyRequest;
import software.amazon.awssdk.services.kms.model.DescribeKeyResponse;
import software.amazon.awssdk.services.kms.model.DisableKeyRequest;
import software.amazon.awssdk.services.kms.model.DisableKeyResponse;
import software.amazon.awssdk.services.kms.model.EncryptRequest;
import software.amazon.awssdk.services.kms.model.EncryptResponse;
import software.amazon.awssdk.services.kms.model.EncryptionAlgorithmSpec;
import software.amazon.awssdk.services.kms.model.KeyListEntry;
import software.amazon.awssdk.services.kms.model.KeyMetadata;
import software.amazon.awssdk.services.kms.model.KeySpec;
import software.amazon.awssdk.services.kms.model.KeyState;
import software.amazon.awssdk.services.kms.model.KeyUsageType;
import software.amazon.awssdk.services.kms.model.KmsInvalidStateException;
import software.amazon.awssdk.services.kms.model.ListKeysRequest;
import software.amazon.awssdk.services.kms.model.ListKeysResponse;
import software.amazon.awssdk.services.kms.model.NotFoundException;
import software.amazon.awssdk.services.kms.model.Tag;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** awsJson 1.1 against the SDK's own KMS client (decode what it marshals, encode what it unmarshals). */
final class TestAwsJsonCodec
{
    static final ServiceModel KMS = ServiceModel.load("kms", KmsClient.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final LoopbackServer server = new LoopbackServer(ServiceRegistry.of(List.of(KMS)));
    private final KmsClient kms = server.client(KmsClient.builder(), Region.EU_WEST_1);

    interface Call
    {
        SdkResponse call(KmsClient kms, SdkRequest request);
    }

    static Stream<Arguments> roundTrips()
    {
        KeyMetadata metadata = KeyMetadata.builder().keyId("1234abcd-12ab-34cd-56ef-1234567890ab").arn("arn:aws:kms:eu-west-1:123456789012:key/1234abcd")
                .creationDate(Instant.parse("2024-05-06T07:08:09.5Z")).enabled(true).keyState(KeyState.ENABLED).keyUsage(KeyUsageType.ENCRYPT_DECRYPT)
                .keySpec(KeySpec.SYMMETRIC_DEFAULT).encryptionAlgorithms(EncryptionAlgorithmSpec.SYMMETRIC_DEFAULT).multiRegion(false).build();
        return Stream.of(
                Arguments.of("blobs, maps and lists",
                        EncryptRequest.builder().keyId("alias/app").plaintext(SdkBytes.fromUtf8String("secret \u0000 bytes"))
                                .encryptionContext(Map.of("purpose", "test", "tenant", "t1")).grantTokens("gt1", "gt2").build(),
                        EncryptResponse.builder().ciphertextBlob(SdkBytes.fromByteArray(new byte[] {0, 1, 2, (byte) 255})).keyId("arn:k")
                                .encryptionAlgorithm(EncryptionAlgorithmSpec.SYMMETRIC_DEFAULT).build(),
                        (Call) (kms, r) -> kms.encrypt((EncryptRequest) r)),
                Arguments.of("decrypt",
                        DecryptRequest.builder().ciphertextBlob(SdkBytes.fromByteArray(new byte[] {9, 8, 7})).build(),
                        DecryptResponse.builder().plaintext(SdkBytes.fromUtf8String("p")).keyId("arn:k").build(),
                        (Call) (kms, r) -> kms.decrypt((DecryptRequest) r)),
                Arguments.of("timestamps with fraction, enums, nested structure",
                        DescribeKeyRequest.builder().keyId("alias/app").build(),
                        DescribeKeyResponse.builder().keyMetadata(metadata).build(),
                        (Call) (kms, r) -> kms.describeKey((DescribeKeyRequest) r)),
                Arguments.of("list of structures in request",
                        CreateKeyRequest.builder().description("d").policy("{}").bypassPolicyLockoutSafetyCheck(true)
                                .tags(Tag.builder().tagKey("k").tagValue("v").build()).build(),
                        CreateKeyResponse.builder().keyMetadata(metadata).build(),
                        (Call) (kms, r) -> kms.createKey((CreateKeyRequest) r)),
                Arguments.of("operation without output",
                        DisableKeyRequest.builder().keyId("k").build(),
                        DisableKeyResponse.builder().build(),
                        (Call) (kms, r) -> kms.disableKey((DisableKeyRequest) r)),
                Arguments.of("pagination",
                        ListKeysRequest.builder().limit(100).marker("m").build(),
                        ListKeysResponse.builder().keys(IntStream.range(0, 12).mapToObj(i -> KeyListEntry.builder().keyId("k" + i).build()).toList())
                                .truncated(true).nextMarker("n").build(),
                        (Call) (kms, r) -> kms.listKeys((ListKeysRequest) r)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("roundTrips")
    void sdkRequestDecodesEquallyAndOurResponseUnmarshalsEqually(String name, SdkRequest request, SdkResponse response, Call call)
    {
        server.respondWith(decoded -> response);
        SdkResponse received = call.call(kms, request);

        assertThat(((SdkPojo) server.lastDecoded()).equalsBySdkFields(request)).as("decoded %s", server.lastDecoded()).isTrue();
        assertThat(((SdkPojo) received).equalsBySdkFields(response)).as("received %s", received).isTrue();
        assertThat(received.sdkHttpResponse().firstMatchingHeader("x-amzn-RequestId")).contains("req-1");
        assertThat(server.lastResponse().headers().get("Content-Type")).containsExactly("application/x-amz-json-1.1");
    }

    @Test
    void timestampsAreEpochSecondsNumbers()
            throws Exception
    {
        server.respondWith(decoded -> DescribeKeyResponse.builder()
                .keyMetadata(KeyMetadata.builder().keyId("k").creationDate(Instant.parse("2024-05-06T07:08:09.5Z")).build()).build());
        kms.describeKey(builder -> builder.keyId("k"));

        JsonNode body = JSON.readTree(server.lastResponse().body());
        assertThat(body.at("/KeyMetadata/CreationDate").isNumber()).isTrue();
        assertThat(body.at("/KeyMetadata/CreationDate").decimalValue()).isEqualByComparingTo("1714979289.5");
    }

    static Stream<Arguments> modeledErrors()
    {
        return Stream.of(
                Arguments.of(NotFoundException.builder().message("Alias arn:aws:kms:eu-west-1:123456789012:alias/x is not found.").build(), "NotFoundException", 400),
                Arguments.of(KmsInvalidStateException.builder().message("arn:k is pending deletion.").build(), "KMSInvalidStateException", 400),
                Arguments.of(DependencyTimeoutException.builder().message("slow").build(), "DependencyTimeoutException", 500));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("modeledErrors")
    void thrownSdkExceptionReachesTheClientAsTheSameModeledException(AwsServiceException thrown, String code, int status)
    {
        server.respondWith(decoded -> {
            throw thrown;
        });

        assertThatThrownBy(() -> kms.describeKey(builder -> builder.keyId("k")))
                .isInstanceOf(thrown.getClass())
                .isInstanceOfSatisfying(AwsServiceException.class, received -> {
                    assertThat(received.awsErrorDetails().errorCode()).isEqualTo(code);
                    assertThat(received.awsErrorDetails().errorMessage()).isEqualTo(thrown.getMessage());
                    assertThat(received.statusCode()).isEqualTo(status);
                });
        assertThat(server.lastResponse().headers().get("x-amzn-ErrorType")).containsExactly(code);
    }

    @Test
    void errorBodyHasTypeAndMessage()
            throws Exception
    {
        HttpResponse response = ProtocolCodecs.forService(KMS).encodeError(AwsErrorException.sender("NotFoundException", 400, "gone"), "rid");

        JsonNode body = JSON.readTree(response.body());
        assertThat(body.get("__type").asText()).isEqualTo("NotFoundException");
        assertThat(body.get("message").asText()).isEqualTo("gone");
        assertThat(response.headers().get("x-amzn-RequestId")).containsExactly("rid");
    }

    static Stream<Arguments> invalidInput()
    {
        String longId = "k".repeat(2049);
        return Stream.of(
                Arguments.of("Encrypt", "{\"KeyId\":\"" + longId + "\",\"Plaintext\":\"AA==\"}", "ValidationException",
                        "1 validation error detected: Value '" + longId + "' at 'keyId' failed to satisfy constraint: Member must have length less than or equal to 2048"),
                Arguments.of("Encrypt", "{\"KeyId\":\"k\"}", "ValidationException",
                        "1 validation error detected: Value null at 'plaintext' failed to satisfy constraint: Member must not be null"),
                Arguments.of("Encrypt", "{\"KeyId\":\"k\",\"Plaintext\":\"\"}", "ValidationException",
                        "1 validation error detected: Value 'java.nio.HeapByteBuffer[pos=0 lim=0 cap=0]' at 'plaintext' failed to satisfy constraint: Member must have length greater than or equal to 1"),
                Arguments.of("ListKeys", "{\"Limit\":0}", "ValidationException",
                        "1 validation error detected: Value '0' at 'limit' failed to satisfy constraint: Member must have value greater than or equal to 1"),
                Arguments.of("CreateKey", "{\"KeyUsage\":\"SIGN\"}", "ValidationException",
                        "1 validation error detected: Value 'SIGN' at 'keyUsage' failed to satisfy constraint: Member must satisfy enum value set: [SIGN_VERIFY, ENCRYPT_DECRYPT, GENERATE_VERIFY_MAC, KEY_AGREEMENT]"),
                Arguments.of("ListKeys", "{\"Limit\":\"ten\"}", "SerializationException", null),
                Arguments.of("ListKeys", "{\"Limit\":", "SerializationException", null),
                Arguments.of("ListKeys", "[1]", "SerializationException", null));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("invalidInput")
    void invalidInputIsRejectedWithAwsCodeAndWording(String operation, String body, String code, String message)
    {
        HttpRequest request = LoopbackServer.post("/", "application/x-amz-json-1.1", body, Map.of("X-Amz-Target", List.of("TrentService." + operation)));
        assertThatThrownBy(() -> ProtocolCodecs.forService(KMS).decode(KMS.operation(operation).orElseThrow(), request))
                .isInstanceOfSatisfying(AwsErrorException.class, e -> {
                    assertThat(e.code()).isEqualTo(code);
                    assertThat(e.httpStatus()).isEqualTo(400);
                    if (message != null) {
                        assertThat(e.message()).isEqualTo(message);
                    }
                });
    }

    @Test
    void unknownTargetIsUnknownOperationException()
    {
        HttpRequest request = LoopbackServer.post("/", "application/x-amz-json-1.1", "{}", Map.of("X-Amz-Target", List.of("TrentService.Explode")));
        ServiceRegistry registry = ServiceRegistry.of(List.of(KMS));

        assertThatThrownBy(() -> registry.route(request, "kms"))
                .isInstanceOfSatisfying(UnknownOperationException.class, e -> {
                    assertThat(e.error().code()).isEqualTo("UnknownOperationException");
                    HttpResponse response = e.codec().encodeError(e.error(), "rid");
                    assertThat(response.status()).isEqualTo(400);
                    assertThat(new String(response.body(), StandardCharsets.UTF_8)).contains("\"__type\":\"UnknownOperationException\"");
                });
    }

    @Test
    void routesByTarget()
    {
        HttpRequest request = LoopbackServer.post("/", "application/x-amz-json-1.1", "{}", Map.of("X-Amz-Target", List.of("TrentService.GenerateRandom")));

        assertThat(ServiceRegistry.of(List.of(KMS)).route(request, "kms").orElseThrow().operation().name()).isEqualTo("GenerateRandom");
    }
}
