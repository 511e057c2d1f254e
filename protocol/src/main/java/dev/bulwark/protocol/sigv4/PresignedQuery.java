package dev.bulwark.protocol.sigv4;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Parses the {@code X-Amz-*} parameters of a presigned (query-string authenticated) request. */
final class PresignedQuery
{
    // Query parameter names are case-sensitive, exactly as AWS defines them.
    static final String ALGORITHM = "X-Amz-Algorithm";
    static final String CREDENTIAL = "X-Amz-Credential";
    static final String DATE = "X-Amz-Date";
    static final String EXPIRES = "X-Amz-Expires";
    static final String SIGNED_HEADERS = "X-Amz-SignedHeaders";
    static final String SIGNATURE = "X-Amz-Signature";
    static final String SECURITY_TOKEN = "X-Amz-Security-Token";
    /** Presigned URLs are valid for at most seven days, the life of a signing key. */
    static final long MAX_EXPIRES_SECONDS = 604_800;

    private static final List<String> REQUIRED = List.of(ALGORITHM, CREDENTIAL, SIGNATURE, DATE, SIGNED_HEADERS, EXPIRES);
    private static final String S3_REQUIRED_MESSAGE = "Query-string authentication version 4 requires the X-Amz-Algorithm, "
            + "X-Amz-Credential, X-Amz-Signature, X-Amz-Date, X-Amz-SignedHeaders, and X-Amz-Expires parameters.";

    private PresignedQuery() {}

    /** True when the query carries any SigV4 query-authentication parameter. */
    static boolean isPresigned(List<QueryParameter> query)
    {
        for (QueryParameter parameter : query) {
            String name = parameter.name();
            if (name.equals(ALGORITHM) || name.equals(CREDENTIAL) || name.equals(SIGNATURE)) {
                return true;
            }
        }
        return false;
    }

    static SignatureParameters parse(List<QueryParameter> query, Dialect dialect)
    {
        Map<String, String> values = new HashMap<>();
        for (QueryParameter parameter : query) {
            if (parameter.name().startsWith("X-Amz-")) {
                values.putIfAbsent(parameter.name(), parameter.value());
            }
        }
        List<String> missing = new ArrayList<>();
        for (String name : REQUIRED) {
            // Outside S3 the SDKs always send X-Amz-Expires, but AWS bounds the life of such URLs by the clock-skew window anyway.
            if (!values.containsKey(name) && !(name.equals(EXPIRES) && dialect != Dialect.S3)) {
                missing.add(name);
            }
        }
        if (!missing.isEmpty()) {
            StringBuilder message = new StringBuilder();
            for (String name : missing) {
                message.append("AWS query-string parameters must include '").append(name).append("'. ");
            }
            message.append("Re-examine the query-string parameters.");
            throw SigV4Errors.malformedQuery(dialect, message.toString(), S3_REQUIRED_MESSAGE);
        }
        String algorithm = values.get(ALGORITHM);
        if (!algorithm.equals(CanonicalRequest.ALGORITHM)) {
            throw SigV4Errors.malformedQuery(dialect, "Unsupported AWS 'algorithm': '" + algorithm + "'",
                    "X-Amz-Algorithm only supports \"AWS4-HMAC-SHA256\"");
        }
        String credential = values.get(CREDENTIAL);
        CredentialScope scope = CredentialScope.parse(credential).orElseThrow(() -> SigV4Errors.malformedQuery(dialect,
                "Credential must have exactly 5 slash-delimited elements, e.g. keyid/date/region/service/term, got '" + credential + "'",
                "Error parsing the X-Amz-Credential parameter; the Credential is mal-formed; expecting \"<YOUR-AKID>/YYYYMMDD/REGION/SERVICE/aws4_request\"."));
        String requestTime = values.get(DATE);
        Instant signingTime = AmzDates.parseBasic(requestTime).orElseThrow(() -> SigV4Errors.malformedQuery(dialect,
                "Invalid date format '" + requestTime + "'; expected yyyyMMdd'T'HHmmss'Z'.",
                "X-Amz-Date must be in the ISO8601 Long Format \"yyyyMMdd'T'HHmmss'Z'\""));
        long expires = values.containsKey(EXPIRES) ? parseExpires(values.get(EXPIRES), dialect) : -1;
        String signedHeaders = values.get(SIGNED_HEADERS);
        return new SignatureParameters(true, scope, SignatureParameters.splitSignedHeaders(signedHeaders), signedHeaders,
                values.get(SIGNATURE), requestTime, signingTime, expires, values.get(SECURITY_TOKEN));
    }

    private static long parseExpires(String text, Dialect dialect)
    {
        long expires;
        try {
            expires = Long.parseLong(text);
        }
        catch (NumberFormatException e) {
            throw SigV4Errors.malformedQuery(dialect, "X-Amz-Expires should be a number", "X-Amz-Expires should be a number");
        }
        if (expires < 0) {
            throw SigV4Errors.malformedQuery(dialect, "X-Amz-Expires must be non-negative", "X-Amz-Expires must be non-negative");
        }
        if (expires > MAX_EXPIRES_SECONDS) {
            throw SigV4Errors.malformedQuery(dialect, "X-Amz-Expires must be less than a week (in seconds) that is; 604800",
                    "X-Amz-Expires must be less than a week (in seconds) that is; 604800");
        }
        return expires;
    }
}
