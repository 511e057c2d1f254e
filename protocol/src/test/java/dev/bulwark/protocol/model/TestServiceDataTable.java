package dev.bulwark.protocol.model;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bulwark.protocol.testing.SdkJars;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.core.client.builder.SdkSyncClientBuilder;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.protocols.core.ExceptionMetadata;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.guardduty.GuardDutyClient;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.utils.builder.SdkBuilder;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The committed data table against the SDK jars on the test classpath: every modeled exception class of the SDK
 * has a row, and the row's HTTP status is the one the SDK's generated client registers for that code. The SDK
 * keeps that registration in private generated code, so this test (only) reads it reflectively.
 */
final class TestServiceDataTable
{
    private static final ObjectMapper JSON = new ObjectMapper();

    static Stream<Arguments> sdkServices()
    {
        return Stream.of(
                Arguments.of("iam", IamClient.class),
                Arguments.of("sts", StsClient.class),
                Arguments.of("kms", KmsClient.class),
                Arguments.of("guardduty", GuardDutyClient.class),
                Arguments.of("s3", S3Client.class));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("sdkServices")
    void everySdkExceptionClassHasARow(String name, Class<?> client)
            throws Exception
    {
        ServiceModel service = ServiceModel.load(name, client);
        List<Class<?>> exceptions = SdkJars.modeledExceptionClasses(client);

        assertThat(exceptions).isNotEmpty();
        for (Class<?> exception : exceptions) {
            assertThat(service.errorFor(exception)).as("%s has a row", exception.getSimpleName()).isPresent();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("sdkServices")
    void rowStatusAndCodeMatchWhatTheSdkClientRegisters(String name, Class<?> client)
            throws Exception
    {
        ServiceModel service = ServiceModel.load(name, client);
        Map<String, ExceptionMetadata> registered = registeredExceptions(client, service);

        assertThat(registered).isNotEmpty();
        for (ExceptionMetadata metadata : registered.values()) {
            Class<?> exceptionClass = ((SdkBuilder<?, ?>) metadata.exceptionBuilderSupplier().get()).build().getClass();
            ErrorShape row = service.errorFor(exceptionClass).orElseThrow(() -> new AssertionError("no row for " + exceptionClass));
            assertThat(row.code()).as("code of %s", exceptionClass.getSimpleName()).isEqualTo(metadata.errorCode());
            if (metadata.httpStatusCode() != null) {
                assertThat(row.httpStatus()).as("status of %s", exceptionClass.getSimpleName()).isEqualTo(metadata.httpStatusCode());
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("sdkServices")
    void everySdkOperationIsBound(String name, Class<?> client)
    {
        ServiceModel service = ServiceModel.load(name, client);

        // Paginator and ...AsBytes methods take the same request type; they are conveniences, not operations.
        List<String> sdkOperations = Stream.of(client.getMethods())
                .filter(method -> method.getParameterCount() >= 1 && software.amazon.awssdk.core.SdkRequest.class.isAssignableFrom(method.getParameterTypes()[0]))
                .map(Method::getName)
                .filter(method -> !method.endsWith("Paginator") && !method.endsWith("AsBytes"))
                .map(method -> Character.toUpperCase(method.charAt(0)) + method.substring(1))
                .distinct().toList();
        List<String> unbound = sdkOperations.stream().filter(operation -> !service.operations().containsKey(operation)).toList();
        assertThat(unbound).as("SDK operations without a table row").isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"iam", "sts", "kms", "organizations", "cloudtrail", "config", "wafv2", "shield", "guardduty", "inspector2",
            "cognito-idp", "cognito-identity", "s3", "ec2", "support", "artifact", "accessanalyzer"})
    void everyCommittedTableIsWellFormed(String name)
            throws IOException
    {
        JsonNode table;
        try (InputStream in = getClass().getResourceAsStream("/dev/bulwark/protocol/model/" + name + ".json")) {
            assertThat(in).as("table for %s", name).isNotNull();
            table = JSON.readTree(in);
        }
        JsonNode metadata = table.get("metadata");
        Protocol protocol = Protocol.fromModel(metadata.get("protocol").asText(), metadata.path("jsonVersion").asText(null));
        if (protocol.isJson()) {
            assertThat(metadata.has("targetPrefix")).isTrue();
        }
        if (protocol == Protocol.AWS_QUERY) {
            assertThat(metadata.get("xmlNamespace").asText()).startsWith("http");
        }
        assertThat(table.get("operations").size()).isPositive();
        List<String> uncompilable = new ArrayList<>();
        table.get("shapes").fields().forEachRemaining(entry -> {
            JsonNode pattern = entry.getValue().get("pattern");
            if (pattern != null) {
                try {
                    Pattern.compile(pattern.asText());
                }
                catch (PatternSyntaxException e) {
                    uncompilable.add(entry.getKey());
                }
            }
        });
        assertThat(uncompilable).as("patterns java.util.regex cannot compile").isEmpty();
        table.get("errors").forEach(error -> {
            assertThat(error.get("code").asText()).isNotBlank();
            assertThat(error.get("status").asInt()).isBetween(300, 599);
        });
    }

    /**
     * Error code to ExceptionMetadata as the generated client registers it: on the protocol factory (query, XML)
     * or in per-operation static code-to-metadata functions (JSON), probed here with the table's codes.
     */
    @SuppressWarnings("unchecked")
    static Map<String, ExceptionMetadata> registeredExceptions(Class<?> clientInterface, ServiceModel service)
            throws Exception
    {
        Object builder = clientInterface.getMethod("builder").invoke(null);
        ((AwsClientBuilder<?, ?>) builder).region(Region.US_EAST_1).credentialsProvider(AnonymousCredentialsProvider.create());
        ((SdkSyncClientBuilder<?, ?>) builder).httpClient(new NoHttpClient());
        Map<String, ExceptionMetadata> out = new HashMap<>();
        try (AutoCloseable client = (AutoCloseable) ((SdkBuilder<?, ?>) builder).build()) {
            Object factory = field(client, "protocolFactory");
            Optional<Object> modeled = optionalField(factory, "modeledExceptions");
            if (modeled.isPresent()) {
                for (ExceptionMetadata metadata : (List<ExceptionMetadata>) modeled.get()) {
                    out.put(metadata.errorCode(), metadata);
                }
            }
            for (Method method : client.getClass().getDeclaredMethods()) {
                if (Modifier.isStatic(method.getModifiers()) && method.getReturnType() == Optional.class
                        && method.getParameterCount() == 1 && method.getParameterTypes()[0] == String.class) {
                    method.setAccessible(true);
                    for (ErrorShape error : service.errors().values()) {
                        ((Optional<ExceptionMetadata>) method.invoke(null, error.code())).ifPresent(metadata -> out.put(metadata.errorCode(), metadata));
                    }
                }
            }
        }
        return out;
    }

    private static Object field(Object target, String name)
            throws ReflectiveOperationException
    {
        return optionalField(target, name).orElseThrow(() -> new NoSuchFieldException(name));
    }

    private static Optional<Object> optionalField(Object target, String name)
            throws ReflectiveOperationException
    {
        for (Class<?> type = target.getClass(); type != null; type = type.getSuperclass()) {
            try {
                Field field = type.getDeclaredField(name);
                field.setAccessible(true);
                return Optional.ofNullable(field.get(target));
            }
            catch (NoSuchFieldException e) {
                // declared higher up
            }
        }
        return Optional.empty();
    }

    private static final class NoHttpClient
            implements SdkHttpClient
    {
        @Override
        public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request)
        {
            throw new UnsupportedOperationException("the table test never sends requests");
        }

        @Override
        public void close() {}
    }
}
