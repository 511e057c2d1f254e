package dev.bulwark.protocol.sigv4;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * AWS's SigV4 error codes, statuses and wording, per {@link Dialect}. The wording is part of the
 * compatibility contract (SDKs and scripts match on it), so it lives here and nowhere else.
 *
 * <p>Sources: the "Common Errors" pages of the query and JSON services' API references, S3's "Error
 * responses" list, and the messages AWS returns on the wire as quoted in SDK issue trackers.
 */
final class SigV4Errors
{
    /** Message of SignatureDoesNotMatch / InvalidSignatureException outside S3. */
    static final String SIGNATURE_MISMATCH = "The request signature we calculated does not match the signature you provided. "
            + "Check your AWS Secret Access Key and signing method. Consult the service documentation for details.";
    /** S3's shorter SignatureDoesNotMatch message. */
    static final String S3_SIGNATURE_MISMATCH = "The request signature we calculated does not match the signature you provided. "
            + "Check your key and signing method.";
    /** Unknown access key or wrong session token, outside S3. */
    static final String INVALID_TOKEN = "The security token included in the request is invalid.";
    /** Temporary credentials past their expiration, outside S3 (AWS writes no final period here). */
    static final String EXPIRED_TOKEN = "The security token included in the request is expired";
    /** No authentication at all, outside S3. */
    static final String MISSING_TOKEN = "Request is missing Authentication Token";
    /** S3's AuthorizationHeaderMalformed detail for a credential that is not five slash-separated parts. */
    static final String S3_MALFORMED_CREDENTIAL = "the Credential is mal-formed; expecting \"<YOUR-AKID>/YYYYMMDD/REGION/SERVICE/aws4_request\".";

    private SigV4Errors() {}

    static SigV4Exception missingAuthenticationToken(Dialect dialect)
    {
        return switch (dialect) {
            case QUERY -> new SigV4Exception("MissingAuthenticationToken", 403, MISSING_TOKEN);
            case JSON -> new SigV4Exception("MissingAuthenticationTokenException", 400, MISSING_TOKEN);
            case S3 -> new SigV4Exception("AccessDenied", 403, "Access Denied");
        };
    }

    /** A malformed {@code Authorization} header; the S3 message is the part after "The authorization header is malformed; ". */
    static SigV4Exception malformedHeader(Dialect dialect, String message, String s3Message)
    {
        return switch (dialect) {
            case QUERY -> new SigV4Exception("IncompleteSignature", 400, message);
            case JSON -> new SigV4Exception("IncompleteSignatureException", 400, message);
            case S3 -> new SigV4Exception("AuthorizationHeaderMalformed", 400, "The authorization header is malformed; " + s3Message);
        };
    }

    /** Malformed presigned query parameters. */
    static SigV4Exception malformedQuery(Dialect dialect, String message, String s3Message)
    {
        return switch (dialect) {
            case QUERY -> new SigV4Exception("IncompleteSignature", 400, message);
            case JSON -> new SigV4Exception("IncompleteSignatureException", 400, message);
            case S3 -> new SigV4Exception("AuthorizationQueryParametersError", 400, s3Message);
        };
    }

    static SigV4Exception unsupportedAuthorization(Dialect dialect, String authorization)
    {
        if (dialect == Dialect.S3) {
            return new SigV4Exception("InvalidArgument", 400, "Unsupported Authorization Type",
                    details("ArgumentName", "Authorization", "ArgumentValue", authorization));
        }
        String algorithm = authorization.split(" ", 2)[0];
        return malformedHeader(dialect, "Unsupported AWS 'algorithm': '" + algorithm + "'", "");
    }

    static SigV4Exception multipleAuthMechanisms()
    {
        return new SigV4Exception("InvalidArgument", 400,
                "Only one auth mechanism allowed; only the X-Amz-Algorithm query parameter, Signature query string parameter "
                        + "or the Authorization header should be specified",
                details("ArgumentName", "Authorization"));
    }

