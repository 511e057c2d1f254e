package dev.bulwark.server.services.kms.crypto;

import org.bouncycastle.jce.provider.BouncyCastleProvider;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.PublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;

/**
 * Decoding of the DER forms key material is kept in. ECC goes through BouncyCastle because the JDK (17 and later)
 * no longer offers secp256k1; one provider for every curve keeps encodings identical across specs.
 */
final class Keys
{
    static final Provider BC = new BouncyCastleProvider();

    private Keys() {}

    static PrivateKey privateKey(KeySpec spec, byte[] pkcs8) throws KmsCryptoException
    {
        try {
            return keyFactory(spec).generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
        }
        catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new KmsCryptoException(KmsCryptoException.Reason.INVALID_KEY_MATERIAL, "not a " + spec + " private key", e);
        }
    }

    static PublicKey publicKey(KeySpec spec, byte[] spki) throws KmsCryptoException
    {
        try {
            return keyFactory(spec).generatePublic(new X509EncodedKeySpec(spki));
        }
        catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new KmsCryptoException(KmsCryptoException.Reason.INVALID_SIGNATURE_INPUT, "not a " + spec + " public key", e);
        }
    }

    static KeyFactory keyFactory(KeySpec spec) throws GeneralSecurityException
    {
        if (spec.isRsa()) {
            return KeyFactory.getInstance("RSA");
        }
        if (spec.isEcc()) {
            return KeyFactory.getInstance("EC", BC);
        }
        throw new GeneralSecurityException(spec + " has no key pair");
    }
}
