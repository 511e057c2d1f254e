package dev.bulwark.protocol.codec;

import java.time.Instant;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.core.traits.TimestampFormatTrait.Format;

import static org.assertj.core.api.Assertions.assertThat;

final class TestScalars
{
    static Stream<Arguments> timestamps()
    {
        return Stream.of(
                Arguments.of("2024-05-06T07:08:09Z", Format.ISO_8601, "2024-05-06T07:08:09Z"),
                Arguments.of("2024-05-06T07:08:09.123456Z", Format.ISO_8601, "2024-05-06T07:08:09.123456Z"),
                Arguments.of("2024-05-06T09:08:09+02:00", Format.ISO_8601, "2024-05-06T07:08:09Z"),
                Arguments.of("2024-05-06T07:08:09", Format.ISO_8601, "2024-05-06T07:08:09Z"),
                Arguments.of("1714979289", Format.UNIX_TIMESTAMP, "2024-05-06T07:08:09Z"),
                Arguments.of("1714979289.5", Format.UNIX_TIMESTAMP, "2024-05-06T07:08:09.500Z"),
                Arguments.of("1714979289500", Format.UNIX_TIMESTAMP_MILLIS, "2024-05-06T07:08:09.500Z"),
                Arguments.of("Mon, 06 May 2024 07:08:09 GMT", Format.RFC_822, "2024-05-06T07:08:09Z"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("timestamps")
    void parsesTimestampsAsClientsSendThem(String text, Format format, String expected)
    {
        assertThat(Scalars.parseInstant(text, format)).isEqualTo(Instant.parse(expected));
    }

    static Stream<Arguments> formats()
    {
        Instant instant = Instant.parse("2024-05-06T07:08:09.500Z");
        return Stream.of(
                Arguments.of(instant, Format.ISO_8601, "2024-05-06T07:08:09.500Z"),
                Arguments.of(instant, Format.UNIX_TIMESTAMP, "1714979289.5"),
                Arguments.of(Instant.parse("2024-05-06T07:08:09Z"), Format.UNIX_TIMESTAMP, "1714979289"),
                Arguments.of(instant, Format.UNIX_TIMESTAMP_MILLIS, "1714979289500"),
                Arguments.of(instant, Format.RFC_822, "Mon, 6 May 2024 07:08:09 GMT"));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("formats")
    void formatsTimestampsPerProtocolConvention(Instant instant, Format format, String expected)
    {
        assertThat(Scalars.formatInstant(instant, format)).isEqualTo(expected);
    }
}
