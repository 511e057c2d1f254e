package dev.bulwark.server.services.s3;

import dev.bulwark.server.auth.Caller;
import dev.bulwark.server.services.Invocation;
import dev.bulwark.server.services.s3.model.Bucket;
import dev.bulwark.server.services.s3.model.Encryption;
import dev.bulwark.server.services.s3.model.Segment;
import dev.bulwark.server.services.s3.model.StoredObject;
import dev.bulwark.server.store.Store;
import dev.bulwark.server.store.Tx;
import software.amazon.awssdk.services.s3.model.Owner;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/** What S3's operation classes share: the store, object files, access declarations, and S3's small conventions. */
final class S3Support
{
    static final String SERVICE = "s3";
    static final String US_EAST_1 = "us-east-1";

    final Store store;
    final S3Store s3;
    final S3Access access;
    final ObjectFiles files;

    S3Support(Store store, S3Store s3, ObjectFiles files)
    {
        this.store = requireNonNull(store, "store is null");
        this.s3 = requireNonNull(s3, "s3 is null");
        this.files = requireNonNull(files, "files is null");
        this.access = new S3Access(store, s3);
    }

    Bucket bucket(Tx tx, String name)
    {
        return s3.bucket(tx, name).orElseThrow(() -> S3Errors.noSuchBucket(name));
    }

    StoredObject object(Tx tx, String bucket, String key)
    {
        bucket(tx, bucket);
        return s3.object(tx, bucket, key).orElseThrow(() -> S3Errors.noSuchKey(key));
    }

    /** Files of data no longer referenced go once the change that dropped them has committed. */
    void deleteAfterCommit(Tx tx, List<Segment> segments)
    {
        if (!segments.isEmpty()) {
            tx.afterCommit(() -> files.delete(segments));
        }
    }

    /** How a new object is encrypted: the request's SSE headers, else the bucket's default, else SSE-S3. */
    static Encryption encryptionFor(Bucket bucket, String requestedAlgorithm, String requestedKmsKey, Boolean bucketKey)
    {
        if (requestedAlgorithm == null) {
            return bucket.encryption().orElse(Encryption.SSE_S3);
        }
        if (requestedAlgorithm.equals(Encryption.AES256)) {
            return Encryption.SSE_S3;
        }
        if (requestedAlgorithm.equals("aws:kms") || requestedAlgorithm.equals("aws:kms:dsse")) {
            return new Encryption(requestedAlgorithm, Optional.ofNullable(requestedKmsKey), Boolean.TRUE.equals(bucketKey));
        }
        throw S3Errors.invalidArgument("The encryption method specified is not supported");
    }

    /** The data-key provider must be able to serve this encryption for the caller (SSE-KMS needs KMS). */
    void requireUsable(Encryption encryption, Caller caller)
    {
        files.checkUsable(encryption, caller);
    }

    /** S3's canonical user id for an account: 64 hex characters, stable, not revealing the account id directly. */
    static String canonicalId(String accountId)
    {
        return HexFormat.of().formatHex(sha256(("bulwark-canonical-user:" + accountId).getBytes(StandardCharsets.UTF_8)));
    }

    static Owner owner(String accountId)
    {
        return Owner.builder().id(canonicalId(accountId)).displayName(accountId).build();
    }

    static String quotedMd5(byte[] data, int offset, int length)
    {
        try {
            MessageDigest md5 = MessageDigest.getInstance("MD5");
            md5.update(data, offset, length);
            return "\"" + HexFormat.of().formatHex(md5.digest()) + "\"";
        }
        catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static byte[] md5(byte[] data)
    {
        try {
            return MessageDigest.getInstance("MD5").digest(data);
        }
        catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static byte[] sha256(byte[] data)
    {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        }
        catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Checks Content-MD5 when sent: BadDigest when it does not describe the body. */
    static void checkContentMd5(String contentMd5, byte[] body)
    {
        if (contentMd5 == null) {
            return;
        }
        byte[] declared;
        try {
            declared = java.util.Base64.getDecoder().decode(contentMd5.trim());
        }
        catch (IllegalArgumentException e) {
            throw S3Errors.invalidDigest();
        }
        if (declared.length != 16) {
            throw S3Errors.invalidDigest();
        }
        if (!MessageDigest.isEqual(declared, md5(body))) {
            throw S3Errors.badDigest();
        }
    }

    /**
     * Checks the flexible checksums a request declares (header or aws-chunked trailer): CRC32, CRC32C, SHA-1 and
     * SHA-256 are verified; BadDigest when one does not describe the body. CRC64NVME is not in the JDK and is not checked.
     */
    static void checkChecksums(byte[] body, String crc32, String crc32c, String sha1, String sha256)
    {
        check("CRC32", crc32, () -> crc(new java.util.zip.CRC32(), body));
        check("CRC32C", crc32c, () -> crc(new java.util.zip.CRC32C(), body));
        check("SHA1", sha1, () -> digest("SHA-1", body));
        check("SHA256", sha256, () -> digest("SHA-256", body));
    }

    private static void check(String algorithm, String declared, java.util.function.Supplier<byte[]> computed)
    {
        if (declared != null && !java.util.Base64.getEncoder().encodeToString(computed.get()).equals(declared.trim())) {
            throw S3Errors.checksumMismatch(algorithm);
        }
    }

    private static byte[] crc(java.util.zip.Checksum checksum, byte[] body)
    {
        checksum.update(body, 0, body.length);
        return java.nio.ByteBuffer.allocate(4).putInt((int) checksum.getValue()).array();
    }

    private static byte[] digest(String algorithm, byte[] body)
    {
        try {
            return MessageDigest.getInstance(algorithm).digest(body);
        }
        catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The {@code x-amz-tagging} header: a URL-encoded query string of tags. */
    static Map<String, String> parseTagging(String tagging)
    {
        Map<String, String> tags = new LinkedHashMap<>();
        if (tagging == null || tagging.isEmpty()) {
            return tags;
        }
        for (String pair : tagging.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int equals = pair.indexOf('=');
            String key = URLDecoder.decode(equals < 0 ? pair : pair.substring(0, equals), StandardCharsets.UTF_8);
            String value = equals < 0 ? "" : URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8);
            tags.put(key, value);
        }
        checkTags(tags);
        return tags;
    }

    static void checkTags(Map<String, String> tags)
    {
        if (tags.size() > 10) {
            throw S3Errors.invalidTag("Object tags cannot be greater than 10");
        }
        tags.forEach((key, value) -> {
            if (key.isEmpty() || key.length() > 128) {
                throw S3Errors.invalidTag("The TagKey you have provided is invalid");
            }
            if (value.length() > 256) {
                throw S3Errors.invalidTag("The TagValue you have provided is too long, max length is 256");
            }
        });
    }

    /** A key (or prefix) as listed with {@code encoding-type=url}. */
    static String encode(String value, boolean url)
    {
        if (value == null || !url) {
            return value;
        }
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("%2F", "/");
    }

    static Caller caller(Invocation invocation)
    {
        return invocation.caller();
    }
}
