package dev.bulwark.server.services.iam.mfa;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** RFC 4648 section 10's BASE32 test vectors, both ways. */
final class TestBase32
{
    @ParameterizedTest
    @CsvSource(value = {
            "'', ''",
            "f, MY======",
            "fo, MZXQ====",
            "foo, MZXW6===",
            "foob, MZXW6YQ=",
            "fooba, MZXW6YTB",
            "foobar, MZXW6YTBOI======",
    })
    void encodesAndDecodesTheRfcVectors(String plain, String encoded)
    {
        byte[] bytes = plain.getBytes(StandardCharsets.US_ASCII);
        assertThat(Base32.encode(bytes)).isEqualTo(encoded);
        assertThat(Base32.decode(encoded)).isEqualTo(bytes);
        assertThat(Base32.decode(encoded.replace("=", "").toLowerCase())).isEqualTo(bytes);
        assertThat(Base32.encodeUnpadded(bytes)).isEqualTo(encoded.replace("=", ""));
    }

    @Test
    void roundTripsRandomSeeds()
    {
        SecureRandom random = new SecureRandom();
        for (int length = 0; length < 70; length++) {
            byte[] bytes = new byte[length];
            random.nextBytes(bytes);
            assertThat(Base32.decode(Base32.encode(bytes))).isEqualTo(bytes);
        }
    }

    @Test
    void rejectsCharactersOutsideTheAlphabetAndImpossibleLengths()
    {
        assertThatThrownBy(() -> Base32.decode("MZXW1===")).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("character");
        assertThatThrownBy(() -> Base32.decode("MZX")).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("length");
    }
}
