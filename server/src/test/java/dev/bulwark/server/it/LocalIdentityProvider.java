package dev.bulwark.server.it;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import dev.bulwark.server.http.TlsMaterial;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.xml.crypto.dsig.CanonicalizationMethod;
import javax.xml.crypto.dsig.DigestMethod;
import javax.xml.crypto.dsig.Reference;
import javax.xml.crypto.dsig.SignatureMethod;
import javax.xml.crypto.dsig.SignedInfo;
import javax.xml.crypto.dsig.Transform;
import javax.xml.crypto.dsig.XMLSignatureFactory;
import javax.xml.crypto.dsig.dom.DOMSignContext;
import javax.xml.crypto.dsig.spec.C14NMethodParameterSpec;
import javax.xml.crypto.dsig.spec.TransformParameterSpec;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import java.io.ByteArrayInputStream;
import java.io.StringWriter;
import java.math.BigInteger;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Supplier;

/**
 * Test fixture: a real OpenID Connect issuer on a local HTTPS server (self-signed certificate for localhost) with an
 * RSA and an EC signing key, serving its discovery document and JWKS; it signs ID tokens with the JDK. It also plays
 * a SAML IdP: an RSA certificate, its metadata, and responses signed with the JDK's XML DSig.
 */
public final class LocalIdentityProvider implements AutoCloseable
{
    static final String RSA_KID = "rsa-1";
    static final String EC_KID = "ec-1";

    private final HttpsServer server;
    private final X509Certificate tlsCertificate;
    private final KeyPair rsa;
    private final KeyPair ec;
    private final KeyPair samlKey;
    private final X509Certificate samlCertificate;
    private volatile Supplier<String> jwksBody;

    private LocalIdentityProvider(HttpsServer server, X509Certificate tlsCertificate, KeyPair rsa, KeyPair ec, KeyPair samlKey, X509Certificate samlCertificate)
    {
        this.server = server;
        this.tlsCertificate = tlsCertificate;
        this.rsa = rsa;
        this.ec = ec;
        this.samlKey = samlKey;
        this.samlCertificate = samlCertificate;
        this.jwksBody = this::jwks;
    }