    static SigV4Exception missingDate(Dialect dialect)
    {
        return switch (dialect) {
            case S3 -> new SigV4Exception("AccessDenied", 403, "AWS authentication requires a valid Date or x-amz-date header");
            case QUERY, JSON -> malformedHeader(dialect,
                    "Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header.", "");
        };
    }

    static SigV4Exception credentialDateMismatch(Dialect dialect, boolean presigned, String scopeDate, String requestTime)
    {
        String message = "Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '"
                + scopeDate + "' != '" + requestTime.substring(0, 8) + "', from '" + requestTime + "'.";
        return switch (dialect) {
            case QUERY -> new SigV4Exception("SignatureDoesNotMatch", 403, message);
            case JSON -> new SigV4Exception("InvalidSignatureException", 400, message);
            case S3 -> presigned
                    ? new SigV4Exception("AuthorizationQueryParametersError", 400, "Invalid credential date. Date is not the same as X-Amz-Date.")
                    : new SigV4Exception("AuthorizationHeaderMalformed", 400,
                            "The authorization header is malformed; Invalid credential date. Date is not the same as X-Amz-Date.");
        };
    }

    static SigV4Exception wrongService(Dialect dialect, boolean presigned, String signedService, String expectedService)
    {
        String message = "Credential should be scoped to correct service: '" + expectedService + "'. ";
        return switch (dialect) {
            case QUERY -> new SigV4Exception("SignatureDoesNotMatch", 403, message);
            case JSON -> new SigV4Exception("InvalidSignatureException", 400, message);
            case S3 -> s3ScopeError(presigned, "incorrect service \"" + signedService + "\". This endpoint belongs to \"" + expectedService + "\".", null);
        };
    }

    static SigV4Exception wrongRegion(Dialect dialect, boolean presigned, String signedRegion, String expectedRegion)
    {
        String message = "Credential should be scoped to a valid region. ";
        return switch (dialect) {
            case QUERY -> new SigV4Exception("SignatureDoesNotMatch", 403, message);
            case JSON -> new SigV4Exception("InvalidSignatureException", 400, message);
            case S3 -> s3ScopeError(presigned, "the region '" + signedRegion + "' is wrong; expecting '" + expectedRegion + "'", expectedRegion);
        };
    }

    private static SigV4Exception s3ScopeError(boolean presigned, String problem, String region)
    {
        Map<String, String> details = region == null ? Map.of() : details("Region", region);
        return presigned
                ? new SigV4Exception("AuthorizationQueryParametersError", 400, "Error parsing the X-Amz-Credential parameter; " + problem, details)
                : new SigV4Exception("AuthorizationHeaderMalformed", 400, "The authorization header is malformed; " + problem, details);
    }

    static SigV4Exception unknownAccessKey(Dialect dialect, String accessKeyId)
    {
        return switch (dialect) {
            case QUERY -> new SigV4Exception("InvalidClientTokenId", 403, INVALID_TOKEN);
            case JSON -> new SigV4Exception("UnrecognizedClientException", 400, INVALID_TOKEN);
            case S3 -> new SigV4Exception("InvalidAccessKeyId", 403, "The AWS Access Key Id you provided does not exist in our records.",
                    details("AWSAccessKeyId", accessKeyId));
        };
    }

    static SigV4Exception invalidSessionToken(Dialect dialect)
    {
        return switch (dialect) {
            case QUERY -> new SigV4Exception("InvalidClientTokenId", 403, INVALID_TOKEN);
            case JSON -> new SigV4Exception("UnrecognizedClientException", 400, INVALID_TOKEN);
            case S3 -> new SigV4Exception("InvalidToken", 400, "The provided token is malformed or otherwise invalid.");
        };
    }

