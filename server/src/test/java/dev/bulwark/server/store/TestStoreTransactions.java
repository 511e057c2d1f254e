package dev.bulwark.server.store;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

final class TestStoreTransactions
{
    private static void createScratch(Store store)
    {
        store.inTransaction(tx -> tx.update("CREATE TABLE scratch (id BIGINT PRIMARY KEY, label TEXT NOT NULL)"));
    }

    private static long count(Store store)
    {
        return store.readOnly(tx -> tx.queryLong("SELECT count(*) FROM scratch"));
    }

    @StoreTest
    void workThatReturnsIsCommittedAndSurvivesReopening(StoreTarget target)
    {
        Store store = target.open();
        createScratch(store);
        store.inTransaction(tx -> tx.update("INSERT INTO scratch (id, label) VALUES (?, ?)", 1L, "one"));
        store.close();

        Store reopened = target.open();
        List<String> labels = reopened.readOnly(tx -> tx.query("SELECT label FROM scratch WHERE id = ?", row -> row.getString(1), 1L));
        assertThat(labels).containsExactly("one");
    }

    @Test
    void embeddedDatabaseFilesAreReadableByTheOwnerOnly(@TempDir Path dataDir)
            throws IOException
    {
        try (Store store = Store.embedded(dataDir)) {
            createScratch(store);
            store.inTransaction(tx -> tx.update("INSERT INTO scratch (id, label) VALUES (?, ?)", 1L, "x"));
            List<Path> files;
            try (var entries = Files.list(dataDir)) {
                files = entries.toList();
            }
            assertThat(files).extracting(path -> path.getFileName().toString()).contains("bulwark.db", "bulwark.db-wal");
            for (Path file : files) {
                assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).as(file.toString()).isEqualTo("rw-------");
            }
        }
    }

    @StoreTest
    void workThatThrowsLeavesNothingHalfWritten(Store store)
    {
        createScratch(store);
        assertThatThrownBy(() -> store.inTransaction(tx -> {
            tx.update("INSERT INTO scratch (id, label) VALUES (?, ?)", 1L, "first");
            tx.update("INSERT INTO scratch (id, label) VALUES (?, ?)", 2L, "second");
            throw new IllegalStateException("service failed after two writes");
        })).isInstanceOf(IllegalStateException.class).hasMessage("service failed after two writes");

        assertThat(count(store)).isZero();
    }

    @StoreTest
    void failedStatementRollsBackEarlierWritesOfTheSameTransaction(Store store)
    {
        createScratch(store);
        assertThatThrownBy(() -> store.inTransaction(tx -> {
            tx.update("INSERT INTO scratch (id, label) VALUES (?, ?)", 1L, "first");
            return tx.update("INSERT INTO scratch (id, label) VALUES (?, ?)", 2L, null);
        })).isInstanceOf(StoreException.class);

        assertThat(count(store)).isZero();
        // the connection is fit for the next transaction
        store.inTransaction(tx -> tx.update("INSERT INTO scratch (id, label) VALUES (?, ?)", 3L, "third"));
        assertThat(count(store)).isEqualTo(1);
    }

    @StoreTest
    void connectionThatBrokeMidTransactionIsReplacedForTheNextOne(Store store)
    {
        createScratch(store);
        assertThatThrownBy(() -> store.inTransaction(tx -> {
            tx.update("INSERT INTO scratch (id, label) VALUES (?, ?)", 1L, "lost");
            try {
                tx.connection().close();
            }
            catch (java.sql.SQLException e) {
                throw new IllegalStateException(e);
            }
            return tx.update("INSERT INTO scratch (id, label) VALUES (?, ?)", 2L, "never");
        })).isInstanceOf(StoreException.class);

        // the embedded writer pool holds one connection: it must have been replaced, not returned broken
        store.inTransaction(tx -> tx.update("INSERT INTO scratch (id, label) VALUES (?, ?)", 3L, "next"));
        List<Long> ids = store.readOnly(tx -> tx.query("SELECT id FROM scratch ORDER BY id", row -> row.getLong(1)));
        assertThat(ids).containsExactly(3L);
    }

    @StoreTest
    void readOnlyTransactionRefusesWrites(Store store)
    {
        createScratch(store);
        assertThatThrownBy(() -> store.readOnly(tx -> tx.update("INSERT INTO scratch (id, label) VALUES (?, ?)", 1L, "x")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("read-only");
        assertThat(count(store)).isZero();
    }

    @StoreTest
    void nestedReadWriteTransactionIsRefused(Store store)
    {
        assertThatThrownBy(() -> store.inTransaction(outer -> store.inTransaction(inner -> 1)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("inside a transaction");
    }

    @StoreTest
    void readOnlyInsideATransactionSeesItsUncommittedWrites(Store store)
    {
        createScratch(store);
        long seen = store.inTransaction(tx -> {
            tx.update("INSERT INTO scratch (id, label) VALUES (?, ?)", 1L, "pending");
            return store.readOnly(inner -> inner.queryLong("SELECT count(*) FROM scratch"));
        });
        assertThat(seen).isEqualTo(1);
    }

    @StoreTest
    void afterCommitActionsRunOnlyWhenTheTransactionCommits(Store store)
    {
        createScratch(store);
        List<String> ran = new ArrayList<>();
        store.inTransaction(tx -> {
            tx.afterCommit(() -> ran.add("committed"));
            return tx.update("INSERT INTO scratch (id, label) VALUES (?, ?)", 1L, "x");
        });
        assertThatThrownBy(() -> store.inTransaction(tx -> {
            tx.afterCommit(() -> ran.add("rolled back"));
            throw new IllegalArgumentException("abort");
        })).isInstanceOf(IllegalArgumentException.class);

        assertThat(ran).containsExactly("committed");
    }

    @StoreTest
    void txIsUnusableAfterItsTransactionEnded(Store store)
    {
        Tx leaked = store.inTransaction(tx -> tx);
        assertThatThrownBy(() -> leaked.queryLong("SELECT 1")).isInstanceOf(IllegalStateException.class).hasMessageContaining("already ended");
    }

    @StoreTest
    void parametersBindPortably(Store store)
    {
        store.inTransaction(tx -> tx.update("CREATE TABLE typed (t TEXT, n BIGINT, b INTEGER, i BIGINT, e TEXT)"));
        Instant instant = Instant.ofEpochMilli(1_700_000_000_123L);
        store.inTransaction(tx -> tx.update("INSERT INTO typed (t, n, b, i, e) VALUES (?, ?, ?, ?, ?)", null, 42L, true, instant, StoreKind.POSTGRES));

        List<String> row = store.readOnly(tx -> tx.queryOne("SELECT t, n, b, i, e FROM typed", r -> List.of(
                String.valueOf(r.getString("t")), String.valueOf(r.getLong("n")), String.valueOf(Tx.bool(r, "b")),
                String.valueOf(Tx.instant(r, "i")), r.getString("e"))).orElseThrow());
        assertThat(row).containsExactly("null", "42", "true", instant.toString(), "POSTGRES");
    }
}
