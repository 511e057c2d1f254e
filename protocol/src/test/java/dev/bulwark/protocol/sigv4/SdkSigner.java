package dev.bulwark.protocol.sigv4;

import dev.bulwark.protocol.http.HttpRequest;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.signer.Aws4Signer;
import software.amazon.awssdk.auth.signer.AwsS3V4Signer;
import software.amazon.awssdk.auth.signer.params.Aws4PresignerParams;
import software.amazon.awssdk.auth.signer.params.Aws4SignerParams;
import software.amazon.awssdk.auth.signer.params.AwsS3V4SignerParams;
import software.amazon.awssdk.checksums.spi.ChecksumAlgorithm;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpFullRequest;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4FamilyHttpSigner;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.identity.spi.AwsSessionCredentialsIdentity;
import software.amazon.awssdk.regions.Region;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Signs requests with the AWS SDK for Java v2, the oracle the verifier is tested against. */
final class SdkSigner
{
    private SdkSigner() {}

    /** A request to sign: the SDK request (method, endpoint, encoded path, raw query parameters, headers) and its body. */
    record Unsigned(SdkHttpRequest request, byte[] body) {}

    static Unsigned request(SdkHttpMethod method, String endpoint, String encodedPath, Map<String, List<String>> query,
            Map<String, List<String>> headers, byte[] body)
    {
        SdkHttpRequest.Builder builder = SdkHttpRequest.builder()
                .method(method)
                .uri(URI.create(endpoint))
                .encodedPath(encodedPath);
        query.forEach(builder::putRawQueryParameter);
        headers.forEach(builder::putHeader);
        return new Unsigned(builder.build(), body);
    }