    static SigV4Exception expiredSessionToken(Dialect dialect)
    {
        return switch (dialect) {
            case QUERY -> new SigV4Exception("ExpiredToken", 403, EXPIRED_TOKEN);
            case JSON -> new SigV4Exception("ExpiredTokenException", 400, EXPIRED_TOKEN);
            case S3 -> new SigV4Exception("ExpiredToken", 400, "The provided token has expired.");
        };
    }

    static SigV4Exception signatureMismatch(Dialect dialect, String accessKeyId, String stringToSign, String signatureProvided, String canonicalRequest)
    {
        return switch (dialect) {
            case QUERY -> new SigV4Exception("SignatureDoesNotMatch", 403, SIGNATURE_MISMATCH);
            case JSON -> new SigV4Exception("InvalidSignatureException", 400, SIGNATURE_MISMATCH);
            case S3 -> new SigV4Exception("SignatureDoesNotMatch", 403, S3_SIGNATURE_MISMATCH, details(
                    "AWSAccessKeyId", accessKeyId,
                    "StringToSign", stringToSign,
                    "SignatureProvided", signatureProvided,
                    "StringToSignBytes", spacedHex(stringToSign),
                    "CanonicalRequest", canonicalRequest,
                    "CanonicalRequestBytes", spacedHex(canonicalRequest)));
        };
    }

    /** The request time lies further than the allowed skew before the server's clock. */
    static SigV4Exception signatureExpired(Dialect dialect, String requestTime, Instant now, Duration skew)
    {
        return skewed(dialect, requestTime, now, skew, "Signature expired: " + requestTime + " is now earlier than "
                + AmzDates.basic(now.minus(skew)) + " (" + AmzDates.basic(now) + " - " + skew.toMinutes() + " min.)");
    }

    /** The request time lies further than the allowed skew after the server's clock. */
    static SigV4Exception signatureNotYetCurrent(Dialect dialect, String requestTime, Instant now, Duration skew)
    {
        return skewed(dialect, requestTime, now, skew, "Signature not yet current: " + requestTime + " is still later than "
                + AmzDates.basic(now.plus(skew)) + " (" + AmzDates.basic(now) + " + " + skew.toMinutes() + " min.)");
    }

    private static SigV4Exception skewed(Dialect dialect, String requestTime, Instant now, Duration skew, String message)
    {
        return switch (dialect) {
            case QUERY -> new SigV4Exception("SignatureDoesNotMatch", 403, message);
            case JSON -> new SigV4Exception("InvalidSignatureException", 400, message);
            case S3 -> new SigV4Exception("RequestTimeTooSkewed", 403, "The difference between the request time and the current time is too large.",
                    details("RequestTime", requestTime, "ServerTime", AmzDates.extended(now),
                            "MaxAllowedSkewMilliseconds", Long.toString(skew.toMillis())));
        };
    }

    static SigV4Exception presignExpired(Dialect dialect, Instant expiresAt, long expiresSeconds, Instant now)
    {
        return switch (dialect) {
            case QUERY, JSON -> new SigV4Exception("RequestExpired", 400, "Request has expired.");
            case S3 -> new SigV4Exception("AccessDenied", 403, "Request has expired", details(
                    "X-Amz-Expires", Long.toString(expiresSeconds),
                    "Expires", AmzDates.extended(expiresAt),
                    "ServerTime", AmzDates.extended(now)));
        };
    }

    static SigV4Exception presignNotYetValid(Dialect dialect, Instant now)
    {
        return switch (dialect) {
            case QUERY, JSON -> new SigV4Exception("RequestExpired", 400, "Request is not yet valid.");
            case S3 -> new SigV4Exception("AccessDenied", 403, "Request is not valid yet", details("ServerTime", AmzDates.extended(now)));
        };
    }

    static SigV4Exception hostNotSigned(Dialect dialect)
    {
        return switch (dialect) {
            case QUERY, JSON -> malformedHeader(dialect, "'Host' or ':authority' must be a 'SignedHeader' in the AWS Authorization.", "");
            case S3 -> headersNotSigned(List.of("host"));
        };
    }

