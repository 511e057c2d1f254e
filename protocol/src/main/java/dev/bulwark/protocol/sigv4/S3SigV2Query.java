package dev.bulwark.protocol.sigv4;

import dev.bulwark.protocol.http.HttpRequest;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * S3 presigned URLs in the legacy Signature Version 2 form ({@code AWSAccessKeyId}, {@code Expires},
 * {@code Signature}), which boto3's {@code generate_presigned_url} still produces by default for us-east-1.
 *
 * <p>Design (S3 "Authenticating Requests Using Query Parameters (AWS Signature Version 2)"): the signature is
 * base64(HMAC-SHA1(secret, {@code METHOD \n Content-MD5 \n Content-Type \n Expires \n} amz-headers resource)),
 * where amz-headers are the {@code x-amz-*} headers, lower-cased and sorted, {@code name:value\n} each (SDKs move
 * them into the query string, so {@code x-amz-*} query parameters count as headers, and so do {@code content-md5}
 * and {@code content-type}), and the resource is the path followed by the S3 sub-resources of the query, sorted.
 *
 * <p>Only path-style URLs are verified: for a virtual-hosted URL the resource starts with the bucket taken from
 * the host name, and guessing that here could accept a signature made for another bucket.
 */
final class S3SigV2Query
{
    static final String ACCESS_KEY_ID = "AWSAccessKeyId";
    private static final String SIGNATURE = "Signature";
    private static final String EXPIRES = "Expires";
    /** Query parameters that name an S3 sub-resource and so are part of the signed resource. */
    private static final Set<String> SUB_RESOURCES = Set.of(
            "accelerate", "acl", "analytics", "cors", "defaultObjectAcl", "delete", "inventory", "lifecycle", "location", "logging",
            "metrics", "notification", "object-lock", "partNumber", "policy", "replication", "requestPayment", "response-cache-control",
            "response-content-disposition", "response-content-encoding", "response-content-language", "response-content-type",
            "response-expires", "restore", "select", "select-type", "storageClass", "tagging", "torrent", "uploadId", "uploads",
            "versionId", "versioning", "versions", "website");
    private static final DateTimeFormatter SCOPE_DATE = DateTimeFormatter.ofPattern("yyyyMMdd").withZone(ZoneOffset.UTC);
    private static final ThreadLocal<Mac> HMAC_SHA1 = ThreadLocal.withInitial(S3SigV2Query::newMac);

    private S3SigV2Query() {}

    static boolean isSigV2(List<QueryParameter> query)
    {
        for (QueryParameter parameter : query) {
            if (parameter.name().equals(ACCESS_KEY_ID) || parameter.name().equals(SIGNATURE)) {
                return true;
            }
        }
        return false;
    }

