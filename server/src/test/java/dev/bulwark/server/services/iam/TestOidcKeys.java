package dev.bulwark.server.services.iam;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

final class TestOidcKeys
{
    @Test
    void rsaJwkCarriesTheModulusWithoutItsSignByte()
    {
        KeyPair key = OidcKeys.generateRsa();
        ObjectNode jwk = OidcKeys.jwk(OidcKeys.RSA_KEY_ID, key.getPublic());
        byte[] modulus = Base64.getUrlDecoder().decode(jwk.get("n").asText());
        assertThat(modulus).hasSize(256);
        assertThat(new BigInteger(1, modulus)).isEqualTo(((RSAPublicKey) key.getPublic()).getModulus());
        assertThat(jwk.get("e").asText()).isEqualTo("AQAB");
        assertThat(jwk.get("kid").asText()).isEqualTo("RSA_0");
        assertThat(jwk.get("kty").asText()).isEqualTo("RSA");
        assertThat(jwk.get("n").asText()).doesNotContain("=", "+", "/");
    }

    @Test
    void ecJwkCoordinatesAreFullWidth()
    {
        for (int i = 0; i < 20; i++) {
            KeyPair key = OidcKeys.generateEc();
            ObjectNode jwk = OidcKeys.jwk(OidcKeys.EC_KEY_ID, key.getPublic());
            byte[] x = Base64.getUrlDecoder().decode(jwk.get("x").asText());
            byte[] y = Base64.getUrlDecoder().decode(jwk.get("y").asText());
            assertThat(x).hasSize(48);
            assertThat(y).hasSize(48);
            assertThat(new BigInteger(1, x)).isEqualTo(((ECPublicKey) key.getPublic()).getW().getAffineX());
            assertThat(jwk.get("crv").asText()).isEqualTo("P-384");
            assertThat(jwk.get("alg").asText()).isEqualTo("ES384");
        }
    }

    @Test
    void keysRoundTripThroughTheirStoredForm()
    {
        KeyPair key = OidcKeys.generateEc();
        assertThat(OidcKeys.publicKey("EC", OidcKeys.encode(key.getPublic()))).isEqualTo(key.getPublic());
        assertThat(OidcKeys.privateKey("EC", OidcKeys.encode(key.getPrivate())).getEncoded()).isEqualTo(key.getPrivate().getEncoded());
    }

    @Test
    void fixedWidthPadsAndRefusesOversizedIntegers()
    {
        assertThat(OidcKeys.fixedWidth(BigInteger.valueOf(0x80), 3)).containsExactly(0, 0, 0x80);
        assertThatThrownBy(() -> OidcKeys.fixedWidth(BigInteger.valueOf(0x10000), 2)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> OidcKeys.keyType("HS256")).isInstanceOf(IllegalArgumentException.class);
    }
}
