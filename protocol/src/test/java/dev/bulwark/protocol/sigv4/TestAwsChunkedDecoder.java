package dev.bulwark.protocol.sigv4;

import dev.bulwark.protocol.http.HttpRequest;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import static dev.bulwark.protocol.sigv4.TestSigV4Errors.RESOLVER;
import static dev.bulwark.protocol.sigv4.TestSigV4Errors.T;
import static dev.bulwark.protocol.sigv4.TestSigV4Errors.USER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** aws-chunked bodies signed by the SDK: every chunk is checked, in order, up to the signed final chunk. */
final class TestAwsChunkedDecoder
{
    /** Larger than the SDK's 128 KiB chunk, so the body has several data chunks. */
    static final byte[] OBJECT = "abcdefghijklmnopqrstuvwxyz0123456789".repeat(10_000).getBytes(StandardCharsets.US_ASCII);

    private final HttpRequest signed = Requests.s3ChunkedPut(USER, T, OBJECT);
    private final VerifiedRequest verified = new SigV4Verifier(new MutableClock(T)).verify(signed, Dialect.S3, RESOLVER);

    @Test
    void decodesEveryChunkAndReportsTheDecodedLength()
    {
        DecodedPayload payload = AwsChunkedDecoder.decode(signed, verified, Dialect.S3);

        assertThat(verified.payloadMode()).isEqualTo(PayloadMode.STREAMING_SIGNED);
        assertThat(payload.bytes()).isEqualTo(OBJECT);
        assertThat(payload.decodedContentLength()).isEqualTo(Long.parseLong(signed.header("x-amz-decoded-content-length").orElseThrow()));
        assertThat(chunkCount(signed.body())).isGreaterThan(2);
    }

    @Test
    void tamperedChunkDataFailsItsSignature()
    {
        byte[] body = signed.body().clone();
        int inFirstChunk = indexOf(body, "\r\n".getBytes(StandardCharsets.US_ASCII), 0) + 10;
        body[inFirstChunk] ^= 1;

        assertThatThrownBy(() -> AwsChunkedDecoder.decode(Requests.withBody(signed, body), verified, Dialect.S3))
                .isInstanceOfSatisfying(SigV4Exception.class, e -> {
                    assertThat(e.code()).isEqualTo("SignatureDoesNotMatch");
                    assertThat(e.details().get("StringToSign")).startsWith("AWS4-HMAC-SHA256-PAYLOAD\n20250304T050607Z\n");
                });
    }

    @Test
    void tamperedLastChunkFailsEvenWhenEarlierChunksAreIntact()
    {
        byte[] body = signed.body().clone();
        int finalChunk = lastIndexOf(body, "\r\n0;chunk-signature=".getBytes(StandardCharsets.US_ASCII));
        body[finalChunk - 1] ^= 1;

        assertThatThrownBy(() -> AwsChunkedDecoder.decode(Requests.withBody(signed, body), verified, Dialect.S3))
                .isInstanceOfSatisfying(SigV4Exception.class, e -> assertThat(e.code()).isEqualTo("SignatureDoesNotMatch"));
    }

    @Test
    void bodyCutBeforeTheFinalChunkIsIncomplete()
    {
        byte[] body = signed.body();
        byte[] cut = Arrays.copyOf(body, lastIndexOf(body, "0;chunk-signature=".getBytes(StandardCharsets.US_ASCII)));

        assertThatThrownBy(() -> AwsChunkedDecoder.decode(Requests.withBody(signed, cut), verified, Dialect.S3))
                .isInstanceOfSatisfying(SigV4Exception.class, e -> assertThat(e.code()).isEqualTo("IncompleteBody"));
    }

    @Test
    void decodedLengthMustMatchTheDeclaredOne()
    {
        HttpRequest lying = Requests.withHeader(signed, "x-amz-decoded-content-length", Integer.toString(OBJECT.length + 1));

        assertThatThrownBy(() -> AwsChunkedDecoder.decode(lying, verified, Dialect.S3))
                .isInstanceOfSatisfying(SigV4Exception.class, e -> assertThat(e.code()).isEqualTo("IncompleteBody"));
    }

