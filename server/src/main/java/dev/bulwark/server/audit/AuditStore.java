package dev.bulwark.server.audit;

import dev.bulwark.server.store.DuplicateKeyException;
import dev.bulwark.server.store.Tx;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * Persistence for CloudTrail events. {@link #append} takes the caller's transaction, so a mutation and its event
 * commit or vanish together. Event times are kept to the millisecond (CloudTrail's records show seconds).
 */
public final class AuditStore
{
    /** LookupEvents returns at most 50 events per call; larger reads are for exports and tests. */
    public static final int MAX_LIMIT = 10_000;
    private static final String COLUMNS = "event_id, event_time, account_id, event_source, event_name, read_only, error_code, record_json";

    /** Stores one event; {@link DuplicateKeyException} if its event id was already stored. */
    public void append(Tx tx, AuditRecord record)
    {
        requireNonNull(record, "record is null");
        int inserted = tx.update("INSERT INTO audit_events (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
                record.eventId(), record.eventTime(), record.accountId(), record.eventSource(), record.eventName(), record.readOnly(),
                record.errorCode(), record.json());
        if (inserted == 0) {
            throw new DuplicateKeyException("audit event", record.eventId());
        }
    }

    /** The account's newest events, newest first. */
    public List<AuditRecord> recent(Tx tx, String accountId, int limit)
    {
        return tx.query("SELECT " + COLUMNS + " FROM audit_events WHERE account_id = ? ORDER BY event_time DESC, event_id DESC LIMIT ?",
                AuditStore::record, requireNonNull(accountId, "accountId is null"), checkLimit(limit));
    }

    /** The account's events with {@code start <= eventTime < end}, newest first (LookupEvents' time window). */
    public List<AuditRecord> between(Tx tx, String accountId, Instant start, Instant end, int limit)
    {
        return tx.query("SELECT " + COLUMNS + " FROM audit_events WHERE account_id = ? AND event_time >= ? AND event_time < ? "
                        + "ORDER BY event_time DESC, event_id DESC LIMIT ?",
                AuditStore::record, requireNonNull(accountId, "accountId is null"), requireNonNull(start, "start is null"),
                requireNonNull(end, "end is null"), checkLimit(limit));
    }

    private static int checkLimit(int limit)
    {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be between 1 and " + MAX_LIMIT + ": " + limit);
        }
        return limit;
    }

    private static AuditRecord record(ResultSet row)
            throws SQLException
    {
        return new AuditRecord(row.getString("event_id"), Tx.instant(row, "event_time"), row.getString("account_id"), row.getString("event_source"),
                row.getString("event_name"), Tx.bool(row, "read_only"), row.getString("error_code"), row.getString("record_json"));
    }
}
