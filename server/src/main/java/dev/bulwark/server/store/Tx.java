package dev.bulwark.server.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static java.util.Objects.requireNonNull;

/**
 * One open transaction: parameterised SQL over the JDBC connection, nothing more. Valid only inside the
 * {@link Store#inTransaction} or {@link Store#readOnly} call that handed it out.
 *
 * <p>Parameters are bound portably: {@link Instant} as epoch milliseconds, {@link Boolean} as 0/1, enums by name,
 * so the same SQL runs on SQLite and PostgreSQL.
 */
public final class Tx
{
    /** Maps the current row of a result set; called once per row. */
    @FunctionalInterface
    public interface RowMapper<T>
    {
        T map(ResultSet row)
                throws SQLException;
    }

    /** PostgreSQL NOTIFY payloads must stay under 8000 bytes; topics are short names, not data. */
    private static final int MAX_TOPIC_LENGTH = 200;

    private final Connection connection;
    private final StoreKind kind;
    private final boolean readOnly;
    private final List<Runnable> afterCommit = new ArrayList<>();
    private final Set<String> topics = new LinkedHashSet<>();
    private boolean open = true;

    Tx(Connection connection, StoreKind kind, boolean readOnly)
    {
        this.connection = requireNonNull(connection, "connection is null");
        this.kind = requireNonNull(kind, "kind is null");
        this.readOnly = readOnly;
    }

    /** The engine this transaction runs on, for the rare statement that must differ. */
    public StoreKind kind()
    {
        return kind;
    }

    public boolean isReadOnly()
    {
        return readOnly;
    }

    /** Runs INSERT/UPDATE/DELETE/DDL; returns the number of rows changed. */
    public int update(String sql, Object... params)
    {
        checkOpen();
        if (readOnly) {
            throw new IllegalStateException("write in a read-only transaction: " + sql);
        }
        try (PreparedStatement statement = prepare(sql, params)) {
            return statement.executeUpdate();
        }
        catch (SQLException e) {
            throw new StoreException("update failed [" + sql + "]", e);
        }
    }

    /** Runs a query and maps every row. */
    public <T> List<T> query(String sql, RowMapper<T> mapper, Object... params)
    {
        checkOpen();
        requireNonNull(mapper, "mapper is null");
        try (PreparedStatement statement = prepare(sql, params); ResultSet rows = statement.executeQuery()) {
            List<T> result = new ArrayList<>();
            while (rows.next()) {
                result.add(mapper.map(rows));
            }
            return result;
        }
        catch (SQLException e) {
            throw new StoreException("query failed [" + sql + "]", e);
        }
    }

    /** Runs a query expected to return at most one row. */
    public <T> Optional<T> queryOne(String sql, RowMapper<T> mapper, Object... params)
    {
        List<T> rows = query(sql, mapper, params);
        if (rows.size() > 1) {
            throw new StoreException("expected at most one row but got " + rows.size() + " [" + sql + "]");
        }
        return rows.stream().findFirst();
    }

    /** Runs a query whose first column of its single row is a number, such as {@code SELECT count(*)}. */
    public long queryLong(String sql, Object... params)
    {
        return queryOne(sql, row -> row.getLong(1), params)
                .orElseThrow(() -> new StoreException("query returned no row [" + sql + "]"));
    }

    /**
     * Registers work to run once this transaction has committed (for example refreshing an in-memory read model);
     * dropped if it rolls back. Runs on the committing thread, after the connection is released.
     */
    public void afterCommit(Runnable action)
    {
        checkOpen();
        afterCommit.add(requireNonNull(action, "action is null"));
    }

    /**
     * Announces that {@code topic} changed; once this transaction commits, {@link Store#subscribe} listeners on
     * every node hear it (see {@link ChangeFeed}). Nothing is announced if the transaction rolls back.
     */
    public void publish(String topic)
    {
        checkOpen();
        requireNonNull(topic, "topic is null");
        if (readOnly) {
            throw new IllegalStateException("publish in a read-only transaction: " + topic);
        }
        if (topic.isEmpty() || topic.length() > MAX_TOPIC_LENGTH) {
            throw new IllegalArgumentException("topic must be 1 to " + MAX_TOPIC_LENGTH + " characters: " + topic);
        }
        topics.add(topic);
    }

    /** The raw connection, for what the helpers do not cover; never commit, roll back or close it. */
    public Connection connection()
    {
        checkOpen();
        return connection;
    }

    List<Runnable> close()
    {
        open = false;
        return List.copyOf(afterCommit);
    }

    /** Topics published in this transaction, in first-published order. */
    List<String> topics()
    {
        return List.copyOf(topics);
    }

    private void checkOpen()
    {
        if (!open) {
            throw new IllegalStateException("transaction already ended");
        }
    }

    private PreparedStatement prepare(String sql, Object[] params)
            throws SQLException
    {
        PreparedStatement statement = connection.prepareStatement(sql);
        try {
            for (int i = 0; i < params.length; i++) {
                bind(statement, i + 1, params[i]);
            }
            return statement;
        }
        catch (SQLException | RuntimeException e) {
            statement.close();
            throw e;
        }
    }

    private static void bind(PreparedStatement statement, int index, Object value)
            throws SQLException
    {
        if (value == null) {
            statement.setNull(index, Types.NULL);
        }
        else if (value instanceof String text) {
            statement.setString(index, text);
        }
        else if (value instanceof Long number) {
            statement.setLong(index, number);
        }
        else if (value instanceof Integer number) {
            statement.setInt(index, number);
        }
        else if (value instanceof Boolean flag) {
            statement.setInt(index, flag ? 1 : 0);
        }
        else if (value instanceof Instant instant) {
            statement.setLong(index, instant.toEpochMilli());
        }
        else if (value instanceof Enum<?> constant) {
            statement.setString(index, constant.name());
        }
        else if (value instanceof byte[] bytes) {
            statement.setBytes(index, bytes);
        }
        else {
            throw new IllegalArgumentException("unsupported parameter type " + value.getClass().getName() + " at index " + index);
        }
    }

    /** Reads a nullable epoch-millisecond column. */
    public static Instant instant(ResultSet row, String column)
            throws SQLException
    {
        long millis = row.getLong(column);
        return row.wasNull() ? null : Instant.ofEpochMilli(millis);
    }

    /** Reads a 0/1 column. */
    public static boolean bool(ResultSet row, String column)
            throws SQLException
    {
        return row.getInt(column) != 0;
    }
}
