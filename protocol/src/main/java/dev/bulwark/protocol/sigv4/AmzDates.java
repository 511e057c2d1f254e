package dev.bulwark.protocol.sigv4;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/** The timestamp formats SigV4 uses. */
final class AmzDates
{
    /** ISO 8601 basic format used by {@code X-Amz-Date} and the string to sign: {@code 20250101T000000Z}. */
    private static final DateTimeFormatter BASIC = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
    /** ISO 8601 extended format with seconds, as S3 writes {@code ServerTime} and {@code Expires}. */
    private static final DateTimeFormatter EXTENDED = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'").withZone(ZoneOffset.UTC);

    private AmzDates() {}

    static Optional<Instant> parseBasic(String text)
    {
        if (text.length() != 16) {
            return Optional.empty();
        }
        try {
            return Optional.of(Instant.from(BASIC.parse(text)));
        }
        catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    /** The HTTP {@code Date} header (RFC 1123), accepted when {@code X-Amz-Date} is absent. */
    static Optional<Instant> parseHttpDate(String text)
    {
        try {
            return Optional.of(ZonedDateTime.parse(text.trim(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
        }
        catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    static String basic(Instant instant)
    {
        return BASIC.format(instant.truncatedTo(ChronoUnit.SECONDS));
    }

    static String extended(Instant instant)
    {
        return EXTENDED.format(instant.truncatedTo(ChronoUnit.SECONDS));
    }
}
