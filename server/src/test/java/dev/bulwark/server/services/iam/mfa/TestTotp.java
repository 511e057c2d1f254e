package dev.bulwark.server.services.iam.mfa;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** RFC 6238 Appendix B's SHA-1 test vectors, at 8 digits as printed and at IAM's 6 (the same code's last six). */
final class TestTotp
{
    private static final byte[] RFC_SEED = "12345678901234567890".getBytes(StandardCharsets.US_ASCII);

    @ParameterizedTest
    @CsvSource({
            "59, 94287082",
            "1111111109, 07081804",
            "1111111111, 14050471",
            "1234567890, 89005924",
            "2000000000, 69279037",
            "20000000000, 65353130",
    })
    void matchesTheRfcAppendixBVectors(long unixTime, String expected)
    {
        Instant at = Instant.ofEpochSecond(unixTime);
        assertThat(new Totp(RFC_SEED, 8).codeAt(at)).isEqualTo(expected);
        assertThat(Totp.iam(RFC_SEED).codeAt(at)).isEqualTo(expected.substring(2));
    }

    @Test
    void stepIsThirtySecondsFromTheEpoch()
    {
        assertThat(Totp.step(Instant.ofEpochSecond(59))).isEqualTo(1);
        assertThat(Totp.step(Instant.ofEpochSecond(60))).isEqualTo(2);
        assertThat(Totp.step(Instant.ofEpochSecond(1111111109))).isEqualTo(0x23523EC);
    }

    @Test
    void matchesOnlyTheCodeOfItsStep()
    {
        Totp totp = Totp.iam(RFC_SEED);
        long step = Totp.step(Instant.ofEpochSecond(1234567890));
        assertThat(totp.matches("005924", step)).isTrue();
        assertThat(totp.matches("005924", step + 1)).isFalse();
        assertThat(totp.matches("05924", step)).isFalse();
        assertThat(totp.matches(null, step)).isFalse();
    }
}
