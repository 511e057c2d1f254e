package dev.bulwark.server.services.kms.crypto;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;

/** HMAC with an HMAC key's material, per RFC 2104 as KMS's GenerateMac does. */
public final class Macs
{
    private Macs() {}

    public static byte[] generate(KeySpec spec, byte[] key, String macAlgorithm, byte[] message) throws KmsCryptoException
    {
        if (!spec.macAlgorithms(KeyUsage.GENERATE_VERIFY_MAC).contains(macAlgorithm)) {
            throw new KmsCryptoException(KmsCryptoException.Reason.UNSUPPORTED, spec + " does not support " + macAlgorithm);
        }
        try {
            String jca = "HmacSHA" + macAlgorithm.substring("HMAC_SHA_".length());
            Mac mac = Mac.getInstance(jca);
            mac.init(new SecretKeySpec(key, jca));
            return mac.doFinal(message);
        }
        catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC failed", e);
        }
    }

    /** Compares in constant time, so a caller cannot learn a valid tag byte by byte. */
    public static boolean verify(KeySpec spec, byte[] key, String macAlgorithm, byte[] message, byte[] mac) throws KmsCryptoException
    {
        return MessageDigest.isEqual(generate(spec, key, macAlgorithm, message), mac);
    }
}
