package dev.bulwark.protocol.model;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Method;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.SdkResponse;
import software.amazon.awssdk.core.protocol.MarshallLocation;

/** Reads the generated data table (tools/aws-models/generate.py) and binds it to the SDK's classes. */
final class ServiceModelLoader
{
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String RESOURCE_DIR = "/dev/bulwark/protocol/model/";

    private ServiceModelLoader() {}

    static ServiceModel load(String service, Class<?> clientInterface)
    {
        JsonNode root = readTable(service);
        JsonNode meta = root.get("metadata");
        Protocol protocol = Protocol.fromModel(meta.get("protocol").asText(), text(meta, "jsonVersion").orElse(null));
        Map<String, Class<? extends SdkRequest>> requestClasses = requestClassesByOperation(clientInterface);

        Map<String, Shape> shapes = new HashMap<>();
        root.get("shapes").fields().forEachRemaining(entry -> shapes.put(entry.getKey(), shape(entry.getKey(), entry.getValue())));

        Map<String, OperationModel> operations = new HashMap<>();
        root.get("operations").fields().forEachRemaining(entry -> {
            Class<? extends SdkRequest> requestClass = requestClasses.get(entry.getKey());
            if (requestClass != null) {
                operations.put(entry.getKey(), operation(entry.getKey(), entry.getValue(), requestClass, protocol.isRest() ? shapes : Map.of()));
            }
        });

        Map<String, ErrorShape> errors = new HashMap<>();
        root.get("errors").fields().forEachRemaining(entry -> {
            JsonNode row = entry.getValue();
            errors.put(entry.getKey(), new ErrorShape(entry.getKey(), row.get("code").asText(), row.get("status").asInt(), row.get("sender").asBoolean()));
        });

        return new ServiceModel(
                service,
                protocol,
                meta.get("apiVersion").asText(),
                meta.get("signingName").asText(),
                text(meta, "targetPrefix"),
                text(meta, "xmlNamespace"),
                operations,
                errors,
                shapes,
                root.get("botocoreVersion").asText());
    }

    private static JsonNode readTable(String service)
    {
        try (InputStream in = ServiceModelLoader.class.getResourceAsStream(RESOURCE_DIR + service + ".json")) {
            if (in == null) {
                throw new IllegalArgumentException("No service model table for '" + service + "'");
            }
            return MAPPER.readTree(in);
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The client interface's single-argument methods name each operation with its wire casing
     * ({@code createSAMLProvider}) while the request classes are normalised ({@code CreateSamlProviderRequest}).
     * Streaming operations (S3 GetObject) return a stream type rather than the response, so only the parameter
     * is looked at.
     */
    @SuppressWarnings("unchecked")
    private static Map<String, Class<? extends SdkRequest>> requestClassesByOperation(Class<?> clientInterface)
    {
        Map<String, Class<? extends SdkRequest>> classes = new HashMap<>();
        for (Method method : clientInterface.getMethods()) {
            Class<?>[] parameters = method.getParameterTypes();
            if (parameters.length >= 1 && SdkRequest.class.isAssignableFrom(parameters[0]) && parameters[0] != SdkRequest.class) {
                String name = Character.toUpperCase(method.getName().charAt(0)) + method.getName().substring(1);
                classes.putIfAbsent(name, (Class<? extends SdkRequest>) parameters[0]);
            }
        }
        return classes;
    }

    @SuppressWarnings("unchecked")
    private static OperationModel operation(String name, JsonNode row, Class<? extends SdkRequest> requestClass, Map<String, Shape> shapes)
    {
        String responseName = requestClass.getName().replaceFirst("Request$", "Response");
        Class<? extends SdkResponse> responseClass;
        try {
            responseClass = (Class<? extends SdkResponse>) Class.forName(responseName, false, requestClass.getClassLoader());
        }
        catch (ClassNotFoundException e) {
            throw new IllegalStateException("No response class " + responseName + " for " + name, e);
        }
        List<String> errors = new ArrayList<>();
        if (row.has("errors")) {
            row.get("errors").forEach(error -> errors.add(error.asText()));
        }
        Supplier<SdkPojo> requestBuilder = builderFactory(requestClass);
        // Only REST routing needs the required bindings; computing them initialises the request class, which
        // costs start-up time for the hundreds of operations of a query or JSON service.
        Set<String> requiredQuery = new HashSet<>();
        Set<String> requiredHeaders = new HashSet<>();
        Shape input = text(row, "input").map(shapes::get).orElse(null);
        if (input != null) {
            for (SdkField<?> field : requestBuilder.get().sdkFields()) {
                if (input.required().contains(field.memberName())) {
                    if (field.location() == MarshallLocation.QUERY_PARAM) {
                        requiredQuery.add(field.locationName());
                    }
                    else if (field.location() == MarshallLocation.HEADER) {
                        requiredHeaders.add(field.locationName());
                    }
                }
            }
        }
        return new OperationModel(
                name,
                row.get("method").asText(),
                UriTemplate.parse(row.get("uri").asText()),
                requestClass,
                responseClass,
                requestBuilder,
                builderFactory(responseClass),
                text(row, "input"),
                text(row, "output"),
                text(row, "resultWrapper"),
                text(row, "requestRoot"),
                text(row, "responseRoot"),
                errors,
                row.path("responseCode").asInt(200),
                requiredQuery,
                requiredHeaders);
    }

    /** A method handle on the static {@code builder()}: resolved once, so requests pay no reflection. */
    static Supplier<SdkPojo> builderFactory(Class<?> pojoClass)
    {
        MethodHandle handle;
        try {
            Method builder = pojoClass.getMethod("builder");
            handle = MethodHandles.publicLookup().unreflect(builder).asType(MethodType.methodType(SdkPojo.class));
        }
        catch (ReflectiveOperationException e) {
            throw new IllegalStateException("No public static builder() on " + pojoClass.getName(), e);
        }
        return () -> {
            try {
                return (SdkPojo) handle.invokeExact();
            }
            catch (RuntimeException | Error e) {
                throw e;
            }
            catch (Throwable e) {
                throw new IllegalStateException(e);
            }
        };
    }

    private static Shape shape(String name, JsonNode row)
    {
        List<String> enumValues = new ArrayList<>();
        if (row.has("enum")) {
            row.get("enum").forEach(value -> enumValues.add(value.asText()));
        }
        List<String> required = new ArrayList<>();
        if (row.has("required")) {
            row.get("required").forEach(value -> required.add(value.asText()));
        }
        Map<String, String> members = new HashMap<>();
        if (row.has("members")) {
            row.get("members").fields().forEachRemaining(member -> members.put(member.getKey(), member.getValue().asText()));
        }
        return new Shape(
                name,
                row.get("type").asText(),
                decimal(row, "min"),
                decimal(row, "max"),
                text(row, "pattern").flatMap(ServiceModelLoader::compile),
                enumValues,
                required,
                members,
                text(row, "member"),
                text(row, "key"),
                text(row, "value"));
    }

    /** A few model patterns use syntax java.util.regex lacks; such a constraint is not enforced rather than guessed. */
    private static Optional<Pattern> compile(String regex)
    {
        try {
            return Optional.of(Pattern.compile(regex));
        }
        catch (PatternSyntaxException e) {
            return Optional.empty();
        }
    }

    private static Optional<BigDecimal> decimal(JsonNode row, String field)
    {
        return row.has(field) ? Optional.of(row.get(field).decimalValue()) : Optional.empty();
    }

    private static Optional<String> text(JsonNode row, String field)
    {
        return row.has(field) && !row.get(field).isNull() ? Optional.of(row.get(field).asText()) : Optional.empty();
    }
}
