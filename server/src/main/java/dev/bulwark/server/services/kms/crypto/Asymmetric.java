package dev.bulwark.server.services.kms.crypto;

import org.bouncycastle.crypto.CryptoException;
import org.bouncycastle.crypto.Digest;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.digests.SHA384Digest;
import org.bouncycastle.crypto.digests.SHA512Digest;
import org.bouncycastle.crypto.engines.RSABlindedEngine;
import org.bouncycastle.crypto.params.ParametersWithRandom;
import org.bouncycastle.crypto.signers.PSSSigner;
import org.bouncycastle.crypto.util.PrivateKeyFactory;
import org.bouncycastle.crypto.util.PublicKeyFactory;

import javax.crypto.Cipher;
import javax.crypto.KeyAgreement;
import javax.crypto.spec.OAEPParameterSpec;
import javax.crypto.spec.PSource;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.spec.MGF1ParameterSpec;
import java.util.Arrays;

import static java.util.Objects.requireNonNull;

/**
 * RSA and ECC operations on a key's material: RSAES-OAEP encryption, RSASSA-PKCS1-v1_5, RSASSA-PSS and ECDSA
 * signatures over a raw message or its digest, and ECDH. Algorithms and encodings are the ones KMS documents, so
 * a signature verifies with OpenSSL against the GetPublicKey output (ECDSA signatures are DER, PSS salts are as
 * long as the digest).
 */
public final class Asymmetric
{
    private static final SecureRandom RANDOM = new SecureRandom();

    private Asymmetric() {}

    /** The longest plaintext RSAES-OAEP takes: modulus bytes − 2 × digest bytes − 2. */
    public static int maxPlaintextBytes(KeySpec spec, String encryptionAlgorithm)
    {
        int digest = switch (encryptionAlgorithm) {
            case "RSAES_OAEP_SHA_1" -> 20;
            case "RSAES_OAEP_SHA_256" -> 32;
            default -> throw new IllegalArgumentException("not an RSA encryption algorithm: " + encryptionAlgorithm);
        };
        return spec.bits() / 8 - 2 * digest - 2;
    }

    public static byte[] encrypt(KeySpec spec, byte[] material, String encryptionAlgorithm, byte[] plaintext) throws KmsCryptoException
    {
        requireRsaEncryption(spec, encryptionAlgorithm);
        if (plaintext.length > maxPlaintextBytes(spec, encryptionAlgorithm)) {
            throw new KmsCryptoException(KmsCryptoException.Reason.INVALID_SIGNATURE_INPUT, "plaintext too long for " + spec + " " + encryptionAlgorithm);
        }
        try {
            PublicKey key = Keys.publicKey(spec, KeyMaterial.publicKey(spec, material));
            return oaep(Cipher.ENCRYPT_MODE, key, encryptionAlgorithm).doFinal(plaintext);
        }
        catch (GeneralSecurityException e) {
            throw new IllegalStateException("RSA encryption failed", e);
        }
    }

    public static byte[] decrypt(KeySpec spec, byte[] material, String encryptionAlgorithm, byte[] ciphertext) throws KmsCryptoException
    {
        requireRsaEncryption(spec, encryptionAlgorithm);
        try {
            return oaep(Cipher.DECRYPT_MODE, Keys.privateKey(spec, material), encryptionAlgorithm).doFinal(ciphertext);
        }
        catch (GeneralSecurityException e) {
            throw new KmsCryptoException(KmsCryptoException.Reason.INVALID_CIPHERTEXT, "RSA decryption failed", e);
        }
    }

    /** OAEP with MGF1 over the same digest as the label hash: what RSAES_OAEP_SHA_256 means (the JDK's default MGF1 is SHA-1). */
    static Cipher oaep(int mode, java.security.Key key, String algorithm) throws GeneralSecurityException
    {
        boolean sha256 = algorithm.endsWith("SHA_256");
        OAEPParameterSpec parameters = new OAEPParameterSpec(sha256 ? "SHA-256" : "SHA-1", "MGF1",
                sha256 ? MGF1ParameterSpec.SHA256 : MGF1ParameterSpec.SHA1, PSource.PSpecified.DEFAULT);
        Cipher cipher = Cipher.getInstance("RSA/ECB/OAEPPadding");
        cipher.init(mode, key, parameters, RANDOM);
        return cipher;
    }

