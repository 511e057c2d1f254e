package dev.bulwark.protocol.sigv4;

import dev.bulwark.protocol.http.HttpRequest;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * Verifies AWS Signature Version 4 on a received request, as the AWS services do.
 *
 * <p>Order of checks, each failing with the error AWS gives for it: which mechanism (header, presigned
 * query, none); well-formed parameters; credential-scope date equals the request date; request time within
 * the clock-skew window (or presigned URL not expired); access key known; session token matches the
 * credential's and has not expired; {@code host} signed (and for S3 every {@code x-amz-*} header);
 * payload hash declared; signature equal in constant time; signed body hash equal to the body's.
 *
 * <p>Thread-safe; one instance serves the whole server so that derived signing keys are shared.
 */
public final class SigV4Verifier
{
    /** AWS accepts request times up to 15 minutes either side of its clock. */
    public static final Duration MAX_CLOCK_SKEW = Duration.ofMinutes(15);
    /** Enough for every (key, region, service) a busy server sees in a day. */
    private static final int DEFAULT_KEY_CACHE_SIZE = 4096;

    /** x-amz-content-sha256 value of a body the signature does not cover. */
    private static final String UNSIGNED_PAYLOAD = "UNSIGNED-PAYLOAD";
    /** x-amz-content-sha256 value of an aws-chunked body with chained chunk signatures. */
    private static final String STREAMING_SIGNED = "STREAMING-AWS4-HMAC-SHA256-PAYLOAD";
    /** x-amz-content-sha256 value of an aws-chunked body with signed chunks and signed trailing checksum headers. */
    private static final String STREAMING_SIGNED_TRAILER = "STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER";
    /** x-amz-content-sha256 value of an aws-chunked body with unsigned chunks and trailing checksum headers. */
    private static final String STREAMING_UNSIGNED_TRAILER = "STREAMING-UNSIGNED-PAYLOAD-TRAILER";
    /** Streaming variants AWS defines that this verifier does not implement (SigV4a's ECDSA signatures). */
    private static final List<String> STREAMING_NOT_IMPLEMENTED = List.of(
            "STREAMING-AWS4-ECDSA-P256-SHA256-PAYLOAD",
            "STREAMING-AWS4-ECDSA-P256-SHA256-PAYLOAD-TRAILER");

    private final Clock clock;
    private final SigningKeyCache signingKeys;

    public SigV4Verifier(Clock clock)
    {
        this(clock, DEFAULT_KEY_CACHE_SIZE);
    }

    public SigV4Verifier(Clock clock, int signingKeyCacheSize)
    {
        this.clock = requireNonNull(clock, "clock is null");
        this.signingKeys = new SigningKeyCache(signingKeyCacheSize);
    }

    /** True when the request carries no SigV4 authentication at all (neither header nor presigned query). */
    public static boolean isAnonymous(HttpRequest request)
    {
        return request.header("Authorization").isEmpty() && !PresignedQuery.isPresigned(QueryParameter.parse(request.rawQuery()));
    }

    /**
     * Verifies the request's signature.
     *
     * @return the verified identity; for {@link Dialect#S3} an anonymous request yields an anonymous result
     *         (bucket policies may still allow it), for the other dialects it fails with MissingAuthenticationToken
     * @throws SigV4Exception with AWS's code, status and wording for the dialect
     */
    public VerifiedRequest verify(HttpRequest request, Dialect dialect, CredentialResolver resolver)
    {
        requireNonNull(request, "request is null");
        requireNonNull(dialect, "dialect is null");
        requireNonNull(resolver, "resolver is null");

        Optional<String> authorization = request.header("Authorization");
        List<QueryParameter> query = QueryParameter.parse(request.rawQuery());
        boolean presigned = PresignedQuery.isPresigned(query);
        if (authorization.isEmpty() && !presigned) {
            if (dialect == Dialect.S3) {
                return VerifiedRequest.anonymousRequest();
            }
            throw SigV4Errors.missingAuthenticationToken(dialect);
        }
        if (authorization.isPresent() && presigned && dialect == Dialect.S3) {
            throw SigV4Errors.multipleAuthMechanisms();
        }
        SignatureParameters parameters = authorization.isPresent()
                ? AuthorizationHeader.parse(request, authorization.get(), dialect)
                : PresignedQuery.parse(query, dialect);

        Instant now = clock.instant();
        if (!parameters.scope().date().equals(parameters.requestTime().substring(0, 8))) {
            throw SigV4Errors.credentialDateMismatch(dialect, parameters.presigned(), parameters.scope().date(), parameters.requestTime());
        }
        checkTime(parameters, dialect, now);

        SigningCredential credential = resolver.resolve(parameters.scope().accessKeyId())
                .orElseThrow(() -> SigV4Errors.unknownAccessKey(dialect, parameters.scope().accessKeyId()));
        checkSessionToken(parameters, credential, dialect, now);
        checkSignedHeaders(request, parameters, dialect);

        String payloadHash = declaredPayloadHash(request, parameters, dialect);
        PayloadMode payloadMode = payloadMode(payloadHash, dialect);

        String canonicalRequest = CanonicalRequest.build(request, dialect, query, parameters.presigned(),
                parameters.signedHeaders(), parameters.signedHeadersText(), payloadHash);
        String stringToSign = CanonicalRequest.stringToSign(parameters.requestTime(), parameters.scope(), canonicalRequest);
        byte[] signingKey = signingKeys.signingKey(credential.secretKey(), parameters.scope());
        String expected = SigV4Crypto.hex(SigV4Crypto.hmac(signingKey, stringToSign));
        if (!SigV4Crypto.sameSignature(expected, parameters.signature())) {
            throw SigV4Errors.signatureMismatch(dialect, parameters.scope().accessKeyId(), stringToSign, parameters.signature(), canonicalRequest);
        }
        // A hash we computed ourselves needs no second look; a declared one must describe the body we received.
        if (payloadMode == PayloadMode.SIGNED && request.header("x-amz-content-sha256").isPresent()) {
            String computed = SigV4Crypto.sha256Hex(request.body());
            if (!computed.equalsIgnoreCase(payloadHash)) {
                throw SigV4Errors.contentSha256Mismatch(dialect, payloadHash, computed);
            }
        }
        ChunkSigningContext chunkSigning = payloadMode == PayloadMode.STREAMING_SIGNED || payloadMode == PayloadMode.STREAMING_SIGNED_TRAILER
                ? new ChunkSigningContext(signingKey, parameters.requestTime(), parameters.scope(), parameters.signature(),
                        payloadMode == PayloadMode.STREAMING_SIGNED_TRAILER)
                : null;
        return new VerifiedRequest(false, parameters.scope(), credential, parameters.signingTime(), parameters.presigned(),
                payloadMode, chunkSigning);
    }

