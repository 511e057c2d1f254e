package dev.bulwark.server.services.iam;

import dev.bulwark.server.services.iam.model.PasswordPolicy;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/** Each rule of an account password policy, alone: which passwords it refuses and why. */
final class TestPasswordPolicy
{
    @ParameterizedTest(name = "{0} / {1}")
    @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
            length      | abcdefgh   | -
            length      | abcdefg    | minimum length of 8
            lowercase   | ABCDEFGH   | at least one lowercase letter
            lowercase   | ABCDEFGh   | -
            uppercase   | abcdefgh   | at least one uppercase letter
            uppercase   | abcdEfgh   | -
            numbers     | abcdefgh   | at least one number
            numbers     | abcd3fgh   | -
            symbols     | abcdefgh   | at least one symbol
            symbols     | abcd!fgh   | -
            symbols     | abcd~fgh   | at least one symbol
            """)
    void eachRuleRefusesOnlyPasswordsLackingWhatItRequires(String rule, String password, String violation)
    {
        PasswordPolicy policy = new PasswordPolicy(8, rule.equals("symbols"), rule.equals("numbers"), rule.equals("uppercase"), rule.equals("lowercase"),
                false, 0, 0, false);
        assertThat(policy.violation(password).orElse(null)).isEqualTo(violation);
    }

    @ParameterizedTest
    @CsvSource({"0, false", "90, true"})
    void passwordsExpireOnlyWithAMaximumAge(int maxAgeDays, boolean expires)
    {
        assertThat(new PasswordPolicy(8, false, false, false, false, false, maxAgeDays, 0, false).expirePasswords()).isEqualTo(expires);
    }

    @org.junit.jupiter.api.Test
    void withoutAPolicyAnyNonEmptyPasswordConforms()
    {
        assertThat(PasswordPolicy.NONE.violation("x")).isEmpty();
    }
}
