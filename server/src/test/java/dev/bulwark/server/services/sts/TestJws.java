package dev.bulwark.server.services.sts;

import dev.bulwark.server.services.iam.OidcKeys;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.Signature;
import java.util.Base64;
import java.util.HexFormat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

final class TestJws
{
    @Test
    void derSignatureBecomesTheFixedWidthPairTheJdkP1363VerifierAccepts() throws Exception
    {
        KeyPair key = OidcKeys.generateEc();
        for (int i = 0; i < 50; i++) {
            byte[] message = ("message " + i).getBytes(StandardCharsets.UTF_8);
            Signature signer = Signature.getInstance("SHA384withECDSA");
            signer.initSign(key.getPrivate());
            signer.update(message);
            byte[] jose = Jws.derToJose(signer.sign(), OidcKeys.P384_BYTES);
            assertThat(jose).hasSize(96);
            Signature verifier = Signature.getInstance("SHA384withECDSAinP1363Format");
            verifier.initVerify(key.getPublic());
            verifier.update(message);
            assertThat(verifier.verify(jose)).isTrue();
        }
    }

    @Test
    void integersArePaddedAndTheirSignByteDropped()
    {
        // r = 0x80 01 (DER needs a leading zero byte), s = 0x05
        byte[] der = HexFormat.of().parseHex("3008" + "0203008001" + "020105");
        byte[] jose = Jws.derToJose(der, 4);
        assertThat(HexFormat.of().formatHex(jose)).isEqualTo("00008001" + "00000005");
    }

    @Test
    void malformedDerIsRefused()
    {
        assertThatThrownBy(() -> Jws.derToJose(HexFormat.of().parseHex("3006020101020101ff"), 4)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Jws.derToJose(HexFormat.of().parseHex("3106020101020101"), 4)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Jws.derToJose(HexFormat.of().parseHex("300602020101020101"), 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Jws.derToJose(HexFormat.of().parseHex("3006020100020101"), 4)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void rs256TokenVerifiesWithTheRsaKey() throws Exception
    {
        KeyPair key = OidcKeys.generateRsa();
        byte[] header = "{\"kid\":\"RSA_0\",\"typ\":\"JWT\",\"alg\":\"RS256\"}".getBytes(StandardCharsets.UTF_8);
        byte[] payload = "{\"sub\":\"x\"}".getBytes(StandardCharsets.UTF_8);
        String token = Jws.sign(header, payload, OidcKeys.RS256, key.getPrivate());
        String[] parts = token.split("\\.");
        assertThat(parts).hasSize(3);
        assertThat(Base64.getUrlDecoder().decode(parts[0])).isEqualTo(header);
        assertThat(Base64.getUrlDecoder().decode(parts[1])).isEqualTo(payload);
        assertThat(token).doesNotContain("=");
        Signature verifier = Signature.getInstance("SHA256withRSA");
        verifier.initVerify(key.getPublic());
        verifier.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
        assertThat(verifier.verify(Base64.getUrlDecoder().decode(parts[2]))).isTrue();
    }
}
