package dev.bulwark.protocol.sigv4;

import dev.bulwark.protocol.http.HttpRequest;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Parses {@code Authorization: AWS4-HMAC-SHA256 Credential=…, SignedHeaders=…, Signature=…} together with the
 * request time ({@code X-Amz-Date}, else {@code Date}) and the {@code X-Amz-Security-Token} header.
 */
final class AuthorizationHeader
{
    private static final String CREDENTIAL = "Credential";
    private static final String SIGNED_HEADERS = "SignedHeaders";
    private static final String SIGNATURE = "Signature";

    private AuthorizationHeader() {}

    static boolean isSigV4(String authorization)
    {
        return authorization.startsWith(CanonicalRequest.ALGORITHM + " ");
    }

    /** The raw {@code Credential=} value, if the header has one. */
    static Optional<String> credentialOf(String authorization)
    {
        if (!isSigV4(authorization)) {
            return Optional.empty();
        }
        return Optional.ofNullable(components(authorization).get(CREDENTIAL));
    }

    static SignatureParameters parse(HttpRequest request, String authorization, Dialect dialect)
    {
        if (!isSigV4(authorization)) {
            throw SigV4Errors.unsupportedAuthorization(dialect, authorization);
        }
        Map<String, String> components = components(authorization);
        String credential = components.get(CREDENTIAL);
        String signedHeaders = components.get(SIGNED_HEADERS);
        String signature = components.get(SIGNATURE);
        Optional<String> amzDate = request.header("X-Amz-Date");
        Optional<String> httpDate = request.header("Date");

        StringBuilder missing = new StringBuilder();
        String s3Missing = null;
        if (credential == null) {
            missing.append("Authorization header requires 'Credential' parameter. ");
            s3Missing = SigV4Errors.S3_MALFORMED_CREDENTIAL;
        }
        if (signature == null) {
            missing.append("Authorization header requires 'Signature' parameter. ");
            s3Missing = s3Missing != null ? s3Missing : "missing Signature.";
        }
        if (signedHeaders == null) {
            missing.append("Authorization header requires 'SignedHeaders' parameter. ");
            s3Missing = s3Missing != null ? s3Missing : "missing SignedHeaders.";
        }
        if (amzDate.isEmpty() && httpDate.isEmpty() && dialect != Dialect.S3) {
            missing.append("Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header. ");
        }
        if (!missing.isEmpty()) {
            throw SigV4Errors.malformedHeader(dialect, missing + "Authorization=" + authorization, s3Missing);
        }
        CredentialScope scope = CredentialScope.parse(credential).orElseThrow(() -> SigV4Errors.malformedHeader(dialect,
                "Credential must have exactly 5 slash-delimited elements, e.g. keyid/date/region/service/term, got '" + credential + "'",
                SigV4Errors.S3_MALFORMED_CREDENTIAL));

        Instant signingTime;
        String requestTime;
        if (amzDate.isPresent()) {
            signingTime = AmzDates.parseBasic(amzDate.get().trim()).orElseThrow(() -> SigV4Errors.missingDate(dialect));
            requestTime = amzDate.get().trim();
        }
        else {
            signingTime = httpDate.flatMap(AmzDates::parseHttpDate).orElseThrow(() -> SigV4Errors.missingDate(dialect));
            requestTime = AmzDates.basic(signingTime);
        }
        return new SignatureParameters(false, scope, SignatureParameters.splitSignedHeaders(signedHeaders), signedHeaders,
                signature, requestTime, signingTime, -1, request.header("X-Amz-Security-Token").orElse(null));
    }

    /** {@code key=value} components after the algorithm, separated by commas and optional spaces. */
    private static Map<String, String> components(String authorization)
    {
        Map<String, String> components = new HashMap<>(4);
        String rest = authorization.substring(CanonicalRequest.ALGORITHM.length() + 1);
        for (String part : rest.split(",")) {
            String trimmed = part.trim();
            int eq = trimmed.indexOf('=');
            if (eq > 0) {
                components.putIfAbsent(trimmed.substring(0, eq).trim(), trimmed.substring(eq + 1).trim());
            }
        }
        return components;
    }
}
