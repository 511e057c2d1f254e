package dev.bulwark.server.store;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * The measurement behind the embedded engine choice (docs/STORE.md); a main, not a unit test, because it measures
 * time and kills processes. For SQLite (through {@link Store}, so with the production settings) and H2 (default
 * settings, and with {@code WRITE_DELAY 0}):
 * <ul>
 *   <li>committed small write transactions per second (one single-row INSERT each) and primary-key reads per second;
 *   <li>a SIGKILL check: a child JVM commits rows in a loop and prints each id after its commit returns; the parent
 *       kills it with SIGKILL, reopens the database and counts printed ids that are missing.
 * </ul>
 * Run: {@code java -cp server/target/test-classes:server/target/classes:<deps> dev.bulwark.server.store.StoreEngineMeasurement}.
 */
public final class StoreEngineMeasurement
{
    private static final int WRITES = 1_000;
    private static final int READS = 20_000;
    private static final int KILL_ROUNDS = 3;
    private static final long KILL_AFTER_MILLIS = 1_500;

    private StoreEngineMeasurement() {}

    /** The engines measured; each opens a JDBC connection to a database in a directory. */
    private enum Engine
    {
        SQLITE,
        SQLITE_RAW_JDBC,
        H2_DEFAULT,
        H2_WRITE_DELAY_0;

        Connection open(Path dir)
                throws SQLException
        {
            return switch (this) {
                case SQLITE -> throw new IllegalStateException("SQLite is driven through Store");
                case SQLITE_RAW_JDBC -> {
                    // the production settings without Store's per-transaction work, to show what Store costs
                    org.sqlite.SQLiteConfig config = new org.sqlite.SQLiteConfig();
                    config.setJournalMode(org.sqlite.SQLiteConfig.JournalMode.WAL);
                    config.setSynchronous(org.sqlite.SQLiteConfig.SynchronousMode.FULL);
                    yield config.createConnection("jdbc:sqlite:" + dir.toAbsolutePath().resolve("raw.db"));
                }
                case H2_DEFAULT -> DriverManager.getConnection("jdbc:h2:file:" + dir.toAbsolutePath().resolve("h2") + ";DB_CLOSE_ON_EXIT=FALSE");
                case H2_WRITE_DELAY_0 -> DriverManager.getConnection("jdbc:h2:file:" + dir.toAbsolutePath().resolve("h2") + ";DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY=0");
            };
        }
    }

    /** The operations measured, over either Store (SQLite) or plain JDBC with manual commits (H2). */
    private interface Db
            extends AutoCloseable
    {
        void insert(long id)
                throws SQLException;

        boolean exists(long id)
                throws SQLException;

        Set<Long> allIds()
                throws SQLException;

        @Override
        void close()
                throws SQLException;
    }

    public static void main(String[] args)
            throws Exception
    {
        if (args.length == 3 && args[0].equals("child")) {
            child(Engine.valueOf(args[1]), Path.of(args[2]));
            return;
        }
        if (args.length == 2 && args[0].equals("writes")) {
            // for counting fsyncs per commit: strace -f -c -e trace=fsync,fdatasync java ... writes H2_WRITE_DELAY_0
            System.out.printf(Locale.ROOT, "%s: %d commits at %.0f tx/s%n", args[1], WRITES, writesPerSecond(Engine.valueOf(args[1])));
            return;
        }
        System.out.printf(Locale.ROOT, "%-18s %14s %14s %s%n", "engine", "write tx/s", "pk reads/s", "SIGKILL rounds: printed-committed ids / missing after reopen");
        for (Engine engine : Engine.values()) {
            double writes = writesPerSecond(engine);
            double reads = readsPerSecond(engine);
            List<String> rounds = new ArrayList<>();
            for (int round = 0; round < KILL_ROUNDS; round++) {
                rounds.add(killRound(engine));
            }
            System.out.printf(Locale.ROOT, "%-18s %14.0f %14.0f %s%n", engine, writes, reads, String.join(", ", rounds));
        }
    }

