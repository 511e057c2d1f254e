package dev.bulwark.server.services.sts;

import dev.bulwark.server.services.iam.SamlMetadata;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.iam.model.InvalidInputException;
import software.amazon.awssdk.services.sts.model.InvalidIdentityTokenException;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The pure parts of SAML federation: STS's derived values and the XML parser's refusal of DOCTYPEs. */
final class TestSamlResponse
{
    @Test
    void subjectTypeDropsOnlyTheStandardNameIdPrefix()
    {
        assertThat(SamlResponse.subjectType("urn:oasis:names:tc:SAML:2.0:nameid-format:persistent")).isEqualTo("persistent");
        assertThat(SamlResponse.subjectType("urn:oasis:names:tc:SAML:2.0:nameid-format:transient")).isEqualTo("transient");
        assertThat(SamlResponse.subjectType("urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress"))
                .isEqualTo("urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress");
        assertThat(SamlResponse.subjectType("")).isEqualTo("unspecified");
    }

    @Test
    void nameQualifierIsTheDocumentedHash()
    {
        // BASE64(SHA1("https://example.com/saml" + "123456789012" + "/MySAMLIdP")), as STS's documentation spells it out
        assertThat(SamlResponse.nameQualifier("https://example.com/saml", "123456789012", "MySAMLIdP"))
                .isEqualTo(Base64.getEncoder().encodeToString(sha1("https://example.com/saml123456789012/MySAMLIdP")))
                .hasSize(28);
    }

    @Test
    void documentsWithADoctypeAreRefusedBeforeAnyEntityIsResolved()
    {
        String xxe = "<?xml version=\"1.0\"?><!DOCTYPE md [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
                + "<md:EntityDescriptor xmlns:md=\"urn:oasis:names:tc:SAML:2.0:metadata\" entityID=\"&x;\"/>";
        assertThatThrownBy(() -> SamlMetadata.parse(xxe))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.getMessage()).startsWith("Could not parse metadata"));
        String response = Base64.getEncoder().encodeToString(("<!DOCTYPE r [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;\">]>"
                + "<samlp:Response xmlns:samlp=\"urn:oasis:names:tc:SAML:2.0:protocol\">&b;</samlp:Response>").getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> SamlResponse.verify(response, null, java.time.Instant.now())).isInstanceOf(InvalidIdentityTokenException.class);
    }

    private static byte[] sha1(String text)
    {
        try {
            return java.security.MessageDigest.getInstance("SHA-1").digest(text.getBytes(StandardCharsets.UTF_8));
        }
        catch (java.security.NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }
}
