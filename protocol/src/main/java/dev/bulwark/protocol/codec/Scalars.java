package dev.bulwark.protocol.codec;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;

import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.core.protocol.MarshallingType;
import software.amazon.awssdk.core.traits.TimestampFormatTrait;
import software.amazon.awssdk.core.traits.TimestampFormatTrait.Format;
import software.amazon.awssdk.core.util.SdkAutoConstructList;
import software.amazon.awssdk.core.util.SdkAutoConstructMap;

/**
 * Scalar values as text, shared by the codecs: numbers, booleans, timestamps (ISO-8601 in query/XML bodies,
 * epoch seconds in JSON bodies, RFC 822 in headers, unless the member's {@link TimestampFormatTrait} says
 * otherwise) and blobs (base64).
 */
final class Scalars
{
    private Scalars() {}

    /** Thrown when text cannot be read as the member's type; each codec maps it to its protocol's error. */
    static final class BadValueException
            extends RuntimeException
    {
        private static final long serialVersionUID = 1L;

        BadValueException(String message, Throwable cause)
        {
            super(message, cause);
        }
    }

    /** Auto-construct collections mean "never set": they must not be written, not even as empty elements. */
    static boolean isUnset(Object value)
    {
        return value == null || value instanceof SdkAutoConstructList || value instanceof SdkAutoConstructMap;
    }

    static boolean isScalar(MarshallingType<?> type)
    {
        return type != MarshallingType.SDK_POJO && type != MarshallingType.LIST && type != MarshallingType.MAP
                && type != MarshallingType.DOCUMENT;
    }

    static Format timestampFormat(SdkField<?> field, Format protocolDefault)
    {
        return field.getOptionalTrait(TimestampFormatTrait.class).map(TimestampFormatTrait::format).orElse(protocolDefault);
    }

    /** Text to the member's Java type. */
    static Object parse(SdkField<?> field, String text, Format timestampDefault)
    {
        MarshallingType<?> type = field.marshallingType();
        try {
            if (type == MarshallingType.STRING) {
                return text;
            }
            String trimmed = text.trim();
            if (type == MarshallingType.INTEGER) {
                return Integer.valueOf(trimmed);
            }
            if (type == MarshallingType.LONG) {
                return Long.valueOf(trimmed);
            }
            if (type == MarshallingType.SHORT) {
                return Short.valueOf(trimmed);
            }
            if (type == MarshallingType.BYTE) {
                return Byte.valueOf(trimmed);
            }
            if (type == MarshallingType.FLOAT) {
                return Float.valueOf(trimmed);
            }
            if (type == MarshallingType.DOUBLE) {
                return Double.valueOf(trimmed);
            }
            if (type == MarshallingType.BIG_DECIMAL) {
                return new BigDecimal(trimmed);
            }
            if (type == MarshallingType.BOOLEAN) {
                return parseBoolean(trimmed);
            }
            if (type == MarshallingType.INSTANT) {
                return parseInstant(trimmed, timestampFormat(field, timestampDefault));
            }
            if (type == MarshallingType.SDK_BYTES) {
                return SdkBytes.fromByteArray(Base64.getMimeDecoder().decode(trimmed));
            }
        }
        catch (RuntimeException e) {
            throw new BadValueException("Value '" + text + "' is not a valid " + type, e);
        }
        throw new IllegalArgumentException("Not a scalar member: " + field.memberName() + " (" + type + ")");
    }

    private static Boolean parseBoolean(String text)
    {
        if (text.equalsIgnoreCase("true")) {
            return Boolean.TRUE;
        }
        if (text.equalsIgnoreCase("false")) {
            return Boolean.FALSE;
        }
        throw new IllegalArgumentException("not a boolean: " + text);
    }

    /** Clients are lenient about what they send; accept epoch seconds, ISO-8601 with any offset, and RFC 822. */
    static Instant parseInstant(String text, Format format)
    {
        if (!text.isEmpty() && (Character.isDigit(text.charAt(0)) || text.charAt(0) == '-') && text.indexOf('T') < 0 && text.indexOf(':') < 0) {
            BigDecimal number = new BigDecimal(text);
            if (format == Format.UNIX_TIMESTAMP_MILLIS) {
                number = number.movePointLeft(3);
            }
            return epoch(number);
        }
        if (!text.isEmpty() && Character.isLetter(text.charAt(0))) {
            return Instant.from(DateTimeFormatter.RFC_1123_DATE_TIME.parse(text));
        }
        if (text.length() > 10 && !hasOffset(text.substring(10))) {
            // No zone given: AWS reads it as UTC.
            return java.time.LocalDateTime.parse(text).toInstant(ZoneOffset.UTC);
        }
        return DateTimeFormatter.ISO_OFFSET_DATE_TIME.parse(text, Instant::from);
    }

    private static boolean hasOffset(String timePart)
    {
        return timePart.endsWith("Z") || timePart.endsWith("z") || timePart.indexOf('+') >= 0 || timePart.indexOf('-') >= 0;
    }

    static Instant epoch(BigDecimal seconds)
    {
        BigDecimal whole = new BigDecimal(seconds.toBigInteger());
        return Instant.ofEpochSecond(whole.longValueExact(), seconds.subtract(whole).movePointRight(9).intValue());
    }

    static BigDecimal epochSeconds(Instant instant)
    {
        return BigDecimal.valueOf(instant.getEpochSecond()).add(BigDecimal.valueOf(instant.getNano(), 9)).stripTrailingZeros();
    }

    static String formatInstant(Instant instant, Format format)
    {
        return switch (format) {
            case ISO_8601 -> DateTimeFormatter.ISO_INSTANT.format(instant);
            case RFC_822 -> DateTimeFormatter.RFC_1123_DATE_TIME.format(instant.atOffset(ZoneOffset.UTC));
            case UNIX_TIMESTAMP_MILLIS -> Long.toString(instant.toEpochMilli());
            case UNIX_TIMESTAMP -> epochSeconds(instant).toPlainString();
        };
    }

    /** Java scalar to text, for query, XML and header values. */
    static String format(SdkField<?> field, Object value, Format timestampDefault)
    {
        if (value instanceof Instant instant) {
            return formatInstant(instant, timestampFormat(field, timestampDefault));
        }
        if (value instanceof SdkBytes bytes) {
            return Base64.getEncoder().encodeToString(bytes.asByteArrayUnsafe());
        }
        if (value instanceof Double || value instanceof Float) {
            double d = ((Number) value).doubleValue();
            if (Double.isNaN(d)) {
                return "NaN";
            }
            if (Double.isInfinite(d)) {
                return d > 0 ? "Infinity" : "-Infinity";
            }
        }
        return String.valueOf(value);
    }
}
