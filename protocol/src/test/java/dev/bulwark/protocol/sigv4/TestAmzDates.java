package dev.bulwark.protocol.sigv4;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** The X-Amz-Date format: ISO 8601 basic, UTC, seconds. */
final class TestAmzDates
{
    @ParameterizedTest
    @CsvSource({
            "20250101T000000Z, 2025-01-01T00:00:00Z",
            "20241231T235959Z, 2024-12-31T23:59:59Z",
            "20240229T120000Z, 2024-02-29T12:00:00Z",
    })
    void parsesBasicFormat(String text, String instant)
    {
        assertThat(AmzDates.parseBasic(text)).contains(Instant.parse(instant));
        assertThat(AmzDates.basic(Instant.parse(instant))).isEqualTo(text);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "20250101T000000", "20250101T000000z", "2025-01-01T00:00:00Z", "20251301T000000Z",
            "20250230T000000Z", "20250101T246000Z", "2025O101T000000Z", "+2025101T000000Z"})
    void rejectsAnythingElse(String text)
    {
        assertThat(AmzDates.parseBasic(text)).isEmpty();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "Wed, 01 Jan 2025 12:00:00 GMT|2025-01-01T12:00:00Z",
            "Sun, 30 Aug 2015 12:36:00 GMT|2015-08-30T12:36:00Z",
    })
    void parsesHttpDate(String text, String instant)
    {
        assertThat(AmzDates.parseHttpDate(text)).contains(Instant.parse(instant));
    }
}
