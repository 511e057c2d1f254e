package dev.bulwark.server.services.kms;

import dev.bulwark.server.services.kms.crypto.Asymmetric;
import dev.bulwark.server.services.kms.crypto.KeySpec;
import dev.bulwark.server.services.kms.crypto.KmsCryptoException;
import dev.bulwark.server.services.kms.model.KmsKey;
import dev.bulwark.server.store.Tx;

import static java.util.Objects.requireNonNull;

/**
 * RSA encryption under asymmetric keys (RSAES-OAEP with SHA-1 or SHA-256), through the vault. KMS returns the raw
 * RSA ciphertext, so Decrypt of such a blob needs the KeyId and the algorithm.
 */
final class AsymmetricCrypto
{
    private final KmsWire wire;

    AsymmetricCrypto(KmsWire wire)
    {
        this.wire = requireNonNull(wire, "wire is null");
    }

    byte[] encrypt(Tx tx, KmsKey key, String algorithm, byte[] plaintext)
    {
        KeySpec spec = checkAlgorithm(key, algorithm);
        int max = Asymmetric.maxPlaintextBytes(spec, algorithm);
        if (plaintext.length < 1 || plaintext.length > max) {
            throw KmsErrors.validation("Plaintext must be between 1 and " + max + " bytes for " + algorithm + " with " + key.keySpec() + ".");
        }
        try {
            return wire.vault().encryptAsymmetric(wire.current(tx, key), algorithm, plaintext);
        }
        catch (KmsCryptoException e) {
            throw KmsErrors.crypto(e);
        }
    }

    byte[] decrypt(Tx tx, KmsKey key, String algorithm, byte[] ciphertext)
    {
        checkAlgorithm(key, algorithm);
        try {
            return wire.vault().decryptAsymmetric(wire.current(tx, key), algorithm, ciphertext);
        }
        catch (KmsCryptoException e) {
            throw KmsErrors.crypto(e);
        }
    }

    private static KeySpec checkAlgorithm(KmsKey key, String algorithm)
    {
        if (!KeySpecs.encryptionAlgorithms(key.keySpec(), key.keyUsage()).contains(algorithm)) {
            throw KmsErrors.invalidKeyUsage("The requested encryption algorithm " + algorithm + " is not supported by " + key.arn() + ".");
        }
        return KeySpecs.of(key.keySpec());
    }
}
