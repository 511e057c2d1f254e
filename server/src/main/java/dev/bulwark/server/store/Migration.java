package dev.bulwark.server.store;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Pattern;

import static java.util.Objects.requireNonNull;

/** One versioned schema change, {@code V<version>__<description>.sql}: portable SQL statements separated by {@code ;} at line ends. */
public record Migration(int version, String description, String sql)
{
    private static final Pattern STATEMENT_END = Pattern.compile(";[ \\t]*(?:\\r?\\n|$)");

    public Migration
    {
        if (version < 1) {
            throw new IllegalArgumentException("migration version must be positive: " + version);
        }
        requireNonNull(description, "description is null");
        sql = requireNonNull(sql, "sql is null").replace("\r\n", "\n");
    }

    /** SHA-256 of the SQL text: a migration must never change once applied somewhere. */
    public String checksum()
    {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(sql.getBytes(StandardCharsets.UTF_8)));
        }
        catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    /** The statements to execute in order, with whole-line {@code --} comments removed. */
    public List<String> statements()
    {
        String withoutComments = sql.lines()
                .filter(line -> !line.stripLeading().startsWith("--"))
                .reduce(new StringBuilder(), (text, line) -> text.append(line).append('\n'), StringBuilder::append)
                .toString();
        return Arrays.stream(STATEMENT_END.split(withoutComments))
                .map(String::strip)
                .filter(statement -> !statement.isEmpty())
                .toList();
    }
}
