package dev.bulwark.server.audit;

import dev.bulwark.server.store.DuplicateKeyException;
import dev.bulwark.server.store.Tx;

import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
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

    /**
     * LookupEvents: the account's events in {@code [start, end)} matching every non-null filter of {@code query},
     * newest first, one page at a time; pass the previous page's {@code nextToken} (null for the first page).
     */
    public EventPage lookup(Tx tx, String accountId, Query query, String nextToken, int limit)
    {
        requireNonNull(accountId, "accountId is null");
        requireNonNull(query, "query is null");
        int checked = checkLimit(limit);
        List<Object> params = new ArrayList<>(List.of(accountId, query.start(), query.end()));
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM audit_events WHERE account_id = ? AND event_time >= ? AND event_time < ?");
        if (query.eventName() != null) {
            sql.append(" AND event_name = ?");
            params.add(query.eventName());
        }
        if (query.eventSource() != null) {
            sql.append(" AND event_source = ?");
            params.add(query.eventSource());
        }
        if (query.readOnly() != null) {
            sql.append(" AND read_only = ?");
            params.add(query.readOnly());
        }
        if (nextToken != null) {
            Position after = Position.decode(nextToken);
            sql.append(" AND (event_time < ? OR (event_time = ? AND event_id < ?))");
            params.addAll(List.of(after.eventTime(), after.eventTime(), after.eventId()));
        }
        sql.append(" ORDER BY event_time DESC, event_id DESC LIMIT ?");
        params.add(checked + 1);
        List<AuditRecord> rows = tx.query(sql.toString(), AuditStore::record, params.toArray());
        if (rows.size() <= checked) {
            return new EventPage(rows, null);
        }
        List<AuditRecord> page = rows.subList(0, checked);
        AuditRecord last = page.get(checked - 1);
        return new EventPage(page, new Position(last.eventTime().toEpochMilli(), last.eventId()).encode());
    }

    /** Drops events older than {@code cutoff} (CloudTrail's event history keeps 90 days); returns how many. */
    public int deleteOlderThan(Tx tx, Instant cutoff)
    {
        return tx.update("DELETE FROM audit_events WHERE event_time < ?", requireNonNull(cutoff, "cutoff is null"));
    }

    /** LookupEvents' filters: a time window plus optional exact matches (null = any). */
    public record Query(Instant start, Instant end, String eventName, String eventSource, Boolean readOnly)
    {
        public Query
        {
            requireNonNull(start, "start is null");
            requireNonNull(end, "end is null");
            if (end.isBefore(start)) {
                throw new IllegalArgumentException("end " + end + " is before start " + start);
            }
        }

        /** Every event in the window. */
        public static Query between(Instant start, Instant end)
        {
            return new Query(start, end, null, null, null);
        }
    }

    /** One page of events, newest first; {@code nextToken} is null on the last page and opaque otherwise. */
    public record EventPage(List<AuditRecord> events, String nextToken)
    {
        public EventPage
        {
            events = List.copyOf(requireNonNull(events, "events is null"));
        }
    }

    /** Where a page ended: events sort by time, then id, both descending. */
    private record Position(long eventTime, String eventId)
    {
        static Position decode(String token)
        {
            try {
                String text = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
                int separator = text.indexOf(' ');
                return new Position(Long.parseLong(text.substring(0, separator)), text.substring(separator + 1));
            }
            catch (IllegalArgumentException | IndexOutOfBoundsException e) {
                throw new IllegalArgumentException("invalid next token", e);
            }
        }

        String encode()
        {
            return Base64.getUrlEncoder().withoutPadding().encodeToString((eventTime + " " + eventId).getBytes(StandardCharsets.UTF_8));
        }
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
