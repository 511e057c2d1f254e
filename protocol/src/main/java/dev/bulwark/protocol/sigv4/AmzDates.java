package dev.bulwark.protocol.sigv4;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
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

    /** Parses {@code yyyyMMdd'T'HHmmss'Z'} by hand: it runs on every request and a formatter costs microseconds. */
    static Optional<Instant> parseBasic(String text)
    {
        if (text.length() != 16 || text.charAt(8) != 'T' || text.charAt(15) != 'Z') {
            return Optional.empty();
        }
        int year = digits(text, 0, 4);
        int month = digits(text, 4, 6);
        int day = digits(text, 6, 8);
        int hour = digits(text, 9, 11);
        int minute = digits(text, 11, 13);
        int second = digits(text, 13, 15);
        if (year < 0 || month < 0 || day < 0 || hour < 0 || minute < 0 || second < 0) {
            return Optional.empty();
        }
        try {
            return Optional.of(LocalDateTime.of(year, month, day, hour, minute, second).toInstant(ZoneOffset.UTC));
        }
        catch (DateTimeException e) {
            return Optional.empty();
        }
    }

    /** The decimal value of {@code text[from, to)}, or -1 if any character is not a digit. */
    private static int digits(String text, int from, int to)
    {
        int value = 0;
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
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
