package dev.bulwark.server.http;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.util.io.pem.PemObject;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;

/**
 * The TLS listener's certificate: the operator's PEM files, or a self-signed one generated once at {@code init}
 * and kept in the data directory (key file mode 0600) so clients can pin it across restarts.
 */
public final class TlsMaterial
{
    public static final String CERT_FILE = "tls.crt";
    public static final String KEY_FILE = "tls.key";

    private TlsMaterial() {}

    /** Creates a self-signed certificate for localhost/127.0.0.1 in {@code dataDir} unless one is there already. */
    public static void ensureSelfSigned(Path dataDir)
    {
        Path cert = dataDir.resolve(CERT_FILE);
        Path key = dataDir.resolve(KEY_FILE);
        if (Files.exists(cert) && Files.exists(key)) {
            return;
        }
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(256, new SecureRandom());
            KeyPair pair = generator.generateKeyPair();
            X500Name subject = new X500Name("CN=localhost, O=Bulwark");
            Instant now = Instant.now();
            JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(
                    subject,
                    new BigInteger(64, new SecureRandom()),
                    Date.from(now.minus(Duration.ofDays(1))),
                    Date.from(now.plus(Duration.ofDays(3650))),
                    subject,
                    pair.getPublic());
            builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName[] {
                    new GeneralName(GeneralName.dNSName, "localhost"),
                    new GeneralName(GeneralName.dNSName, "*.localhost"),
                    new GeneralName(GeneralName.iPAddress, "127.0.0.1"),
                    new GeneralName(GeneralName.iPAddress, "::1")}));
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            X509CertificateHolder holder = builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(pair.getPrivate()));
            X509Certificate certificate = new JcaX509CertificateConverter().getCertificate(holder);
            Files.createDirectories(dataDir);
            // PKCS#8 ("PRIVATE KEY"), the form every TLS stack reads; the SEC1 form carries no public key here.
            writePem(key, new PemObject("PRIVATE KEY", pair.getPrivate().getEncoded()), true);
            writePem(cert, certificate, false);
        }
        catch (GeneralSecurityException | OperatorCreationException | IOException e) {
            throw new IllegalStateException("cannot create the self-signed TLS certificate in " + dataDir, e);
        }
    }

    /** A key store holding the PEM key and certificate chain, for the TLS connector. */
    public static KeyStore load(Path certificatePem, Path keyPem, char[] password)
    {
        try {
            List<Certificate> chain = new ArrayList<>();
            try (Reader reader = Files.newBufferedReader(certificatePem, StandardCharsets.US_ASCII); PEMParser parser = new PEMParser(reader)) {
                Object item;
                while ((item = parser.readObject()) != null) {
                    if (item instanceof X509CertificateHolder holder) {
                        chain.add(new JcaX509CertificateConverter().getCertificate(holder));
                    }
                }
            }
            PrivateKey privateKey;
            try (Reader reader = Files.newBufferedReader(keyPem, StandardCharsets.US_ASCII); PEMParser parser = new PEMParser(reader)) {
                Object item = parser.readObject();
                JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
                if (item instanceof PEMKeyPair keyPair) {
                    privateKey = converter.getKeyPair(keyPair).getPrivate();
                }
                else if (item instanceof PrivateKeyInfo info) {
                    privateKey = converter.getPrivateKey(info);
                }
                else {
                    throw new IllegalArgumentException("no private key in " + keyPem);
                }
            }
            if (chain.isEmpty()) {
                throw new IllegalArgumentException("no certificate in " + certificatePem);
            }
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setKeyEntry("bulwark", privateKey, password, chain.toArray(Certificate[]::new));
            return store;
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot load TLS material from " + certificatePem, e);
        }
    }

    private static void writePem(Path path, Object object, boolean secret) throws IOException
    {
        Path temp = path.resolveSibling(path.getFileName() + ".tmp");
        Files.deleteIfExists(temp);
        if (secret) {
            Files.createFile(temp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        }
        try (Writer writer = Files.newBufferedWriter(temp, StandardCharsets.US_ASCII); JcaPEMWriter pem = new JcaPEMWriter(writer)) {
            pem.writeObject(object);
        }
        Files.move(temp, path, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }
}
