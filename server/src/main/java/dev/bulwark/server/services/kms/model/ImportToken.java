package dev.bulwark.server.services.kms.model;

import java.time.Instant;

import static java.util.Objects.requireNonNull;

/** The wrapping key pair and token GetParametersForImport issued for a key (the latest one counts, as in AWS). */
public record ImportToken(String keyId, String token, String wrappingAlgorithm, String wrappingKeySpec, String sealedPrivateKey, String publicKey,
        Instant expires)
{
    public ImportToken
    {
        requireNonNull(keyId, "keyId is null");
        requireNonNull(token, "token is null");
        requireNonNull(wrappingAlgorithm, "wrappingAlgorithm is null");
        requireNonNull(wrappingKeySpec, "wrappingKeySpec is null");
        requireNonNull(sealedPrivateKey, "sealedPrivateKey is null");
        requireNonNull(publicKey, "publicKey is null");
        requireNonNull(expires, "expires is null");
    }
}
