package dev.bulwark.server.services.iam;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;

import static java.util.Objects.requireNonNull;

/**
 * The two signing keys of an outbound federation issuer, with the JDK only: an RSA 2048 key for {@code RS256} and
 * an EC P-384 key for {@code ES384}, as AWS publishes for each account's issuer (key ids {@value #RSA_KEY_ID} and
 * {@value #EC_KEY_ID}, as AWS names them). Public keys are rendered as JSON Web Keys (RFC 7517/7518): unsigned
 * big-endian integers, base64url without padding, EC coordinates padded to the curve's 48 bytes.
 */
public final class OidcKeys
{
    public static final String RS256 = "RS256";
    public static final String ES384 = "ES384";
    public static final String RSA_KEY_ID = "RSA_0";
    public static final String EC_KEY_ID = "EC384_0";
    /** Bytes of a P-384 field element, so of each EC coordinate and of each half of an ES384 signature. */
    public static final int P384_BYTES = 48;

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

    private OidcKeys() {}

    public static KeyPair generateRsa()
    {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        }
        catch (GeneralSecurityException e) {
            throw new IllegalStateException("every JDK generates RSA keys", e);
        }
    }

    public static KeyPair generateEc()
    {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp384r1"));
            return generator.generateKeyPair();
        }
        catch (GeneralSecurityException e) {
            throw new IllegalStateException("every JDK generates P-384 keys", e);
        }
    }

    /** The key type ("RSA" or "EC") that signs with {@code algorithm}. */
    public static String keyType(String algorithm)
    {
        return switch (algorithm) {
            case RS256 -> "RSA";
            case ES384 -> "EC";
            default -> throw new IllegalArgumentException("unsupported signing algorithm " + algorithm);
        };
    }

    public static String keyId(String algorithm)
    {
        return keyType(algorithm).equals("RSA") ? RSA_KEY_ID : EC_KEY_ID;
    }

    public static String encode(java.security.Key key)
    {
        return Base64.getEncoder().encodeToString(key.getEncoded());
    }

    public static PublicKey publicKey(String keyType, String base64)
    {
        try {
            return KeyFactory.getInstance(keyType).generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(base64)));
        }
        catch (GeneralSecurityException e) {
            throw new IllegalStateException("stored " + keyType + " public key does not decode", e);
        }
    }

    public static PrivateKey privateKey(String keyType, String base64)
    {
        try {
            return KeyFactory.getInstance(keyType).generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64)));
        }
        catch (GeneralSecurityException e) {
            throw new IllegalStateException("stored " + keyType + " private key does not decode", e);
        }
    }

    /** The public key as a JWK, in the members and order AWS's JWKS shows. */
    public static ObjectNode jwk(String keyId, PublicKey key)
    {
        requireNonNull(keyId, "keyId is null");
        ObjectNode jwk = NODES.objectNode();
        if (key instanceof RSAPublicKey rsa) {
            jwk.put("e", base64url(unsigned(rsa.getPublicExponent())));
            jwk.put("kid", keyId);
            jwk.put("kty", "RSA");
            jwk.put("n", base64url(unsigned(rsa.getModulus())));
            jwk.put("use", "sig");
            return jwk;
        }
        if (key instanceof ECPublicKey ec) {
            jwk.put("alg", ES384);
            jwk.put("crv", "P-384");
            jwk.put("kid", keyId);
            jwk.put("kty", "EC");
            jwk.put("use", "sig");
            jwk.put("x", base64url(fixedWidth(ec.getW().getAffineX(), P384_BYTES)));
            jwk.put("y", base64url(fixedWidth(ec.getW().getAffineY(), P384_BYTES)));
            return jwk;
        }
        throw new IllegalArgumentException("not an RSA or EC public key: " + key.getAlgorithm());
    }

    public static String base64url(byte[] bytes)
    {
        return BASE64URL.encodeToString(bytes);
    }

    /** The magnitude of a positive integer, big-endian, without the sign byte {@link BigInteger#toByteArray} may add. */
    static byte[] unsigned(BigInteger value)
    {
        byte[] bytes = value.toByteArray();
        return bytes.length > 1 && bytes[0] == 0 ? Arrays.copyOfRange(bytes, 1, bytes.length) : bytes;
    }

    /** A positive integer as exactly {@code width} big-endian bytes, left-padded with zeros. */
    public static byte[] fixedWidth(BigInteger value, int width)
    {
        byte[] magnitude = unsigned(value);
        if (magnitude.length > width) {
            throw new IllegalArgumentException("integer needs " + magnitude.length + " bytes, more than " + width);
        }
        byte[] out = new byte[width];
        System.arraycopy(magnitude, 0, out, width - magnitude.length, magnitude.length);
        return out;
    }
}