    private static void requireRsaEncryption(KeySpec spec, String algorithm) throws KmsCryptoException
    {
        if (!spec.encryptionAlgorithms(KeyUsage.ENCRYPT_DECRYPT).contains(algorithm) || !spec.isRsa()) {
            throw new KmsCryptoException(KmsCryptoException.Reason.UNSUPPORTED, spec + " does not support " + algorithm);
        }
    }

    /**
     * Signs {@code message}, or with {@code digest} the caller's digest of it (which must be as long as the
     * algorithm's hash).
     */
    public static byte[] sign(KeySpec spec, byte[] material, String signingAlgorithm, boolean digest, byte[] message) throws KmsCryptoException
    {
        SigningAlgorithm algorithm = SigningAlgorithm.of(spec, signingAlgorithm);
        byte[] hash = digest ? algorithm.checkDigest(message) : algorithm.hash(message);
        PrivateKey key = Keys.privateKey(spec, material);
        try {
            if (algorithm.pss) {
                PSSSigner signer = pssSigner(algorithm);
                signer.init(true, new ParametersWithRandom(PrivateKeyFactory.createKey(material), RANDOM));
                signer.update(hash, 0, hash.length);
                return signer.generateSignature();
            }
            Signature signature = algorithm.overDigest();
            signature.initSign(key, RANDOM);
            signature.update(algorithm.rsa ? DigestInfo.wrap(algorithm.hashName, hash) : hash);
            return signature.sign();
        }
        catch (GeneralSecurityException | IOException | CryptoException e) {
            throw new IllegalStateException("signing failed", e);
        }
    }

