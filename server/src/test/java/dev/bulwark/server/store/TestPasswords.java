package dev.bulwark.server.store;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

final class TestPasswords
{
    private final Passwords passwords = new Passwords(Passwords.MIN_ITERATIONS);

    @Test
    void correctPasswordVerifiesAndAnyOtherDoesNot()
    {
        String encoded = passwords.hash("correct horse battery staple");

        assertThat(passwords.verify("correct horse battery staple", encoded)).isTrue();
        assertThat(passwords.verify("correct horse battery stapl", encoded)).isFalse();
        assertThat(passwords.verify("Correct horse battery staple", encoded)).isFalse();
        assertThat(passwords.verify("", encoded)).isFalse();
    }

    @Test
    void encodingCarriesAlgorithmIterationsSaltAndHash()
    {
        assertThat(passwords.hash("pw")).matches("\\$pbkdf2-sha256\\$i=210000\\$[A-Za-z0-9+/]{22}==\\$[A-Za-z0-9+/]{43}=");
        assertThat(Passwords.standard().hash("pw")).startsWith("$pbkdf2-sha256$i=600000$");
    }

    @Test
    void samePasswordHashesDifferentlyEachTime()
    {
        assertThat(passwords.hash("pw")).isNotEqualTo(passwords.hash("pw"));
    }

    @Test
    void hashWithFewerIterationsThanConfiguredNeedsRehashButStillVerifies()
    {
        String old = passwords.hash("pw");
        Passwords stronger = new Passwords(Passwords.MIN_ITERATIONS + 1);

        assertThat(stronger.verify("pw", old)).isTrue();
        assertThat(stronger.needsRehash(old)).isTrue();
        assertThat(passwords.needsRehash(old)).isFalse();
    }

    @Test
    void iterationCountBelowTheFloorIsRefused()
    {
        assertThatThrownBy(() -> new Passwords(Passwords.MIN_ITERATIONS - 1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void malformedStoredHashIsAnErrorNotAMismatch()
    {
        assertThatThrownBy(() -> passwords.verify("pw", "plaintext-password")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> passwords.verify("pw", "$pbkdf2-sha256$i=999999999$AAAA$AAAA")).isInstanceOf(IllegalArgumentException.class);
    }
}
