package dev.bulwark.protocol.sigv4;

import dev.bulwark.protocol.http.HttpRequest;
import software.amazon.awssdk.http.SdkHttpMethod;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** SDK-signed requests for the error tests, and edits of received requests. */
final class Requests
{
    static final Map<String, List<String>> FORM = Map.of("Content-Type", List.of("application/x-www-form-urlencoded; charset=utf-8"));
    static final byte[] LIST_USERS = "Action=ListUsers&Version=2010-05-08".getBytes(StandardCharsets.UTF_8);

    private Requests() {}

    /** An IAM ListUsers POST signed like the CLI does (no x-amz-content-sha256). */
    static HttpRequest iamPost(SigningCredential credential, Instant at)
    {
        return SdkSigner.signLegacy(SdkSigner.request(SdkHttpMethod.POST, "https://iam.amazonaws.com", "/", Map.of(), FORM, LIST_USERS),
                credential, "iam", "us-east-1", at);
    }

    static HttpRequest kmsPost(SigningCredential credential, Instant at)
    {
        return SdkSigner.signV4(SdkSigner.request(SdkHttpMethod.POST, "https://kms.us-east-1.amazonaws.com", "/", Map.of(),
                        Map.of("X-Amz-Target", List.of("TrentService.ListKeys"), "Content-Type", List.of("application/x-amz-json-1.1")),
                        "{}".getBytes(StandardCharsets.UTF_8)),
                credential, "kms", "us-east-1", at, SdkSigner.SignOptions.standard());
    }

    static HttpRequest s3Put(SigningCredential credential, Instant at, byte[] body)
    {
        return SdkSigner.signV4(SdkSigner.request(SdkHttpMethod.PUT, "https://bucket.s3.us-east-1.amazonaws.com", "/key.txt", Map.of(), Map.of(), body),
                credential, "s3", "us-east-1", at, SdkSigner.SignOptions.s3Signed());
    }

    static HttpRequest s3Presigned(SigningCredential credential, Instant at, Duration expiresIn)
    {
        return SdkSigner.signV4(SdkSigner.request(SdkHttpMethod.GET, "https://bucket.s3.us-east-1.amazonaws.com", "/key.txt", Map.of(), Map.of(), new byte[0]),
                credential, "s3", "us-east-1", at, SdkSigner.SignOptions.s3Signed().unsignedPayload().presigned(expiresIn));
    }

    static HttpRequest stsPresigned(SigningCredential credential, Instant at, Duration expiresIn)
    {
        return SdkSigner.signV4(SdkSigner.request(SdkHttpMethod.GET, "https://sts.amazonaws.com", "/",
                        Map.of("Action", List.of("GetCallerIdentity"), "Version", List.of("2011-06-15")), Map.of(), new byte[0]),
                credential, "sts", "us-east-1", at, SdkSigner.SignOptions.standard().presigned(expiresIn));
    }

    static HttpRequest s3ChunkedPut(SigningCredential credential, Instant at, byte[] object)
    {
        return SdkSigner.signV4(SdkSigner.request(SdkHttpMethod.PUT, "https://bucket.s3.us-east-1.amazonaws.com", "/big.bin", Map.of(),
                        Map.of("Content-Length", List.of(Integer.toString(object.length))), object),
                credential, "s3", "us-east-1", at, SdkSigner.SignOptions.s3Signed().chunkedUpload());
    }

    static HttpRequest unsigned(String method, String rawPath, String rawQuery)
    {
        return new HttpRequest(method, rawPath, rawQuery, Map.of("Host", List.of("iam.amazonaws.com")), new byte[0], true, "192.0.2.1");
    }

    static HttpRequest withHeader(HttpRequest request, String name, String value)
    {
        Map<String, List<String>> headers = caseInsensitiveCopy(request.headers());
        headers.remove(name);
        headers.put(name, List.of(value));
        return withHeaders(request, headers);
    }

    static HttpRequest withoutHeader(HttpRequest request, String name)
    {
        Map<String, List<String>> headers = caseInsensitiveCopy(request.headers());
        headers.remove(name);
        return withHeaders(request, headers);
    }

    static HttpRequest withQuery(HttpRequest request, String rawQuery)
    {
        return new HttpRequest(request.method(), request.rawPath(), rawQuery, request.headers(), request.body(), true, "192.0.2.1");
    }

    static HttpRequest withBody(HttpRequest request, byte[] body)
    {
        return new HttpRequest(request.method(), request.rawPath(), request.rawQuery(), request.headers(), body, true, "192.0.2.1");
    }

    private static Map<String, List<String>> caseInsensitiveCopy(Map<String, List<String>> headers)
    {
        Map<String, List<String>> copy = new java.util.TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        copy.putAll(headers);
        return copy;
    }

    private static HttpRequest withHeaders(HttpRequest request, Map<String, List<String>> headers)
    {
        return new HttpRequest(request.method(), request.rawPath(), request.rawQuery(), headers, request.body(), true, "192.0.2.1");
    }
}
