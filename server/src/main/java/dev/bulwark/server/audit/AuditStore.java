package dev.bulwark.server.audit;

import dev.bulwark.server.store.DuplicateKeyException;
import dev.bulwark.server.store.Tx;

import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import static java.util.Objects.requireNonNull;

/**
 * Persistence for CloudTrail events. {@link #append} takes the caller's transaction, so a mutation and its event
 * commit or vanish together. Event times are kept to the millisecond (CloudTrail's records show seconds).
 */
public final class AuditStore
{
    /** LookupEvents returns at most 50 events per call; larger reads are for exports and tests. */
    public static final int MAX_LIMIT = 10_000;
    private static final String RESOURCE_TYPE = "ResourceType";
    private static final String RESOURCE_NAME = "ResourceName";
    private static final String COLUMNS = "event_id, event_time, account_id, event_source, event_name, read_only, error_code, record_json, "
            + "username, access_key_id";

    /** Stores one event; {@link DuplicateKeyException} if its event id was already stored. */
    public void append(Tx tx, AuditRecord record)
    {
        requireNonNull(record, "record is null");
        int inserted = tx.update("INSERT INTO audit_events (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
                record.eventId(), record.eventTime(), record.accountId(), record.eventSource(), record.eventName(), record.readOnly(),
                record.errorCode(), record.json(), record.username(), record.accessKeyId());
        if (inserted == 0) {
            throw new DuplicateKeyException("audit event", record.eventId());
        }
        Set<List<String>> lookups = new LinkedHashSet<>();
        for (EventResource resource : new LinkedHashSet<>(record.resources())) {
            tx.update("INSERT INTO audit_event_resources (event_id, event_time, resource_type, resource_name, resource_arn) VALUES (?, ?, ?, ?, ?) "
                            + "ON CONFLICT DO NOTHING",
                    record.eventId(), record.eventTime(), resource.type(), resource.name(), resource.arn());
            lookups.add(List.of(RESOURCE_TYPE, resource.type()));
            lookups.add(List.of(RESOURCE_NAME, resource.name()));
            lookups.add(List.of(RESOURCE_NAME, resource.arn()));
        }
        for (List<String> lookup : lookups) {
            tx.update("INSERT INTO audit_event_lookups (event_id, account_id, event_time, attribute, attribute_value) VALUES (?, ?, ?, ?, ?)",
                    record.eventId(), record.accountId(), record.eventTime(), lookup.get(0), lookup.get(1));
        }
    }

    /** One event of the account by its ID (LookupEvents' EventId attribute). */
    public Optional<AuditRecord> find(Tx tx, String accountId, String eventId)
    {
        return tx.queryOne("SELECT " + COLUMNS + " FROM audit_events WHERE event_id = ? AND account_id = ?", AuditStore::record,
                requireNonNull(eventId, "eventId is null"), requireNonNull(accountId, "accountId is null"))
                .map(found -> withResources(tx, List.of(found)).get(0));
    }

    /**
     * Events of every account after {@code after} (exclusive) and before {@code before} (exclusive), oldest first,
     * at most {@code limit}: what trail delivery reads. Ties in time are ordered by event ID, as the cursor is.
     */
    public List<AuditRecord> since(Tx tx, Cursor after, Instant before, int limit)
    {
        requireNonNull(after, "after is null");
        requireNonNull(before, "before is null");
        return withResources(tx, tx.query("SELECT " + COLUMNS + " FROM audit_events WHERE (event_time > ? OR (event_time = ? AND event_id > ?)) "
                        + "AND event_time < ? ORDER BY event_time, event_id LIMIT ?",
                AuditStore::record, after.eventTime(), after.eventTime(), after.eventId(), before, checkLimit(limit)));
    }

    /** A position in the event stream (time, then event ID), for readers that resume where they stopped. */
    public record Cursor(Instant eventTime, String eventId)
    {
        public Cursor
        {
            requireNonNull(eventTime, "eventTime is null");
            requireNonNull(eventId, "eventId is null");
        }

        public static Cursor at(Instant time)
        {
            return new Cursor(time, "");
        }

        public static Cursor of(AuditRecord record)
        {
            return new Cursor(record.eventTime(), record.eventId());
        }
    }

