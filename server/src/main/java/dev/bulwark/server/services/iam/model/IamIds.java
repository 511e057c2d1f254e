package dev.bulwark.server.services.iam.model;

import java.security.SecureRandom;
import java.util.Base64;

import static java.util.Objects.requireNonNull;

/**
 * Generates identifiers in AWS's formats from a {@link SecureRandom}. Unique ids are a 4-letter type prefix plus 17
 * characters ({@code AIDACKCEVSQ6C2EXAMPLE} in AWS's documentation: 21 in all); access key ids are {@code AKIA} plus
 * 16. The characters come from the RFC 4648 base32 alphabet (A-Z, 2-7), the one AWS's ids use. Uniqueness is
 * enforced by the store's primary keys; a collision is retried there.
 */
public final class IamIds
{
    /** RFC 4648 base32: AWS ids never contain 0, 1, 8 or 9. */
    private static final char[] ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567".toCharArray();
    private static final int UNIQUE_ID_SUFFIX = 17;
    private static final int ACCESS_KEY_SUFFIX = 16;
    /** Secret access keys are 40 characters: 30 random bytes in base64. */
    private static final int SECRET_BYTES = 30;
    private static final int SESSION_TOKEN_BYTES = 96;

    private final SecureRandom random;

    public IamIds(SecureRandom random)
    {
        this.random = requireNonNull(random, "random is null");
    }

    public static IamIds secure()
    {
        return new IamIds(new SecureRandom());
    }

    /** A 12-digit account id; never starts with 0, which some tools would strip as a number. */
    public String accountId()
    {
        StringBuilder id = new StringBuilder(12).append((char) ('1' + random.nextInt(9)));
        for (int i = 1; i < 12; i++) {
            id.append((char) ('0' + random.nextInt(10)));
        }
        return id.toString();
    }

    public String userId()
    {
        return prefixed("AIDA", UNIQUE_ID_SUFFIX);
    }

    public String groupId()
    {
        return prefixed("AGPA", UNIQUE_ID_SUFFIX);
    }

    public String roleId()
    {
        return prefixed("AROA", UNIQUE_ID_SUFFIX);
    }

    public String policyId()
    {
        return prefixed("ANPA", UNIQUE_ID_SUFFIX);
    }

    public String instanceProfileId()
    {
        return prefixed("AIPA", UNIQUE_ID_SUFFIX);
    }

    public String accessKeyId()
    {
        return prefixed("AKIA", ACCESS_KEY_SUFFIX);
    }

    /** Temporary (STS session) access key ids start with ASIA instead of AKIA. */
    public String temporaryAccessKeyId()
    {
        return prefixed("ASIA", ACCESS_KEY_SUFFIX);
    }

    /**
     * An opaque STS session token: 96 random bytes in base64. AWS's tokens are long opaque blobs too; nothing is
     * encoded in ours, the store keeps the session.
     */
    public String sessionToken()
    {
        byte[] bytes = new byte[SESSION_TOKEN_BYTES];
        random.nextBytes(bytes);
        return Base64.getEncoder().encodeToString(bytes);
    }

    /** A 40-character secret access key over the base64 alphabet, as AWS issues them. */
    public String secretAccessKey()
    {
        byte[] bytes = new byte[SECRET_BYTES];
        random.nextBytes(bytes);
        return Base64.getEncoder().encodeToString(bytes);
    }

    private String prefixed(String prefix, int length)
    {
        StringBuilder id = new StringBuilder(prefix.length() + length).append(prefix);
        for (int i = 0; i < length; i++) {
            id.append(ALPHABET[random.nextInt(ALPHABET.length)]);
        }
        return id.toString();
    }
}
