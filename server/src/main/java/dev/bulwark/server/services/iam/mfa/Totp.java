package dev.bulwark.server.services.iam.mfa;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

import static java.util.Objects.requireNonNull;

/**
 * TOTP as RFC 6238 defines it over HOTP (RFC 4226): HMAC-SHA1 of the big-endian 8-byte counter
 * {@code floor(unixTime / step)}, dynamically truncated to {@code digits} decimal digits. IAM's virtual MFA devices
 * use a 30-second step and 6 digits; the RFC's Appendix B vectors use 8 digits, hence the parameter.
 */
public final class Totp
{
    /** IAM virtual MFA: 30-second time step. */
    public static final int STEP_SECONDS = 30;
    /** IAM virtual MFA: 6-digit codes. */
    public static final int DIGITS = 6;

    private static final int[] POWERS_OF_TEN = {1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000};

    private final byte[] key;
    private final int digits;

    public Totp(byte[] key, int digits)
    {
        this.key = requireNonNull(key, "key is null").clone();
        if (digits < 1 || digits >= POWERS_OF_TEN.length) {
            throw new IllegalArgumentException("digits must be between 1 and 8: " + digits);
        }
        this.digits = digits;
    }

    /** IAM's kind: 6 digits. */
    public static Totp iam(byte[] key)
    {
        return new Totp(key, DIGITS);
    }

    /** The time step {@code instant} falls in (T in RFC 6238), with T0 = 0 and X = 30 s. */
    public static long step(Instant instant)
    {
        return Math.floorDiv(instant.getEpochSecond(), STEP_SECONDS);
    }

    /** The code for a time step, zero-padded to {@code digits}. */
    public String code(long step)
    {
        byte[] hash;
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(key, "HmacSHA1"));
            byte[] counter = new byte[8];
            for (int i = 7; i >= 0; i--) {
                counter[i] = (byte) (step >>> (8 * (7 - i)));
            }
            hash = mac.doFinal(counter);
        }
        catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA1 is unavailable", e);
        }
        int offset = hash[hash.length - 1] & 0x0f;
        int binary = ((hash[offset] & 0x7f) << 24) | ((hash[offset + 1] & 0xff) << 16) | ((hash[offset + 2] & 0xff) << 8) | (hash[offset + 3] & 0xff);
        String code = Integer.toString(binary % POWERS_OF_TEN[digits]);
        return "0".repeat(digits - code.length()) + code;
    }

    /** The code at an instant. */
    public String codeAt(Instant instant)
    {
        return code(step(instant));
    }

    /** Whether {@code candidate} is the code of {@code step}, compared in constant time. */
    public boolean matches(String candidate, long step)
    {
        if (candidate == null || candidate.length() != digits) {
            return false;
        }
        return MessageDigest.isEqual(code(step).getBytes(StandardCharsets.US_ASCII), candidate.getBytes(StandardCharsets.US_ASCII));
    }
}
