package dev.bulwark.protocol.sigv4;

import dev.bulwark.protocol.http.HttpRequest;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * Decodes an {@code aws-chunked} body and verifies its chunk signatures.
 *
 * <p>Design (S3 "Signature Calculations for the Authorization Header: Transferring Payload in Multiple
 * Chunks"): the body is a sequence of {@code hex-size;chunk-signature=SIG\r\nDATA\r\n}, ending with a
 * zero-size chunk. Each chunk's signature is HMAC(signing key, string to sign) with the string to sign
 * {@code AWS4-HMAC-SHA256-PAYLOAD \n time \n scope \n previous-signature \n sha256("") \n sha256(DATA)}, the
 * first "previous signature" being the request's own (seed) signature, so chunks can be neither altered,
 * reordered, dropped nor appended. The final empty chunk is signed too, which pins the end of the body.
 *
 * <p>{@code STREAMING-UNSIGNED-PAYLOAD-TRAILER} bodies use the same framing without signatures
 * ({@code hex-size\r\nDATA\r\n}), the zero-size chunk followed by trailing headers and an empty line.
 * {@code STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER} bodies have signed chunks, then trailing headers ending with
 * {@code x-amz-trailer-signature}: HMAC over {@code AWS4-HMAC-SHA256-TRAILER \n time \n scope \n
 * final-chunk-signature \n sha256("name:value\n" for each trailer)}.
 */
public final class AwsChunkedDecoder
{
    /** First line of every chunk's string to sign. */
    private static final String CHUNK_ALGORITHM = "AWS4-HMAC-SHA256-PAYLOAD";
    /** First line of the trailing headers' string to sign. */
    private static final String TRAILER_ALGORITHM = "AWS4-HMAC-SHA256-TRAILER";
    /** The trailing header that carries the trailer signature; it is not itself part of what is signed. */
    private static final String TRAILER_SIGNATURE = "x-amz-trailer-signature";
    private static final String SIGNATURE_EXTENSION = "chunk-signature=";

    private AwsChunkedDecoder() {}

    /**
     * Decodes the body of a request that {@link SigV4Verifier} accepted with a streaming payload mode, and
     * checks the result against {@code x-amz-decoded-content-length} (which S3 requires).
     */
    public static DecodedPayload decode(HttpRequest request, VerifiedRequest verified, Dialect dialect)
    {
        requireNonNull(request, "request is null");
        requireNonNull(verified, "verified is null");
        if (!verified.streaming()) {
            throw new IllegalArgumentException("payload is not aws-chunked: " + verified.payloadMode());
        }
        Optional<String> declaredLength = request.header("x-amz-decoded-content-length");
        if (declaredLength.isEmpty() && dialect == Dialect.S3) {
            throw SigV4Errors.missingDecodedContentLength();
        }
        DecodedPayload payload = decode(request.body(), verified.chunkSigning(), dialect);
        if (declaredLength.isPresent() && !declaredLength.get().trim().equals(Long.toString(payload.decodedContentLength()))) {
            throw SigV4Errors.decodedLengthMismatch();
        }
        return payload;
    }

    /**
     * Decodes a body; verifies every chunk signature when {@code signing} is not null.
     *
     * @throws SigV4Exception {@code SignatureDoesNotMatch} for a tampered chunk, {@code IncompleteBody} for broken framing
     */
    public static DecodedPayload decode(byte[] body, ChunkSigningContext signing, Dialect dialect)
    {
        ByteArrayOutputStream decoded = new ByteArrayOutputStream(body.length);
        String previousSignature = signing == null ? null : signing.seedSignature();
        int position = 0;
        while (true) {
            int lineEnd = indexOfCrLf(body, position);
            if (lineEnd < 0) {
                throw SigV4Errors.incompleteBody();
            }
            String header = new String(body, position, lineEnd - position, StandardCharsets.US_ASCII);
            position = lineEnd + 2;
            int semicolon = header.indexOf(';');
            int size = parseSize(semicolon < 0 ? header : header.substring(0, semicolon));
            if (size > body.length - position) {
                throw SigV4Errors.incompleteBody();
            }
            if (signing != null) {
                String provided = chunkSignature(header, semicolon);
                String stringToSign = CHUNK_ALGORITHM + '\n' + signing.requestTime() + '\n' + signing.scope().scope() + '\n'
                        + previousSignature + '\n' + SigV4Crypto.EMPTY_SHA256 + '\n'
                        + SigV4Crypto.hex(SigV4Crypto.sha256(body, position, size));
                String expected = SigV4Crypto.hex(SigV4Crypto.hmac(signing.signingKey(), stringToSign));
                if (!SigV4Crypto.sameSignature(expected, provided)) {
                    throw SigV4Errors.chunkSignatureMismatch(dialect, stringToSign, provided);
                }
                previousSignature = expected;
            }
            decoded.write(body, position, size);
            position += size;
            if (size == 0) {
                Map<String, String> trailers = readTrailers(body, position);
                if (signing != null && signing.signedTrailer()) {
                    verifyTrailerSignature(trailers, signing, previousSignature, dialect);
                    trailers.remove(TRAILER_SIGNATURE);
                }
                return new DecodedPayload(decoded.toByteArray(), trailers);
            }
            if (indexOfCrLf(body, position) != position) {
                throw SigV4Errors.incompleteBody();
            }
            position += 2;
        }
    }

    private static void verifyTrailerSignature(Map<String, String> trailers, ChunkSigningContext signing, String finalChunkSignature, Dialect dialect)
    {
        String provided = trailers.get(TRAILER_SIGNATURE);
        if (provided == null) {
            throw SigV4Errors.incompleteBody();
        }
        StringBuilder canonical = new StringBuilder();
        trailers.forEach((name, value) -> {
            if (!name.equals(TRAILER_SIGNATURE)) {
                canonical.append(name).append(':').append(value).append('\n');
            }
        });
        String stringToSign = TRAILER_ALGORITHM + '\n' + signing.requestTime() + '\n' + signing.scope().scope() + '\n'
                + finalChunkSignature + '\n' + SigV4Crypto.sha256Hex(canonical.toString());
        String expected = SigV4Crypto.hex(SigV4Crypto.hmac(signing.signingKey(), stringToSign));
        if (!SigV4Crypto.sameSignature(expected, provided)) {
            throw SigV4Errors.chunkSignatureMismatch(dialect, stringToSign, provided);
        }
    }

    private static String chunkSignature(String header, int semicolon)
    {
        if (semicolon < 0) {
            throw SigV4Errors.incompleteBody();
        }
        String extension = header.substring(semicolon + 1).trim();
        if (!extension.startsWith(SIGNATURE_EXTENSION)) {
            throw SigV4Errors.incompleteBody();
        }
        return extension.substring(SIGNATURE_EXTENSION.length());
    }

    /** Trailing headers after the last chunk, up to the empty line; a signed body ends with the empty line alone. */
    private static Map<String, String> readTrailers(byte[] body, int position)
    {
        Map<String, String> trailers = new LinkedHashMap<>();
        while (true) {
            int lineEnd = indexOfCrLf(body, position);
            if (lineEnd < 0) {
                throw SigV4Errors.incompleteBody();
            }
            if (lineEnd == position) {
                if (lineEnd + 2 != body.length) {
                    throw SigV4Errors.incompleteBody();
                }
                return trailers;
            }
            String line = new String(body, position, lineEnd - position, StandardCharsets.UTF_8);
            int colon = line.indexOf(':');
            if (colon <= 0) {
                throw SigV4Errors.incompleteBody();
            }
            trailers.put(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), line.substring(colon + 1).trim());
            position = lineEnd + 2;
        }
    }

    /** The chunk size: one to seven hex digits (sizes beyond 256 MiB are not chunks any client sends). */
    private static int parseSize(String hex)
    {
        String trimmed = hex.trim();
        if (trimmed.isEmpty() || trimmed.length() > 7) {
            throw SigV4Errors.incompleteBody();
        }
        int size = 0;
        for (int i = 0; i < trimmed.length(); i++) {
            int digit = Character.digit(trimmed.charAt(i), 16);
            if (digit < 0) {
                throw SigV4Errors.incompleteBody();
            }
            size = size * 16 + digit;
        }
        return size;
    }

    private static int indexOfCrLf(byte[] bytes, int from)
    {
        for (int i = from; i + 1 < bytes.length; i++) {
            if (bytes[i] == '\r' && bytes[i + 1] == '\n') {
                return i;
            }
        }
        return -1;
    }
}
