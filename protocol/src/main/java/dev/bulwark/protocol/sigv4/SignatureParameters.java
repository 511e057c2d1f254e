package dev.bulwark.protocol.sigv4;

import java.time.Instant;
import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * What a request claims about its signature, from the {@code Authorization} header or the presigned query.
 *
 * @param requestTime the timestamp as it goes into the string to sign ({@code yyyyMMdd'T'HHmmss'Z'})
 * @param expiresSeconds {@code X-Amz-Expires} of a presigned request, or -1 when absent
 * @param securityToken {@code X-Amz-Security-Token}, or null when absent
 */
record SignatureParameters(
        boolean presigned,
        CredentialScope scope,
        List<String> signedHeaders,
        String signedHeadersText,
        String signature,
        String requestTime,
        Instant signingTime,
        long expiresSeconds,
        String securityToken)
{
    SignatureParameters
    {
        requireNonNull(scope, "scope is null");
        signedHeaders = List.copyOf(requireNonNull(signedHeaders, "signedHeaders is null"));
        requireNonNull(signedHeadersText, "signedHeadersText is null");
        requireNonNull(signature, "signature is null");
        requireNonNull(requestTime, "requestTime is null");
        requireNonNull(signingTime, "signingTime is null");
    }

    static List<String> splitSignedHeaders(String text)
    {
        return List.of(text.toLowerCase(java.util.Locale.ROOT).split(";"));
    }

    /** Does not print the signature or the token. */
    @Override
    public String toString()
    {
        return "SignatureParameters[presigned=" + presigned + ", scope=" + scope + ", signedHeaders=" + signedHeadersText
                + ", requestTime=" + requestTime + ", expiresSeconds=" + expiresSeconds + "]";
    }
}
