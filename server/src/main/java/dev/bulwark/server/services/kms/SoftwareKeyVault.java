package dev.bulwark.server.services.kms;

import dev.bulwark.server.services.kms.crypto.Asymmetric;
import dev.bulwark.server.services.kms.crypto.KeyMaterial;
import dev.bulwark.server.services.kms.crypto.KeySpec;
import dev.bulwark.server.services.kms.crypto.KmsCryptoException;
import dev.bulwark.server.services.kms.crypto.Macs;
import dev.bulwark.server.store.SecretBox;

import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * The software {@link KeyVault}: material generated with {@link SecureRandom}, stored only sealed by
 * {@link SecretBox} (AES-256-GCM under the server's root key, bound to key id and version), unsealed per operation
 * and zeroed right after.
 */
public final class SoftwareKeyVault implements KeyVault
{
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final SecretBox box;
    private final SecureRandom random;

    public SoftwareKeyVault(SecretBox box, SecureRandom random)
    {
        this.box = requireNonNull(box, "box is null");
        this.random = requireNonNull(random, "random is null");
    }

    @Override
    public Created generate(String keyId, int version, String keySpec)
    {
        byte[] material = KeyMaterial.generate(KeySpecs.of(keySpec), random);
        try {
            return adopt(keyId, version, keySpec, material);
        }
        finally {
            Arrays.fill(material, (byte) 0);
        }
    }

    @Override
    public Created adopt(String keyId, int version, String keySpec, byte[] material)
    {
        MaterialRef ref = new MaterialRef(keyId, version, keySpec, "-");
        KeySpec spec = KeySpecs.of(keySpec);
        Optional<byte[]> publicKey = Optional.empty();
        if (spec.isRsa() || spec.isEcc()) {
            try {
                publicKey = Optional.of(KeyMaterial.publicKey(spec, material));
            }
            catch (KmsCryptoException e) {
                throw new IllegalArgumentException("material does not fit " + keySpec + " (check it with KeyMaterial.checkImported first)", e);
            }
        }
        return new Created(box.sealBytes(material, ref.context()), publicKey);
    }

    @Override
    public boolean sameMaterial(MaterialRef ref, byte[] material)
    {
        byte[] stored = box.openBytes(ref.handle(), ref.context());
        try {
            return MessageDigest.isEqual(stored, material);
        }
        finally {
            Arrays.fill(stored, (byte) 0);
        }
    }

    @Override
    public byte[] encryptSymmetric(MaterialRef ref, byte[] associatedData, byte[] plaintext)
    {
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        byte[] key = box.openBytes(ref.handle(), ref.context());
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"), new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(associatedData);
            byte[] sealed = cipher.doFinal(plaintext);
            return ByteBuffer.allocate(NONCE_BYTES + sealed.length).put(nonce).put(sealed).array();
        }
        catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-256-GCM unavailable in this JDK", e);
        }
        finally {
            Arrays.fill(key, (byte) 0);
        }
    }

    @Override
    public Optional<byte[]> decryptSymmetric(MaterialRef ref, byte[] associatedData, byte[] sealed)
    {
        if (sealed.length < NONCE_BYTES + TAG_BITS / 8) {
            return Optional.empty();
        }
        byte[] key = box.openBytes(ref.handle(), ref.context());
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, new SecretKeySpec(key, "AES"), new GCMParameterSpec(TAG_BITS, sealed, 0, NONCE_BYTES));
            cipher.updateAAD(associatedData);
            return Optional.of(cipher.doFinal(sealed, NONCE_BYTES, sealed.length - NONCE_BYTES));
        }
        catch (AEADBadTagException e) {
            return Optional.empty();
        }
        catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-256-GCM unavailable in this JDK", e);
        }
        finally {
            Arrays.fill(key, (byte) 0);
        }
    }

    @Override
    public byte[] encryptAsymmetric(MaterialRef ref, String algorithm, byte[] plaintext) throws KmsCryptoException
    {
        return withMaterial(ref, material -> Asymmetric.encrypt(KeySpecs.of(ref.keySpec()), material, algorithm, plaintext));
    }

    @Override
    public byte[] decryptAsymmetric(MaterialRef ref, String algorithm, byte[] ciphertext) throws KmsCryptoException
    {
        return withMaterial(ref, material -> Asymmetric.decrypt(KeySpecs.of(ref.keySpec()), material, algorithm, ciphertext));
    }

    @Override
    public byte[] sign(MaterialRef ref, String algorithm, boolean digest, byte[] message) throws KmsCryptoException
    {
        return withMaterial(ref, material -> Asymmetric.sign(KeySpecs.of(ref.keySpec()), material, algorithm, digest, message));
    }

    @Override
    public boolean verify(MaterialRef ref, String algorithm, boolean digest, byte[] message, byte[] signature) throws KmsCryptoException
    {
        return withMaterial(ref, material -> Asymmetric.verify(KeySpecs.of(ref.keySpec()), material, algorithm, digest, message, signature));
    }

    @Override
    public byte[] generateMac(MaterialRef ref, String algorithm, byte[] message) throws KmsCryptoException
    {
        return withMaterial(ref, material -> Macs.generate(KeySpecs.of(ref.keySpec()), material, algorithm, message));
    }

    @Override
    public boolean verifyMac(MaterialRef ref, String algorithm, byte[] message, byte[] mac) throws KmsCryptoException
    {
        return withMaterial(ref, material -> Macs.verify(KeySpecs.of(ref.keySpec()), material, algorithm, message, mac));
    }

    @Override
    public byte[] deriveSharedSecret(MaterialRef ref, byte[] peerPublicKey) throws KmsCryptoException
    {
        return withMaterial(ref, material -> Asymmetric.deriveSharedSecret(KeySpecs.of(ref.keySpec()), material, peerPublicKey));
    }

    @FunctionalInterface
    private interface MaterialUse<T>
    {
        T apply(byte[] material) throws KmsCryptoException;
    }

    /** Unseals the material for one use and zeroes it afterwards, whatever happens. */
    private <T> T withMaterial(MaterialRef ref, MaterialUse<T> use) throws KmsCryptoException
    {
        byte[] material = box.openBytes(ref.handle(), ref.context());
        try {
            return use.apply(material);
        }
        finally {
            Arrays.fill(material, (byte) 0);
        }
    }
}