    /** The public signer (always adds x-amz-content-sha256). */
    static HttpRequest signV4(Unsigned unsigned, SigningCredential credential, String service, String region, Instant at, SignOptions options)
    {
        SignedRequest signed = AwsV4HttpSigner.create().sign(r -> {
            r.identity(identity(credential))
                    .request(unsigned.request())
                    .payload(ContentStreamProvider.fromByteArray(unsigned.body()))
                    .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, service)
                    .putProperty(AwsV4HttpSigner.REGION_NAME, region)
                    .putProperty(HttpSigner.SIGNING_CLOCK, Clock.fixed(at, ZoneOffset.UTC))
                    .putProperty(AwsV4FamilyHttpSigner.DOUBLE_URL_ENCODE, !options.s3())
                    .putProperty(AwsV4FamilyHttpSigner.NORMALIZE_PATH, !options.s3())
                    .putProperty(AwsV4FamilyHttpSigner.PAYLOAD_SIGNING_ENABLED, options.signPayload())
                    .putProperty(AwsV4FamilyHttpSigner.CHUNK_ENCODING_ENABLED, options.chunked());
            if (options.presignFor() != null) {
                r.putProperty(AwsV4FamilyHttpSigner.AUTH_LOCATION, AwsV4FamilyHttpSigner.AuthLocation.QUERY_STRING)
                        .putProperty(AwsV4FamilyHttpSigner.EXPIRATION_DURATION, options.presignFor());
            }
            if (options.checksum() != null) {
                r.putProperty(AwsV4FamilyHttpSigner.CHECKSUM_ALGORITHM, options.checksum());
            }
        });
        byte[] body = signed.payload().map(SdkSigner::readAll).orElse(new byte[0]);
        return toHttpRequest(signed.request(), body);
    }

    record SignOptions(boolean s3, boolean signPayload, boolean chunked, Duration presignFor, ChecksumAlgorithm checksum)
    {
        static SignOptions standard()
        {
            return new SignOptions(false, true, false, null, null);
        }

        static SignOptions s3Signed()
        {
            return new SignOptions(true, true, false, null, null);
        }

        SignOptions unsignedPayload()
        {
            return new SignOptions(s3, false, chunked, presignFor, checksum);
        }

        SignOptions chunkedUpload()
        {
            return new SignOptions(s3, signPayload, true, presignFor, checksum);
        }

        SignOptions presigned(Duration duration)
        {
            return new SignOptions(s3, signPayload, chunked, duration, checksum);
        }

        SignOptions withChecksum(ChecksumAlgorithm algorithm)
        {
            return new SignOptions(s3, signPayload, chunked, presignFor, algorithm);
        }
    }

    /** The deprecated signer, which signs like boto3 and the CLI: no x-amz-content-sha256 outside S3. */
    @SuppressWarnings("deprecation")
    static HttpRequest signLegacy(Unsigned unsigned, SigningCredential credential, String service, String region, Instant at)
    {
        Aws4SignerParams params = Aws4SignerParams.builder()
                .awsCredentials(legacyCredentials(credential))
                .signingName(service)
                .signingRegion(Region.of(region))
                .signingClockOverride(Clock.fixed(at, ZoneOffset.UTC))
                .build();
        SdkHttpFullRequest signed = Aws4Signer.create().sign(fullRequest(unsigned), params);
        return toHttpRequest(signed, unsigned.body());
    }

    @SuppressWarnings("deprecation")
    static HttpRequest signLegacyS3(Unsigned unsigned, SigningCredential credential, String region, Instant at, boolean chunked)
    {
        AwsS3V4SignerParams params = AwsS3V4SignerParams.builder()
                .awsCredentials(legacyCredentials(credential))
                .signingName("s3")
                .signingRegion(Region.of(region))
                .signingClockOverride(Clock.fixed(at, ZoneOffset.UTC))
                .enableChunkedEncoding(chunked)
                .enablePayloadSigning(true)
                .build();
        SdkHttpFullRequest signed = AwsS3V4Signer.create().sign(fullRequest(unsigned), params);
        byte[] body = signed.contentStreamProvider().map(SdkSigner::readAll).orElse(new byte[0]);
        return toHttpRequest(signed, body);
    }

    @SuppressWarnings("deprecation")
    static HttpRequest presignLegacyS3(Unsigned unsigned, SigningCredential credential, String region, Instant at, Duration expiresIn)
    {
        Aws4PresignerParams params = Aws4PresignerParams.builder()
                .awsCredentials(legacyCredentials(credential))
                .signingName("s3")
                .signingRegion(Region.of(region))
                .signingClockOverride(Clock.fixed(at, ZoneOffset.UTC))
                .expirationTime(at.plus(expiresIn))
                .build();
        SdkHttpFullRequest signed = AwsS3V4Signer.create().presign(fullRequest(unsigned), params);
        return toHttpRequest(signed, unsigned.body());
    }

    private static SdkHttpFullRequest fullRequest(Unsigned unsigned)
    {
        SdkHttpRequest request = unsigned.request();
        return SdkHttpFullRequest.builder()
                .method(request.method())
                .uri(request.getUri())
                .encodedPath(request.encodedPath())
                .rawQueryParameters(request.rawQueryParameters())
                .headers(request.headers())
                .contentStreamProvider(() -> new ByteArrayInputStream(unsigned.body()))
                .build();
    }

    @SuppressWarnings("deprecation")
    private static software.amazon.awssdk.auth.credentials.AwsCredentials legacyCredentials(SigningCredential credential)
    {
        return credential.sessionToken() == null
                ? AwsBasicCredentials.create(credential.accessKeyId(), credential.secretKey())
                : AwsSessionCredentials.create(credential.accessKeyId(), credential.secretKey(), credential.sessionToken());
    }

    private static AwsCredentialsIdentity identity(SigningCredential credential)
    {
        return credential.sessionToken() == null
                ? AwsCredentialsIdentity.create(credential.accessKeyId(), credential.secretKey())
                : AwsSessionCredentialsIdentity.create(credential.accessKeyId(), credential.secretKey(), credential.sessionToken());
    }

    static HttpRequest toHttpRequest(SdkHttpRequest request, byte[] body)
    {
        URI uri = request.getUri();
        Map<String, List<String>> headers = new LinkedHashMap<>();
        if (request.firstMatchingHeader("Host").isEmpty()) {
            headers.put("Host", List.of(uri.getAuthority()));
        }
        request.forEachHeader((name, values) -> headers.put(name, new ArrayList<>(values)));
        return new HttpRequest(request.method().name(), uri.getRawPath(), uri.getRawQuery() == null ? "" : uri.getRawQuery(),
                headers, body, "https".equals(uri.getScheme()), "192.0.2.1");
    }

    private static byte[] readAll(ContentStreamProvider provider)
    {
        try (InputStream in = provider.newStream()) {
            return in.readAllBytes();
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
