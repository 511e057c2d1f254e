package dev.bulwark.protocol.sigv4;

import java.time.Instant;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * The outcome of a successful {@link SigV4Verifier#verify}: who signed, for which region and service, when,
 * and how the body is covered. An anonymous request (S3 only) has no scope, credential or signing time.
 *
 * @param scope the credential scope; null only when {@code anonymous}
 * @param credential the resolved credential; null only when {@code anonymous}
 * @param signingTime the signed request time; null only when {@code anonymous}
 * @param payloadMode how the body is covered; {@link PayloadMode#UNSIGNED} when anonymous
 * @param chunkSigning what the aws-chunked decoder needs; null unless the payload mode is streaming and signed
 */
public record VerifiedRequest(
        boolean anonymous,
        CredentialScope scope,
        SigningCredential credential,
        Instant signingTime,
        boolean presigned,
        PayloadMode payloadMode,
        ChunkSigningContext chunkSigning)
{
    public VerifiedRequest
    {
        requireNonNull(payloadMode, "payloadMode is null");
        if (!anonymous) {
            requireNonNull(scope, "scope is null");
            requireNonNull(credential, "credential is null");
            requireNonNull(signingTime, "signingTime is null");
        }
        if (payloadMode == PayloadMode.STREAMING_SIGNED || payloadMode == PayloadMode.STREAMING_SIGNED_TRAILER) {
            requireNonNull(chunkSigning, "chunkSigning is null");
        }
    }

    static VerifiedRequest anonymousRequest()
    {
        return new VerifiedRequest(true, null, null, null, false, PayloadMode.UNSIGNED, null);
    }

    public String accessKeyId()
    {
        return anonymous ? null : scope.accessKeyId();
    }

    public String region()
    {
        return anonymous ? null : scope.region();
    }

    public String service()
    {
        return anonymous ? null : scope.service();
    }

    /** The session token the request carried (and that matched its temporary credential). */
    public Optional<String> sessionToken()
    {
        return anonymous ? Optional.empty() : credential.sessionTokenIfAny();
    }

    public boolean unsignedPayload()
    {
        return payloadMode == PayloadMode.UNSIGNED || payloadMode == PayloadMode.STREAMING_UNSIGNED_TRAILER;
    }

    public boolean streaming()
    {
        return payloadMode.streaming();
    }
}
