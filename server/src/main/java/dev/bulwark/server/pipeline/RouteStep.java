package dev.bulwark.server.pipeline;

import dev.bulwark.protocol.error.AwsErrorException;
import dev.bulwark.protocol.http.HttpRequest;
import dev.bulwark.protocol.route.VirtualHostedStyle;
import dev.bulwark.protocol.route.Route;
import dev.bulwark.protocol.route.ServiceRegistry;
import dev.bulwark.protocol.route.UnknownOperationException;
import dev.bulwark.protocol.sigv4.CredentialScope;
import dev.bulwark.server.services.OperationRegistry;

import java.util.List;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/** Finds the service and operation: credential-scope service, {@code X-Amz-Target}, {@code Action} or REST URI. */
public final class RouteStep implements Step
{
    private static final String S3 = "s3";
    /** S3 Control's paths; its host carries the account id ({@code 123456789012.localhost}), never a bucket. */
    private static final String S3_CONTROL_PATH = "/v20180820/";
    /** Buckets addressed as {@code <bucket>.s3.localhost} or {@code <bucket>.localhost}, as SDKs do by default. */
    private static final VirtualHostedStyle VIRTUAL_HOSTS = new VirtualHostedStyle(List.of("s3.localhost", "localhost"));

    private final ServiceRegistry services;
    private final OperationRegistry operations;

    public RouteStep(ServiceRegistry services, OperationRegistry operations)
    {
        this.services = requireNonNull(services, "services is null");
        this.operations = requireNonNull(operations, "operations is null");
    }

    @Override
    public void apply(RequestContext context)
    {
        context.scope = CredentialScope.peek(context.http);
        String signingService = context.scope.map(CredentialScope::service).orElse(null);
        if (signingService == null || signingService.equals(S3)) {
            context.operationHttp = pathStyle(context.http);
        }
        Optional<Route> route;
        try {
            route = services.route(context.operationHttp, signingService);
        }
        catch (UnknownOperationException e) {
            context.errorCodec = e.codec();
            throw e.error();
        }
        if (route.isEmpty()) {
            throw new AwsErrorException("UnrecognizedClientException", 400, true,
                    "The request does not name a service this server provides.");
        }
        context.route = route.get();
        context.operation = operations.find(route.get().service().name(), route.get().operation().name())
                .map(operation -> operation);
    }

    /** S3's virtual-hosted-style request as the path-style one the codecs read; any other request as is. */
    static HttpRequest pathStyle(HttpRequest http)
    {
        if (http.rawPath().startsWith(S3_CONTROL_PATH)) {
            return http;
        }
        Optional<String> bucket = VIRTUAL_HOSTS.bucket(http);
        if (bucket.isEmpty() || bucket.get().equals(S3)) {
            return http;
        }
        return VIRTUAL_HOSTS.toPathStyle(http);
    }
}