    static VerifiedRequest verify(HttpRequest request, List<QueryParameter> query, CredentialResolver resolver, Instant now)
    {
        String accessKeyId = first(query, ACCESS_KEY_ID).orElse(null);
        String signature = first(query, SIGNATURE).orElse(null);
        String expires = first(query, EXPIRES).orElse(null);
        if (accessKeyId == null || signature == null || expires == null) {
            throw SigV4Errors.sigV2MissingParameters();
        }
        Instant expiresAt = parseExpires(expires);
        if (now.isAfter(expiresAt)) {
            throw SigV4Errors.sigV2Expired(expiresAt, now);
        }
        SigningCredential credential = resolver.resolve(accessKeyId).orElseThrow(() -> SigV4Errors.unknownAccessKey(Dialect.S3, accessKeyId));
        Map<String, String> amzHeaders = amzHeaders(request, query);
        SigV4Verifier.checkSessionToken(amzHeaders.get("x-amz-security-token"), credential, Dialect.S3, now);

        String stringToSign = request.method() + '\n'
                + headerOrQuery(request, query, "content-md5") + '\n'
                + headerOrQuery(request, query, "content-type") + '\n'
                + expires + '\n'
                + canonicalAmzHeaders(amzHeaders)
                + canonicalResource(request.rawPath(), request.rawQuery());
        String expected = Base64.getEncoder().encodeToString(hmacSha1(credential.secretKey(), stringToSign));
        // Base64 has no spaces: a space here is a '+' that arrived unescaped and was decoded form-style.
        String provided = signature.replace(' ', '+');
        if (!MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII), provided.getBytes(StandardCharsets.UTF_8))) {
            throw SigV4Errors.sigV2SignatureMismatch(accessKeyId, stringToSign, provided);
        }
        CredentialScope scope = new CredentialScope(accessKeyId, SCOPE_DATE.format(now), "", "s3");
        return new VerifiedRequest(false, scope, credential, now, true, PayloadMode.UNSIGNED, null, true);
    }

    private static Instant parseExpires(String expires)
    {
        try {
            return Instant.ofEpochSecond(Long.parseLong(expires));
        }
        catch (NumberFormatException | java.time.DateTimeException e) {
            throw SigV4Errors.sigV2InvalidExpires(expires);
        }
    }

    /** {@code x-amz-*} headers and query parameters, lower-case names, values trimmed and comma-joined. */
    private static Map<String, String> amzHeaders(HttpRequest request, List<QueryParameter> query)
    {
        Map<String, List<String>> values = new TreeMap<>();
        request.headers().forEach((name, headerValues) -> {
            String lower = name.toLowerCase(Locale.ROOT);
            if (lower.startsWith("x-amz-")) {
                headerValues.forEach(value -> values.computeIfAbsent(lower, ignored -> new ArrayList<>()).add(value.trim()));
            }
        });
        for (QueryParameter parameter : query) {
            String lower = parameter.name().toLowerCase(Locale.ROOT);
            if (lower.startsWith("x-amz-")) {
                values.computeIfAbsent(lower, ignored -> new ArrayList<>()).add(parameter.value().trim());
            }
        }
        Map<String, String> joined = new TreeMap<>();
        values.forEach((name, list) -> joined.put(name, String.join(",", list)));
        return joined;
    }

    private static String canonicalAmzHeaders(Map<String, String> amzHeaders)
    {
        StringBuilder out = new StringBuilder();
        amzHeaders.forEach((name, value) -> out.append(name).append(':').append(value).append('\n'));
        return out.toString();
    }

    private static String headerOrQuery(HttpRequest request, List<QueryParameter> query, String name)
    {
        return request.header(name).map(String::trim).or(() -> first(query, name).map(String::trim)).orElse("");
    }

    /** The raw path, then the sub-resources in name order as {@code name} or {@code name=decoded-value}. */
    static String canonicalResource(String rawPath, String rawQuery)
    {
        StringBuilder out = new StringBuilder(rawPath.isEmpty() ? "/" : rawPath);
        List<String[]> subResources = new ArrayList<>();
        for (String pair : rawQuery.split("&")) {
            int eq = pair.indexOf('=');
            String name = UriEncoding.decode(eq < 0 ? pair : pair.substring(0, eq));
            if (SUB_RESOURCES.contains(name)) {
                subResources.add(eq < 0 ? new String[] {name} : new String[] {name, UriEncoding.decode(pair.substring(eq + 1))});
            }
        }
        subResources.sort(java.util.Comparator.comparing(entry -> entry[0]));
        for (int i = 0; i < subResources.size(); i++) {
            String[] entry = subResources.get(i);
            out.append(i == 0 ? '?' : '&').append(entry[0]);
            if (entry.length == 2) {
                out.append('=').append(entry[1]);
            }
        }
        return out.toString();
    }

    private static Optional<String> first(List<QueryParameter> query, String name)
    {
        for (QueryParameter parameter : query) {
            if (parameter.name().equals(name)) {
                return Optional.of(parameter.value());
            }
        }
        return Optional.empty();
    }

    private static byte[] hmacSha1(String secret, String data)
    {
        Mac mac = HMAC_SHA1.get();
        try {
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
        }
        catch (java.security.InvalidKeyException e) {
            // Only an empty secret is rejected, and the credential store never holds one.
            throw new IllegalStateException("HMAC key rejected", e);
        }
        return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
    }

    private static Mac newMac()
    {
        try {
            return Mac.getInstance("HmacSHA1");
        }
        catch (GeneralSecurityException e) {
            // Every Java SE runtime must provide HmacSHA1.
            throw new IllegalStateException("HmacSHA1 is not available", e);
        }
    }
}
