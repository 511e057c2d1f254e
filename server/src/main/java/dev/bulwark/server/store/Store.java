package dev.bulwark.server.store;

import org.sqlite.SQLiteConfig;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Function;

import static java.util.Objects.requireNonNull;

/**
 * The durable store. Work runs in {@link #inTransaction} (commit on return, roll back on any throwable) or
 * {@link #readOnly}; there is no other way to touch the database.
 *
 * <p>Embedded (SQLite, WAL, {@code synchronous=FULL}): one writer connection, so writes are serialised in
 * process and each {@code BEGIN IMMEDIATE} also waits out writers in other processes (a CLI next to a running
 * server); a few reader connections see the last committed state concurrently with the writer, as WAL allows.
 *
 * <p>PostgreSQL: a small fixed pool; every transaction is SERIALIZABLE so the two engines give the same
 * guarantee (the embedded one is serial by construction), and a transaction that loses a serialization race is
 * re-run from the start, which is why the work function must only touch the database and values it computes.
 */
public final class Store
        implements AutoCloseable
{
    /** The embedded database file name inside the data directory. */
    public static final String EMBEDDED_FILE = "bulwark.db";
    /** How often a transaction that lost a PostgreSQL serialization race is re-run before giving up. */
    private static final int MAX_ATTEMPTS = 10;
    /** Attempts after which a write transaction re-runs exclusively on this node. */
    private static final int ATTEMPTS_BEFORE_EXCLUSIVE = 2;
    /** Readers allowed next to the single embedded writer. */
    private static final int EMBEDDED_READERS = 4;
    /** PostgreSQL connections per node; requests are short and IAM traffic is read-mostly. */
    private static final int POSTGRES_POOL_SIZE = 8;
    /** How long a transaction waits for a connection (and SQLite for another process's write lock). */
    private static final Duration WAIT = Duration.ofSeconds(10);
    /** SQLSTATEs meaning "re-run the transaction": serialization failure, deadlock detected. */
    private static final Set<String> RETRYABLE = Set.of("40001", "40P01");

    /** PostgreSQL advisory lock key serialising migrations across nodes ("bulwark" in ASCII, as a number). */
    private static final long MIGRATION_LOCK = 0x62756c7761726bL;

    private static final ThreadLocal<Tx> CURRENT = new ThreadLocal<>();

    private final StoreKind kind;
    private final String description;
    private final ConnectionPool writers;
    private final ConnectionPool readers;
    /** Shared by every write transaction, exclusive for one that lost too many serialization races. */
    private final ReentrantReadWriteLock contention = new ReentrantReadWriteLock(true);

    private final ChangeFeed changes;

    private Store(StoreKind kind, String description, ConnectionPool writers, ConnectionPool readers, ChangeFeed changes)
    {
        this.kind = kind;
        this.description = description;
        this.writers = writers;
        this.readers = readers;
        this.changes = changes;
    }

    /** Opens PostgreSQL when a JDBC URL is given, else the embedded database under {@code dataDir}; migrates. */
    public static Store open(Path dataDir, String jdbcUrlOrNull)
    {
        return jdbcUrlOrNull == null || jdbcUrlOrNull.isBlank() ? embedded(dataDir) : postgres(jdbcUrlOrNull);
    }

    /** Opens (creating if needed) {@code <dataDir>/bulwark.db} and applies pending migrations. */
    public static Store embedded(Path dataDir)
    {
        requireNonNull(dataDir, "dataDir is null");
        Path file = dataDir.resolve(EMBEDDED_FILE).toAbsolutePath();
        try {
            Files.createDirectories(dataDir);
            // password hashes and sealed secrets live here: owner-only from the first byte; SQLite gives its -wal
            // and -shm files the database file's mode
            if (!Files.exists(file)) {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            }
        }
        catch (FileAlreadyExistsException raced) {
            // another process created it first, with the same mode
        }
        catch (IOException e) {
            throw new UncheckedIOException("cannot create the database file " + file, e);
        }
        String url = "jdbc:sqlite:" + file;
        ConnectionPool writer = new ConnectionPool("sqlite writer", 1, WAIT, () -> openSqlite(url));
        ConnectionPool readers = new ConnectionPool("sqlite reader", EMBEDDED_READERS, WAIT, () -> openSqlite(url));
        return migrated(new Store(StoreKind.SQLITE, "sqlite:" + file, writer, readers, ChangeFeed.local()));
    }

    /**
     * Opens PostgreSQL at a JDBC URL such as {@code jdbc:postgresql://127.0.0.1:5432/bulwark?user=bulwark}
     * (credentials and {@code currentSchema} go in the URL) and applies pending migrations.
     */
    public static Store postgres(String jdbcUrl)
    {
        requireNonNull(jdbcUrl, "jdbcUrl is null");
        if (!jdbcUrl.startsWith("jdbc:postgresql:")) {
            throw new IllegalArgumentException("not a PostgreSQL JDBC URL (expected jdbc:postgresql://...): " + redact(jdbcUrl));
        }
        ConnectionPool pool = new ConnectionPool("postgres", POSTGRES_POOL_SIZE, WAIT, () -> openPostgres(jdbcUrl));
        return migrated(new Store(StoreKind.POSTGRES, redact(jdbcUrl), pool, pool, ChangeFeed.postgres(jdbcUrl)));
    }

    private static Store migrated(Store store)
    {
        try {
            Migrations.standard().apply(store);
            return store;
        }
        catch (RuntimeException e) {
            store.close();
            throw e;
        }
    }

    /**
     * Runs {@code action} while no other node runs it (PostgreSQL session advisory lock held on a connection of
     * its own, so the action's transactions take fresh snapshots after the lock is granted). The embedded store
     * needs nothing more: its every write transaction already holds the database's write lock.
     */
    <T> T exclusively(java.util.function.Supplier<T> action)
    {
        if (kind == StoreKind.SQLITE) {
            return action.get();
        }
        Connection lockHolder = writers.borrow();
        boolean healthy = true;
        try {
            lockStatement(lockHolder, "SELECT pg_advisory_lock(" + MIGRATION_LOCK + ")");
            try {
                return action.get();
            }
            finally {
                lockStatement(lockHolder, "SELECT pg_advisory_unlock(" + MIGRATION_LOCK + ")");
            }
        }
        catch (SQLException e) {
            healthy = false;
            throw new StoreException("cannot take the migration lock on " + description, e);
        }
        finally {
            writers.release(lockHolder, healthy);
        }
    }

    private static void lockStatement(Connection connection, String sql)
            throws SQLException
    {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
        connection.commit();
    }

    public StoreKind kind()
    {
        return kind;
    }

    /**
     * Calls {@code listener} with each topic {@linkplain Tx#publish published} by a committed transaction: this
     * node's on the committing thread right after commit, other nodes' (PostgreSQL) on a background thread, and
     * {@link ChangeFeed#EVERYTHING} when notifications may have been missed.
     */
    public Subscription subscribe(java.util.function.Consumer<String> listener)
    {
        return changes.subscribe(listener);
    }

    /**
     * Runs {@code work} in one read-write transaction: committed if it returns, rolled back if it throws (the
     * throwable propagates unchanged). On PostgreSQL it may run more than once, see the class comment.
     */
    public <T> T inTransaction(Function<Tx, T> work)
    {
        requireNonNull(work, "work is null");
        if (CURRENT.get() != null) {
            throw new IllegalStateException("inTransaction called inside a transaction; pass the Tx down instead");
        }
        for (int attempt = 1; ; attempt++) {
            // a transaction that keeps losing serialization races re-runs alone on this node, so retries among
            // this node's own threads cannot starve it; races with other nodes are left to the back-off
            Lock lock = attempt > ATTEMPTS_BEFORE_EXCLUSIVE ? contention.writeLock() : contention.readLock();
            lock.lock();
            try {
                return run(writers, false, work);
            }
            catch (StoreException e) {
                if (attempt >= MAX_ATTEMPTS || !isRetryable(e)) {
                    throw e;
                }
            }
            finally {
                lock.unlock();
            }
            backOff(attempt);
        }
    }

    /**
     * Runs {@code work} in a read-only transaction that sees one consistent committed state. Called inside
     * {@link #inTransaction} on the same thread, it joins that transaction so it sees its uncommitted writes.
     */
    public <T> T readOnly(Function<Tx, T> work)
    {
        requireNonNull(work, "work is null");
        Tx current = CURRENT.get();
        if (current != null) {
            return work.apply(current);
        }
        for (int attempt = 1; ; attempt++) {
            try {
                return run(readers, true, work);
            }
            catch (StoreException e) {
                if (attempt >= MAX_ATTEMPTS || !isRetryable(e)) {
                    throw e;
                }
                backOff(attempt);
            }
        }
    }

    /** Random wait before re-running a transaction, growing with the attempt, so racing transactions spread out. */
    private static void backOff(int attempt)
    {
        long maxMillis = 1L << Math.min(attempt, 7);
        try {
            Thread.sleep(java.util.concurrent.ThreadLocalRandom.current().nextLong(maxMillis + 1));
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreException("interrupted while retrying a transaction");
        }
    }

    private static boolean isRetryable(StoreException e)
    {
        return e.sqlState() != null && RETRYABLE.contains(e.sqlState());
    }

    private <T> T run(ConnectionPool pool, boolean readOnly, Function<Tx, T> work)
    {
        Connection connection = pool.borrow();
        boolean healthy = true;
        List<Runnable> afterCommit;
        List<String> topics;
        T result;
        try {
            begin(connection, readOnly);
            Tx tx = new Tx(connection, kind, readOnly);
            CURRENT.set(tx);
            try {
                result = work.apply(tx);
            }
            catch (Throwable failure) {
                healthy = rollback(connection, failure);
                throw failure;
            }
            finally {
                afterCommit = tx.close();
                topics = tx.topics();
                CURRENT.remove();
            }
            try {
                changes.beforeCommit(connection, topics);
                commit(connection);
            }
            catch (SQLException e) {
                healthy = rollback(connection, e);
                throw new StoreException("commit failed", e);
            }
        }
        catch (SQLException e) {
            healthy = false;
            throw new StoreException("cannot begin transaction on " + description, e);
        }
        finally {
            pool.release(connection, healthy);
        }
        changes.afterCommit(topics);
        afterCommit.forEach(Runnable::run);
        return result;
    }

    private void begin(Connection connection, boolean readOnly)
            throws SQLException
    {
        switch (kind) {
            case SQLITE -> {
                // autocommit stays on and the transaction is explicit: sqlite-jdbc's own mode would hold a
                // transaction open between our transactions. IMMEDIATE takes the write lock up front, so a
                // writer never fails half-way on a lock upgrade.
                try (Statement statement = connection.createStatement()) {
                    statement.execute(readOnly ? "BEGIN DEFERRED" : "BEGIN IMMEDIATE");
                }
            }
            case POSTGRES -> {
                // autocommit off and SERIALIZABLE were set when the connection was opened
                connection.setReadOnly(readOnly);
            }
        }
    }

    private void commit(Connection connection)
            throws SQLException
    {
        switch (kind) {
            case SQLITE -> {
                try (Statement statement = connection.createStatement()) {
                    statement.execute("COMMIT");
                }
            }
            case POSTGRES -> connection.commit();
        }
    }

    /** Rolls back; returns whether the connection is still fit for reuse. */
    private boolean rollback(Connection connection, Throwable cause)
    {
        try {
            switch (kind) {
                case SQLITE -> {
                    // fails if SQLite already rolled back by itself (for example on SQLITE_FULL); the connection
                    // is then discarded, which is always safe
                    try (Statement statement = connection.createStatement()) {
                        statement.execute("ROLLBACK");
                    }
                }
                case POSTGRES -> connection.rollback();
            }
            return true;
        }
        catch (SQLException e) {
            cause.addSuppressed(e);
            return false;
        }
    }

    private static Connection openSqlite(String url)
            throws SQLException
    {
        SQLiteConfig config = new SQLiteConfig();
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        config.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
        config.enforceForeignKeys(true);
        config.setBusyTimeout((int) WAIT.toMillis());
        return config.createConnection(url);
    }

    private static Connection openPostgres(String url)
            throws SQLException
    {
        Connection connection = DriverManager.getConnection(url);
        connection.setAutoCommit(false);
        connection.setTransactionIsolation(Connection.TRANSACTION_SERIALIZABLE);
        return connection;
    }

    private static String redact(String url)
    {
        return url.replaceAll("(?i)(password=)[^&]*", "$1***");
    }

    @Override
    public void close()
    {
        changes.close();
        writers.close();
        if (readers != writers) {
            readers.close();
        }
    }

    @Override
    public String toString()
    {
        return "Store[" + description + "]";
    }
}
