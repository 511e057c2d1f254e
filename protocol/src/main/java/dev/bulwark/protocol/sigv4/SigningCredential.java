package dev.bulwark.protocol.sigv4;

import java.time.Instant;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * The secret half of an access key as the credential store knows it.
 *
 * @param sessionToken the STS session token that must accompany a temporary key, or null for a long-term key
 * @param expiration when a temporary key stops working, or null if it never expires
 */
public record SigningCredential(String accessKeyId, String secretKey, String sessionToken, Instant expiration)
{
    public SigningCredential
    {
        requireNonNull(accessKeyId, "accessKeyId is null");
        requireNonNull(secretKey, "secretKey is null");
    }

    public static SigningCredential longTerm(String accessKeyId, String secretKey)
    {
        return new SigningCredential(accessKeyId, secretKey, null, null);
    }

    public static SigningCredential temporary(String accessKeyId, String secretKey, String sessionToken, Instant expiration)
    {
        return new SigningCredential(accessKeyId, secretKey,
                requireNonNull(sessionToken, "sessionToken is null"), requireNonNull(expiration, "expiration is null"));
    }

    public Optional<String> sessionTokenIfAny()
    {
        return Optional.ofNullable(sessionToken);
    }

    /** Never prints the secret or the token. */
    @Override
    public String toString()
    {
        return "SigningCredential[accessKeyId=" + accessKeyId + ", temporary=" + (sessionToken != null) + ", expiration=" + expiration + "]";
    }
}
