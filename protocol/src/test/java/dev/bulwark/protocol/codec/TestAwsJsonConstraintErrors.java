package dev.bulwark.protocol.codec;

import dev.bulwark.protocol.error.AwsErrorException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/** Organizations' InvalidInputException reasons for the constraint the request broke first. */
final class TestAwsJsonConstraintErrors
{
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "Value null at 'accountId' failed to satisfy constraint: Member must not be null|INPUT_REQUIRED",
            "Value '123' at 'accountId' failed to satisfy constraint: Member must satisfy regular expression pattern: ^\\d{12}$|INVALID_PATTERN",
            "Value 'x' at 'name' failed to satisfy constraint: Member must have length less than or equal to 128|MAX_LENGTH_EXCEEDED",
            "Value '' at 'name' failed to satisfy constraint: Member must have length greater than or equal to 1|MIN_LENGTH_EXCEEDED",
            "Value '21' at 'maxResults' failed to satisfy constraint: Member must have value less than or equal to 20|MAX_VALUE_EXCEEDED",
            "Value '0' at 'maxResults' failed to satisfy constraint: Member must have value greater than or equal to 1|MIN_VALUE_EXCEEDED",
            "Value 'X' at 'filter' failed to satisfy constraint: Member must satisfy enum value set: [A, B]|INVALID_ENUM"})
    void violationBecomesItsReason(String violation, String reason)
    {
        AwsErrorException error = AwsJsonCodec.constraintError(violation);
        assertThat(error.code()).isEqualTo("InvalidInputException");
        assertThat(error.httpStatus()).isEqualTo(400);
        assertThat(error.extraFields()).containsEntry("Reason", reason);
        assertThat(error.message()).startsWith("You ");
    }
}
