package dev.bulwark.server.pipeline;

import dev.bulwark.protocol.codec.ProtocolCodec;
import dev.bulwark.protocol.error.AwsErrorException;
import dev.bulwark.protocol.http.HttpRequest;
import dev.bulwark.protocol.http.HttpResponse;
import dev.bulwark.protocol.route.Route;
import dev.bulwark.protocol.sigv4.CredentialScope;
import dev.bulwark.server.auth.Caller;
import dev.bulwark.server.services.Access;
import dev.bulwark.server.services.Operation;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.SdkResponse;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * The one mutable record of a request's progress through the {@link Pipeline}. Each field says which step sets
 * it; everything a field holds is immutable. A step that fails sets {@link #error} and the remaining request
 * steps are skipped; the response steps (audit, encode, log) always run.
 */
public final class RequestContext
{
    /** Set at creation: the request as received. */
    public final HttpRequest http;
    /** Set at creation: the ID returned to the client and recorded in CloudTrail. */
    public final String requestId;
    /** Set at creation: when the request arrived, from the server's clock. */
    public final Instant receivedAt;

    /** {@link RouteStep}: the SigV4 credential scope, read but not yet verified (absent for anonymous calls). */
    public Optional<CredentialScope> scope = Optional.empty();
    /**
     * {@link RouteStep}, then {@link AuthenticateStep}: the request as the operation reads it: path-style (an S3
     * virtual-hosted request rewritten), its {@code aws-chunked} body decoded once the chunk signatures verified.
     * {@link #http} stays as received, since the signature covers it.
     */
    public HttpRequest operationHttp;
    /** {@link DecodeStep}: the raw exchange handed to handlers whose payload is not an SDK field (S3 object data). */
    public dev.bulwark.server.services.HttpExchange exchange;
    /** {@link RouteStep}: the service, operation and codec. */
    public Route route;
    /** {@link RouteStep}: our implementation of the operation, absent when Bulwark does not implement it. */
    public Optional<Operation<?, ?>> operation = Optional.empty();
    /** {@link RouteStep}: the codec to answer an error with when no operation could be routed. */
    public ProtocolCodec errorCodec;
    /** {@link AuthenticateStep}: who is calling. */
    public Caller caller;
    /** {@link DecodeStep}: the typed request. */
    public SdkRequest request;
    /**
     * {@link AuthorizeStep}: the permissions the request asked for, set before they are checked, so the event of a
     * denied call still names its resources and the accounts that own them.
     */
    public List<Access> requestedAccesses = List.of();
    /** {@link AuthorizeStep}: the permissions the request needed, all of them granted. */
    public List<Access> accesses = List.of();
    /** {@link InvokeStep}: the typed response. */
    public SdkResponse response;
    /** {@link InvokeStep}: true when the audit event was committed in the same transaction as the change. */
    public boolean auditedInTransaction;
    /** Any step: the AWS error the client gets. */
    public AwsErrorException error;
    /** {@link EncodeStep}: the bytes the client gets. */
    public HttpResponse httpResponse;

    public RequestContext(HttpRequest http, String requestId, Instant receivedAt)
    {
        this.http = requireNonNull(http, "http is null");
        this.requestId = requireNonNull(requestId, "requestId is null");
        this.receivedAt = requireNonNull(receivedAt, "receivedAt is null");
        this.operationHttp = http;
    }

    public boolean failed()
    {
        return error != null;
    }

    /** The signing name of the routed service, or what the credential scope claimed when routing failed. */
    public String serviceName()
    {
        if (route != null) {
            return route.service().signingName();
        }
        return scope.map(CredentialScope::service).orElse("unknown");
    }

    /** The region of the call: the credential scope's, else the server's default. */
    public String region(String defaultRegion)
    {
        return scope.map(CredentialScope::region).orElse(defaultRegion);
    }
}
