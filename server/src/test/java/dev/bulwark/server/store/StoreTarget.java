package dev.bulwark.server.store;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * Where one test's database lives: a fresh temporary data directory (embedded) or a fresh PostgreSQL schema.
 * {@link #open} may be called more than once, for example to prove that a restart sees committed data; every store
 * opened is closed, and the schema dropped, when the test ends.
 */
public final class StoreTarget
        implements AutoCloseable
{
    private final StoreKind kind;
    private final Path dataDir;
    private final String jdbcUrl;
    private final Runnable cleanup;
    private final List<Store> opened = new ArrayList<>();

    StoreTarget(StoreKind kind, Path dataDir, String jdbcUrl, Runnable cleanup)
    {
        this.kind = requireNonNull(kind, "kind is null");
        this.dataDir = requireNonNull(dataDir, "dataDir is null");
        this.jdbcUrl = jdbcUrl;
        this.cleanup = requireNonNull(cleanup, "cleanup is null");
    }

    public StoreKind kind()
    {
        return kind;
    }

    /** The data directory (holds the embedded database, the root key, anything else the server writes). */
    public Path dataDir()
    {
        return dataDir;
    }

    /** The PostgreSQL URL including {@code currentSchema}, or null for the embedded store. */
    public String jdbcUrl()
    {
        return jdbcUrl;
    }

    /** Opens (and migrates) a store on this target. */
    public Store open()
    {
        Store store = Store.open(dataDir, jdbcUrl);
        opened.add(store);
        return store;
    }

    @Override
    public void close()
    {
        opened.forEach(Store::close);
        cleanup.run();
    }

    @Override
    public String toString()
    {
        return kind + (jdbcUrl == null ? " at " + dataDir : " at " + jdbcUrl);
    }
}
