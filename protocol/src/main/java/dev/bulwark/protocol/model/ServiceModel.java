package dev.bulwark.protocol.model;

import java.util.Collection;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import static java.util.Objects.requireNonNull;

/**
 * Everything the protocol layer knows about one AWS service: wire protocol and its parameters, operations
 * bound to the SDK classes, modeled errors and input constraints. Built once by {@link #load}; immutable apart
 * from a cache of exception class to error row, which takes no part in equality.
 */
public final class ServiceModel
{
    private final String name;
    private final Protocol protocol;
    private final String apiVersion;
    private final String signingName;
    private final Optional<String> targetPrefix;
    private final Optional<String> xmlNamespace;
    private final Map<String, OperationModel> operations;
    private final Map<String, ErrorShape> errors;
    private final Map<String, Shape> shapes;
    private final String modelVersion;
    private final Map<Class<?>, Optional<ErrorShape>> errorsByClass = new ConcurrentHashMap<>();

    /**
     * @param name the AWS model's service name, e.g. {@code iam}, {@code cognito-idp}
     * @param signingName the SigV4 credential-scope service, e.g. {@code iam}, {@code s3}
     * @param targetPrefix awsJson's {@code X-Amz-Target} prefix, e.g. {@code TrentService}
     * @param xmlNamespace awsQuery/restXml response namespace, e.g. {@code https://iam.amazonaws.com/doc/2010-05-08/}
     * @param operations by wire name
     * @param errors by error shape name
     * @param shapes input shapes with constraints, by shape name
     * @param modelVersion version of the AWS models the table was generated from (botocore)
     */
    public ServiceModel(
            String name,
            Protocol protocol,
            String apiVersion,
            String signingName,
            Optional<String> targetPrefix,
            Optional<String> xmlNamespace,
            Map<String, OperationModel> operations,
            Map<String, ErrorShape> errors,
            Map<String, Shape> shapes,
            String modelVersion)
    {
        this.name = requireNonNull(name, "name is null");
        this.protocol = requireNonNull(protocol, "protocol is null");
        this.apiVersion = requireNonNull(apiVersion, "apiVersion is null");
        this.signingName = requireNonNull(signingName, "signingName is null");
        this.targetPrefix = requireNonNull(targetPrefix, "targetPrefix is null");
        this.xmlNamespace = requireNonNull(xmlNamespace, "xmlNamespace is null");
        this.operations = Map.copyOf(requireNonNull(operations, "operations is null"));
        this.errors = Map.copyOf(requireNonNull(errors, "errors is null"));
        this.shapes = Map.copyOf(requireNonNull(shapes, "shapes is null"));
        this.modelVersion = requireNonNull(modelVersion, "modelVersion is null");
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

    public String name()
    {
        return name;
    }

    public Protocol protocol()
    {
        return protocol;
    }

    public String apiVersion()
    {
        return apiVersion;
    }

    public String signingName()
    {
        return signingName;
    }

    public Optional<String> targetPrefix()
    {
        return targetPrefix;
    }

    public Optional<String> xmlNamespace()
    {
        return xmlNamespace;
    }

    public Map<String, OperationModel> operations()
    {
        return operations;
    }

    public Map<String, ErrorShape> errors()
    {
        return errors;
    }

    public Map<String, Shape> shapes()
    {
        return shapes;
    }

    public String modelVersion()
    {
        return modelVersion;
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

    /** A service is identified by its name and the version of the AWS models its table came from. */
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