    public static LocalIdentityProvider start(Path dir) throws Exception
    {
        Files.createDirectories(dir);
        TlsMaterial.ensureSelfSigned(dir);
        char[] password = "test".toCharArray();
        KeyStore keys = TlsMaterial.load(dir.resolve(TlsMaterial.CERT_FILE), dir.resolve(TlsMaterial.KEY_FILE), password);
        X509Certificate tlsCertificate = (X509Certificate) keys.getCertificate(keys.aliases().nextElement());
        KeyManagerFactory managers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        managers.init(keys, password);
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(managers.getKeyManagers(), null, null);

        KeyPairGenerator rsaGenerator = KeyPairGenerator.getInstance("RSA");
        rsaGenerator.initialize(2048);
        KeyPairGenerator ecGenerator = KeyPairGenerator.getInstance("EC");
        ecGenerator.initialize(new ECGenParameterSpec("secp256r1"));
        KeyPair samlKey = rsaGenerator.generateKeyPair();
        X509Certificate samlCertificate = selfSigned(samlKey, "CN=saml.idp.test");

        HttpsServer server = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(tls));
        LocalIdentityProvider provider = new LocalIdentityProvider(server, tlsCertificate, rsaGenerator.generateKeyPair(), ecGenerator.generateKeyPair(),
                samlKey, samlCertificate);
        server.createContext("/.well-known/openid-configuration", exchange -> respond(exchange,
                "{\"issuer\":\"" + provider.issuer() + "\",\"jwks_uri\":\"" + provider.issuer() + "/keys\"}"));
        server.createContext("/keys", exchange -> respond(exchange, provider.jwksBody.get()));
        server.start();
        return provider;
    }

    private static void respond(com.sun.net.httpserver.HttpExchange exchange, String body) throws java.io.IOException
    {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    /** The issuer, as tokens name it in {@code iss} and as CreateOpenIDConnectProvider takes it. */
    public String issuer()
    {
        return "https://localhost:" + server.getAddress().getPort();
    }

    /** The issuer without its scheme: the OIDC provider ARN's suffix and the condition-key prefix. */
    public String host()
    {
        return issuer().substring("https://".length());
    }

    /** IAM's thumbprint of the issuer's (self-signed) certificate. */
    public String thumbprint() throws Exception
    {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(tlsCertificate.getEncoded()));
    }

    /** Serves something else as the key set from now on. */
    void serveJwks(Supplier<String> body)
    {
        this.jwksBody = body;
    }

    String jwks()
    {
        RSAPublicKey rsaKey = (RSAPublicKey) rsa.getPublic();
        ECPublicKey ecKey = (ECPublicKey) ec.getPublic();
        return "{\"keys\":[{\"kty\":\"RSA\",\"kid\":\"" + RSA_KID + "\",\"use\":\"sig\",\"alg\":\"RS256\",\"n\":\"" + b64(unsigned(rsaKey.getModulus()))
                + "\",\"e\":\"" + b64(unsigned(rsaKey.getPublicExponent())) + "\"},"
                + "{\"kty\":\"EC\",\"kid\":\"" + EC_KID + "\",\"use\":\"sig\",\"crv\":\"P-256\",\"x\":\"" + b64(fixed(ecKey.getW().getAffineX(), 32))
                + "\",\"y\":\"" + b64(fixed(ecKey.getW().getAffineY(), 32)) + "\"}]}";
    }

    /** An RS256 ID token with the given claims (JSON object members, without braces). */
    public String rs256(String claims) throws Exception
    {
        return sign("RS256", RSA_KID, claims, rsa.getPrivate(), "SHA256withRSA");
    }

    String es256(String claims) throws Exception
    {
        return sign("ES256", EC_KID, claims, ec.getPrivate(), "SHA256withECDSAinP1363Format");
    }

    /** Signed by a key the issuer does not publish, under the kid of its RSA key. */
    static String rs256WithForeignKey(String claims) throws Exception
    {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        return sign("RS256", RSA_KID, claims, generator.generateKeyPair().getPrivate(), "SHA256withRSA");
    }

    /** Standard claims: this issuer, the audience and subject, valid for the next hour from {@code now}. */
    public String claims(String audience, String subject, Instant now)
    {
        return "\"iss\":\"" + issuer() + "\",\"aud\":\"" + audience + "\",\"sub\":\"" + subject + "\",\"iat\":" + now.getEpochSecond()
                + ",\"exp\":" + now.plus(Duration.ofHours(1)).getEpochSecond();
    }

    private static String sign(String alg, String kid, String claims, PrivateKey key, String javaAlgorithm) throws Exception
    {
        String input = b64(("{\"alg\":\"" + alg + "\",\"typ\":\"JWT\",\"kid\":\"" + kid + "\"}").getBytes(StandardCharsets.UTF_8)) + "."
                + b64(("{" + claims + "}").getBytes(StandardCharsets.UTF_8));
        Signature signature = Signature.getInstance(javaAlgorithm);
        signature.initSign(key);
        signature.update(input.getBytes(StandardCharsets.US_ASCII));
        return input + "." + b64(signature.sign());
    }

    // ---------------------------------------------------------------- SAML

    static final String SAML_ENTITY_ID = "https://idp.example.test/saml";

    /** The IdP's metadata document, naming its signing certificate. */
    String samlMetadata() throws Exception
    {
        return samlMetadata(samlCertificate);
    }

    static String samlMetadata(X509Certificate certificate) throws Exception
    {
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
                + "<md:EntityDescriptor xmlns:md=\"urn:oasis:names:tc:SAML:2.0:metadata\" entityID=\"" + SAML_ENTITY_ID + "\">"
                + "<md:IDPSSODescriptor protocolSupportEnumeration=\"urn:oasis:names:tc:SAML:2.0:protocol\">"
                + "<md:KeyDescriptor use=\"signing\"><ds:KeyInfo xmlns:ds=\"http://www.w3.org/2000/09/xmldsig#\"><ds:X509Data><ds:X509Certificate>"
                + Base64.getEncoder().encodeToString(certificate.getEncoded())
                + "</ds:X509Certificate></ds:X509Data></ds:KeyInfo></md:KeyDescriptor>"
                + "<md:NameIDFormat>urn:oasis:names:tc:SAML:2.0:nameid-format:persistent</md:NameIDFormat>"
                + "<md:SingleSignOnService Binding=\"urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect\" Location=\"https://idp.example.test/sso\"/>"
                + "</md:IDPSSODescriptor></md:EntityDescriptor>";
    }

    /** What a SAML response asserts. */
    record Assertion(String subject, List<String> roles, String sessionName, Instant notOnOrAfter, String audience, String recipient)
    {
        Assertion withAudience(String value)
        {
            return new Assertion(subject, roles, sessionName, notOnOrAfter, value, recipient);
        }
    }

    /** A base64 SAML response with the assertion signed (enveloped) by this IdP's key. */
    String samlResponse(Assertion assertion) throws Exception
    {
        return samlResponse(assertion, samlKey.getPrivate(), false);
    }

    /** Signed by this IdP, then its NameID altered. */
    String tamperedSamlResponse(Assertion assertion) throws Exception
    {
        return samlResponse(assertion, samlKey.getPrivate(), true);
    }

    /** Signed by this IdP, with more {@code saml:Attribute} elements (session tags, for instance) after the standard ones. */
    String samlResponse(Assertion assertion, String extraAttributes) throws Exception
    {
        return samlResponse(assertion, samlKey.getPrivate(), false, extraAttributes);
    }

    /** Signed by another key, or signed and then altered. */
    String samlResponse(Assertion assertion, PrivateKey key, boolean tamper) throws Exception
    {
        return samlResponse(assertion, key, tamper, "");
    }

    private String samlResponse(Assertion assertion, PrivateKey key, boolean tamper, String extraAttributes) throws Exception
    {
        Instant issued = assertion.notOnOrAfter().minus(Duration.ofMinutes(5));
        StringBuilder attributes = new StringBuilder();
        attributes.append("<saml:Attribute Name=\"https://aws.amazon.com/SAML/Attributes/Role\">");
        for (String role : assertion.roles()) {
            attributes.append("<saml:AttributeValue>").append(role).append("</saml:AttributeValue>");
        }
        attributes.append("</saml:Attribute>");
        if (assertion.sessionName() != null) {
            attributes.append("<saml:Attribute Name=\"https://aws.amazon.com/SAML/Attributes/RoleSessionName\"><saml:AttributeValue>")
                    .append(assertion.sessionName()).append("</saml:AttributeValue></saml:Attribute>");
        }
        attributes.append(extraAttributes);
        String xml = "<samlp:Response xmlns:samlp=\"urn:oasis:names:tc:SAML:2.0:protocol\" xmlns:saml=\"urn:oasis:names:tc:SAML:2.0:assertion\""
                + " ID=\"_r1\" Version=\"2.0\" IssueInstant=\"" + issued + "\" Destination=\"https://signin.aws.amazon.com/saml\">"
                + "<saml:Issuer>" + SAML_ENTITY_ID + "</saml:Issuer>"
                + "<samlp:Status><samlp:StatusCode Value=\"urn:oasis:names:tc:SAML:2.0:status:Success\"/></samlp:Status>"
                + "<saml:Assertion ID=\"_a1\" Version=\"2.0\" IssueInstant=\"" + issued + "\">"
                + "<saml:Issuer>" + SAML_ENTITY_ID + "</saml:Issuer>"
                + "<saml:Subject><saml:NameID Format=\"urn:oasis:names:tc:SAML:2.0:nameid-format:persistent\">" + assertion.subject() + "</saml:NameID>"
                + "<saml:SubjectConfirmation Method=\"urn:oasis:names:tc:SAML:2.0:cm:bearer\"><saml:SubjectConfirmationData NotOnOrAfter=\""
                + assertion.notOnOrAfter() + "\" Recipient=\"" + assertion.recipient() + "\"/></saml:SubjectConfirmation></saml:Subject>"
                + "<saml:Conditions NotBefore=\"" + issued + "\" NotOnOrAfter=\"" + assertion.notOnOrAfter() + "\"><saml:AudienceRestriction><saml:Audience>"
                + assertion.audience() + "</saml:Audience></saml:AudienceRestriction></saml:Conditions>"
                + "<saml:AuthnStatement AuthnInstant=\"" + issued + "\"><saml:AuthnContext><saml:AuthnContextClassRef>"
                + "urn:oasis:names:tc:SAML:2.0:ac:classes:PasswordProtectedTransport</saml:AuthnContextClassRef></saml:AuthnContext></saml:AuthnStatement>"
                + "<saml:AttributeStatement>" + attributes + "</saml:AttributeStatement>"
                + "</saml:Assertion></samlp:Response>";
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        Document document = factory.newDocumentBuilder().parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
        Element signed = (Element) document.getElementsByTagNameNS("urn:oasis:names:tc:SAML:2.0:assertion", "Assertion").item(0);
        signed.setIdAttributeNS(null, "ID", true);
        XMLSignatureFactory signatures = XMLSignatureFactory.getInstance("DOM");
        Reference reference = signatures.newReference("#_a1", signatures.newDigestMethod(DigestMethod.SHA256, null),
                List.of(signatures.newTransform(Transform.ENVELOPED, (TransformParameterSpec) null),
                        signatures.newTransform(CanonicalizationMethod.EXCLUSIVE, (TransformParameterSpec) null)), null, null);
        SignedInfo info = signatures.newSignedInfo(signatures.newCanonicalizationMethod(CanonicalizationMethod.EXCLUSIVE, (C14NMethodParameterSpec) null),
                signatures.newSignatureMethod(SignatureMethod.RSA_SHA256, null), List.of(reference));
        // The signature goes after the assertion's Issuer, as the SAML schema places it.
        DOMSignContext context = new DOMSignContext(key, signed, signed.getElementsByTagNameNS("urn:oasis:names:tc:SAML:2.0:assertion", "Subject").item(0));
        signatures.newXMLSignature(info, null).sign(context);
        if (tamper) {
            document.getElementsByTagNameNS("urn:oasis:names:tc:SAML:2.0:assertion", "NameID").item(0).setTextContent("someone-else");
        }
        StringWriter out = new StringWriter();
        TransformerFactory.newInstance().newTransformer().transform(new DOMSource(document), new StreamResult(out));
        return Base64.getEncoder().encodeToString(out.toString().getBytes(StandardCharsets.UTF_8));
    }

    static KeyPair rsaKeyPair() throws Exception
    {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        return generator.generateKeyPair();
    }

    static X509Certificate selfSigned(KeyPair pair, String subject) throws Exception
    {
        Instant now = Instant.now();
        X500Name name = new X500Name(subject);
        var builder = new JcaX509v3CertificateBuilder(name, BigInteger.valueOf(now.toEpochMilli()), Date.from(now.minus(Duration.ofDays(1))),
                Date.from(now.plus(Duration.ofDays(365))), name, pair.getPublic());
        return new JcaX509CertificateConverter().getCertificate(builder.build(new JcaContentSignerBuilder("SHA256withRSA").build(pair.getPrivate())));
    }

    private static String b64(byte[] bytes)
    {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static byte[] unsigned(BigInteger value)
    {
        byte[] bytes = value.toByteArray();
        return bytes[0] == 0 && bytes.length > 1 ? java.util.Arrays.copyOfRange(bytes, 1, bytes.length) : bytes;
    }

    private static byte[] fixed(BigInteger value, int length)
    {
        byte[] bytes = unsigned(value);
        byte[] out = new byte[length];
        System.arraycopy(bytes, 0, out, length - bytes.length, bytes.length);
        return out;
    }

    @Override
    public void close()
    {
        server.stop(0);
    }

}