    @Test
    void s3RequiresTheDecodedLength()
    {
        HttpRequest withoutLength = Requests.withoutHeader(signed, "x-amz-decoded-content-length");

        assertThatThrownBy(() -> AwsChunkedDecoder.decode(withoutLength, verified, Dialect.S3))
                .isInstanceOfSatisfying(SigV4Exception.class, e -> assertThat(e.httpStatus()).isEqualTo(411));
    }

    @Test
    void chunksSignedForAnotherRequestDoNotVerify()
    {
        HttpRequest other = Requests.s3ChunkedPut(USER, T.plusSeconds(1), OBJECT);

        assertThatThrownBy(() -> AwsChunkedDecoder.decode(Requests.withBody(signed, other.body()), verified, Dialect.S3))
                .isInstanceOfSatisfying(SigV4Exception.class, e -> assertThat(e.code()).isEqualTo("SignatureDoesNotMatch"));
    }

    @Test
    void tamperedSignedTrailerFailsItsSignature()
    {
        HttpRequest withTrailer = SdkSigner.signV4(SdkSigner.request(software.amazon.awssdk.http.SdkHttpMethod.PUT, "http://127.0.0.1:4566",
                        "/bucket/big.bin", java.util.Map.of(), java.util.Map.of("Content-Length", java.util.List.of(Integer.toString(OBJECT.length))), OBJECT),
                USER, "s3", "us-east-1", T, SdkSigner.SignOptions.s3Signed().chunkedUpload()
                        .withChecksum(software.amazon.awssdk.checksums.DefaultChecksumAlgorithm.CRC32));
        VerifiedRequest trailerVerified = new SigV4Verifier(new MutableClock(T)).verify(withTrailer, Dialect.S3, RESOLVER);
        String body = new String(withTrailer.body(), StandardCharsets.ISO_8859_1);
        String forged = body.replaceAll("x-amz-checksum-crc32:[^\r]*", "x-amz-checksum-crc32:AAAAAA==");

        assertThat(AwsChunkedDecoder.decode(withTrailer, trailerVerified, Dialect.S3).trailers()).containsOnlyKeys("x-amz-checksum-crc32");
        assertThat(forged).isNotEqualTo(body);
        assertThatThrownBy(() -> AwsChunkedDecoder.decode(Requests.withBody(withTrailer, forged.getBytes(StandardCharsets.ISO_8859_1)), trailerVerified, Dialect.S3))
                .isInstanceOfSatisfying(SigV4Exception.class, e -> {
                    assertThat(e.code()).isEqualTo("SignatureDoesNotMatch");
                    assertThat(e.details().get("StringToSign")).startsWith("AWS4-HMAC-SHA256-TRAILER\n");
                });
    }

    @Test
    void nonStreamingRequestIsNotDecoded()
    {
        HttpRequest plain = Requests.s3Put(USER, T, OBJECT);
        VerifiedRequest plainVerified = new SigV4Verifier(new MutableClock(T)).verify(plain, Dialect.S3, RESOLVER);

        assertThatThrownBy(() -> AwsChunkedDecoder.decode(plain, plainVerified, Dialect.S3)).isInstanceOf(IllegalArgumentException.class);
    }

    private static int chunkCount(byte[] body)
    {
        int count = 0;
        byte[] marker = ";chunk-signature=".getBytes(StandardCharsets.US_ASCII);
        for (int i = indexOf(body, marker, 0); i >= 0; i = indexOf(body, marker, i + 1)) {
            count++;
        }
        return count;
    }

    private static int indexOf(byte[] haystack, byte[] needle, int from)
    {
        outer:
        for (int i = from; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private static int lastIndexOf(byte[] haystack, byte[] needle)
    {
        int last = -1;
        for (int i = indexOf(haystack, needle, 0); i >= 0; i = indexOf(haystack, needle, i + 1)) {
            last = i;
        }
        return last;
    }
}
