package dev.bulwark.server.audit;

import dev.bulwark.server.store.DuplicateKeyException;
import dev.bulwark.server.store.Store;
import dev.bulwark.server.store.StoreTest;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

final class TestAuditStore
{
    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00.123Z");

    private final AuditStore audit = new AuditStore();

    private static AuditRecord event(String accountId, Instant time, String name, String errorCode)
    {
        String id = UUID.randomUUID().toString();
        return new AuditRecord(id, time, accountId, "iam.amazonaws.com", name, name.startsWith("Get") || name.startsWith("List"), errorCode,
                "{\"eventVersion\":\"1.08\",\"eventID\":\"" + id + "\",\"eventName\":\"" + name + "\"}");
    }

    private void append(Store store, AuditRecord record)
    {
        store.inTransaction(tx -> {
            audit.append(tx, record);
            return null;
        });
    }

    private List<AuditRecord> recent(Store store, String accountId, int limit)
    {
        return store.readOnly(tx -> audit.recent(tx, accountId, limit));
    }

    @StoreTest
    void recentReturnsTheAccountsNewestEventsFirstUpToTheLimit(Store store)
    {
        AuditRecord oldest = event("111111111111", T0, "CreateUser", null);
        AuditRecord middle = event("111111111111", T0.plusSeconds(1), "GetUser", null);
        AuditRecord newest = event("111111111111", T0.plusSeconds(2), "DeleteUser", "DeleteConflict");
        AuditRecord otherAccount = event("222222222222", T0.plusSeconds(3), "CreateUser", null);
        for (AuditRecord record : List.of(middle, otherAccount, newest, oldest)) {
            append(store, record);
        }

        assertThat(recent(store, "111111111111", 10)).containsExactly(newest, middle, oldest);
        assertThat(recent(store, "111111111111", 2)).containsExactly(newest, middle);
        assertThat(recent(store, "222222222222", 10)).containsExactly(otherAccount);
        assertThat(recent(store, "333333333333", 10)).isEmpty();
    }

    @StoreTest
    void everyFieldRoundTrips(Store store)
    {
        AuditRecord denied = event("111111111111", T0, "ListUsers", "AccessDenied");
        append(store, denied);

        AuditRecord stored = recent(store, "111111111111", 1).get(0);
        assertThat(stored).isEqualTo(denied);
        assertThat(stored.readOnly()).isTrue();
        assertThat(stored.errorCode()).isEqualTo("AccessDenied");
    }

    @StoreTest
    void betweenSelectsAHalfOpenTimeWindow(Store store)
    {
        AuditRecord before = event("111111111111", T0.minusMillis(1), "A", null);
        AuditRecord atStart = event("111111111111", T0, "B", null);
        AuditRecord atEnd = event("111111111111", T0.plusSeconds(60), "C", null);
        for (AuditRecord record : List.of(before, atStart, atEnd)) {
            append(store, record);
        }

        List<AuditRecord> window = store.readOnly(tx -> audit.between(tx, "111111111111", T0, T0.plusSeconds(60), 50));
        assertThat(window).containsExactly(atStart);
    }

    @StoreTest
    void lookupPagesNewestFirstThroughEventsWithEqualTimes(Store store)
    {
        List<AuditRecord> all = new java.util.ArrayList<>();
        for (int i = 0; i < 5; i++) {
            // three events share one millisecond: the page boundary must fall between them without loss
            AuditRecord record = event("111111111111", i < 3 ? T0 : T0.plusSeconds(i), "CreateUser", null);
            all.add(record);
            append(store, record);
        }
        List<AuditRecord> expected = all.stream()
                .sorted(java.util.Comparator.comparing(AuditRecord::eventTime).thenComparing(AuditRecord::eventId).reversed())
                .toList();

        List<AuditRecord> seen = new java.util.ArrayList<>();
        String token = null;
        do {
            String current = token;
            AuditStore.EventPage page = store.readOnly(tx -> audit.lookup(tx, "111111111111", AuditStore.Query.between(T0, T0.plusSeconds(60)), current, 2));
            assertThat(page.events().size()).isLessThanOrEqualTo(2);
            seen.addAll(page.events());
            token = page.nextToken();
        }
        while (token != null);

        assertThat(seen).containsExactlyElementsOf(expected);
    }

    @StoreTest
    void lookupFiltersByNameSourceAndReadOnly(Store store)
    {
        AuditRecord create = event("111111111111", T0, "CreateUser", null);
        AuditRecord get = event("111111111111", T0.plusSeconds(1), "GetUser", null);
        AuditRecord sts = new AuditRecord("sts-1", T0.plusSeconds(2), "111111111111", "sts.amazonaws.com", "GetCallerIdentity", true, null, "{}");
        for (AuditRecord record : List.of(create, get, sts)) {
            append(store, record);
        }
        AuditStore.Query window = AuditStore.Query.between(T0, T0.plusSeconds(60));

        assertThat(lookup(store, new AuditStore.Query(window.start(), window.end(), "GetUser", null, null))).containsExactly(get);
        assertThat(lookup(store, new AuditStore.Query(window.start(), window.end(), null, "iam.amazonaws.com", null))).containsExactly(get, create);
        assertThat(lookup(store, new AuditStore.Query(window.start(), window.end(), null, null, false))).containsExactly(create);
        assertThat(lookup(store, new AuditStore.Query(window.start(), window.end(), null, "iam.amazonaws.com", true))).containsExactly(get);
    }

    @StoreTest
    void eventsOlderThanTheCutoffAreDropped(Store store)
    {
        AuditRecord old = event("111111111111", T0.minusSeconds(1), "CreateUser", null);
        AuditRecord kept = event("111111111111", T0, "CreateUser", null);
        append(store, old);
        append(store, kept);

        int dropped = store.inTransaction(tx -> audit.deleteOlderThan(tx, T0));

        assertThat(dropped).isEqualTo(1);
        assertThat(recent(store, "111111111111", 10)).containsExactly(kept);
    }

    private List<AuditRecord> lookup(Store store, AuditStore.Query query)
    {
        return store.readOnly(tx -> audit.lookup(tx, "111111111111", query, null, 50)).events();
    }

    @StoreTest
    void eventIdIsStoredOnce(Store store)
    {
        AuditRecord record = event("111111111111", T0, "CreateUser", null);
        append(store, record);

        assertThatThrownBy(() -> append(store, record)).isInstanceOf(DuplicateKeyException.class);
    }

    @StoreTest
    void eventOfARolledBackMutationIsNotKept(Store store)
    {
        assertThatThrownBy(() -> store.inTransaction(tx -> {
            audit.append(tx, event("111111111111", T0, "CreateUser", null));
            throw new IllegalStateException("mutation failed after its event was written");
        })).isInstanceOf(IllegalStateException.class);

        assertThat(recent(store, "111111111111", 10)).isEmpty();
    }

    @StoreTest
    void limitOutsideItsRangeIsRejected(Store store)
    {
        assertThatThrownBy(() -> recent(store, "111111111111", 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> recent(store, "111111111111", AuditStore.MAX_LIMIT + 1)).isInstanceOf(IllegalArgumentException.class);
    }
}
