package dev.bulwark.server.services.cloudtrail;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.services.cloudtrail.model.InvalidTrailNameException;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** CloudTrail's trail name rules, each with AWS's sentence. */
final class TestTrailNames
{
    @ParameterizedTest
    @ValueSource(strings = {"abc", "My.Trail_1-x", "0trail9", "a.b.c"})
    void validNames(String name)
    {
        assertThatCode(() -> TrailNames.check(name)).doesNotThrowAnyException();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "ab|Trail name too short. Minimum allowed length: 3 characters. Specified name length: 2 characters.",
            "_trail|Trail name must starts with a letter or number.",
            "trail.|Trail name must ends with a letter or number.",
            "my trail|Trail name or ARN can only contain uppercase letters, lowercase letters, numbers, periods (.), hyphens (-), and underscores (_).",
            "my-_trail|Trail name cannot have adjacent periods, underscores or dashes.",
            "192.168.5.4|Trail name cannot look like an IP address."})
    void invalidNames(String name, String message)
    {
        assertThatThrownBy(() -> TrailNames.check(name)).isInstanceOf(InvalidTrailNameException.class).hasMessageStartingWith(message);
    }

    @org.junit.jupiter.api.Test
    void tooLong()
    {
        assertThatThrownBy(() -> TrailNames.check("a".repeat(129))).isInstanceOf(InvalidTrailNameException.class)
                .hasMessageStartingWith("Trail name too long. Maximum allowed length: 128 characters. Specified name length: 129 characters.");
    }
}
