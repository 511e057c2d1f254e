package dev.bulwark.server.services.kms;

import dev.bulwark.server.services.kms.crypto.KmsCryptoException;

import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * Where key material lives and is used. Callers hold only a {@link MaterialRef}: the vault's opaque handle for one
 * version of one key's material. The software vault ({@link SoftwareKeyVault}) keeps material sealed under the
 * server's root key and unseals it only for the duration of one operation; a PKCS#11 vault would keep a label and
 * let the module do the work, so no method here hands material out (the only exception is the public half of an
 * asymmetric key).
 */
public interface KeyVault
{
    /** One version of one key's material, as stored; {@code handle} means something only to the vault that made it. */
    record MaterialRef(String keyId, int version, String keySpec, String handle)
    {
        public MaterialRef
        {
            requireNonNull(keyId, "keyId is null");
            requireNonNull(keySpec, "keySpec is null");
            requireNonNull(handle, "handle is null");
        }

        /** The sealing context: material sealed for one key version does not open for another. */
        String context()
        {
            return "kms-material:" + keyId + ":" + version;
        }
    }

    /** New material: its handle, and for RSA/ECC keys the public key (X.509 SubjectPublicKeyInfo DER). */
    record Created(String handle, Optional<byte[]> publicKey)
    {
        public Created
        {
            requireNonNull(handle, "handle is null");
            requireNonNull(publicKey, "publicKey is null");
        }
    }

    /** Generates fresh material of the spec for the given key version. */
    Created generate(String keyId, int version, String keySpec);

    /** Takes over imported material (the caller zeroes its copy). */
    Created adopt(String keyId, int version, String keySpec, byte[] material);

    /** Whether {@code material} is the material behind {@code ref} (constant time). */
    boolean sameMaterial(MaterialRef ref, byte[] material);

    /** AES-256-GCM under a symmetric key: {@code nonce | ciphertext | tag}. */
    byte[] encryptSymmetric(MaterialRef ref, byte[] associatedData, byte[] plaintext);

    /** The plaintext, or empty when the ciphertext or its associated data was altered. */
    Optional<byte[]> decryptSymmetric(MaterialRef ref, byte[] associatedData, byte[] sealed);

    /** RSAES-OAEP encryption under an RSA key's public half. */
    byte[] encryptAsymmetric(MaterialRef ref, String algorithm, byte[] plaintext) throws KmsCryptoException;

    byte[] decryptAsymmetric(MaterialRef ref, String algorithm, byte[] ciphertext) throws KmsCryptoException;

    /** A signature over a message or, when {@code digest}, over a precomputed digest. */
    byte[] sign(MaterialRef ref, String algorithm, boolean digest, byte[] message) throws KmsCryptoException;

    boolean verify(MaterialRef ref, String algorithm, boolean digest, byte[] message, byte[] signature) throws KmsCryptoException;

    byte[] generateMac(MaterialRef ref, String algorithm, byte[] message) throws KmsCryptoException;

    /** Constant-time comparison of the expected MAC with {@code mac}. */
    boolean verifyMac(MaterialRef ref, String algorithm, byte[] message, byte[] mac) throws KmsCryptoException;

    /** ECDH with a peer's public key (SubjectPublicKeyInfo DER). */
    byte[] deriveSharedSecret(MaterialRef ref, byte[] peerPublicKey) throws KmsCryptoException;
}
