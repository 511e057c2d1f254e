package dev.bulwark.protocol.model;

import java.util.Collection;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import static java.util.Objects.requireNonNull;

/**
 * Everything the protocol layer knows about one AWS service: wire protocol and its parameters, operations
 * bound to the SDK classes, modeled errors and input constraints. Built once by {@link #load}; immutable
 * apart from a per-exception-class cache.
 *
 * @param name the AWS model's service name, e.g. {@code iam}, {@code cognito-idp}
 * @param signingName the SigV4 credential-scope service, e.g. {@code iam}, {@code s3}
 * @param targetPrefix awsJson's {@code X-Amz-Target} prefix, e.g. {@code TrentService}
 * @param xmlNamespace awsQuery/restXml response namespace, e.g. {@code https://iam.amazonaws.com/doc/2010-05-08/}
 */
public record ServiceModel(
        String name,
        Protocol protocol,
        String apiVersion,
        String signingName,
        Optional<String> targetPrefix,
        Optional<String> xmlNamespace,
        Map<String, OperationModel> operations,
        Map<String, ErrorShape> errors,
        Map<String, Shape> shapes,
        String modelVersion,
        Map<Class<?>, Optional<ErrorShape>> errorsByClass)
{
    public ServiceModel
    {
        requireNonNull(name, "name is null");
        requireNonNull(protocol, "protocol is null");
        requireNonNull(apiVersion, "apiVersion is null");
        requireNonNull(signingName, "signingName is null");
        requireNonNull(targetPrefix, "targetPrefix is null");
        requireNonNull(xmlNamespace, "xmlNamespace is null");
        operations = Map.copyOf(requireNonNull(operations, "operations is null"));
        errors = Map.copyOf(requireNonNull(errors, "errors is null"));
        shapes = Map.copyOf(requireNonNull(shapes, "shapes is null"));
        requireNonNull(modelVersion, "modelVersion is null");
        requireNonNull(errorsByClass, "errorsByClass is null");
    }

    /**
     * Loads the committed data table for {@code service} (resource {@code dev/bulwark/protocol/model/<service>.json})
     * and binds its operations to the SDK classes found through the client interface, e.g.
     * {@code ServiceModel.load("iam", IamClient.class)}. Operations the SDK version does not know are left out.
     */
    public static ServiceModel load(String service, Class<?> clientInterface)
    {
        return ServiceModelLoader.load(service, clientInterface);
    }

    public Optional<OperationModel> operation(String wireName)
    {
        return Optional.ofNullable(operations.get(wireName));
    }

    public Collection<OperationModel> allOperations()
    {
        return operations.values();
    }

    public Optional<Shape> shape(String shapeName)
    {
        return Optional.ofNullable(shapes.get(shapeName));
    }

    /**
     * The modeled error an SDK exception class stands for. SDK class names are normalised from the shape names
     * ({@code KMSInvalidStateException} becomes {@code KmsInvalidStateException}, S3's {@code NoSuchKey} becomes
     * {@code NoSuchKeyException}), so both sides are compared case-insensitively without the suffix.
     */
    public Optional<ErrorShape> errorFor(Class<?> exceptionClass)
    {
        return errorsByClass.computeIfAbsent(exceptionClass, type -> {
            String wanted = normalise(type.getSimpleName());
            return errors.values().stream().filter(error -> normalise(error.shapeName()).equals(wanted)).findFirst();
        });
    }

    public Optional<ErrorShape> errorByCode(String code)
    {
        return errors.values().stream().filter(error -> error.code().equals(code)).findFirst();
    }

    private static String normalise(String name)
    {
        String lower = name.toLowerCase(Locale.ROOT);
        return lower.endsWith("exception") ? lower.substring(0, lower.length() - "exception".length()) : lower;
    }

    static Map<Class<?>, Optional<ErrorShape>> newErrorCache()
    {
        return new ConcurrentHashMap<>();
    }

    /**
     * A service is identified by its name and model version. The record's generated equality would include the
     * mutable per-exception-class cache, so a model's hash code would change as errors are translated and maps
     * keyed by it would lose it.
     */
    @Override
    public boolean equals(Object other)
    {
        return other instanceof ServiceModel that && name.equals(that.name) && modelVersion.equals(that.modelVersion);
    }

    @Override
    public int hashCode()
    {
        return name.hashCode() * 31 + modelVersion.hashCode();
    }

    @Override
    public String toString()
    {
        return "ServiceModel[" + name + ", " + protocol + ", " + operations.size() + " operations]";
    }
}
