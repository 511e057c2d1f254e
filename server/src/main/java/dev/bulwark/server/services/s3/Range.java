package dev.bulwark.server.services.s3;

import java.util.Optional;

/** The HTTP {@code Range} header as S3 reads it: one byte range; a header it cannot parse is ignored (whole object). */
final class Range
{
    private Range() {}

    /** {@code [first, last]} inclusive, or empty for the whole object; InvalidRange when nothing of the object is asked for. */
    static Optional<long[]> parse(String header, long size)
    {
        if (header == null) {
            return Optional.empty();
        }
        String value = header.trim();
        if (!value.startsWith("bytes=") || value.contains(",")) {
            return Optional.empty();
        }
        String spec = value.substring("bytes=".length()).trim();
        int dash = spec.indexOf('-');
        if (dash < 0) {
            return Optional.empty();
        }
        try {
            String start = spec.substring(0, dash).trim();
            String end = spec.substring(dash + 1).trim();
            if (start.isEmpty()) {
                if (end.isEmpty()) {
                    return Optional.empty();
                }
                long suffix = Long.parseLong(end);
                if (suffix == 0 || size == 0) {
                    throw S3Errors.invalidRange(size);
                }
                return Optional.of(new long[] {Math.max(0, size - suffix), size - 1});
            }
            long first = Long.parseLong(start);
            long last = end.isEmpty() ? size - 1 : Math.min(Long.parseLong(end), size - 1);
            if (!end.isEmpty() && Long.parseLong(end) < first) {
                return Optional.empty();
            }
            if (first >= size) {
                throw S3Errors.invalidRange(size);
            }
            return Optional.of(new long[] {first, last});
        }
        catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
