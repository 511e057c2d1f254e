package dev.bulwark.server.services.sts;

import dev.bulwark.server.services.iam.OidcKeys;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Signature;
import java.util.Arrays;

import static java.util.Objects.requireNonNull;

/**
 * JSON Web Signature compact serialization (RFC 7515) with the JDK's own signatures, for the two algorithms STS
 * vends: {@code RS256} is RSASSA-PKCS1-v1_5 with SHA-256 ({@code SHA256withRSA}); {@code ES384} is ECDSA P-384
 * with SHA-384, whose JDK signature is a DER {@code SEQUENCE { INTEGER r, INTEGER s }} that JOSE wants instead as
 * the fixed-width concatenation {@code R || S}, 48 bytes each (RFC 7518 §3.4).
 */
public final class Jws
{
    private Jws() {}

    /** {@code base64url(header) . base64url(payload) . base64url(signature)}. */
    public static String sign(byte[] headerJson, byte[] payloadJson, String algorithm, PrivateKey key)
    {
        requireNonNull(headerJson, "headerJson is null");
        requireNonNull(payloadJson, "payloadJson is null");
        String signingInput = OidcKeys.base64url(headerJson) + "." + OidcKeys.base64url(payloadJson);
        byte[] signature = signature(signingInput.getBytes(StandardCharsets.US_ASCII), algorithm, key);
        return signingInput + "." + OidcKeys.base64url(signature);
    }

    static byte[] signature(byte[] signingInput, String algorithm, PrivateKey key)
    {
        try {
            switch (algorithm) {
                case OidcKeys.RS256 -> {
                    Signature rsa = Signature.getInstance("SHA256withRSA");
                    rsa.initSign(key);
                    rsa.update(signingInput);
                    return rsa.sign();
                }
                case OidcKeys.ES384 -> {
                    Signature ecdsa = Signature.getInstance("SHA384withECDSA");
                    ecdsa.initSign(key);
                    ecdsa.update(signingInput);
                    return derToJose(ecdsa.sign(), OidcKeys.P384_BYTES);
                }
                default -> throw new IllegalArgumentException("unsupported signing algorithm " + algorithm);
            }
        }
        catch (GeneralSecurityException e) {
            throw new IllegalStateException(algorithm + " signing failed", e);
        }
    }

    /**
     * Converts a DER-encoded ECDSA signature to JOSE's {@code R || S}, each integer left-padded to {@code width}
     * bytes (DER integers are minimal and carry a leading zero when their top bit is set).
     */
    public static byte[] derToJose(byte[] der, int width)
    {
        requireNonNull(der, "der is null");
        int[] position = {0};
        expect(der, position, 0x30, "SEQUENCE");
        int sequenceLength = length(der, position);
        if (position[0] + sequenceLength != der.length) {
            throw new IllegalArgumentException("DER signature length " + sequenceLength + " does not match its " + der.length + " bytes");
        }
        BigInteger r = integer(der, position);
        BigInteger s = integer(der, position);
        if (position[0] != der.length) {
            throw new IllegalArgumentException("trailing bytes after the DER signature");
        }
        byte[] out = new byte[2 * width];
        System.arraycopy(OidcKeys.fixedWidth(r, width), 0, out, 0, width);
        System.arraycopy(OidcKeys.fixedWidth(s, width), 0, out, width, width);
        return out;
    }

    private static BigInteger integer(byte[] der, int[] position)
    {
        expect(der, position, 0x02, "INTEGER");
        int length = length(der, position);
        if (length == 0 || position[0] + length > der.length) {
            throw new IllegalArgumentException("bad DER INTEGER length " + length);
        }
        BigInteger value = new BigInteger(Arrays.copyOfRange(der, position[0], position[0] + length));
        position[0] += length;
        if (value.signum() <= 0) {
            throw new IllegalArgumentException("ECDSA signature integers are positive");
        }
        return value;
    }

    private static void expect(byte[] der, int[] position, int tag, String name)
    {
        if (position[0] >= der.length || (der[position[0]] & 0xff) != tag) {
            throw new IllegalArgumentException("expected DER " + name + " at byte " + position[0]);
        }
        position[0]++;
    }

    /** A DER length: short form, or long form with one or two length bytes (ample for any ECDSA signature). */
    private static int length(byte[] der, int[] position)
    {
        if (position[0] >= der.length) {
            throw new IllegalArgumentException("truncated DER length");
        }
        int first = der[position[0]++] & 0xff;
        if (first < 0x80) {
            return first;
        }
        int bytes = first & 0x7f;
        if (bytes == 0 || bytes > 2 || position[0] + bytes > der.length) {
            throw new IllegalArgumentException("unsupported DER length form 0x" + Integer.toHexString(first));
        }
        int length = 0;
        for (int i = 0; i < bytes; i++) {
            length = (length << 8) | (der[position[0]++] & 0xff);
        }
        return length;
    }
}
