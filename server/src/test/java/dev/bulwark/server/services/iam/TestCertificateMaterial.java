package dev.bulwark.server.services.iam;

import org.junit.jupiter.api.Test;

import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Certificates and private keys in the PEM encodings openssl writes, parsed with the JDK, and the key-pair match. */
final class TestCertificateMaterial
{
    @Test
    void rsaKeysInPkcs1AndPkcs8MatchTheirCertificateOnly()
    {
        TestKeyMaterial.Issued issued = TestKeyMaterial.selfSigned("rsa.example", TestKeyMaterial.rsa(2048), Duration.ofDays(30));
        X509Certificate certificate = CertificateMaterial.certificate(issued.certificatePem());
        assertThat(certificate).isEqualTo(issued.certificate());
        assertThat(issued.privateKeyPem()).startsWith("-----BEGIN RSA PRIVATE KEY-----");
        PrivateKey pkcs1 = CertificateMaterial.privateKey(issued.privateKeyPem());
        PrivateKey pkcs8 = CertificateMaterial.privateKey(issued.pkcs8PrivateKeyPem());
        assertThat(CertificateMaterial.matches(certificate, pkcs1)).isTrue();
        assertThat(CertificateMaterial.matches(certificate, pkcs8)).isTrue();
        PrivateKey other = CertificateMaterial.privateKey(TestKeyMaterial.pem(TestKeyMaterial.rsa(2048).getPrivate()));
        assertThat(CertificateMaterial.matches(certificate, other)).isFalse();
    }

    @Test
    void ecKeysInSec1AndPkcs8MatchTheirCertificateOnly()
    {
        KeyPair pair = TestKeyMaterial.ec();
        TestKeyMaterial.Issued issued = TestKeyMaterial.selfSigned("ec.example", pair, Duration.ofDays(30));
        assertThat(issued.privateKeyPem()).startsWith("-----BEGIN EC PRIVATE KEY-----");
        X509Certificate certificate = CertificateMaterial.certificate(issued.certificatePem());
        assertThat(CertificateMaterial.matches(certificate, CertificateMaterial.privateKey(issued.privateKeyPem()))).isTrue();
        assertThat(CertificateMaterial.matches(certificate, CertificateMaterial.privateKey(issued.pkcs8PrivateKeyPem()))).isTrue();
        assertThat(CertificateMaterial.matches(certificate, CertificateMaterial.privateKey(TestKeyMaterial.traditionalPem(TestKeyMaterial.ec())))).isFalse();
        assertThat(CertificateMaterial.matches(certificate, CertificateMaterial.privateKey(TestKeyMaterial.pem(TestKeyMaterial.rsa(2048).getPrivate()))))
                .as("an RSA key never matches an EC certificate").isFalse();
    }

    @Test
    void chainsParseInOrderAndGarbageIsRefused()
    {
        TestKeyMaterial.Issued root = TestKeyMaterial.selfSigned("root", TestKeyMaterial.rsa(2048), Duration.ofDays(30));
        TestKeyMaterial.Issued intermediate = TestKeyMaterial.issuedBy(root, "intermediate", TestKeyMaterial.rsa(2048), Duration.ofDays(30));
        assertThat(CertificateMaterial.certificates(intermediate.certificatePem() + "\n" + root.certificatePem()))
                .containsExactly(intermediate.certificate(), root.certificate());

        assertThatThrownBy(() -> CertificateMaterial.certificate("invalid-certificate-body")).isInstanceOf(CertificateMaterial.BadMaterialException.class);
        assertThatThrownBy(() -> CertificateMaterial.certificate("-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----"))
                .isInstanceOf(CertificateMaterial.BadMaterialException.class);
        assertThatThrownBy(() -> CertificateMaterial.certificate(intermediate.certificatePem() + root.certificatePem()))
                .as("a body is one certificate").isInstanceOf(CertificateMaterial.BadMaterialException.class);
        assertThatThrownBy(() -> CertificateMaterial.certificates("text before\n" + root.certificatePem()))
                .isInstanceOf(CertificateMaterial.BadMaterialException.class);
        assertThatThrownBy(() -> CertificateMaterial.privateKey(root.certificatePem())).isInstanceOf(CertificateMaterial.BadMaterialException.class);
        assertThatThrownBy(() -> CertificateMaterial.privateKey("-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----"))
                .isInstanceOf(CertificateMaterial.BadMaterialException.class);
    }

    @Test
    void signingCertificateIdsAre32CharactersOfAwsIdAlphabetAndStable()
    {
        TestKeyMaterial.Issued issued = TestKeyMaterial.selfSigned("id.example", TestKeyMaterial.rsa(2048), Duration.ofDays(30));
        String id = IamCredentialOperations.certificateIdOf(issued.certificate());
        assertThat(id).matches("[A-Z2-7]{32}");
        String rewrapped = issued.certificatePem().replace("\n", "\r\n");
        assertThat(IamCredentialOperations.certificateIdOf(CertificateMaterial.certificate(rewrapped))).isEqualTo(id);
        TestKeyMaterial.Issued other = TestKeyMaterial.selfSigned("id.example", TestKeyMaterial.rsa(2048), Duration.ofDays(30));
        assertThat(IamCredentialOperations.certificateIdOf(other.certificate())).isNotEqualTo(id);
    }
}