    private static Db open(Engine engine, Path dir)
            throws SQLException
    {
        if (engine == Engine.SQLITE) {
            Store store = Store.embedded(dir);
            store.inTransaction(tx -> tx.update("CREATE TABLE IF NOT EXISTS measured (id BIGINT PRIMARY KEY, payload TEXT NOT NULL)"));
            return new Db()
            {
                @Override
                public void insert(long id)
                {
                    store.inTransaction(tx -> tx.update("INSERT INTO measured (id, payload) VALUES (?, ?)", id, "payload-" + id));
                }

                @Override
                public boolean exists(long id)
                {
                    return store.readOnly(tx -> tx.queryLong("SELECT count(*) FROM measured WHERE id = ?", id)) == 1;
                }

                @Override
                public Set<Long> allIds()
                {
                    return new HashSet<>(store.readOnly(tx -> tx.query("SELECT id FROM measured", row -> row.getLong(1))));
                }

                @Override
                public void close()
                {
                    store.close();
                }
            };
        }
        Connection connection = engine.open(dir);
        connection.setAutoCommit(false);
        try (Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE IF NOT EXISTS measured (id BIGINT PRIMARY KEY, payload VARCHAR NOT NULL)");
        }
        connection.commit();
        PreparedStatement insert = connection.prepareStatement("INSERT INTO measured (id, payload) VALUES (?, ?)");
        PreparedStatement exists = connection.prepareStatement("SELECT count(*) FROM measured WHERE id = ?");
        return new Db()
        {
            @Override
            public void insert(long id)
                    throws SQLException
            {
                insert.setLong(1, id);
                insert.setString(2, "payload-" + id);
                insert.executeUpdate();
                connection.commit();
            }

            @Override
            public boolean exists(long id)
                    throws SQLException
            {
                exists.setLong(1, id);
                try (ResultSet rows = exists.executeQuery()) {
                    rows.next();
                    boolean found = rows.getLong(1) == 1;
                    connection.commit();
                    return found;
                }
            }

            @Override
            public Set<Long> allIds()
                    throws SQLException
            {
                Set<Long> ids = new HashSet<>();
                try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery("SELECT id FROM measured")) {
                    while (rows.next()) {
                        ids.add(rows.getLong(1));
                    }
                }
                return ids;
            }

            @Override
            public void close()
                    throws SQLException
            {
                connection.close();
            }
        };
    }

    private static double writesPerSecond(Engine engine)
            throws Exception
    {
        Path dir = Files.createTempDirectory("measure-" + engine);
        try (Db db = open(engine, dir)) {
            long start = System.nanoTime();
            for (long id = 1; id <= WRITES; id++) {
                db.insert(id);
            }
            return WRITES / ((System.nanoTime() - start) / 1e9);
        }
    }

    private static double readsPerSecond(Engine engine)
            throws Exception
    {
        Path dir = Files.createTempDirectory("measure-" + engine);
        try (Db db = open(engine, dir)) {
            for (long id = 1; id <= 100; id++) {
                db.insert(id);
            }
            long start = System.nanoTime();
            for (int i = 0; i < READS; i++) {
                if (!db.exists(1 + i % 100)) {
                    throw new IllegalStateException("row missing");
                }
            }
            return READS / ((System.nanoTime() - start) / 1e9);
        }
    }

    /** Kills a committing child with SIGKILL; returns "printed/missing". */
    private static String killRound(Engine engine)
            throws Exception
    {
        Path dir = Files.createTempDirectory("kill-" + engine);
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), StoreEngineMeasurement.class.getName(), "child", engine.name(), dir.toString())
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        List<Long> printed = new ArrayList<>();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.US_ASCII))) {
            String line = out.readLine();
            long killAt = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(KILL_AFTER_MILLIS);
            boolean killed = false;
            while (line != null) {
                printed.add(Long.parseLong(line));
                if (System.nanoTime() >= killAt && !killed) {
                    // kill -9 from outside: Process.destroyForcibly would also close our end of the pipe and lose
                    // the ids the child printed just before dying
                    new ProcessBuilder("kill", "-9", Long.toString(child.pid())).inheritIO().start().waitFor();
                    killed = true;
                }
                line = out.readLine();
            }
        }
        child.waitFor();
        try (Db db = open(engine, dir)) {
            Set<Long> stored = db.allIds();
            long missing = printed.stream().filter(id -> !stored.contains(id)).count();
            return printed.size() + "/" + missing;
        }
    }

    private static void child(Engine engine, Path dir)
            throws Exception
    {
        try (Db db = open(engine, dir)) {
            for (long id = 1; ; id++) {
                db.insert(id);
                System.out.println(id);
                System.out.flush();
            }
        }
    }
}
