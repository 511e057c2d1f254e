package dev.bulwark.protocol.codec;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;

import dev.bulwark.protocol.model.ErrorShape;
import dev.bulwark.protocol.model.OperationModel;
import dev.bulwark.protocol.model.ServiceModel;
import dev.bulwark.protocol.route.ServiceRegistry;
import dev.bulwark.protocol.testing.SdkJars;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.SdkResponse;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.guardduty.GuardDutyClient;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.utils.builder.SdkBuilder;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every operation of IAM, STS (awsQuery), KMS (awsJson), GuardDuty (restJson) and S3 (restXml; streaming and S3
 * Express operations left out) with every member filled: the SDK
 * client marshals a fully populated request, our codec must decode it to an equal request; our codec encodes a fully
 * populated response, the SDK must unmarshal it to an equal response. Constraint checks are off here (sample
 * values are not meant to satisfy them); they are tested per codec.
 */
final class TestEveryOperationRoundTrip
{
    private record Fixture(ServiceModel model, Class<?> clientInterface, Object client, LoopbackServer server) {}

    private static final Map<String, Fixture> FIXTURES = Map.of(
            "iam", fixture("iam", IamClient.class, server -> server.client(IamClient.builder(), Region.AWS_GLOBAL)),
            "sts", fixture("sts", StsClient.class, server -> server.client(StsClient.builder(), Region.US_EAST_1)),
            "kms", fixture("kms", KmsClient.class, server -> server.client(KmsClient.builder(), Region.EU_WEST_1)),
            "guardduty", fixture("guardduty", GuardDutyClient.class, server -> server.client(GuardDutyClient.builder(), Region.EU_WEST_1)),
            "s3", fixture("s3", S3Client.class, server -> server.client(S3Client.builder().forcePathStyle(true), Region.EU_WEST_1)));

    private static Fixture fixture(String name, Class<?> clientInterface, Function<LoopbackServer, Object> client)
    {
        ServiceModel model = ServiceModel.load(name, clientInterface);
        LoopbackServer server = new LoopbackServer(ServiceRegistry.of(List.of(model)), false);
        return new Fixture(model, clientInterface, client.apply(server), server);
    }

    /** Directory-bucket operations the SDK signs for s3express; this registry routes S3 by the s3 scope only. */
    private static final java.util.Set<String> S3_EXPRESS = java.util.Set.of("ListDirectoryBuckets", "CreateSession");

    static Stream<Arguments> operations()
    {
        return FIXTURES.keySet().stream().sorted().flatMap(service -> FIXTURES.get(service).model().allOperations().stream()
                .sorted(Comparator.comparing(OperationModel::name))
                .map(operation -> Arguments.of(service, operation.name())));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("operations")
    void fullyPopulatedRequestAndResponseRoundTrip(String service, String operationName)
            throws ReflectiveOperationException
    {
        Fixture fixture = FIXTURES.get(service);
        OperationModel operation = fixture.model().operation(operationName).orElseThrow();
        Method call = clientMethod(fixture.clientInterface(), operation);
        Assumptions.assumeTrue(call != null, "streaming operation");
        Assumptions.assumeFalse(S3_EXPRESS.contains(operationName), "S3 Express control plane signs as s3express, not s3");

        SdkRequest request = (SdkRequest) SamplePojos.build(operation.requestBuilder().get());
        SdkResponse response = (SdkResponse) SamplePojos.build(operation.responseBuilder().get());
        fixture.server().respondWith(decoded -> response);
        SdkResponse received;
        try {
            received = (SdkResponse) call.invoke(fixture.client(), request);
        }
        catch (InvocationTargetException e) {
            throw new AssertionError("call failed: " + e.getCause(), e.getCause());
        }

        assertThat(SamplePojos.equalOnTheWire((SdkPojo) fixture.server().lastDecoded(), (SdkPojo) request))
                .as("decoded %s%nsent    %s", fixture.server().lastDecoded(), request).isTrue();
        assertThat(SamplePojos.equalOnTheWire((SdkPojo) received, (SdkPojo) response))
                .as("received %s%nreturned %s", received, response).isTrue();
    }

    static Stream<Arguments> modeledErrors()
            throws Exception
    {
        List<Arguments> out = new java.util.ArrayList<>();
        for (String service : FIXTURES.keySet().stream().sorted().toList()) {
            for (Class<?> exception : SdkJars.modeledExceptionClasses(FIXTURES.get(service).clientInterface())) {
                out.add(Arguments.of(service, exception.getSimpleName(), exception));
            }
        }
        return out.stream();
    }

    /**
     * Every modeled exception of the five services, thrown by a handler of an operation that declares it, reaches
     * the SDK client as the same class with the table's code and status (JSON clients only map the errors the
     * operation declares).
     */
    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("modeledErrors")
    void everyModeledExceptionReachesTheClientAsItself(String service, String name, Class<?> exceptionClass)
            throws ReflectiveOperationException
    {
        Fixture fixture = FIXTURES.get(service);
        ErrorShape row = fixture.model().errorFor(exceptionClass).orElseThrow();
        OperationModel operation = fixture.model().allOperations().stream()
                .filter(candidate -> clientMethod(fixture.clientInterface(), candidate) != null && !S3_EXPRESS.contains(candidate.name()))
                .filter(candidate -> candidate.errors().contains(row.shapeName()) || !service.equals("kms"))
                .min(Comparator.comparing((OperationModel candidate) -> !candidate.errors().contains(row.shapeName())).thenComparing(OperationModel::name))
                .orElseThrow();
        RuntimeException thrown = (RuntimeException) ((SdkBuilder<?, ?>) ((AwsServiceException.Builder) exceptionClass.getMethod("builder").invoke(null))
                .message("sample message")).build();
        fixture.server().respondWith(decoded -> {
            throw thrown;
        });

        SdkRequest request = (SdkRequest) SamplePojos.build(operation.requestBuilder().get());
        InvocationTargetException failure = org.junit.jupiter.api.Assertions.assertThrows(InvocationTargetException.class,
                () -> clientMethod(fixture.clientInterface(), operation).invoke(fixture.client(), request));

        assertThat(failure.getCause()).isInstanceOf(exceptionClass);
        AwsServiceException received = (AwsServiceException) failure.getCause();
        assertThat(received.statusCode()).isEqualTo(row.httpStatus());
        if (!operation.httpMethod().equals("HEAD")) {
            assertThat(received.awsErrorDetails().errorCode()).isEqualTo(row.code());
            assertThat(received.awsErrorDetails().errorMessage()).isEqualTo("sample message");
        }
    }

    /** The client interface's method taking just the request and returning the response; null for streaming ones. */
    private static Method clientMethod(Class<?> clientInterface, OperationModel operation)
    {
        String name = Character.toLowerCase(operation.name().charAt(0)) + operation.name().substring(1);
        try {
            Method method = clientInterface.getMethod(name, operation.requestClass());
            return SdkResponse.class.isAssignableFrom(method.getReturnType()) ? method : null;
        }
        catch (NoSuchMethodException e) {
            return null;
        }
    }
}
