package dev.bulwark.server.pipeline;

import dev.bulwark.protocol.error.AwsErrorException;
import dev.bulwark.protocol.http.HttpRequest;
import dev.bulwark.protocol.model.Protocol;
import dev.bulwark.protocol.sigv4.AwsChunkedDecoder;
import dev.bulwark.protocol.sigv4.DecodedPayload;
import dev.bulwark.protocol.sigv4.CredentialScope;
import dev.bulwark.protocol.sigv4.Dialect;
import dev.bulwark.protocol.sigv4.ScopeCheck;
import dev.bulwark.protocol.sigv4.SigV4Exception;
import dev.bulwark.protocol.sigv4.SigV4Verifier;
import dev.bulwark.protocol.sigv4.VerifiedRequest;
import dev.bulwark.server.auth.AccessKeyDirectory;
import dev.bulwark.server.auth.Caller;
import dev.bulwark.server.services.iam.AccessKeyUsage;

import java.util.Optional;
import java.util.Set;

import static java.util.Objects.requireNonNull;

/**
 * SigV4: establishes the {@link Caller}. In dev mode an access key the server has never issued is taken as the
 * default account's root user (so suites written for LocalStack or moto run unchanged); a key it did issue is
 * always verified, dev mode or not.
 */
public final class AuthenticateStep implements Step
{
    private static final String IAM = "iam";

    /**
     * Operations AWS's models mark {@code "authtype": "none"}: the request's own token authenticates the caller
     * (see {@link TokenAuthenticateStep}), so an unsigned request goes on as anonymous until then.
     */
    static final Set<String> UNSIGNED_OPERATIONS = Set.of("sts:AssumeRoleWithWebIdentity", "sts:AssumeRoleWithSAML");

    private final SigV4Verifier verifier;
    private final AccessKeyDirectory keys;
    private final Optional<String> devModeAccount;
    private final AccessKeyUsage usage;
    private final String defaultRegion;

    public AuthenticateStep(SigV4Verifier verifier, AccessKeyDirectory keys, Optional<String> devModeAccount, AccessKeyUsage usage, String defaultRegion)
    {
        this.usage = requireNonNull(usage, "usage is null");
        this.defaultRegion = requireNonNull(defaultRegion, "defaultRegion is null");
        this.verifier = requireNonNull(verifier, "verifier is null");
        this.keys = requireNonNull(keys, "keys is null");
        this.devModeAccount = requireNonNull(devModeAccount, "devModeAccount is null");
    }

    @Override
    public void apply(RequestContext context)
    {
        if (UNSIGNED_OPERATIONS.contains(context.route.service().signingName() + ":" + context.route.operation().name())
                && SigV4Verifier.isAnonymous(context.http)) {
            context.caller = Caller.anonymous();
            return;
        }
        Optional<String> presented = context.scope.map(CredentialScope::accessKeyId);
        // Temporary (ASIA) keys are never taken for the dev root: an ended session must fail, not gain root.
        if (devModeAccount.isPresent() && presented.isPresent() && !presented.get().startsWith("ASIA") && keys.find(presented.get()).isEmpty()) {
            context.caller = Caller.root(devModeAccount.get(), presented);
            if (context.http.header("x-amz-content-sha256").filter(hash -> hash.startsWith("STREAMING-")).isPresent()) {
                // The dev root's signature is not checked, so neither are its chunks; the framing still comes off.
                withBody(context, AwsChunkedDecoder.decode(context.http.body(), null, Dialect.S3));
            }
            return;
        }
        VerifiedRequest verified;
        Dialect dialect = dialectOf(context.route.service().protocol());
        try {
            verified = verifier.verify(context.http, dialect, accessKeyId -> keys.find(accessKeyId).map(AccessKeyDirectory.KnownKey::credential));
            // Every service shares this host and port: a signature made for one service must not be replayable
            // to another. Any region is served, so only the service is pinned.
            ScopeCheck.requireScope(verified, dialect, context.route.service().signingName(), Set.of());
        }
        catch (SigV4Exception e) {
            throw new AwsErrorException(e.code(), e.httpStatus(), e.senderFault(), e.getMessage(), e.details(), e);
        }
        if (verified.streaming()) {
            try {
                withBody(context, AwsChunkedDecoder.decode(context.http, verified, dialect));
            }
            catch (SigV4Exception e) {
                throw new AwsErrorException(e.code(), e.httpStatus(), e.senderFault(), e.getMessage(), e.details(), e);
            }
        }
        if (verified.anonymous()) {
            context.caller = Caller.anonymous();
            return;
        }
        Caller caller = keys.find(verified.accessKeyId()).orElseThrow().caller();
        if (caller.userSession().isPresent() && context.route.service().signingName().equals(IAM) && !caller.userSession().get().isAssumedRoot()
                && (caller.userSession().get().isFederated() || caller.mfaAuthenticated().isEmpty())) {
            // GetSessionToken credentials reach IAM only when MFA-authenticated, GetFederationToken ones never;
            // IAM does not know such a token. AssumeRoot sessions exist to reach IAM (their task policy scopes them).
            throw new AwsErrorException("InvalidClientTokenId", 403, true, "The security token included in the request is invalid.");
        }
        context.caller = caller;
        // Only remembered in memory here; written in batches, so GetAccessKeyLastUsed costs the hot path no write.
        usage.used(verified.accessKeyId(), context.route.service().signingName(), context.region(defaultRegion), context.receivedAt);
    }

    static Dialect dialectOf(Protocol protocol)
    {
        return switch (protocol) {
            case AWS_QUERY, EC2_QUERY -> Dialect.QUERY;
            case AWS_JSON_1_0, AWS_JSON_1_1, REST_JSON_1 -> Dialect.JSON;
            case REST_XML -> Dialect.S3;
        };
    }

    /**
     * The request the operation reads gets the aws-chunked payload without its framing, and its trailing headers
     * (checksums such as {@code x-amz-checksum-crc32}) as headers, as if they had been sent up front.
     */
    private static void withBody(RequestContext context, DecodedPayload payload)
    {
        HttpRequest current = context.operationHttp;
        java.util.Map<String, java.util.List<String>> headers = new java.util.LinkedHashMap<>(current.headers());
        payload.trailers().forEach((name, value) -> {
            if (!name.equals("x-amz-trailer-signature")) {
                headers.put(name, java.util.List.of(value));
            }
        });
        context.operationHttp = new HttpRequest(current.method(), current.rawPath(), current.rawQuery(), headers, payload.bytes(),
                current.secureTransport(), current.remoteAddress());
    }
}
