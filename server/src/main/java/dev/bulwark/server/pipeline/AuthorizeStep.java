package dev.bulwark.server.pipeline;

import dev.bulwark.server.auth.Authorizer;
import dev.bulwark.server.services.Access;
import dev.bulwark.server.services.Invocation;

import java.util.List;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/** Every access the operation declares must be allowed by the policy engine, or the request is denied. */
public final class AuthorizeStep implements Step
{
    private final Authorizer authorizer;
    private final String defaultRegion;

    public AuthorizeStep(Authorizer authorizer, String defaultRegion)
    {
        this.authorizer = requireNonNull(authorizer, "authorizer is null");
        this.defaultRegion = requireNonNull(defaultRegion, "defaultRegion is null");
    }

    @Override
    public void apply(RequestContext context)
    {
        Invocation invocation = new Invocation(context.caller, context.receivedAt, context.region(defaultRegion), context.requestId, Optional.empty(), Optional.ofNullable(context.exchange));
        List<Access> accesses = context.operation.orElseThrow().accessesFor(invocation, context.request);
        context.requestedAccesses = accesses;
        Authorizer.RequestFacts facts = new Authorizer.RequestFacts(context.receivedAt, context.http.secureTransport(),
                context.http.remoteAddress(), context.region(defaultRegion), context.http.header("User-Agent"));
        for (Access access : accesses) {
            authorizer.check(context.caller, access, facts, context.route.service().protocol());
        }
        context.accesses = accesses;
    }
}
