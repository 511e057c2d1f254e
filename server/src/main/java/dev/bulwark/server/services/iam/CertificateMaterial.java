package dev.bulwark.server.services.iam;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * X.509 certificates and PEM private keys as IAM takes them, parsed with the JDK ({@link CertificateFactory},
 * {@link KeyFactory}). Private keys may be PKCS#8 ({@code PRIVATE KEY}), PKCS#1 ({@code RSA PRIVATE KEY}) or SEC1
 * ({@code EC PRIVATE KEY}); the last two are wrapped into PKCS#8 for the JDK. A key "matches" a certificate when a
 * signature made with it verifies under the certificate's public key, which holds for RSA and EC alike.
 */
final class CertificateMaterial
{
    private static final Pattern PEM_BLOCK = Pattern.compile("-----BEGIN ([A-Z0-9 ]+)-----(.*?)-----END \\1-----", Pattern.DOTALL);
    private static final String CERTIFICATE = "CERTIFICATE";
    /** rsaEncryption, 1.2.840.113549.1.1.1. */
    private static final byte[] RSA_OID = {0x06, 0x09, 0x2A, (byte) 0x86, 0x48, (byte) 0x86, (byte) 0xF7, 0x0D, 0x01, 0x01, 0x01};
    /** id-ecPublicKey, 1.2.840.10045.2.1. */
    private static final byte[] EC_OID = {0x06, 0x07, 0x2A, (byte) 0x86, 0x48, (byte) 0xCE, 0x3D, 0x02, 0x01};
    private static final byte[] PROBE = "bulwark key-pair probe".getBytes(StandardCharsets.US_ASCII);

    /** The input is not what it claims to be; the operation chooses IAM's error and wording. */
    static final class BadMaterialException extends RuntimeException
    {
        BadMaterialException(String message)
        {
            super(message, null, false, false);
        }
    }

    private CertificateMaterial() {}

    /** Exactly one PEM {@code CERTIFICATE} block (surrounding whitespace allowed), parsed. */
    static X509Certificate certificate(String pem)
    {
        List<X509Certificate> certificates = certificates(pem);
        if (certificates.size() != 1) {
            throw new BadMaterialException("expected one certificate, found " + certificates.size());
        }
        return certificates.get(0);
    }

    /** One or more PEM {@code CERTIFICATE} blocks (a chain), parsed in order. */
    static List<X509Certificate> certificates(String pem)
    {
        if (pem == null) {
            throw new BadMaterialException("no certificate");
        }
        List<X509Certificate> result = new ArrayList<>();
        Matcher matcher = PEM_BLOCK.matcher(pem);
        int last = 0;
        while (matcher.find()) {
            if (!pem.substring(last, matcher.start()).isBlank() || !matcher.group(1).equals(CERTIFICATE)) {
                throw new BadMaterialException("not a sequence of PEM certificates");
            }
            result.add(parse(decode(matcher.group(2))));
            last = matcher.end();
        }
        if (result.isEmpty() || !pem.substring(last).isBlank()) {
            throw new BadMaterialException("not a sequence of PEM certificates");
        }
        return List.copyOf(result);
    }

    /** A PEM private key (PKCS#8, PKCS#1 RSA or SEC1 EC), unencrypted. */
    static PrivateKey privateKey(String pem)
    {
        if (pem == null) {
            throw new BadMaterialException("no private key");
        }
        Matcher matcher = PEM_BLOCK.matcher(pem.strip());
        if (!matcher.matches()) {
            throw new BadMaterialException("not one PEM private key");
        }
        byte[] der = decode(matcher.group(2));
        try {
            return switch (matcher.group(1)) {
                case "PRIVATE KEY" -> pkcs8(der);
                case "RSA PRIVATE KEY" -> KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(wrapPkcs1(der)));
                case "EC PRIVATE KEY" -> KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(wrapSec1(der)));
                default -> throw new BadMaterialException("unsupported private key type " + matcher.group(1));
            };
        }
        catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new BadMaterialException("unreadable private key");
        }
    }

    /** Whether {@code key} is the private half of the certificate's public key. */
    static boolean matches(X509Certificate certificate, PrivateKey key)
    {
        PublicKey publicKey = certificate.getPublicKey();
        if (!publicKey.getAlgorithm().equals(key.getAlgorithm())) {
            return false;
        }
        String algorithm = key.getAlgorithm().equals("EC") ? "SHA256withECDSA" : "SHA256with" + key.getAlgorithm();
        try {
            Signature signer = Signature.getInstance(algorithm);
            signer.initSign(key);
            signer.update(PROBE);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance(algorithm);
            verifier.initVerify(publicKey);
            verifier.update(PROBE);
            return verifier.verify(signature);
        }
        catch (GeneralSecurityException e) {
            return false;
        }
    }

    /** The DER encoding, for comparing certificates regardless of their PEM line breaks. */
    static byte[] encoded(X509Certificate certificate)
    {
        try {
            return certificate.getEncoded();
        }
        catch (CertificateException e) {
            throw new IllegalStateException("a parsed certificate has no encoding", e);
        }
    }

    private static PrivateKey pkcs8(byte[] der)
            throws GeneralSecurityException
    {
        GeneralSecurityException failure = null;
        for (String algorithm : List.of("RSA", "EC")) {
            try {
                return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
            }
            catch (GeneralSecurityException e) {
                failure = e;
            }
        }
        throw failure;
    }

    /** PKCS#8 PrivateKeyInfo around a PKCS#1 RSAPrivateKey. */
    private static byte[] wrapPkcs1(byte[] pkcs1)
    {
        new Der.Reader(pkcs1).sequence();
        return Der.element(Der.SEQUENCE, Der.element(Der.INTEGER, new byte[] {0}), Der.element(Der.SEQUENCE, RSA_OID, Der.element(Der.NULL)),
                Der.element(Der.OCTET_STRING, pkcs1));
    }

    /** PKCS#8 PrivateKeyInfo around a SEC1 ECPrivateKey, naming the curve from the key's own parameters. */
    private static byte[] wrapSec1(byte[] sec1)
    {
        Der.Reader key = new Der.Reader(sec1).sequence();
        key.integer();
        key.contents(Der.OCTET_STRING);
        byte[] curve = null;
        while (key.hasMore()) {
            if (key.peekTag() == Der.CONTEXT_0) {
                curve = key.constructed(Der.CONTEXT_0).raw();
            }
            else {
                key.raw();
            }
        }
        if (curve == null || curve[0] != Der.OID) {
            throw new IllegalArgumentException("EC private key without a named curve");
        }
        return Der.element(Der.SEQUENCE, Der.element(Der.INTEGER, new byte[] {0}), Der.element(Der.SEQUENCE, EC_OID, curve),
                Der.element(Der.OCTET_STRING, sec1));
    }

    private static X509Certificate parse(byte[] der)
    {
        try {
            Collection<? extends Certificate> parsed = CertificateFactory.getInstance("X.509").generateCertificates(new ByteArrayInputStream(der));
            if (parsed.size() != 1 || !(parsed.iterator().next() instanceof X509Certificate certificate)) {
                throw new BadMaterialException("not one X.509 certificate");
            }
            return certificate;
        }
        catch (CertificateException e) {
            throw new BadMaterialException("unreadable certificate");
        }
    }

    private static byte[] decode(String base64)
    {
        try {
            return Base64.getMimeDecoder().decode(base64.replaceAll("\\s", ""));
        }
        catch (IllegalArgumentException e) {
            throw new BadMaterialException("bad base64");
        }
    }
}
