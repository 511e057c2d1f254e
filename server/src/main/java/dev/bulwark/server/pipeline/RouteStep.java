package dev.bulwark.server.pipeline;

import dev.bulwark.protocol.error.AwsErrorException;
import dev.bulwark.protocol.route.Route;
import dev.bulwark.protocol.route.ServiceRegistry;
import dev.bulwark.protocol.route.UnknownOperationException;
import dev.bulwark.protocol.sigv4.CredentialScope;
import dev.bulwark.server.services.OperationRegistry;

import java.util.Optional;

import static java.util.Objects.requireNonNull;

/** Finds the service and operation: credential-scope service, {@code X-Amz-Target}, {@code Action} or REST URI. */
public final class RouteStep implements Step
{
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
        Optional<Route> route;
        try {
            route = services.route(context.http, context.scope.map(CredentialScope::service).orElse(null));
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
        context.operation = operations.find(route.get().service().signingName(), route.get().operation().name())
                .map(operation -> operation);
    }
}