    private static void checkTime(SignatureParameters parameters, Dialect dialect, Instant now)
    {
        Instant signed = parameters.signingTime();
        if (parameters.presigned() && dialect == Dialect.S3) {
            // S3 honours X-Amz-Expires (up to 7 days) instead of the skew window, but not a URL dated in the future.
            if (signed.isAfter(now.plus(MAX_CLOCK_SKEW))) {
                throw SigV4Errors.presignNotYetValid(dialect, now);
            }
            Instant expiresAt = signed.plusSeconds(parameters.expiresSeconds());
            if (now.isAfter(expiresAt)) {
                throw SigV4Errors.presignExpired(dialect, expiresAt, parameters.expiresSeconds(), now);
            }
            return;
        }
        if (signed.isBefore(now.minus(MAX_CLOCK_SKEW))) {
            throw SigV4Errors.signatureExpired(dialect, parameters.requestTime(), now, MAX_CLOCK_SKEW);
        }
        if (signed.isAfter(now.plus(MAX_CLOCK_SKEW))) {
            throw SigV4Errors.signatureNotYetCurrent(dialect, parameters.requestTime(), now, MAX_CLOCK_SKEW);
        }
        if (parameters.presigned() && parameters.expiresSeconds() >= 0) {
            Instant expiresAt = signed.plusSeconds(parameters.expiresSeconds());
            if (now.isAfter(expiresAt)) {
                throw SigV4Errors.presignExpired(dialect, expiresAt, parameters.expiresSeconds(), now);
            }
        }
    }

    private static void checkSessionToken(SignatureParameters parameters, SigningCredential credential, Dialect dialect, Instant now)
    {
        String provided = parameters.securityToken();
        String expected = credential.sessionToken();
        if (expected == null && provided != null || expected != null && (provided == null
                || !MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8), provided.getBytes(StandardCharsets.UTF_8)))) {
            throw SigV4Errors.invalidSessionToken(dialect);
        }
        if (credential.expiration() != null && !now.isBefore(credential.expiration())) {
            throw SigV4Errors.expiredSessionToken(dialect);
        }
    }

    private static void checkSignedHeaders(HttpRequest request, SignatureParameters parameters, Dialect dialect)
    {
        List<String> signed = parameters.signedHeaders();
        if (!signed.contains("host") && !signed.contains(":authority")) {
            throw SigV4Errors.hostNotSigned(dialect);
        }
        if (dialect == Dialect.S3 && !parameters.presigned()) {
            List<String> unsigned = new ArrayList<>();
            for (Map.Entry<String, List<String>> header : request.headers().entrySet()) {
                String name = header.getKey().toLowerCase(Locale.ROOT);
                if (name.startsWith("x-amz-") && !signed.contains(name)) {
                    unsigned.add(name);
                }
            }
            if (!unsigned.isEmpty()) {
                throw SigV4Errors.headersNotSigned(unsigned);
            }
        }
    }

    /** The payload hash line of the canonical request: {@code x-amz-content-sha256} if sent, else per dialect. */
    private static String declaredPayloadHash(HttpRequest request, SignatureParameters parameters, Dialect dialect)
    {
        Optional<String> declared = request.header("x-amz-content-sha256");
        if (declared.isPresent()) {
            return declared.get().trim();
        }
        if (dialect == Dialect.S3) {
            if (parameters.presigned()) {
                return UNSIGNED_PAYLOAD;
            }
            throw SigV4Errors.missingContentSha256();
        }
        return SigV4Crypto.sha256Hex(request.body());
    }

    private static PayloadMode payloadMode(String payloadHash, Dialect dialect)
    {
        switch (payloadHash) {
            case UNSIGNED_PAYLOAD:
                return PayloadMode.UNSIGNED;
            case STREAMING_SIGNED:
                return PayloadMode.STREAMING_SIGNED;
            case STREAMING_SIGNED_TRAILER:
                return PayloadMode.STREAMING_SIGNED_TRAILER;
            case STREAMING_UNSIGNED_TRAILER:
                return PayloadMode.STREAMING_UNSIGNED_TRAILER;
            default:
                break;
        }
        if (STREAMING_NOT_IMPLEMENTED.contains(payloadHash)) {
            throw SigV4Errors.payloadModeNotImplemented();
        }
        if (!SigV4Crypto.isSha256Hex(payloadHash)) {
            if (dialect == Dialect.S3) {
                throw SigV4Errors.invalidContentSha256(payloadHash);
            }
            // Elsewhere a nonsense hash can only be a signing mistake; AWS reports it as a mismatch.
            throw SigV4Errors.contentSha256Mismatch(dialect, payloadHash, "");
        }
        return PayloadMode.SIGNED;
    }
}
