package dev.bulwark.protocol.route;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;

import dev.bulwark.protocol.codec.ProtocolCodec;
import dev.bulwark.protocol.codec.ProtocolCodecs;
import dev.bulwark.protocol.codec.QueryParameters;
import dev.bulwark.protocol.error.AwsErrors;
import dev.bulwark.protocol.http.HttpRequest;
import dev.bulwark.protocol.model.OperationModel;
import dev.bulwark.protocol.model.ServiceModel;

import static java.util.Objects.requireNonNull;

/**
 * The services this server speaks, and the router that finds a request's service and operation:
 * <ul>
 * <li>awsQuery (IAM, STS both POST forms to {@code /}): the SigV4 credential-scope service picks the service,
 *     the {@code Action} parameter (form body or query string) the operation. Unsigned calls
 *     (STS AssumeRoleWithWebIdentity) go to the one query service that has the action.</li>
 * <li>awsJson: {@code X-Amz-Target: <targetPrefix>.<Operation>}.</li>
 * <li>REST: the signing service, then method + URI template, most specific template first.</li>
 * </ul>
 * Immutable and thread-safe once built.
 */
public final class ServiceRegistry
{
    private static final String TARGET_HEADER = "X-Amz-Target";

    private final List<ServiceModel> services;
    private final Map<ServiceModel, ProtocolCodec> codecs;
    private final Map<ServiceModel, List<OperationModel>> restOperations;

    private ServiceRegistry(List<ServiceModel> services)
    {
        this.services = List.copyOf(services);
        Map<ServiceModel, ProtocolCodec> codecs = new LinkedHashMap<>();
        Map<ServiceModel, List<OperationModel>> rest = new LinkedHashMap<>();
        for (ServiceModel service : services) {
            codecs.put(service, ProtocolCodecs.forService(service));
            if (service.protocol().isRest()) {
                List<OperationModel> ordered = new ArrayList<>(service.allOperations());
                ordered.sort(Comparator.comparingInt((OperationModel op) -> op.uriTemplate().specificity()).reversed()
                        .thenComparing(OperationModel::name));
                rest.put(service, List.copyOf(ordered));
            }
        }
        this.codecs = Map.copyOf(codecs);
        this.restOperations = Map.copyOf(rest);
    }

    public static ServiceRegistry of(List<ServiceModel> services)
    {
        return new ServiceRegistry(requireNonNull(services, "services is null"));
    }

    public List<ServiceModel> services()
    {
        return services;
    }

    public Optional<ServiceModel> service(String name)
    {
        return services.stream().filter(service -> service.name().equals(name)).findFirst();
    }

    /** The codec of a registered service. */
    public ProtocolCodec codec(ServiceModel service)
    {
        ProtocolCodec codec = codecs.get(service);
        if (codec == null) {
            throw new IllegalArgumentException("Service not registered: " + service.name());
        }
        return codec;
    }

    /**
     * Routes a request. Empty when no registered service claims it; {@link UnknownOperationException} when a
     * service does but has no such operation.
     *
     * @param signingService the service of the SigV4 credential scope, or null for unsigned requests
     */
    public Optional<Route> route(HttpRequest request, String signingService)
    {
        Optional<String> target = request.header(TARGET_HEADER);
        if (target.isPresent()) {
            return routeJson(target.get(), signingService);
        }
        boolean signed = signingService != null;
        // Unsigned requests name no service: an Action parameter means a query service, anything else REST.
        boolean hasAction = !signed && QueryParameters.of(request).containsKey("Action");
        for (ServiceModel service : candidates(signingService)) {
            if (service.protocol().isQuery() && (signed || hasAction)) {
                Optional<Route> route = routeQuery(service, request, signed);
                if (route.isPresent()) {
                    return route;
                }
            }
            else if (service.protocol().isRest() && (signed || !hasAction)) {
                // S3 and S3 Control share the signing name "s3": the most specific template over all of them wins.
                List<ServiceModel> rest = candidates(signingService).stream().filter(candidate -> candidate.protocol().isRest()).toList();
                Optional<Route> route = routeRest(rest, request);
                if (route.isPresent()) {
                    return route;
                }
                if (signed) {
                    throw new UnknownOperationException(codec(service), AwsErrors.unknownRestOperation());
                }
                continue;
            }
            else if (service.protocol().isJson() && signed) {
                throw new UnknownOperationException(codec(service), AwsErrors.unknownOperation());
            }
        }
        return Optional.empty();
    }

    private List<ServiceModel> candidates(String signingService)
    {
        if (signingService == null) {
            return services;
        }
        return services.stream().filter(service -> service.signingName().equals(signingService)).toList();
    }

    private Optional<Route> routeJson(String target, String signingService)
    {
        int dot = target.lastIndexOf('.');
        String prefix = dot < 0 ? "" : target.substring(0, dot);
        String operationName = target.substring(dot + 1);
        for (ServiceModel service : candidates(signingService)) {
            if (service.protocol().isJson() && service.targetPrefix().filter(prefix::equals).isPresent()) {
                Optional<OperationModel> operation = service.operation(operationName);
                if (operation.isEmpty()) {
                    throw new UnknownOperationException(codec(service), AwsErrors.unknownOperation());
                }
                return Optional.of(new Route(service, operation.get(), codec(service)));
            }
        }
        for (ServiceModel service : candidates(signingService)) {
            if (service.protocol().isJson()) {
                throw new UnknownOperationException(codec(service), AwsErrors.unknownOperation());
            }
        }
        return Optional.empty();
    }

    private Optional<Route> routeQuery(ServiceModel service, HttpRequest request, boolean signedForService)
    {
        NavigableMap<String, String> parameters = QueryParameters.of(request);
        String action = parameters.get("Action");
        if (action == null) {
            if (signedForService) {
                throw new UnknownOperationException(codec(service), AwsErrors.missingAction());
            }
            return Optional.empty();
        }
        Optional<OperationModel> operation = service.operation(action);
        if (operation.isEmpty()) {
            if (signedForService) {
                throw new UnknownOperationException(codec(service), AwsErrors.invalidAction(action, service.apiVersion()));
            }
            return Optional.empty();
        }
        return Optional.of(new Route(service, operation.get(), codec(service)));
    }

    /**
     * Several operations can share a template (S3 PUT {@code /{Bucket}/{Key+}} is PutObject, UploadPart, CopyObject
     * or UploadPartCopy): among matching templates the most specific wins, and among those the operation whose
     * required query parameters and headers are all present and most numerous.
     */
    private Optional<Route> routeRest(List<ServiceModel> candidates, HttpRequest request)
    {
        Map<String, List<String>> query = request.queryParameters();
        String path = request.rawPath();
        OperationModel best = null;
        ServiceModel bestService = null;
        long bestScore = -1;
        for (ServiceModel service : candidates) {
            for (OperationModel operation : restOperations.get(service)) {
                if (!operation.httpMethod().equalsIgnoreCase(request.method())
                        || !query.keySet().containsAll(operation.requiredQueryParameters())
                        || !operation.requiredHeaders().stream().allMatch(header -> request.header(header).isPresent())
                        || operation.uriTemplate().match(path, query).isEmpty()) {
                    continue;
                }
                long score = operation.uriTemplate().specificity() * 1000L + operation.requiredQueryParameters().size() + operation.requiredHeaders().size();
                if (score > bestScore) {
                    best = operation;
                    bestService = service;
                    bestScore = score;
                }
            }
        }
        return best == null ? Optional.empty() : Optional.of(new Route(bestService, best, codec(bestService)));
    }
}
