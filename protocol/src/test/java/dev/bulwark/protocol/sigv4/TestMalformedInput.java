package dev.bulwark.protocol.sigv4;

import dev.bulwark.protocol.http.HttpRequest;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static dev.bulwark.protocol.sigv4.TestSigV4Errors.RESOLVER;
import static dev.bulwark.protocol.sigv4.TestSigV4Errors.T;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Garbage in the authentication fields and the chunk framing is answered with an AWS error, never a crash. */
final class TestMalformedInput
{
    @ParameterizedTest
    @ValueSource(strings = {
            "AWS4-HMAC-SHA256",
            "AWS4-HMAC-SHA256 ",
            "AWS4-HMAC-SHA256 ,,,",
            "AWS4-HMAC-SHA256 Credential=, SignedHeaders=, Signature=",
            "AWS4-HMAC-SHA256 Credential=AKIAUSER000000000001/20250304/us-east-1/iam/aws4_request, SignedHeaders=, Signature=00",
            "AWS4-HMAC-SHA256 Credential=AKIAUSER000000000001/20250304/us-east-1/iam/aws4_request, SignedHeaders=host, Signature=",
            "AWS4-HMAC-SHA256 Credential=AKIAUSER000000000001/2025/us-east-1/iam/aws4_request, SignedHeaders=host, Signature=00",
            "AWS4-HMAC-SHA256 Credential=//////, SignedHeaders=host, Signature=00",
            "AWS4-HMAC-SHA256 Credential==, SignedHeaders==, Signature==",
            "AWS4-HMAC-SHA256 Credential=AKIAUSER000000000001/20250304/us-east-1/iam/aws4_request/extra, SignedHeaders=host, Signature=00",
            "Bearer token",
            "",
    })
    void malformedAuthorizationHeaderIsAnAwsError(String authorization)
    {
        HttpRequest request = new HttpRequest("POST", "/", "", Map.of(
                "Host", List.of("iam.amazonaws.com"),
                "X-Amz-Date", List.of("20250304T050607Z"),
                "Authorization", List.of(authorization)), new byte[0], true, "192.0.2.1");

        for (Dialect dialect : Dialect.values()) {
            assertThatThrownBy(() -> new SigV4Verifier(new MutableClock(T)).verify(request, dialect, RESOLVER))
                    .as(dialect.name())
                    .isInstanceOf(SigV4Exception.class);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "X-Amz-Algorithm=AWS4-HMAC-SHA256",
            "X-Amz-Signature=00",
            "X-Amz-Algorithm=AWS4-HMAC-SHA1&X-Amz-Credential=a%2Fb%2Fc%2Fd%2Faws4_request&X-Amz-Date=20250304T050607Z&X-Amz-Expires=60&X-Amz-SignedHeaders=host&X-Amz-Signature=00",
            "X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=bad&X-Amz-Date=20250304T050607Z&X-Amz-Expires=60&X-Amz-SignedHeaders=host&X-Amz-Signature=00",
            "X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=a%2F20250304%2Fc%2Fd%2Faws4_request&X-Amz-Date=yesterday&X-Amz-Expires=60&X-Amz-SignedHeaders=host&X-Amz-Signature=00",
            "X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=a%2F20250304%2Fc%2Fd%2Faws4_request&X-Amz-Date=20250304T050607Z&X-Amz-Expires=-1&X-Amz-SignedHeaders=host&X-Amz-Signature=00",
            "X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=a%2F20250304%2Fc%2Fd%2Faws4_request&X-Amz-Date=20250304T050607Z&X-Amz-Expires=99999999999999999999&X-Amz-SignedHeaders=host&X-Amz-Signature=00",
            "X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=a%2F20250304%2Fc%2Fd%2Faws4_request&X-Amz-Date=20250304T050607Z&X-Amz-Expires=1e3&X-Amz-SignedHeaders=host&X-Amz-Signature=00",
            "X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIAUSER000000000001%2F20250304%2Fus-east-1%2Fs3%2Faws4_request&X-Amz-Date=20250304T050607Z&X-Amz-Expires=60&X-Amz-SignedHeaders=&X-Amz-Signature=00",
            "X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIAUSER000000000001%2F20250304%2Fus-east-1%2Fs3%2Faws4_request&X-Amz-Date=20250304T050607Z&X-Amz-Expires=60&X-Amz-SignedHeaders=host&X-Amz-Signature=%zz",
    })
    void malformedPresignedQueryIsAnAwsError(String rawQuery)
    {
        HttpRequest request = new HttpRequest("GET", "/", rawQuery, Map.of("Host", List.of("bucket.s3.amazonaws.com")), new byte[0], true, "192.0.2.1");

        for (Dialect dialect : Dialect.values()) {
            assertThatThrownBy(() -> new SigV4Verifier(new MutableClock(T)).verify(request, dialect, RESOLVER))
                    .as(dialect.name())
                    .isInstanceOf(SigV4Exception.class);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "",
            "5\r\nhello",
            "5\r\nhello\r\n",
            "5\r\nhelloXX0\r\n\r\n",
            "-1\r\nx\r\n0\r\n\r\n",
            "+5\r\nhello\r\n0\r\n\r\n",
            "ffffffff\r\nx\r\n0\r\n\r\n",
            "zz\r\n\r\n",
            "6\r\nhello\r\n0\r\n\r\n",
            "0\r\n",
            "0\r\nx-amz-checksum-crc32\r\n\r\n",
            "0\r\n\r\ntrailing garbage",
    })
    void brokenChunkFramingIsAnIncompleteBody(String body)
    {
        assertThatThrownBy(() -> AwsChunkedDecoder.decode(body.getBytes(StandardCharsets.ISO_8859_1), null, Dialect.S3))
                .isInstanceOfSatisfying(SigV4Exception.class, e -> assertThat(e.code()).isEqualTo("IncompleteBody"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"5\r\nhello\r\n0\r\n\r\n", "5;ext=1\r\nhello\r\n6\r\n world\r\n0\r\nx-amz-checksum-crc32:NhCmhg==\r\n\r\n"})
    void wellFramedUnsignedChunksDecode(String body)
    {
        DecodedPayload payload = AwsChunkedDecoder.decode(body.getBytes(StandardCharsets.ISO_8859_1), null, Dialect.S3);

        assertThat(new String(payload.bytes(), StandardCharsets.ISO_8859_1)).startsWith("hello");
    }
}
