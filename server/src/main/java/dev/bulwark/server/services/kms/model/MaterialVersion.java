package dev.bulwark.server.services.kms.model;

import java.time.Instant;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * One version of a key's material: the vault's sealed handle (never the material itself), the public key of an
 * asymmetric key (DER SubjectPublicKeyInfo, base64), and how it came to be (the first version has no rotation type).
 */
public record MaterialVersion(String keyId, int version, String sealed, Optional<String> publicKey, Instant created, Optional<String> rotationType)
{
    public MaterialVersion
    {
        requireNonNull(keyId, "keyId is null");
        requireNonNull(sealed, "sealed is null");
        requireNonNull(publicKey, "publicKey is null");
        requireNonNull(created, "created is null");
        requireNonNull(rotationType, "rotationType is null");
    }
}
