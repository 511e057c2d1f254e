package dev.bulwark.server.services.cloudtrail.model;

import java.time.Instant;

import static java.util.Objects.requireNonNull;

/**
 * One digest-signing key pair of a region: the public key as ListPublicKeys returns it (DER, PKCS #1 RSAPublicKey),
 * the private key sealed by {@code SecretBox}, and its validity window {@code [validFrom, validTo)}.
 */
public record SigningKey(String fingerprint, String region, byte[] publicKeyDer, String privateKeySealed, Instant validFrom, Instant validTo)
{
    public SigningKey
    {
        requireNonNull(fingerprint, "fingerprint is null");
        requireNonNull(region, "region is null");
        publicKeyDer = requireNonNull(publicKeyDer, "publicKeyDer is null").clone();
        requireNonNull(privateKeySealed, "privateKeySealed is null");
        requireNonNull(validFrom, "validFrom is null");
        requireNonNull(validTo, "validTo is null");
    }

    @Override
    public byte[] publicKeyDer()
    {
        return publicKeyDer.clone();
    }

    @Override
    public String toString()
    {
        return "SigningKey[" + fingerprint + ", " + region + ", from " + validFrom + "]";
    }
}
