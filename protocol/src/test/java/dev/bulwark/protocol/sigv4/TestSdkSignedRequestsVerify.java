package dev.bulwark.protocol.sigv4;

import dev.bulwark.protocol.http.HttpRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.checksums.DefaultChecksumAlgorithm;
import software.amazon.awssdk.http.SdkHttpMethod;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Requests signed by the AWS SDK for Java v2 (current and deprecated signers) verify, with the right payload mode. */
final class TestSdkSignedRequestsVerify
{
    static final Instant SIGNED_AT = Instant.parse("2025-03-04T05:06:07Z");
    static final SigningCredential USER = SigningCredential.longTerm("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY");
    static final SigningCredential SESSION = SigningCredential.temporary("ASIADEXAMPLE", "je7MtGbClwBF/2Zp9Utk/h3yCo8nvbEXAMPLEKEY",
            "FwoGZXIvYXdzEJr//////////wEaDH+session/token==", SIGNED_AT.plus(Duration.ofHours(1)));

    record Case(String name, Dialect dialect, PayloadMode payloadMode, SigningCredential credential, Supplier<HttpRequest> signed)
    {
        @Override
        public String toString()
        {
            return name;
        }
    }

    static Stream<Case> cases()
    {
        byte[] form = "Action=CreateUser&UserName=alice&Path=%2Fteam%2F&Version=2010-05-08".getBytes(StandardCharsets.UTF_8);
        Map<String, List<String>> formHeaders = Map.of("Content-Type", List.of("application/x-www-form-urlencoded; charset=utf-8"));
        Map<String, List<String>> query = new LinkedHashMap<>();
        query.put("tag", List.of("z", "a", "m"));
        query.put("empty", List.of(""));
        query.put("uni", List.of("caf\u00e9 \u20ac/\u00fc"));
        query.put("reserved", List.of("!*'();:@&=+$,/?#[] ~"));
        byte[] object = "0123456789".repeat(20_000).getBytes(StandardCharsets.US_ASCII);
        return Stream.of(
                new Case("iam POST awsQuery, public signer", Dialect.QUERY, PayloadMode.SIGNED, USER, () -> SdkSigner.signV4(
                        SdkSigner.request(SdkHttpMethod.POST, "https://iam.amazonaws.com", "/", Map.of(), formHeaders, form),
                        USER, "iam", "us-east-1", SIGNED_AT, SdkSigner.SignOptions.standard())),
                new Case("iam POST awsQuery, legacy signer like the CLI", Dialect.QUERY, PayloadMode.SIGNED, USER, () -> SdkSigner.signLegacy(
                        SdkSigner.request(SdkHttpMethod.POST, "https://iam.amazonaws.com", "/", Map.of(), formHeaders, form),
                        USER, "iam", "us-east-1", SIGNED_AT)),
                new Case("sts POST with session token", Dialect.QUERY, PayloadMode.SIGNED, SESSION, () -> SdkSigner.signV4(
                        SdkSigner.request(SdkHttpMethod.POST, "https://sts.us-east-2.amazonaws.com", "/", Map.of(), formHeaders,
                                "Action=GetCallerIdentity&Version=2011-06-15".getBytes(StandardCharsets.UTF_8)),
                        SESSION, "sts", "us-east-2", SIGNED_AT, SdkSigner.SignOptions.standard())),
                new Case("GET repeated, empty, unicode and reserved query values", Dialect.JSON, PayloadMode.SIGNED, USER, () -> SdkSigner.signV4(
                        SdkSigner.request(SdkHttpMethod.GET, "https://api.example.com", "/v1/items", query, Map.of(), new byte[0]),
                        USER, "execute-api", "eu-west-1", SIGNED_AT, SdkSigner.SignOptions.standard())),
                new Case("GET non-S3 path with encoded unicode and reserved characters", Dialect.JSON, PayloadMode.SIGNED, USER, () -> SdkSigner.signLegacy(
                        SdkSigner.request(SdkHttpMethod.GET, "https://api.example.com", "/caf%C3%A9/a%20b/x%2Fy/%21%27%28%29", Map.of(), Map.of(), new byte[0]),
                        USER, "execute-api", "eu-west-1", SIGNED_AT)),
                new Case("non-S3 path with dot segments and a double slash, public signer", Dialect.JSON, PayloadMode.SIGNED, USER, () -> SdkSigner.signV4(
                        SdkSigner.request(SdkHttpMethod.GET, "https://api.example.com", "/a/./b/../c//d/", Map.of(), Map.of(), new byte[0]),
                        USER, "execute-api", "eu-west-1", SIGNED_AT, SdkSigner.SignOptions.standard())),
                new Case("non-S3 path with dot segments and a double slash, legacy signer", Dialect.JSON, PayloadMode.SIGNED, USER, () -> SdkSigner.signLegacy(
                        SdkSigner.request(SdkHttpMethod.GET, "https://api.example.com", "/a/./b/../c//d/", Map.of(), Map.of(), new byte[0]),
                        USER, "execute-api", "eu-west-1", SIGNED_AT)),
                new Case("multi-value header and whitespace folding", Dialect.JSON, PayloadMode.SIGNED, USER, () -> SdkSigner.signV4(
                        SdkSigner.request(SdkHttpMethod.POST, "https://kms.us-east-1.amazonaws.com", "/", Map.of(),
                                Map.of("X-Amz-Target", List.of("TrentService.ListKeys"), "X-Multi", List.of("  a  b ", "c\t\td"),
                                        "Content-Type", List.of("application/x-amz-json-1.1")),
                                "{}".getBytes(StandardCharsets.UTF_8)),
                        USER, "kms", "us-east-1", SIGNED_AT, SdkSigner.SignOptions.standard())),
                new Case("sts presigned GetCallerIdentity", Dialect.QUERY, PayloadMode.SIGNED, USER, () -> SdkSigner.signV4(
                        SdkSigner.request(SdkHttpMethod.GET, "https://sts.amazonaws.com", "/",
                                Map.of("Action", List.of("GetCallerIdentity"), "Version", List.of("2011-06-15")), Map.of(), new byte[0]),
                        USER, "sts", "us-east-1", SIGNED_AT, SdkSigner.SignOptions.standard().presigned(Duration.ofMinutes(15)))),
                new Case("s3 PUT signed payload, key with unicode and spaces", Dialect.S3, PayloadMode.SIGNED, USER, () -> SdkSigner.signV4(
                        SdkSigner.request(SdkHttpMethod.PUT, "https://bucket.s3.us-east-1.amazonaws.com", "/dir/caf%C3%A9%20menu%2B.txt", Map.of(),
                                Map.of("x-amz-meta-note", List.of("  spaced   out ")), "menu".getBytes(StandardCharsets.UTF_8)),
                        USER, "s3", "us-east-1", SIGNED_AT, SdkSigner.SignOptions.s3Signed())),
                new Case("s3 PUT UNSIGNED-PAYLOAD", Dialect.S3, PayloadMode.UNSIGNED, SESSION, () -> SdkSigner.signV4(
                        SdkSigner.request(SdkHttpMethod.PUT, "https://bucket.s3.us-east-1.amazonaws.com", "/k", Map.of(), Map.of(),
                                "data".getBytes(StandardCharsets.UTF_8)),
                        SESSION, "s3", "us-east-1", SIGNED_AT, SdkSigner.SignOptions.s3Signed().unsignedPayload())),
                new Case("s3 presigned GET, public signer", Dialect.S3, PayloadMode.UNSIGNED, USER, () -> SdkSigner.signV4(
                        SdkSigner.request(SdkHttpMethod.GET, "https://bucket.s3.us-east-1.amazonaws.com", "/a%20b/c.txt",
                                Map.of("versionId", List.of("3/L4kqtJlcpXroDTDmJ+rmSpXd3dIbrHY+MTRCxf3vjVBH40Nr8X8gdRQBpUMLUo")), Map.of(), new byte[0]),
                        USER, "s3", "us-east-1", SIGNED_AT, SdkSigner.SignOptions.s3Signed().unsignedPayload().presigned(Duration.ofDays(7)))),
                new Case("s3 presigned GET, legacy signer with session token", Dialect.S3, PayloadMode.UNSIGNED, SESSION, () -> SdkSigner.presignLegacyS3(
                        SdkSigner.request(SdkHttpMethod.GET, "https://bucket.s3.us-east-1.amazonaws.com", "/report.csv", Map.of(), Map.of(), new byte[0]),
                        SESSION, "us-east-1", SIGNED_AT, Duration.ofMinutes(5))),
                new Case("s3 PUT aws-chunked signed, public signer", Dialect.S3, PayloadMode.STREAMING_SIGNED, USER, () -> SdkSigner.signV4(
                        SdkSigner.request(SdkHttpMethod.PUT, "https://bucket.s3.us-east-1.amazonaws.com", "/big.bin", Map.of(),
                                Map.of("Content-Length", List.of(Integer.toString(object.length))), object),
                        USER, "s3", "us-east-1", SIGNED_AT, SdkSigner.SignOptions.s3Signed().chunkedUpload())),
                new Case("s3 PUT aws-chunked signed, legacy signer", Dialect.S3, PayloadMode.STREAMING_SIGNED, USER, () -> SdkSigner.signLegacyS3(
                        SdkSigner.request(SdkHttpMethod.PUT, "https://bucket.s3.us-east-1.amazonaws.com", "/big.bin", Map.of(),
                                Map.of("Content-Length", List.of(Integer.toString(object.length))), object),
                        USER, "us-east-1", SIGNED_AT, true)),
                new Case("s3 PUT aws-chunked signed with signed CRC32 trailer (SDK default over http)", Dialect.S3, PayloadMode.STREAMING_SIGNED_TRAILER, USER,
                        () -> SdkSigner.signV4(
                        SdkSigner.request(SdkHttpMethod.PUT, "http://127.0.0.1:4566", "/bucket/big.bin", Map.of(),
                                Map.of("Content-Length", List.of(Integer.toString(object.length))), object),
                        USER, "s3", "us-east-1", SIGNED_AT, SdkSigner.SignOptions.s3Signed().chunkedUpload().withChecksum(DefaultChecksumAlgorithm.CRC32))),
                new Case("s3 PUT aws-chunked unsigned with CRC32 trailer", Dialect.S3, PayloadMode.STREAMING_UNSIGNED_TRAILER, USER, () -> SdkSigner.signV4(
                        SdkSigner.request(SdkHttpMethod.PUT, "https://bucket.s3.us-east-1.amazonaws.com", "/big.bin", Map.of(),
                                Map.of("Content-Length", List.of(Integer.toString(object.length))), object),
                        USER, "s3", "us-east-1", SIGNED_AT,
                        SdkSigner.SignOptions.s3Signed().unsignedPayload().chunkedUpload().withChecksum(DefaultChecksumAlgorithm.CRC32))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void sdkSignedRequestVerifiesWithItsPayloadMode(Case c)
    {
        HttpRequest request = c.signed().get();
        SigV4Verifier verifier = new SigV4Verifier(new MutableClock(SIGNED_AT.plusSeconds(30)));

        VerifiedRequest verified = verifier.verify(request, c.dialect(), resolverFor(c.credential()));

        assertThat(verified.accessKeyId()).isEqualTo(c.credential().accessKeyId());
        assertThat(verified.signingTime()).isEqualTo(SIGNED_AT);
        assertThat(verified.payloadMode()).isEqualTo(c.payloadMode());
        assertThat(verified.sessionToken()).isEqualTo(c.credential().sessionTokenIfAny());
    }

    @Test
    void chunkedUploadsDecodeToTheOriginalBytes()
    {
        byte[] object = "0123456789".repeat(20_000).getBytes(StandardCharsets.US_ASCII);
        cases().filter(c -> c.payloadMode().streaming()).forEach(c -> {
            HttpRequest request = c.signed().get();
            VerifiedRequest verified = new SigV4Verifier(new MutableClock(SIGNED_AT)).verify(request, c.dialect(), resolverFor(c.credential()));

            DecodedPayload payload = AwsChunkedDecoder.decode(request, verified, c.dialect());

            assertThat(payload.bytes()).as(c.name()).isEqualTo(object);
            assertThat(payload.decodedContentLength()).as(c.name()).isEqualTo(object.length);
            if (c.payloadMode() == PayloadMode.STREAMING_UNSIGNED_TRAILER || c.payloadMode() == PayloadMode.STREAMING_SIGNED_TRAILER) {
                assertThat(payload.trailers()).as(c.name()).containsOnlyKeys("x-amz-checksum-crc32");
            }
        });
    }

    static CredentialResolver resolverFor(SigningCredential credential)
    {
        return accessKeyId -> accessKeyId.equals(credential.accessKeyId()) ? Optional.of(credential) : Optional.empty();
    }
}