    static SigV4Exception headersNotSigned(List<String> names)
    {
        return new SigV4Exception("AccessDenied", 403, "There were headers present in the request which were not signed",
                details("HeadersNotSigned", String.join(", ", names)));
    }

    static SigV4Exception missingContentSha256()
    {
        return new SigV4Exception("InvalidRequest", 400, "Missing required header for this request: x-amz-content-sha256");
    }

    static SigV4Exception invalidContentSha256(String value)
    {
        return new SigV4Exception("InvalidArgument", 400,
                "x-amz-content-sha256 must be UNSIGNED-PAYLOAD, STREAMING-UNSIGNED-PAYLOAD-TRAILER, STREAMING-AWS4-HMAC-SHA256-PAYLOAD, "
                        + "STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER, STREAMING-AWS4-ECDSA-P256-SHA256-PAYLOAD, "
                        + "STREAMING-AWS4-ECDSA-P256-SHA256-PAYLOAD-TRAILER or a valid sha256 value.",
                details("ArgumentName", "x-amz-content-sha256", "ArgumentValue", value));
    }

    static SigV4Exception payloadModeNotImplemented()
    {
        return new SigV4Exception("NotImplemented", 501, "A header you provided implies functionality that is not implemented",
                details("Header", "x-amz-content-sha256"));
    }

    static SigV4Exception contentSha256Mismatch(Dialect dialect, String provided, String computed)
    {
        return switch (dialect) {
            case QUERY -> new SigV4Exception("SignatureDoesNotMatch", 403, SIGNATURE_MISMATCH);
            case JSON -> new SigV4Exception("InvalidSignatureException", 400, SIGNATURE_MISMATCH);
            case S3 -> new SigV4Exception("XAmzContentSHA256Mismatch", 400, "The provided 'x-amz-content-sha256' header does not match what was computed.",
                    details("ClientComputedContentSHA256", provided, "S3ComputedContentSHA256", computed));
        };
    }

    static SigV4Exception chunkSignatureMismatch(Dialect dialect, String stringToSign, String signatureProvided)
    {
        return switch (dialect) {
            case QUERY -> new SigV4Exception("SignatureDoesNotMatch", 403, SIGNATURE_MISMATCH);
            case JSON -> new SigV4Exception("InvalidSignatureException", 400, SIGNATURE_MISMATCH);
            case S3 -> new SigV4Exception("SignatureDoesNotMatch", 403, S3_SIGNATURE_MISMATCH, details(
                    "StringToSign", stringToSign,
                    "SignatureProvided", signatureProvided,
                    "StringToSignBytes", spacedHex(stringToSign)));
        };
    }

    static SigV4Exception incompleteBody()
    {
        return new SigV4Exception("IncompleteBody", 400, "The request body terminated unexpectedly");
    }

    static SigV4Exception decodedLengthMismatch()
    {
        return new SigV4Exception("IncompleteBody", 400, "You did not provide the number of bytes specified by the Content-Length HTTP header");
    }

    static SigV4Exception missingDecodedContentLength()
    {
        return new SigV4Exception("MissingContentLength", 411, "You must provide the Content-Length HTTP header.");
    }

    /** S3's {@code ...Bytes} fields: each UTF-8 byte as two hex digits, separated by spaces. */
    static String spacedHex(String text)
    {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        StringBuilder out = new StringBuilder(bytes.length * 3);
        for (byte b : bytes) {
            if (!out.isEmpty()) {
                out.append(' ');
            }
            out.append(Character.forDigit((b >> 4) & 0xF, 16)).append(Character.forDigit(b & 0xF, 16));
        }
        return out.toString();
    }

    private static Map<String, String> details(String... namesAndValues)
    {
        Map<String, String> details = new LinkedHashMap<>();
        for (int i = 0; i + 1 < namesAndValues.length; i += 2) {
            details.put(namesAndValues[i], namesAndValues[i + 1]);
        }
        return details;
    }
}
