package dev.bulwark.protocol.sigv4;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;

/**
 * HMAC-SHA256, SHA-256 and lower-case hex, with one {@link Mac} and {@link MessageDigest} per thread because
 * looking the algorithms up costs more than using them for a request-sized input.
 */
final class SigV4Crypto
{
    private static final String HMAC_SHA256 = "HmacSHA256";
    private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    private static final ThreadLocal<Mac> MAC = ThreadLocal.withInitial(SigV4Crypto::newMac);
    private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(SigV4Crypto::newSha256);

    /** Hex SHA-256 of the empty string, the payload hash of every body-less request. */
    static final String EMPTY_SHA256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

    private SigV4Crypto() {}

    static byte[] hmac(byte[] key, String data)
    {
        return hmac(key, data.getBytes(StandardCharsets.UTF_8));
    }

    static byte[] hmac(byte[] key, byte[] data)
    {
        Mac mac = MAC.get();
        try {
            mac.init(new SecretKeySpec(key, HMAC_SHA256));
        }
        catch (java.security.InvalidKeyException e) {
            // HMAC accepts keys of any length; an empty key is the only rejected one and never derived here.
            throw new IllegalStateException("HMAC key rejected", e);
        }
        return mac.doFinal(data);
    }

    static byte[] sha256(byte[] data)
    {
        MessageDigest digest = SHA256.get();
        digest.reset();
        return digest.digest(data);
    }

    static byte[] sha256(byte[] data, int offset, int length)
    {
        MessageDigest digest = SHA256.get();
        digest.reset();
        digest.update(data, offset, length);
        return digest.digest();
    }

    static String sha256Hex(byte[] data)
    {
        return hex(sha256(data));
    }

    static String sha256Hex(String text)
    {
        return sha256Hex(text.getBytes(StandardCharsets.UTF_8));
    }

    /** The SigV4 signing key: HMAC chain over date, region, service and the terminator, seeded by "AWS4" + secret. */
    static byte[] signingKey(String secretKey, String date, String region, String service)
    {
        byte[] key = hmac(("AWS4" + secretKey).getBytes(StandardCharsets.UTF_8), date);
        key = hmac(key, region);
        key = hmac(key, service);
        return hmac(key, CredentialScope.TERMINATOR);
    }

    static String hex(byte[] bytes)
    {
        byte[] out = new byte[bytes.length * 2];
        for (int i = 0; i < bytes.length; i++) {
            out[2 * i] = HEX[(bytes[i] >> 4) & 0xF];
            out[2 * i + 1] = HEX[bytes[i] & 0xF];
        }
        return new String(out, StandardCharsets.US_ASCII);
    }

    /** Constant-time comparison of a computed hex signature with the one provided. */
    static boolean sameSignature(String computedHex, String providedHex)
    {
        return MessageDigest.isEqual(computedHex.getBytes(StandardCharsets.US_ASCII), providedHex.getBytes(StandardCharsets.UTF_8));
    }

    static boolean isSha256Hex(String text)
    {
        if (text.length() != 64) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F')) {
                return false;
            }
        }
        return true;
    }

    private static Mac newMac()
    {
        try {
            return Mac.getInstance(HMAC_SHA256);
        }
        catch (GeneralSecurityException e) {
            // Every Java SE runtime must provide HmacSHA256.
            throw new IllegalStateException(HMAC_SHA256 + " is not available", e);
        }
    }

    private static MessageDigest newSha256()
    {
        try {
            return MessageDigest.getInstance("SHA-256");
        }
        catch (GeneralSecurityException e) {
            // Every Java SE runtime must provide SHA-256.
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }
}