    /** The records with the resources their events named. */
    private static List<AuditRecord> withResources(Tx tx, List<AuditRecord> records)
    {
        if (records.isEmpty()) {
            return records;
        }
        Map<String, List<EventResource>> byEvent = new HashMap<>();
        String marks = String.join(", ", Collections.nCopies(records.size(), "?"));
        tx.query("SELECT event_id, resource_type, resource_arn FROM audit_event_resources WHERE event_id IN (" + marks + ")",
                        row -> Map.entry(row.getString("event_id"), new EventResource(row.getString("resource_type"), row.getString("resource_arn"),
                                ownerOf(row.getString("resource_arn")))),
                        records.stream().map(AuditRecord::eventId).toArray())
                .forEach(entry -> byEvent.computeIfAbsent(entry.getKey(), id -> new ArrayList<>()).add(entry.getValue()));
        return records.stream()
                .map(r -> byEvent.containsKey(r.eventId())
                        ? new AuditRecord(r.eventId(), r.eventTime(), r.accountId(), r.eventSource(), r.eventName(), r.readOnly(), r.errorCode(), r.json(),
                                r.username(), r.accessKeyId(), byEvent.get(r.eventId()))
                        : r)
                .toList();
    }

    private static String ownerOf(String arn)
    {
        String[] parts = arn.split(":", 6);
        return parts.length > 4 && !parts[4].equals("aws") ? parts[4] : "";
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
        Position after = nextToken == null ? null : Position.decode(nextToken);
        String resourceAttribute = query.resourceType() != null ? RESOURCE_TYPE : query.resourceName() != null ? RESOURCE_NAME : null;
        List<Object> params = new ArrayList<>();
        StringBuilder sql;
        String table;
        if (resourceAttribute != null) {
            // Walk the lookup index newest first and join each event: no scan of the account's other events.
            table = "l";
            sql = new StringBuilder("SELECT " + qualified("e") + " FROM audit_event_lookups l JOIN audit_events e ON e.event_id = l.event_id "
                    + "WHERE l.account_id = ? AND l.attribute = ? AND l.attribute_value = ? AND l.event_time >= ? AND l.event_time < ?");
            params.addAll(List.of(accountId, resourceAttribute, resourceAttribute.equals(RESOURCE_TYPE) ? query.resourceType() : query.resourceName(),
                    query.start(), query.end()));
        }
        else {
            table = "e";
            sql = new StringBuilder("SELECT " + qualified("e") + " FROM audit_events e WHERE e.account_id = ? AND e.event_time >= ? AND e.event_time < ?");
            params.addAll(List.of(accountId, query.start(), query.end()));
        }
        filter(sql, params, "e.event_name", query.eventName());
        filter(sql, params, "e.event_source", query.eventSource());
        filter(sql, params, "e.read_only", query.readOnly());
        filter(sql, params, "e.event_id", query.eventId());
        filter(sql, params, "e.username", query.username());
        filter(sql, params, "e.access_key_id", query.accessKeyId());
        if (after != null) {
            sql.append(" AND (" + table + ".event_time < ? OR (" + table + ".event_time = ? AND " + table + ".event_id < ?))");
            params.addAll(List.of(after.eventTime(), after.eventTime(), after.eventId()));
        }
        sql.append(" ORDER BY " + table + ".event_time DESC, " + table + ".event_id DESC LIMIT ?");
        params.add(checked + 1);
        List<AuditRecord> rows = tx.query(sql.toString(), AuditStore::record, params.toArray());
        if (rows.size() <= checked) {
            return new EventPage(withResources(tx, rows), null);
        }
        List<AuditRecord> page = withResources(tx, rows.subList(0, checked));
        AuditRecord last = page.get(checked - 1);
        return new EventPage(page, new Position(last.eventTime().toEpochMilli(), last.eventId()).encode());
    }

    private static void filter(StringBuilder sql, List<Object> params, String column, Object value)
    {
        if (value != null) {
            sql.append(" AND ").append(column).append(" = ?");
            params.add(value);
        }
    }

    private static String qualified(String alias)
    {
        return Arrays.stream(COLUMNS.split(", ")).map(column -> alias + "." + column).collect(Collectors.joining(", "));
    }

    /** Drops events older than {@code cutoff} (CloudTrail's event history keeps 90 days); returns how many. */
    public int deleteOlderThan(Tx tx, Instant cutoff)
    {
        requireNonNull(cutoff, "cutoff is null");
        tx.update("DELETE FROM audit_event_resources WHERE event_time < ?", cutoff);
        tx.update("DELETE FROM audit_event_lookups WHERE event_time < ?", cutoff);
        return tx.update("DELETE FROM audit_events WHERE event_time < ?", cutoff);
    }

    /**
     * LookupEvents' filters: a time window plus optional exact matches (null = any). {@code resourceName} matches
     * a resource's name or its ARN.
     */
    public record Query(Instant start, Instant end, String eventName, String eventSource, Boolean readOnly, String eventId, String username,
            String accessKeyId, String resourceType, String resourceName)
    {
        public Query(Instant start, Instant end, String eventName, String eventSource, Boolean readOnly)
        {
            this(start, end, eventName, eventSource, readOnly, null, null, null, null, null);
        }

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
                row.getString("event_name"), Tx.bool(row, "read_only"), row.getString("error_code"), row.getString("record_json"),
                row.getString("username"), row.getString("access_key_id"), List.of());
    }
}
