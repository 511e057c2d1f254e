package dev.bulwark.server.services.kms.crypto;

import org.bouncycastle.jce.interfaces.ECPrivateKey;
import org.bouncycastle.jce.spec.ECPublicKeySpec;
import org.bouncycastle.math.ec.ECPoint;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.RSAKeyGenParameterSpec;
import java.security.spec.RSAPublicKeySpec;

import static java.util.Objects.requireNonNull;

/**
 * Key material as KMS keeps it: 32 random bytes for a symmetric key, the raw key for an HMAC key, the PKCS#8 DER
 * private key for RSA and ECC (the public key is derived from it, so one blob is all there is to protect).
 */
public final class KeyMaterial
{
    private static final int SYMMETRIC_BYTES = 32;
    /** Imported HMAC keys may be longer than the spec's size, up to this (KMS: "Importing key material"). */
    private static final int MAX_HMAC_BYTES = 64;

    private KeyMaterial() {}

    public static byte[] generate(KeySpec spec, SecureRandom random)
    {
        requireNonNull(spec, "spec is null");
        requireNonNull(random, "random is null");
        if (spec.isSymmetric() || spec.isHmac()) {
            byte[] key = new byte[spec.isSymmetric() ? SYMMETRIC_BYTES : spec.bits() / 8];
            random.nextBytes(key);
            return key;
        }
        return keyPair(spec, random).getPrivate().getEncoded();
    }

    /** A fresh key pair of an RSA or ECC spec. */
    private static KeyPair keyPair(KeySpec spec, SecureRandom random)
    {
        try {
            KeyPairGenerator generator;
            if (spec.isRsa()) {
                generator = KeyPairGenerator.getInstance("RSA");
                generator.initialize(new RSAKeyGenParameterSpec(spec.bits(), RSAKeyGenParameterSpec.F4), random);
            }
            else if (spec.isEcc()) {
                generator = KeyPairGenerator.getInstance("EC", Keys.BC);
                generator.initialize(new ECGenParameterSpec(spec.curve()), random);
            }
            else {
                throw new IllegalArgumentException(spec + " has no key pair");
            }
            return generator.generateKeyPair();
        }
        catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot generate a " + spec + " key pair", e);
        }
    }

    /** The X.509 SubjectPublicKeyInfo DER of an RSA or ECC key's material, as GetPublicKey returns it. */
    public static byte[] publicKey(KeySpec spec, byte[] material) throws KmsCryptoException
    {
        PrivateKey key = Keys.privateKey(spec, material);
        try {
            if (key instanceof RSAPrivateCrtKey rsa) {
                return Keys.keyFactory(spec).generatePublic(new RSAPublicKeySpec(rsa.getModulus(), rsa.getPublicExponent())).getEncoded();
            }
            ECPrivateKey ec = (ECPrivateKey) key;
            ECPoint q = ec.getParameters().getG().multiply(ec.getD()).normalize();
            return Keys.keyFactory(spec).generatePublic(new ECPublicKeySpec(q, ec.getParameters())).getEncoded();
        }
        catch (GeneralSecurityException | ClassCastException e) {
            throw new KmsCryptoException(KmsCryptoException.Reason.INVALID_KEY_MATERIAL, "cannot derive the public key of a " + spec + " key", e);
        }
    }

    /** Imported material must be what the key spec holds: 256-bit symmetric, a long-enough HMAC key, a matching private key. */
    public static void checkImported(KeySpec spec, byte[] material) throws KmsCryptoException
    {
        requireNonNull(material, "material is null");
        if (spec.isSymmetric()) {
            if (material.length != SYMMETRIC_BYTES) {
                throw new KmsCryptoException(KmsCryptoException.Reason.INVALID_KEY_MATERIAL, "symmetric key material must be 256 bits");
            }
            return;
        }
        if (spec.isHmac()) {
            if (material.length < spec.bits() / 8 || material.length > MAX_HMAC_BYTES) {
                throw new KmsCryptoException(KmsCryptoException.Reason.INVALID_KEY_MATERIAL, spec + " key material must be " + spec.bits() / 8 + " to 64 bytes");
            }
            return;
        }
        PrivateKey key = Keys.privateKey(spec, material);
        if (key instanceof RSAPrivateCrtKey rsa) {
            if (rsa.getModulus().bitLength() != spec.bits()) {
                throw new KmsCryptoException(KmsCryptoException.Reason.INVALID_KEY_MATERIAL, "RSA key of " + rsa.getModulus().bitLength() + " bits for " + spec);
            }
            return;
        }
        if (!(key instanceof ECPrivateKey ec) || ec.getParameters().getCurve().getFieldSize() != spec.bits()
                || !ec.getParameters().getG().equals(org.bouncycastle.asn1.x9.ECNamedCurveTable.getByName(spec.curve()).getG())) {
            throw new KmsCryptoException(KmsCryptoException.Reason.INVALID_KEY_MATERIAL, "private key is not on " + spec.curve());
        }
    }
}
