package dev.bulwark.protocol.sigv4;

import static java.util.Objects.requireNonNull;

/**
 * What {@link AwsChunkedDecoder} needs to verify the chunk signatures of a
 * {@code STREAMING-AWS4-HMAC-SHA256-PAYLOAD} body: each chunk's signature is chained from the previous one,
 * starting at the request's (seed) signature, under the request's signing key, time and scope; with
 * {@code STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER} the trailing headers are signed too, chained from the final chunk.
 */
public final class ChunkSigningContext
{
    private final byte[] signingKey;
    private final String requestTime;
    private final CredentialScope scope;
    private final String seedSignature;
    private final boolean signedTrailer;

    ChunkSigningContext(byte[] signingKey, String requestTime, CredentialScope scope, String seedSignature, boolean signedTrailer)
    {
        this.signedTrailer = signedTrailer;
        this.signingKey = requireNonNull(signingKey, "signingKey is null");
        this.requestTime = requireNonNull(requestTime, "requestTime is null");
        this.scope = requireNonNull(scope, "scope is null");
        this.seedSignature = requireNonNull(seedSignature, "seedSignature is null");
    }

    byte[] signingKey()
    {
        return signingKey;
    }

    String requestTime()
    {
        return requestTime;
    }

    CredentialScope scope()
    {
        return scope;
    }

    String seedSignature()
    {
        return seedSignature;
    }

    /** True when trailing headers follow the final chunk with an {@code x-amz-trailer-signature}. */
    boolean signedTrailer()
    {
        return signedTrailer;
    }

    /** Never prints the signing key. */
    @Override
    public String toString()
    {
        return "ChunkSigningContext[requestTime=" + requestTime + ", scope=" + scope.scope() + "]";
    }
}
