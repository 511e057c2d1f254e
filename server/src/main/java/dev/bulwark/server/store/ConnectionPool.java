package dev.bulwark.server.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import static java.util.Objects.requireNonNull;

/**
 * A tiny fixed-size pool: at most {@code size} connections, opened on demand, handed out one per transaction.
 * With size 1 it is also the embedded store's write serializer. A connection that failed is closed rather than
 * returned, and the next borrower opens a fresh one.
 */
final class ConnectionPool
        implements AutoCloseable
{
    /** Opens one new connection configured for its role. */
    @FunctionalInterface
    interface Opener
    {
        Connection open()
                throws SQLException;
    }

    private final String name;
    private final Opener opener;
    private final Duration borrowTimeout;
    private final Semaphore permits;
    private final BlockingQueue<Connection> idle;
    private final List<Connection> all = new ArrayList<>();
    private volatile boolean closed;

    ConnectionPool(String name, int size, Duration borrowTimeout, Opener opener)
    {
        this.name = requireNonNull(name, "name is null");
        if (size < 1) {
            throw new IllegalArgumentException("pool size must be at least 1: " + size);
        }
        this.opener = requireNonNull(opener, "opener is null");
        this.borrowTimeout = requireNonNull(borrowTimeout, "borrowTimeout is null");
        this.permits = new Semaphore(size, true);
        this.idle = new ArrayBlockingQueue<>(size);
    }

    Connection borrow()
    {
        if (closed) {
            throw new IllegalStateException("store is closed");
        }
        try {
            if (!permits.tryAcquire(borrowTimeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new StoreException("no " + name + " connection free after " + borrowTimeout);
            }
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreException("interrupted waiting for a " + name + " connection");
        }
        Connection connection = idle.poll();
        if (connection != null) {
            return connection;
        }
        try {
            connection = opener.open();
        }
        catch (SQLException e) {
            permits.release();
            throw new StoreException("cannot open " + name + " connection", e);
        }
        synchronized (all) {
            all.add(connection);
        }
        return connection;
    }

    /** Returns a borrowed connection; {@code healthy=false} discards it. */
    void release(Connection connection, boolean healthy)
    {
        try {
            if (healthy && !closed) {
                idle.add(connection);
            }
            else {
                discard(connection);
            }
        }
        finally {
            permits.release();
        }
    }

    private void discard(Connection connection)
    {
        synchronized (all) {
            all.remove(connection);
        }
        try {
            connection.close();
        }
        catch (SQLException ignored) {
            // already broken; nothing more to release
        }
    }

    @Override
    public void close()
    {
        closed = true;
        List<Connection> toClose;
        synchronized (all) {
            toClose = List.copyOf(all);
            all.clear();
        }
        idle.clear();
        for (Connection connection : toClose) {
            try {
                connection.close();
            }
            catch (SQLException ignored) {
                // closing at shutdown: a failure here leaves nothing to recover
            }
        }
    }
}
