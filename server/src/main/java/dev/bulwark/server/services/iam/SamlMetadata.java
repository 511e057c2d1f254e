package dev.bulwark.server.services.iam;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;
import software.amazon.awssdk.services.iam.model.InvalidInputException;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import java.io.ByteArrayInputStream;
import java.io.StringReader;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * A SAML 2.0 metadata document as IAM accepts it: an {@code EntityDescriptor} with an {@code IDPSSODescriptor}
 * holding at least one signing certificate ({@code KeyDescriptor} with {@code use="signing"} or no {@code use}).
 * Parsed without DTDs or external entities.
 *
 * @param entityId            the IdP's entity ID, which SAML responses name as their Issuer
 * @param signingCertificates the certificates SAML responses must be signed with
 * @param validUntil          the document's {@code validUntil}, if any
 */
public record SamlMetadata(String entityId, List<X509Certificate> signingCertificates, Optional<Instant> validUntil)
{
    public static final String METADATA_NS = "urn:oasis:names:tc:SAML:2.0:metadata";
    public static final String DSIG_NS = "http://www.w3.org/2000/09/xmldsig#";

    public SamlMetadata
    {
        requireNonNull(entityId, "entityId is null");
        signingCertificates = List.copyOf(requireNonNull(signingCertificates, "signingCertificates is null"));
        requireNonNull(validUntil, "validUntil is null");
    }

    /**
     * The provider's ValidUntil: the document's {@code validUntil}, else when its first signing certificate expires
     * (after which no response it signs can be trusted).
     */
    public Instant expiration()
    {
        return validUntil.orElseGet(() -> signingCertificates.stream().map(certificate -> certificate.getNotAfter().toInstant()).min(Instant::compareTo)
                .orElseThrow());
    }

    /** @throws InvalidInputException with IAM's wording when the document is not usable metadata */
    public static SamlMetadata parse(String document)
    {
        try {
            Element root = secureParse(document).getDocumentElement();
            if (!METADATA_NS.equals(root.getNamespaceURI()) || !"EntityDescriptor".equals(root.getLocalName())) {
                throw couldNotParse();
            }
            String entityId = root.getAttribute("entityID");
            NodeList idps = root.getElementsByTagNameNS(METADATA_NS, "IDPSSODescriptor");
            if (entityId.isEmpty() || idps.getLength() == 0) {
                throw couldNotParse();
            }
            CertificateFactory factory = CertificateFactory.getInstance("X.509");
            List<X509Certificate> certificates = new ArrayList<>();
            NodeList keys = ((Element) idps.item(0)).getElementsByTagNameNS(METADATA_NS, "KeyDescriptor");
            for (int i = 0; i < keys.getLength(); i++) {
                Element key = (Element) keys.item(i);
                String use = key.getAttribute("use");
                if (!use.isEmpty() && !use.equals("signing")) {
                    continue;
                }
                NodeList certs = key.getElementsByTagNameNS(DSIG_NS, "X509Certificate");
                for (int j = 0; j < certs.getLength(); j++) {
                    byte[] der = Base64.getMimeDecoder().decode(certs.item(j).getTextContent().trim());
                    certificates.add((X509Certificate) factory.generateCertificate(new ByteArrayInputStream(der)));
                }
            }
            if (certificates.isEmpty()) {
                throw couldNotParse();
            }
            Optional<Instant> validUntil = Optional.empty();
            if (!root.getAttribute("validUntil").isEmpty()) {
                validUntil = Optional.of(OffsetDateTime.parse(root.getAttribute("validUntil")).toInstant());
            }
            return new SamlMetadata(entityId, certificates, validUntil);
        }
        catch (CertificateException | IllegalArgumentException | DateTimeParseException e) {
            throw couldNotParse();
        }
    }

    /** Parses XML with namespaces, refusing DOCTYPEs (and so external entities and entity expansion). */
    public static Document secureParse(String xml)
    {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setXIncludeAware(false);
            factory.setExpandEntityReferences(false);
            factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
            DocumentBuilder builder = factory.newDocumentBuilder();
            // Fail on the first error without printing it (the default handler writes to standard error).
            builder.setErrorHandler(new org.xml.sax.helpers.DefaultHandler()
            {
                @Override
                public void fatalError(org.xml.sax.SAXParseException e)
                        throws org.xml.sax.SAXException
                {
                    throw e;
                }
            });
            return builder.parse(new InputSource(new StringReader(xml)));
        }
        catch (ParserConfigurationException e) {
            throw new IllegalStateException("the JDK's XML parser lacks a required feature", e);
        }
        catch (java.io.IOException | org.xml.sax.SAXException e) {
            throw new IllegalArgumentException("not well-formed XML", e);
        }
    }

    private static InvalidInputException couldNotParse()
    {
        return InvalidInputException.builder().message("Could not parse metadata").build();
    }
}