    public static boolean verify(KeySpec spec, byte[] material, String signingAlgorithm, boolean digest, byte[] message, byte[] signature)
            throws KmsCryptoException
    {
        SigningAlgorithm algorithm = SigningAlgorithm.of(spec, signingAlgorithm);
        byte[] hash = digest ? algorithm.checkDigest(message) : algorithm.hash(message);
        byte[] publicKey = KeyMaterial.publicKey(spec, material);
        try {
            if (algorithm.pss) {
                PSSSigner signer = pssSigner(algorithm);
                signer.init(false, PublicKeyFactory.createKey(publicKey));
                signer.update(hash, 0, hash.length);
                return signer.verifySignature(signature);
            }
            Signature verifier = algorithm.overDigest();
            verifier.initVerify(Keys.publicKey(spec, publicKey));
            verifier.update(algorithm.rsa ? DigestInfo.wrap(algorithm.hashName, hash) : hash);
            return verifier.verify(signature);
        }
        catch (java.security.SignatureException | IllegalArgumentException e) {
            // A malformed signature (not DER, wrong length) is simply not a valid one.
            return false;
        }
        catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("verification failed", e);
        }
    }

    private static PSSSigner pssSigner(SigningAlgorithm algorithm)
    {
        // The raw signer takes the message hash the caller computed; the salt is as long as the hash, as KMS uses.
        return PSSSigner.createRawSigner(new RSABlindedEngine(), algorithm.digest(), algorithm.digest(), algorithm.hashBytes, PSSSigner.TRAILER_IMPLICIT);
    }

    /** ECDH between the key's private half and the peer's SubjectPublicKeyInfo on the same curve: the raw shared secret. */
    public static byte[] deriveSharedSecret(KeySpec spec, byte[] material, byte[] peerPublicKeyDer) throws KmsCryptoException
    {
        if (!spec.allowedUsages().contains(KeyUsage.KEY_AGREEMENT)) {
            throw new KmsCryptoException(KmsCryptoException.Reason.UNSUPPORTED, spec + " does not support key agreement");
        }
        PublicKey peer = Keys.publicKey(spec, peerPublicKeyDer);
        PublicKey own = Keys.publicKey(spec, KeyMaterial.publicKey(spec, material));
        if (!(peer instanceof ECPublicKey peerKey) || !sameCurve((ECPublicKey) own, peerKey)) {
            throw new KmsCryptoException(KmsCryptoException.Reason.INVALID_SIGNATURE_INPUT, "the public key is not on " + spec.curve());
        }
        try {
            KeyAgreement agreement = KeyAgreement.getInstance("ECDH", Keys.BC);
            agreement.init(Keys.privateKey(spec, material));
            agreement.doPhase(peer, true);
            return agreement.generateSecret();
        }
        catch (GeneralSecurityException e) {
            throw new KmsCryptoException(KmsCryptoException.Reason.INVALID_SIGNATURE_INPUT, "key agreement failed", e);
        }
    }

    private static boolean sameCurve(ECPublicKey a, ECPublicKey b)
    {
        return a.getParams().getCurve().equals(b.getParams().getCurve()) && a.getParams().getGenerator().equals(b.getParams().getGenerator());
    }

    /** One of KMS's signing algorithms, valid for the key spec it was resolved against. */
    private record SigningAlgorithm(String hashName, int hashBytes, boolean rsa, boolean pss)
    {
        static SigningAlgorithm of(KeySpec spec, String name) throws KmsCryptoException
        {
            if (!spec.signingAlgorithms(KeyUsage.SIGN_VERIFY).contains(name)) {
                throw new KmsCryptoException(KmsCryptoException.Reason.UNSUPPORTED, spec + " does not support " + name);
            }
            String hashName = "SHA-" + name.substring(name.length() - 3);
            return new SigningAlgorithm(hashName, Integer.parseInt(name.substring(name.length() - 3)) / 8, spec.isRsa(), name.startsWith("RSASSA_PSS"));
        }

        byte[] hash(byte[] message)
        {
            try {
                return MessageDigest.getInstance(hashName).digest(message);
            }
            catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        }

        byte[] checkDigest(byte[] digest) throws KmsCryptoException
        {
            if (digest.length != hashBytes) {
                throw new KmsCryptoException(KmsCryptoException.Reason.INVALID_SIGNATURE_INPUT, "Digest is invalid length for algorithm " + hashName);
            }
            return digest.clone();
        }

        Digest digest()
        {
            return switch (hashBytes) {
                case 32 -> new SHA256Digest();
                case 48 -> new SHA384Digest();
                default -> new SHA512Digest();
            };
        }

        /** A signature over an already computed hash: PKCS#1 v1.5 over the DigestInfo, or ECDSA over the hash. */
        Signature overDigest() throws GeneralSecurityException
        {
            return rsa ? Signature.getInstance("NONEwithRSA") : Signature.getInstance("NONEwithECDSA", Keys.BC);
        }
    }

    /** PKCS#1 v1.5's DigestInfo: the DER prefix naming the hash, then the hash (RFC 8017, section 9.2, note 1). */
    private static final class DigestInfo
    {
        private static final byte[] SHA_256 = hex("3031300d060960864801650304020105000420");
        private static final byte[] SHA_384 = hex("3041300d060960864801650304020205000430");
        private static final byte[] SHA_512 = hex("3051300d060960864801650304020305000440");

        static byte[] wrap(String hashName, byte[] hash)
        {
            byte[] prefix = switch (hashName) {
                case "SHA-256" -> SHA_256;
                case "SHA-384" -> SHA_384;
                default -> SHA_512;
            };
            byte[] out = Arrays.copyOf(prefix, prefix.length + hash.length);
            System.arraycopy(hash, 0, out, prefix.length, hash.length);
            return out;
        }

        private static byte[] hex(String hex)
        {
            return java.util.HexFormat.of().parseHex(hex);
        }
    }
}
