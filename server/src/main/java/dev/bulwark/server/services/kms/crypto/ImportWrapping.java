package dev.bulwark.server.services.kms.crypto;

import org.bouncycastle.crypto.InvalidCipherTextException;
import org.bouncycastle.crypto.engines.AESEngine;
import org.bouncycastle.crypto.engines.RFC5649WrapEngine;
import org.bouncycastle.crypto.params.KeyParameter;

import javax.crypto.Cipher;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.spec.RSAKeyGenParameterSpec;
import java.util.Arrays;

import static java.util.Objects.requireNonNull;

/**
 * The wrapping side of importing key material (GetParametersForImport, ImportKeyMaterial): an RSA wrapping key pair,
 * and unwrapping with the algorithms KMS offers — RSAES-OAEP directly, or RSA-AES key wrap (an ephemeral AES-256 key
 * under RSAES-OAEP, followed by the material under AES key wrap with padding, RFC 5649).
 */
public final class ImportWrapping
{
    private static final int AES_KEY_BYTES = 32;

    public record WrappingKey(byte[] privateKeyPkcs8, byte[] publicKeySpki)
    {
        public WrappingKey
        {
            requireNonNull(privateKeyPkcs8, "privateKeyPkcs8 is null");
            requireNonNull(publicKeySpki, "publicKeySpki is null");
        }
    }

    private ImportWrapping() {}

    public static WrappingKey generate(String wrappingKeySpec, SecureRandom random)
    {
        KeySpec spec = KeySpec.parse(wrappingKeySpec).filter(KeySpec::isRsa)
                .orElseThrow(() -> new IllegalArgumentException("not an RSA wrapping key spec: " + wrappingKeySpec));
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(new RSAKeyGenParameterSpec(spec.bits(), RSAKeyGenParameterSpec.F4), random);
            KeyPair pair = generator.generateKeyPair();
            return new WrappingKey(pair.getPrivate().getEncoded(), pair.getPublic().getEncoded());
        }
        catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot generate a wrapping key", e);
        }
    }

    public static byte[] unwrap(String wrappingAlgorithm, byte[] privateKeyPkcs8, byte[] encryptedKeyMaterial) throws KmsCryptoException
    {
        java.security.PrivateKey key = Keys.privateKey(KeySpec.RSA_2048, privateKeyPkcs8);
        int modulusBytes = (((java.security.interfaces.RSAPrivateKey) key).getModulus().bitLength() + 7) / 8;
        try {
            return switch (wrappingAlgorithm) {
                case "RSAES_OAEP_SHA_1", "RSAES_OAEP_SHA_256" -> Asymmetric.oaep(Cipher.DECRYPT_MODE, key, wrappingAlgorithm).doFinal(encryptedKeyMaterial);
                case "RSA_AES_KEY_WRAP_SHA_1", "RSA_AES_KEY_WRAP_SHA_256" -> {
                    if (encryptedKeyMaterial.length <= modulusBytes) {
                        throw new KmsCryptoException(KmsCryptoException.Reason.INVALID_CIPHERTEXT, "wrapped material too short");
                    }
                    byte[] aesKey = Asymmetric.oaep(Cipher.DECRYPT_MODE, key, wrappingAlgorithm.replace("RSA_AES_KEY_WRAP", "RSAES_OAEP"))
                            .doFinal(Arrays.copyOf(encryptedKeyMaterial, modulusBytes));
                    if (aesKey.length != AES_KEY_BYTES) {
                        throw new KmsCryptoException(KmsCryptoException.Reason.INVALID_CIPHERTEXT, "the ephemeral key is not AES-256");
                    }
                    RFC5649WrapEngine engine = new RFC5649WrapEngine(new AESEngine());
                    engine.init(false, new KeyParameter(aesKey));
                    Arrays.fill(aesKey, (byte) 0);
                    yield engine.unwrap(encryptedKeyMaterial, modulusBytes, encryptedKeyMaterial.length - modulusBytes);
                }
                default -> throw new KmsCryptoException(KmsCryptoException.Reason.UNSUPPORTED, "wrapping algorithm " + wrappingAlgorithm + " is not supported");
            };
        }
        catch (GeneralSecurityException | InvalidCipherTextException e) {
            throw new KmsCryptoException(KmsCryptoException.Reason.INVALID_CIPHERTEXT, "the key material could not be unwrapped", e);
        }
    }
}
