package dev.bulwark.policy.document;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * Date values of the {@code Date*} operators: W3C ISO 8601 (a date, or a date-time with offset or {@code Z}) or
 * epoch seconds (AWS: "Date condition operators"). Shared by the parser's checks and the evaluator.
 */
public final class PolicyDates
{
    private PolicyDates() {}

    /**
     * Parses a policy or request date.
     *
     * @throws DateTimeParseException or NumberFormatException when the text is neither form
     */
    public static Instant parse(String text)
    {
        if (!text.isEmpty() && text.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return Instant.ofEpochSecond(Long.parseLong(text));
        }
        if (text.length() == 10) {
            return LocalDate.parse(text, DateTimeFormatter.ISO_LOCAL_DATE).atStartOfDay(ZoneOffset.UTC).toInstant();
        }
        if ((text.endsWith("Z") || text.endsWith("z") || text.lastIndexOf('+') > 10 || text.lastIndexOf('-') > 10)) {
            return OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
        }
        // A date-time without an offset is read as UTC.
        return java.time.LocalDateTime.parse(text, DateTimeFormatter.ISO_LOCAL_DATE_TIME).toInstant(ZoneOffset.UTC);
    }
}
