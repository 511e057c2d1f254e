package dev.bulwark.server.services;

import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.SdkResponse;

import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * One implemented AWS operation: what it needs to be authorized, whether it changes state, and its handler.
 * Services declare these; the pipeline does everything else (authentication, policy evaluation, audit, encoding).
 *
 * @param service       the service model's name (e.g. {@code iam}); the SigV4 signing name for every service but S3 Control ({@code s3control}, signed as {@code s3})
 * @param name          the operation's wire name (e.g. {@code CreateUser})
 * @param requestType   the SDK request class the codec decodes into
 * @param authorization the accesses a given request needs; an empty list means "no permission needed"
 *                      (only {@code sts:GetCallerIdentity}, as in AWS)
 * @param readOnly      CloudTrail's {@code readOnly}
 * @param handler       typed request in, typed response out
 * @param storeUse      the transaction the handler needs; a writing one also commits the audit event
 */
public record Operation<I extends SdkRequest, O extends SdkResponse>(
        String service,
        String name,
        Class<I> requestType,
        Authorization<I> authorization,
        boolean readOnly,
        Handler<I, O> handler,
        StoreUse storeUse)
{
    /** The common case: a read-only operation reads the store, any other writes it. */
    public Operation(String service, String name, Class<I> requestType, Authorization<I> authorization, boolean readOnly, Handler<I, O> handler)
    {
        this(service, name, requestType, authorization, readOnly, handler, readOnly ? StoreUse.READ : StoreUse.WRITE);
    }

    public Operation
    {
        requireNonNull(service, "service is null");
        requireNonNull(name, "name is null");
        requireNonNull(requestType, "requestType is null");
        requireNonNull(authorization, "authorization is null");
        requireNonNull(handler, "handler is null");
        requireNonNull(storeUse, "storeUse is null");
    }

    /**
     * What the handler does with the store. CloudTrail's {@code readOnly} is a separate matter: STS AssumeRole is
     * recorded as read-only by AWS yet stores the session it issues.
     */
    public enum StoreUse
    {
        /** Never touches the store (no transaction is opened). */
        NONE,
        /** Reads in a read-only transaction. */
        READ,
        /** Writes in a read-write transaction, which also records the CloudTrail event. */
        WRITE
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
