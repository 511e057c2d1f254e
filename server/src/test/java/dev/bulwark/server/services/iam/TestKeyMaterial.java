package dev.bulwark.server.services.iam;

import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPrivateKey;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Keys and certificates made fresh by the tests themselves: JDK key pair generators, certificates signed with
 * BouncyCastle (already a server dependency, for the TLS listener's self-signed certificate), PEM written by
 * BouncyCastle's writer in the encodings openssl produces (PKCS#1 {@code RSA PRIVATE KEY}, SEC1 {@code EC PRIVATE KEY}).
 */
public final class TestKeyMaterial
{
    private static final AtomicLong SERIAL = new AtomicLong(System.nanoTime());

    /** A key pair with its certificate. */
    public record Issued(KeyPair keys, X509Certificate certificate)
    {
        public String certificatePem()
        {
            return pem(certificate);
        }

        /** The private key as openssl writes it by default for its type (PKCS#1, or SEC1 naming its curve). */
        public String privateKeyPem()
        {
            return traditionalPem(keys);
        }

        /** The private key in PKCS#8 ({@code -----BEGIN PRIVATE KEY-----}). */
        public String pkcs8PrivateKeyPem()
        {
            return "-----BEGIN PRIVATE KEY-----\n" + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(keys.getPrivate().getEncoded())
                    + "\n-----END PRIVATE KEY-----\n";
        }
    }

    private TestKeyMaterial() {}

    public static KeyPair rsa(int bits)
    {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(bits);
            return generator.generateKeyPair();
        }
        catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public static KeyPair ec()
    {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            return generator.generateKeyPair();
        }
        catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A self-signed certificate valid from an hour ago for {@code validity}. */
    public static Issued selfSigned(String commonName, KeyPair keys, Duration validity)
    {
        Instant now = Instant.now();
        return new Issued(keys, sign(commonName, keys, commonName, keys, now.minus(Duration.ofHours(1)), now.plus(validity)));
    }

    /** A certificate for {@code keys} signed by {@code issuer}. */
    public static Issued issuedBy(Issued issuer, String commonName, KeyPair keys, Duration validity)
    {
        String issuerName = issuer.certificate().getSubjectX500Principal().getName();
        Instant now = Instant.now();
        return new Issued(keys, sign(commonName, keys, issuerName, issuer.keys(), now.minus(Duration.ofHours(1)), now.plus(validity)));
    }

    /** A self-signed certificate valid only between the given instants (for expired and not-yet-valid cases). */
    public static Issued selfSigned(String commonName, KeyPair keys, Instant notBefore, Instant notAfter)
    {
        return new Issued(keys, sign(commonName, keys, commonName, keys, notBefore, notAfter));
    }

    private static X509Certificate sign(String commonName, KeyPair subject, String issuerName, KeyPair issuer, Instant notBefore, Instant notAfter)
    {
        try {
            X500Name issuerX500 = issuerName.contains("=") ? new X500Name(issuerName) : new X500Name("CN=" + issuerName);
            JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(issuerX500, BigInteger.valueOf(SERIAL.incrementAndGet()),
                    Date.from(notBefore), Date.from(notAfter), new X500Name("CN=" + commonName), subject.getPublic());
            String algorithm = issuer.getPrivate().getAlgorithm().equals("EC") ? "SHA256withECDSA" : "SHA256withRSA";
            X509CertificateHolder holder = builder.build(new JcaContentSignerBuilder(algorithm).build(issuer.getPrivate()));
            return new JcaX509CertificateConverter().getCertificate(holder);
        }
        catch (GeneralSecurityException | org.bouncycastle.operator.OperatorCreationException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * PKCS#1 for RSA; for EC, SEC1 with the curve and public key included, as {@code openssl ecparam -genkey} and
     * {@code openssl ec} write it (BouncyCastle's writer would leave the curve out of a JDK key's encoding).
     */
    public static String traditionalPem(KeyPair keys)
    {
        if (!(keys.getPrivate() instanceof ECPrivateKey ec)) {
            return pem(keys.getPrivate());
        }
        try {
            SubjectPublicKeyInfo spki = SubjectPublicKeyInfo.getInstance(keys.getPublic().getEncoded());
            ASN1ObjectIdentifier curve = ASN1ObjectIdentifier.getInstance(spki.getAlgorithm().getParameters());
            byte[] sec1 = new org.bouncycastle.asn1.sec.ECPrivateKey(ec.getParams().getOrder().bitLength(), ec.getS(), spki.getPublicKeyData(), curve)
                    .getEncoded();
            return "-----BEGIN EC PRIVATE KEY-----\n" + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(sec1) + "\n-----END EC PRIVATE KEY-----\n";
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String pem(Object object)
    {
        StringWriter out = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
            writer.writeObject(object);
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }
}
