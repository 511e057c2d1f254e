package dev.bulwark.server.store;

import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import static java.util.Objects.requireNonNull;

/**
 * Tells in-memory read models which topics changed, after the change committed. Topics are opaque strings
 * chosen by publishers (for example {@code iam:123456789012}); a notification is a hint to reload, never data.
 *
 * <p>Listeners on this node are called on the committing thread right after commit, so a node reads its own
 * writes. With PostgreSQL, a transaction's topics are also sent with {@code pg_notify} (delivered by PostgreSQL
 * only if and when it commits) and a background thread per node LISTENs for other nodes' topics. After that
 * connection is lost and regained, listeners get {@link #EVERYTHING}, because notifications sent meanwhile are
 * gone. The embedded store has one process writing, so it has no remote side.
 */
public final class ChangeFeed
        implements AutoCloseable
{
    /** Topic meaning "anything may have changed": reload all. */
    public static final String EVERYTHING = "*";
    /** PostgreSQL channel shared by all nodes. */
    static final String CHANNEL = "bulwark_changes";
    /** How long the listener blocks waiting for notifications before checking whether it should stop. */
    private static final int POLL_MILLIS = 500;
    /** Pause before reconnecting a lost listener connection. */
    private static final long RECONNECT_MILLIS = 1_000;

    private static final System.Logger LOG = System.getLogger(ChangeFeed.class.getName());

    private final String nodeId;
    private final List<Consumer<String>> listeners = new CopyOnWriteArrayList<>();
    private final String postgresUrl;
    private volatile boolean closed;
    private Thread listenerThread;

    private ChangeFeed(String postgresUrl)
    {
        byte[] id = new byte[8];
        new SecureRandom().nextBytes(id);
        this.nodeId = HexFormat.of().formatHex(id);
        this.postgresUrl = postgresUrl;
    }

    static ChangeFeed local()
    {
        return new ChangeFeed(null);
    }

    static ChangeFeed postgres(String url)
    {
        return new ChangeFeed(requireNonNull(url, "url is null"));
    }

    /** Adds a listener; closing the returned subscription removes it. */
    synchronized Subscription subscribe(Consumer<String> listener)
    {
        requireNonNull(listener, "listener is null");
        if (closed) {
            throw new IllegalStateException("store is closed");
        }
        listeners.add(listener);
        if (postgresUrl != null && listenerThread == null) {
            listenerThread = new Thread(this::listen, "bulwark-change-feed");
            listenerThread.setDaemon(true);
            listenerThread.start();
        }
        return () -> listeners.remove(listener);
    }

    /** Inside the committing PostgreSQL transaction: queue the topics for other nodes. */
    void beforeCommit(Connection connection, Collection<String> topics)
            throws SQLException
    {
        if (postgresUrl == null || topics.isEmpty()) {
            return;
        }
        try (PreparedStatement notify = connection.prepareStatement("SELECT pg_notify(?, ?)")) {
            for (String topic : topics) {
                notify.setString(1, CHANNEL);
                notify.setString(2, nodeId + " " + topic);
                notify.execute();
            }
        }
    }

    /** After commit, on the committing thread: tell this node's listeners. */
    void afterCommit(Collection<String> topics)
    {
        topics.forEach(this::dispatch);
    }

    private void dispatch(String topic)
    {
        for (Consumer<String> listener : listeners) {
            listener.accept(topic);
        }
    }

    private void listen()
    {
        boolean missedSome = false;
        while (!closed) {
            try (Connection connection = DriverManager.getConnection(postgresUrl)) {
                connection.setAutoCommit(true);
                try (Statement statement = connection.createStatement()) {
                    statement.execute("LISTEN " + CHANNEL);
                }
                if (missedSome) {
                    deliverRemote(EVERYTHING);
                }
                PGConnection pg = connection.unwrap(PGConnection.class);
                while (!closed) {
                    PGNotification[] notifications = pg.getNotifications(POLL_MILLIS);
                    if (notifications == null) {
                        continue;
                    }
                    for (PGNotification notification : notifications) {
                        String payload = notification.getParameter();
                        int space = payload.indexOf(' ');
                        if (space > 0 && !payload.substring(0, space).equals(nodeId)) {
                            deliverRemote(payload.substring(space + 1));
                        }
                    }
                }
            }
            catch (SQLException e) {
                if (closed) {
                    return;
                }
                LOG.log(System.Logger.Level.WARNING, "change feed lost its PostgreSQL connection; reconnecting: " + e.getMessage());
                missedSome = true;
                try {
                    Thread.sleep(RECONNECT_MILLIS);
                }
                catch (InterruptedException interrupted) {
                    return;
                }
            }
        }
    }

    /** On the listener thread a failing listener must not stop the feed for the others: it is logged instead. */
    private void deliverRemote(String topic)
    {
        for (Consumer<String> listener : listeners) {
            try {
                listener.accept(topic);
            }
            catch (RuntimeException e) {
                LOG.log(System.Logger.Level.ERROR, "change listener failed on topic " + topic, e);
            }
        }
    }

    @Override
    public synchronized void close()
    {
        closed = true;
        listeners.clear();
        if (listenerThread != null) {
            listenerThread.interrupt();
        }
    }

}
