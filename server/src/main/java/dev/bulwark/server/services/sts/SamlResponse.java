package dev.bulwark.server.services.sts;

import dev.bulwark.server.services.iam.SamlMetadata;
import dev.bulwark.server.services.iam.model.Tag;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

import javax.xml.crypto.MarshalException;
import javax.xml.crypto.dsig.Reference;
import javax.xml.crypto.dsig.XMLSignature;
import javax.xml.crypto.dsig.XMLSignatureException;
import javax.xml.crypto.dsig.XMLSignatureFactory;
import javax.xml.crypto.dsig.dom.DOMValidateContext;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * A SAML 2.0 Response as STS AssumeRoleWithSAML accepts it, verified against the IdP's metadata.
 *
 * <p>Checks, in order: well-formed XML without a DOCTYPE; a {@code samlp:Response} with a Success status and exactly
 * one {@code saml:Assertion}; an enveloped XML signature (JDK XML DSig, secure validation on) by a signing
 * certificate of the metadata, whose single reference is the Response or that Assertion (by its {@code ID}: a
 * signature over some other element, the classic signature-wrapping trick, does not count); the Issuer is the
 * metadata's entity ID; the audience and the bearer confirmation's Recipient are
 * {@code https://signin.aws.amazon.com/saml}; NotBefore/NotOnOrAfter hold now.
 *
 * @param issuer          the assertion's Issuer
 * @param subject         the NameID
 * @param subjectType     the NameID Format as STS reports it ({@code persistent}, {@code transient}, or the full URI)
 * @param roles           the pairs of the {@code https://aws.amazon.com/SAML/Attributes/Role} attribute
 * @param roleSessionName the {@code .../RoleSessionName} attribute
 * @param sessionDuration the {@code .../SessionDuration} attribute
 * @param sourceIdentity  the {@code .../SourceIdentity} attribute
 * @param conditionKeys   the {@code saml:*} keys derived from other attributes
 * @param sessionTags     the {@code .../PrincipalTag:<key>} attributes, each a session tag
 * @param transitiveTagKeys the values of the {@code .../TransitiveTagKeys} attribute
 */
public record SamlResponse(
        String issuer,
        String subject,
        String subjectType,
        List<RoleAndProvider> roles,
        Optional<String> roleSessionName,
        Optional<Integer> sessionDuration,
        Optional<String> sourceIdentity,
        Map<String, List<String>> conditionKeys,
        List<Tag> sessionTags,
        List<String> transitiveTagKeys)
{
    /** A response whose assertion passes no session tags. */
    public SamlResponse(String issuer, String subject, String subjectType, List<RoleAndProvider> roles, Optional<String> roleSessionName,
            Optional<Integer> sessionDuration, Optional<String> sourceIdentity, Map<String, List<String>> conditionKeys)
    {
        this(issuer, subject, subjectType, roles, roleSessionName, sessionDuration, sourceIdentity, conditionKeys, List.of(), List.of());
    }

    /** The audience and recipient AWS's sign-in endpoint is known by. */
    public static final String AWS_SIGNIN = "https://signin.aws.amazon.com/saml";
    static final String PROTOCOL_NS = "urn:oasis:names:tc:SAML:2.0:protocol";
    static final String ASSERTION_NS = "urn:oasis:names:tc:SAML:2.0:assertion";
    static final String ATTRIBUTE_PREFIX = "https://aws.amazon.com/SAML/Attributes/";
    /** Attributes named {@code PrincipalTag:<key>} pass session tags. */
    static final String PRINCIPAL_TAG_PREFIX = ATTRIBUTE_PREFIX + "PrincipalTag:";
    private static final String NAMEID_FORMAT_PREFIX = "urn:oasis:names:tc:SAML:2.0:nameid-format:";
    /** Attributes whose values IAM exposes as {@code saml:} condition keys, by their SAML names. */
    private static final Map<String, String> ATTRIBUTE_KEYS = Map.of(
            "urn:oid:1.3.6.1.4.1.5923.1.1.1.1", "saml:edupersonaffiliation",
            "urn:oid:1.3.6.1.4.1.5923.1.1.1.6", "saml:edupersonprincipalname",
            "urn:oid:1.3.6.1.4.1.5923.1.1.1.7", "saml:edupersonentitlement",
            "urn:oid:0.9.2342.19200300.100.1.3", "saml:mail",
            "urn:oid:2.5.4.3", "saml:cn",
            "urn:oid:0.9.2342.19200300.100.1.1", "saml:uid");

    public SamlResponse
    {
        requireNonNull(issuer, "issuer is null");
        requireNonNull(subject, "subject is null");
        requireNonNull(subjectType, "subjectType is null");
        roles = List.copyOf(requireNonNull(roles, "roles is null"));
        requireNonNull(roleSessionName, "roleSessionName is null");
        requireNonNull(sessionDuration, "sessionDuration is null");
        requireNonNull(sourceIdentity, "sourceIdentity is null");
        conditionKeys = Map.copyOf(requireNonNull(conditionKeys, "conditionKeys is null"));
        sessionTags = List.copyOf(requireNonNull(sessionTags, "sessionTags is null"));
        transitiveTagKeys = List.copyOf(requireNonNull(transitiveTagKeys, "transitiveTagKeys is null"));
    }

    /** One value of the Role attribute: a role and the SAML provider that may assume it. */
    public record RoleAndProvider(String roleArn, String providerArn) {}

    /**
     * @param encoded the base64 SAMLAssertion parameter
     * @throws software.amazon.awssdk.services.sts.model.InvalidIdentityTokenException with STS's wording
     */
    public static SamlResponse verify(String encoded, SamlMetadata metadata, Instant now)
    {
        Document document;
        try {
            document = SamlMetadata.secureParse(new String(Base64.getMimeDecoder().decode(encoded), StandardCharsets.UTF_8));
        }
        catch (IllegalArgumentException e) {
            throw FederationErrors.invalidSamlResponse();
        }
        Element response = document.getDocumentElement();
        if (!PROTOCOL_NS.equals(response.getNamespaceURI()) || !"Response".equals(response.getLocalName())) {
            throw FederationErrors.invalidSamlResponse();
        }
        Optional<Element> status = child(response, PROTOCOL_NS, "Status").flatMap(s -> child(s, PROTOCOL_NS, "StatusCode"));
        if (status.isEmpty() || !status.get().getAttribute("Value").equals("urn:oasis:names:tc:SAML:2.0:status:Success")) {
            throw FederationErrors.invalidSamlResponse();
        }
        List<Element> assertions = children(response, ASSERTION_NS, "Assertion");
        if (assertions.size() != 1 || document.getElementsByTagNameNS(ASSERTION_NS, "Assertion").getLength() != 1) {
            throw FederationErrors.invalidSamlResponse();
        }
        Element assertion = assertions.get(0);
        verifySignature(response, assertion, metadata.signingCertificates());

        String issuer = child(assertion, ASSERTION_NS, "Issuer").map(Node::getTextContent).map(String::trim).orElseThrow(FederationErrors::invalidSamlResponse);
        Optional<String> responseIssuer = child(response, ASSERTION_NS, "Issuer").map(Node::getTextContent).map(String::trim);
        if (!issuer.equals(metadata.entityId()) || responseIssuer.filter(value -> !value.equals(issuer)).isPresent()) {
            throw FederationErrors.samlIssuer();
        }
        Element subjectElement = child(assertion, ASSERTION_NS, "Subject").orElseThrow(FederationErrors::invalidSamlResponse);
        Element nameId = child(subjectElement, ASSERTION_NS, "NameID").orElseThrow(FederationErrors::invalidSamlResponse);
        checkConfirmation(subjectElement, now);
        checkConditions(assertion, now);

        List<RoleAndProvider> roles = new ArrayList<>();
        Optional<String> sessionName = Optional.empty();
        Optional<Integer> duration = Optional.empty();
        Optional<String> sourceIdentity = Optional.empty();
        Map<String, List<String>> keys = new HashMap<>();
        List<Tag> sessionTags = new ArrayList<>();
        List<String> transitiveTagKeys = new ArrayList<>();
        for (Element statement : children(assertion, ASSERTION_NS, "AttributeStatement")) {
            for (Element attribute : children(statement, ASSERTION_NS, "Attribute")) {
                String name = attribute.getAttribute("Name");
                List<String> values = children(attribute, ASSERTION_NS, "AttributeValue").stream().map(v -> v.getTextContent().trim()).toList();
                switch (name) {
                    case ATTRIBUTE_PREFIX + "Role" -> values.forEach(value -> roleAndProvider(value).ifPresent(roles::add));
                    case ATTRIBUTE_PREFIX + "RoleSessionName" -> sessionName = values.stream().findFirst();
                    case ATTRIBUTE_PREFIX + "SourceIdentity" -> sourceIdentity = values.stream().findFirst();
                    case ATTRIBUTE_PREFIX + "TransitiveTagKeys" -> transitiveTagKeys.addAll(values);
                    case ATTRIBUTE_PREFIX + "SessionDuration" -> {
                        try {
                            duration = values.stream().findFirst().map(Integer::valueOf);
                        }
                        catch (NumberFormatException e) {
                            throw FederationErrors.invalidSamlResponse();
                        }
                    }
                    default -> {
                        if (name.startsWith(PRINCIPAL_TAG_PREFIX) && name.length() > PRINCIPAL_TAG_PREFIX.length()) {
                            // One value per session tag: AWS does not support multivalued session tags.
                            sessionTags.add(new Tag(name.substring(PRINCIPAL_TAG_PREFIX.length()), values.isEmpty() ? "" : values.get(0)));
                            continue;
                        }
                        String key = ATTRIBUTE_KEYS.get(name);
                        if (key != null) {
                            keys.put(key, values);
                        }
                    }
                }
            }
        }
        return new SamlResponse(issuer, nameId.getTextContent().trim(), subjectType(nameId.getAttribute("Format")), roles, sessionName, duration,
                sourceIdentity, keys, sessionTags, transitiveTagKeys);
    }

    /**
     * STS's NameQualifier: {@code BASE64(SHA1(issuer + account + "/" + providerName))}, which with the subject
     * identifies a federated user across sessions.
     */
    public static String nameQualifier(String issuer, String accountId, String providerName)
    {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-1").digest((issuer + accountId + "/" + providerName).getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(digest);
        }
        catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK lacks SHA-1", e);
        }
    }

    static String subjectType(String format)
    {
        if (format == null || format.isEmpty()) {
            return "unspecified";
        }
        return format.startsWith(NAMEID_FORMAT_PREFIX) ? format.substring(NAMEID_FORMAT_PREFIX.length()) : format;
    }

    private static void verifySignature(Element response, Element assertion, List<X509Certificate> certificates)
    {
        // A signature counts only as a direct child of the element its one reference names.
        for (Element signed : List.of(response, assertion)) {
            Optional<Element> signature = child(signed, SamlMetadata.DSIG_NS, "Signature");
            if (signature.isEmpty() || signed.getAttribute("ID").isEmpty()) {
                continue;
            }
            for (X509Certificate certificate : certificates) {
                if (validates(signature.get(), signed, certificate)) {
                    return;
                }
            }
            throw FederationErrors.samlSignature();
        }
        throw FederationErrors.samlSignature();
    }

    private static boolean validates(Element signature, Element signed, X509Certificate certificate)
    {
        try {
            DOMValidateContext context = new DOMValidateContext(certificate.getPublicKey(), signature);
            context.setProperty("org.jcp.xml.dsig.secureValidation", Boolean.TRUE);
            context.setIdAttributeNS(signed, null, "ID");
            XMLSignature xmlSignature = XMLSignatureFactory.getInstance("DOM").unmarshalXMLSignature(context);
            List<?> references = xmlSignature.getSignedInfo().getReferences();
            if (references.size() != 1 || !("#" + signed.getAttribute("ID")).equals(((Reference) references.get(0)).getURI())) {
                return false;
            }
            return xmlSignature.validate(context);
        }
        catch (MarshalException | XMLSignatureException | RuntimeException e) {
            return false;
        }
    }

    private static void checkConfirmation(Element subject, Instant now)
    {
        for (Element confirmation : children(subject, ASSERTION_NS, "SubjectConfirmation")) {
            Optional<Element> data = child(confirmation, ASSERTION_NS, "SubjectConfirmationData");
            if (data.isEmpty()) {
                continue;
            }
            String recipient = data.get().getAttribute("Recipient");
            if (!recipient.isEmpty() && !recipient.equals(AWS_SIGNIN)) {
                throw FederationErrors.samlRecipient();
            }
            if (time(data.get(), "NotOnOrAfter").filter(limit -> !now.isBefore(limit)).isPresent()) {
                throw FederationErrors.samlExpired();
            }
        }
    }

    private static void checkConditions(Element assertion, Instant now)
    {
        Element conditions = child(assertion, ASSERTION_NS, "Conditions").orElseThrow(FederationErrors::invalidSamlResponse);
        if (time(conditions, "NotOnOrAfter").filter(limit -> !now.isBefore(limit)).isPresent()) {
            throw FederationErrors.samlExpired();
        }
        if (time(conditions, "NotBefore").filter(start -> now.isBefore(start)).isPresent()) {
            throw FederationErrors.invalidSamlResponse();
        }
        boolean forAws = false;
        for (Element restriction : children(conditions, ASSERTION_NS, "AudienceRestriction")) {
            for (Element audience : children(restriction, ASSERTION_NS, "Audience")) {
                String value = audience.getTextContent().trim();
                forAws |= value.equals(AWS_SIGNIN) || value.equals("urn:amazon:webservices");
            }
        }
        if (!forAws) {
            throw FederationErrors.samlAudience();
        }
    }

    /** {@code arn:aws:iam::A:role/R,arn:aws:iam::A:saml-provider/P}, in either order. */
    private static Optional<RoleAndProvider> roleAndProvider(String value)
    {
        String[] parts = value.split(",");
        if (parts.length != 2) {
            return Optional.empty();
        }
        String first = parts[0].trim();
        String second = parts[1].trim();
        if (first.contains(":saml-provider/")) {
            return Optional.of(new RoleAndProvider(second, first));
        }
        return Optional.of(new RoleAndProvider(first, second));
    }

    private static Optional<Instant> time(Element element, String attribute)
    {
        String value = element.getAttribute(attribute);
        if (value.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(OffsetDateTime.parse(value).toInstant());
        }
        catch (DateTimeParseException e) {
            throw FederationErrors.invalidSamlResponse();
        }
    }

    private static Optional<Element> child(Element parent, String namespace, String localName)
    {
        return children(parent, namespace, localName).stream().findFirst();
    }

    private static List<Element> children(Element parent, String namespace, String localName)
    {
        List<Element> found = new ArrayList<>();
        NodeList nodes = parent.getChildNodes();
        for (int i = 0; i < nodes.getLength(); i++) {
            if (nodes.item(i) instanceof Element element && namespace.equals(element.getNamespaceURI()) && localName.equals(element.getLocalName())) {
                found.add(element);
            }
        }
        return found;
    }
}
