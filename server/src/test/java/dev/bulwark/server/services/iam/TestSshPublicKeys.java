package dev.bulwark.server.services.iam;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.iam.model.InvalidPublicKeyException;
import software.amazon.awssdk.services.iam.model.UnrecognizedPublicKeyEncodingException;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.interfaces.RSAPublicKey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** SSH key parsing, conversion and fingerprints, checked against what OpenSSH's ssh-keygen made of the same key (fixtures). */
final class TestSshPublicKeys
{
    @Test
    void fingerprintIsOpenSshsMd5OfTheWireBlob() throws IOException
    {
        RSAPublicKey key = SshPublicKeys.parse(fixture("rsa2048.pub"));
        assertThat(key.getModulus().bitLength()).isEqualTo(2048);
        assertThat(SshPublicKeys.fingerprint(key)).isEqualTo(fixture("rsa2048.md5").strip());
    }

    @Test
    void everyEncodingOfOneKeyParsesToTheSameKey() throws IOException
    {
        RSAPublicKey ssh = SshPublicKeys.parse(fixture("rsa2048.pub"));
        assertThat(SshPublicKeys.parse(fixture("rsa2048.spki.pem"))).isEqualTo(ssh);
        assertThat(SshPublicKeys.parse(fixture("rsa2048.pkcs1.pem"))).isEqualTo(ssh);
        assertThat(SshPublicKeys.parse(fixture("rsa2048.rfc4716"))).isEqualTo(ssh);
    }

    @Test
    void conversionsMatchSshKeygensOutput() throws IOException
    {
        RSAPublicKey key = SshPublicKeys.parse(fixture("rsa2048.spki.pem"));
        String line = fixture("rsa2048.pub").strip();
        assertThat(SshPublicKeys.toSsh(key)).isEqualTo(line.substring(0, line.lastIndexOf(' ')));
        assertThat(SshPublicKeys.toPem(key)).isEqualTo(fixture("rsa2048.spki.pem"));
    }

    @Test
    void freshlyGeneratedKeysRoundTripThroughBothEncodings()
    {
        KeyPair pair = TestKeyMaterial.rsa(3072);
        RSAPublicKey key = (RSAPublicKey) pair.getPublic();
        RSAPublicKey viaSsh = SshPublicKeys.parse(SshPublicKeys.toSsh(key) + " someone@example");
        RSAPublicKey viaPem = SshPublicKeys.parse(SshPublicKeys.toPem(key));
        assertThat(viaSsh.getModulus()).isEqualTo(key.getModulus());
        assertThat(viaPem.getModulus()).isEqualTo(key.getModulus());
        assertThat(SshPublicKeys.fingerprint(viaSsh)).isEqualTo(SshPublicKeys.fingerprint(viaPem)).matches("([0-9a-f]{2}:){15}[0-9a-f]{2}");
    }

    @Test
    void shortNonRsaCorruptAndUnknownKeysAreRefusedWithIamsCodes() throws IOException
    {
        assertThatThrownBy(() -> SshPublicKeys.parse(fixture("rsa1024.pub"))).isInstanceOf(InvalidPublicKeyException.class).hasMessageContaining("2048");
        assertThatThrownBy(() -> SshPublicKeys.parse(fixture("ed25519.pub"))).isInstanceOf(InvalidPublicKeyException.class).hasMessageContaining("ssh-rsa");
        assertThatThrownBy(() -> SshPublicKeys.parse("ssh-rsa AAAAB3NzaC1yc2EAAAADAQAB not-a-key")).isInstanceOf(InvalidPublicKeyException.class);
        assertThatThrownBy(() -> SshPublicKeys.parse("ssh-rsa !!!")).isInstanceOf(InvalidPublicKeyException.class);
        assertThatThrownBy(() -> SshPublicKeys.parse("-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----")).isInstanceOf(InvalidPublicKeyException.class);
        assertThatThrownBy(() -> SshPublicKeys.parse("hello world")).isInstanceOf(UnrecognizedPublicKeyEncodingException.class);
        assertThatThrownBy(() -> SshPublicKeys.parse("")).isInstanceOf(UnrecognizedPublicKeyEncodingException.class);
    }

    static String fixture(String name) throws IOException
    {
        try (InputStream in = TestSshPublicKeys.class.getResourceAsStream("/iam/ssh/" + name)) {
            assertThat(in).as(name).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
        }
    }
}
