package dev.bulwark.server.store;

import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static java.util.Objects.requireNonNull;

/**
 * Password hashing with PBKDF2-HMAC-SHA256 (the JDK has no Argon2). The encoding carries its parameters, so the
 * work factor can rise later without invalidating stored hashes:
 * {@code $pbkdf2-sha256$i=<iterations>$<salt base64>$<hash base64>}.
 */
public final class Passwords
{
    /** OWASP's 2023 recommendation for PBKDF2-HMAC-SHA256. */
    public static final int DEFAULT_ITERATIONS = 600_000;
    /** Below this a hash is refused outright (the project floor). */
    public static final int MIN_ITERATIONS = 210_000;
    /** Above this a stored hash is treated as corrupt rather than spending minutes on it. */
    private static final int MAX_ITERATIONS = 10_000_000;
    private static final int SALT_BYTES = 16;
    private static final int HASH_BITS = 256;
    private static final Pattern ENCODED = Pattern.compile("\\$pbkdf2-sha256\\$i=(\\d{1,9})\\$([A-Za-z0-9+/]+=*)\\$([A-Za-z0-9+/]+=*)");
    private static final SecureRandom RANDOM = new SecureRandom();

    private final int iterations;

    public Passwords(int iterations)
    {
        if (iterations < MIN_ITERATIONS || iterations > MAX_ITERATIONS) {
            throw new IllegalArgumentException("PBKDF2 iterations must be between " + MIN_ITERATIONS + " and " + MAX_ITERATIONS + ": " + iterations);
        }
        this.iterations = iterations;
    }

    public static Passwords standard()
    {
        return new Passwords(DEFAULT_ITERATIONS);
    }

    /** Hashes with a fresh random salt. */
    public String hash(String password)
    {
        requireNonNull(password, "password is null");
        byte[] salt = new byte[SALT_BYTES];
        RANDOM.nextBytes(salt);
        byte[] hash = pbkdf2(password, salt, iterations);
        Base64.Encoder base64 = Base64.getEncoder();
        return "$pbkdf2-sha256$i=" + iterations + "$" + base64.encodeToString(salt) + "$" + base64.encodeToString(hash);
    }

    /** Whether {@code password} matches {@code encoded}; the comparison takes the same time wherever they differ. */
    public boolean verify(String password, String encoded)
    {
        requireNonNull(password, "password is null");
        Parsed parsed = parse(encoded);
        byte[] actual = pbkdf2(password, parsed.salt(), parsed.iterations());
        return MessageDigest.isEqual(actual, parsed.hash());
    }

    /** Whether {@code encoded} used fewer iterations than this instance would; rehash on the next good login. */
    public boolean needsRehash(String encoded)
    {
        return parse(encoded).iterations() < iterations;
    }

    private record Parsed(int iterations, byte[] salt, byte[] hash) {}

    private static Parsed parse(String encoded)
    {
        requireNonNull(encoded, "encoded is null");
        Matcher matcher = ENCODED.matcher(encoded);
        if (!matcher.matches()) {
            throw new IllegalArgumentException("not a $pbkdf2-sha256$ password hash");
        }
        int iterations = Integer.parseInt(matcher.group(1));
        if (iterations < 1 || iterations > MAX_ITERATIONS) {
            throw new IllegalArgumentException("password hash has out-of-range iteration count " + iterations);
        }
        Base64.Decoder base64 = Base64.getDecoder();
        return new Parsed(iterations, base64.decode(matcher.group(2)), base64.decode(matcher.group(3)));
    }

    private static byte[] pbkdf2(String password, byte[] salt, int iterations)
    {
        PBEKeySpec spec = new PBEKeySpec(password.toCharArray(), salt, iterations, HASH_BITS);
        try {
            return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
        }
        catch (GeneralSecurityException e) {
            throw new IllegalStateException("PBKDF2WithHmacSHA256 unavailable in this JDK", e);
        }
        finally {
            spec.clearPassword();
        }
    }
}
