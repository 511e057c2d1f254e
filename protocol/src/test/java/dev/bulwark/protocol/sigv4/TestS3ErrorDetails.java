package dev.bulwark.protocol.sigv4;

import dev.bulwark.protocol.http.HttpRequest;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;

import static dev.bulwark.protocol.sigv4.TestSigV4Errors.RESOLVER;
import static dev.bulwark.protocol.sigv4.TestSigV4Errors.T;
import static dev.bulwark.protocol.sigv4.TestSigV4Errors.USER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** The extra elements S3 puts into its error documents so clients can debug their signing. */
final class TestS3ErrorDetails
{
    @Test
    void signatureMismatchShowsWhatTheServerSigned()
    {
        SigningCredential wrongSecret = SigningCredential.longTerm(USER.accessKeyId(), "not-the-secret");
        HttpRequest request = Requests.s3Put(wrongSecret, T, new byte[0]);
        String provided = request.header("Authorization").orElseThrow().replaceAll(".*Signature=", "");

        SigV4Exception e = fail(request, T);

        assertThat(e.details()).containsOnlyKeys("AWSAccessKeyId", "StringToSign", "SignatureProvided", "StringToSignBytes",
                "CanonicalRequest", "CanonicalRequestBytes");
        assertThat(e.details().get("AWSAccessKeyId")).isEqualTo(USER.accessKeyId());
        assertThat(e.details().get("SignatureProvided")).isEqualTo(provided);
        assertThat(e.details().get("StringToSign")).startsWith("AWS4-HMAC-SHA256\n20250304T050607Z\n20250304/us-east-1/s3/aws4_request\n");
        assertThat(e.details().get("CanonicalRequest")).startsWith("PUT\n/key.txt\n\n").endsWith("\n" + SigV4Crypto.EMPTY_SHA256);
        assertThat(e.details().get("StringToSignBytes")).startsWith("41 57 53 34 2d");
        assertThat(e.details().get("StringToSign")).endsWith(SigV4Crypto.sha256Hex(e.details().get("CanonicalRequest")));
    }

    @Test
    void skewedRequestShowsBothTimesAndTheAllowance()
    {
        SigV4Exception e = fail(Requests.s3Put(USER, T, new byte[0]), T.plus(Duration.ofMinutes(15)).plusSeconds(1));

        assertThat(e.details()).containsExactly(
                entry("RequestTime", "20250304T050607Z"),
                entry("ServerTime", "2025-03-04T05:21:08Z"),
                entry("MaxAllowedSkewMilliseconds", "900000"));
    }

    @Test
    void expiredPresignedUrlShowsWhenItExpired()
    {
        SigV4Exception e = fail(Requests.s3Presigned(USER, T, Duration.ofHours(1)), T.plus(Duration.ofHours(2)));

        assertThat(e.details()).containsExactly(
                entry("X-Amz-Expires", "3600"),
                entry("Expires", "2025-03-04T06:06:07Z"),
                entry("ServerTime", "2025-03-04T07:06:07Z"));
    }

    @Test
    void unknownKeyNamesTheKey()
    {
        SigV4Exception e = fail(Requests.s3Put(SigningCredential.longTerm("AKIANOBODY0000000000", "x"), T, new byte[0]), T);

        assertThat(e.details()).containsExactly(entry("AWSAccessKeyId", "AKIANOBODY0000000000"));
    }

    @Test
    void unsignedHeadersAreListed()
    {
        SigV4Exception e = fail(Requests.withHeader(Requests.s3Put(USER, T, new byte[0]), "x-amz-meta-added", "later"), T);

        assertThat(e.details()).containsExactly(entry("HeadersNotSigned", "x-amz-meta-added"));
    }

    @Test
    void payloadHashMismatchShowsBothHashes()
    {
        HttpRequest signed = Requests.s3Put(USER, T, "original".getBytes(StandardCharsets.UTF_8));

        SigV4Exception e = fail(Requests.withBody(signed, "tampered".getBytes(StandardCharsets.UTF_8)), T);

        assertThat(e.details()).containsExactly(
                entry("ClientComputedContentSHA256", SigV4Crypto.sha256Hex("original")),
                entry("S3ComputedContentSHA256", SigV4Crypto.sha256Hex("tampered")));
    }

    private static java.util.Map.Entry<String, String> entry(String name, String value)
    {
        return java.util.Map.entry(name, value);
    }

    private static SigV4Exception fail(HttpRequest request, Instant now)
    {
        SigV4Exception e = catchThrowableOfType(SigV4Exception.class,
                () -> new SigV4Verifier(new MutableClock(now)).verify(request, Dialect.S3, RESOLVER));
        assertThat(e).as("verification must fail").isNotNull();
        return e;
    }
}
