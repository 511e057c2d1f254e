package dev.bulwark.server.services;

import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.SdkResponse;

import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * One implemented AWS operation: what it needs to be authorized, whether it changes state, and its handler.
 * Services declare these; the pipeline does everything else (authentication, policy evaluation, audit, encoding).
 *
 * @param service       the SigV4 signing name of the service (e.g. {@code iam})
 * @param name          the operation's wire name (e.g. {@code CreateUser})
 * @param requestType   the SDK request class the codec decodes into
 * @param authorization the accesses a given request needs; an empty list means "no permission needed"
 *                      (only {@code sts:GetCallerIdentity}, as in AWS)
 * @param readOnly      CloudTrail's {@code readOnly}; mutations commit their audit event with the change
 * @param handler       typed request in, typed response out
 */
public record Operation<I extends SdkRequest, O extends SdkResponse>(
        String service,
        String name,
        Class<I> requestType,
        Authorization<I> authorization,
        boolean readOnly,
        Handler<I, O> handler)
{
    public Operation
    {
        requireNonNull(service, "service is null");
        requireNonNull(name, "name is null");
        requireNonNull(requestType, "requestType is null");
        requireNonNull(authorization, "authorization is null");
        requireNonNull(handler, "handler is null");
    }

    /** The accesses a request needs, derived from the caller and the decoded request. */
    @FunctionalInterface
    public interface Authorization<I>
    {
        List<Access> accesses(Invocation invocation, I request);
    }

    @FunctionalInterface
    public interface Handler<I, O>
    {
        O handle(Invocation invocation, I request);
    }

    /** Runs this operation's authorization for an untyped request the codec decoded for it. */
    public List<Access> accessesFor(Invocation invocation, SdkRequest request)
    {
        return authorization.accesses(invocation, requestType.cast(request));
    }

    /** Runs this operation's handler for an untyped request the codec decoded for it. */
    public SdkResponse invoke(Invocation invocation, SdkRequest request)
    {
        return handler.handle(invocation, requestType.cast(request));
    }
}
