package dev.bulwark.server.store;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static java.util.Objects.requireNonNull;

/**
 * Applies versioned SQL migrations in order, each in its own transaction together with its row in
 * {@code schema_version}, so a crash leaves the schema at some whole version. Starting again applies nothing.
 *
 * <p>Refuses to start when an applied migration's text changed (checksum) or when the database has a version this
 * build does not know (it was opened by a newer Bulwark). Migrations are listed in {@code db/migration/INDEX}
 * because a classpath directory cannot be listed portably from inside a jar.
 */
public final class Migrations
{
    /** Classpath folder holding the migrations and their INDEX. */
    public static final String LOCATION = "db/migration/";
    private static final Pattern FILE_NAME = Pattern.compile("V(\\d+)__(\\w+)\\.sql");

    private final List<Migration> migrations;

    public Migrations(List<Migration> migrations)
    {
        List<Migration> sorted = new ArrayList<>(requireNonNull(migrations, "migrations is null"));
        sorted.sort(Comparator.comparingInt(Migration::version));
        for (int i = 1; i < sorted.size(); i++) {
            if (sorted.get(i).version() == sorted.get(i - 1).version()) {
                throw new IllegalArgumentException("two migrations with version " + sorted.get(i).version());
            }
        }
        this.migrations = List.copyOf(sorted);
    }

    /** The migrations shipped with this build. */
    public static Migrations standard()
    {
        return fromClasspath(LOCATION);
    }

    static Migrations fromClasspath(String location)
    {
        List<Migration> result = new ArrayList<>();
        for (String fileName : read(location + "INDEX").lines().map(String::strip).filter(line -> !line.isEmpty() && !line.startsWith("#")).toList()) {
            Matcher matcher = FILE_NAME.matcher(fileName);
            if (!matcher.matches()) {
                throw new IllegalStateException("migration file name must look like V001__what.sql: " + fileName);
            }
            result.add(new Migration(Integer.parseInt(matcher.group(1)), matcher.group(2), read(location + fileName)));
        }
        return new Migrations(result);
    }

    public List<Migration> migrations()
    {
        return migrations;
    }

    /** Brings the store's schema up to date; returns the versions applied now (empty when already current). */
    public List<Integer> apply(Store store)
    {
        return store.exclusively(() -> {
            store.inTransaction(tx -> tx.update("""
                    CREATE TABLE IF NOT EXISTS schema_version (
                        version BIGINT PRIMARY KEY,
                        description TEXT NOT NULL,
                        checksum TEXT NOT NULL,
                        applied_at BIGINT NOT NULL
                    )"""));
            List<Integer> applied = new ArrayList<>();
            for (Migration migration : migrations) {
                boolean ran = store.inTransaction(tx -> {
                    Map<Integer, String> done = appliedChecksums(tx);
                    verify(done);
                    if (done.containsKey(migration.version())) {
                        return false;
                    }
                    migration.statements().forEach(tx::update);
                    tx.update("INSERT INTO schema_version (version, description, checksum, applied_at) VALUES (?, ?, ?, ?)",
                            (long) migration.version(), migration.description(), migration.checksum(), Instant.now());
                    return true;
                });
                if (ran) {
                    applied.add(migration.version());
                }
            }
            store.readOnly(tx -> {
                verify(appliedChecksums(tx));
                return null;
            });
            return List.copyOf(applied);
        });
    }

    private static Map<Integer, String> appliedChecksums(Tx tx)
    {
        return tx.query("SELECT version, checksum FROM schema_version", row -> Map.entry(row.getInt("version"), row.getString("checksum")))
                .stream()
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    private void verify(Map<Integer, String> applied)
    {
        int newestKnown = migrations.isEmpty() ? 0 : migrations.get(migrations.size() - 1).version();
        for (Map.Entry<Integer, String> entry : applied.entrySet()) {
            if (entry.getKey() > newestKnown) {
                throw new IllegalStateException("database schema version " + entry.getKey() + " is newer than this build knows (up to "
                        + newestKnown + "); it was opened by a newer Bulwark");
            }
        }
        for (Migration migration : migrations) {
            String checksum = applied.get(migration.version());
            if (checksum != null && !checksum.equals(migration.checksum())) {
                throw new IllegalStateException("migration V" + migration.version() + "__" + migration.description()
                        + " changed after it was applied (checksum " + checksum + " in the database)");
            }
        }
    }

    private static String read(String resource)
    {
        try (InputStream in = Migrations.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing classpath resource " + resource);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource, e);
        }
    }
}
