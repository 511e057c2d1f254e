package dev.bulwark.server.store;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

final class TestStoreConcurrency
{
    private static final int THREADS = 4;
    private static final int INCREMENTS = 25;

    @StoreTest
    void concurrentReadModifyWriteTransactionsLoseNoUpdate(Store store)
            throws Exception
    {
        store.inTransaction(tx -> tx.update("CREATE TABLE counter (id BIGINT PRIMARY KEY, n BIGINT NOT NULL)"));
        store.inTransaction(tx -> tx.update("INSERT INTO counter (id, n) VALUES (1, 0)"));

        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<?>> workers = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                workers.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < INCREMENTS; i++) {
                        // read, then write what was read plus one: a lost update shows as a short final count
                        store.inTransaction(tx -> {
                            long n = tx.queryLong("SELECT n FROM counter WHERE id = 1");
                            return tx.update("UPDATE counter SET n = ? WHERE id = 1", n + 1);
                        });
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> worker : workers) {
                worker.get(2, TimeUnit.MINUTES);
            }
        }
        finally {
            pool.shutdownNow();
        }

        long total = store.readOnly(tx -> tx.queryLong("SELECT n FROM counter WHERE id = 1"));
        assertThat(total).isEqualTo((long) THREADS * INCREMENTS);
    }

    @StoreTest
    void readersSeeOnlyCommittedState(Store store)
            throws Exception
    {
        store.inTransaction(tx -> tx.update("CREATE TABLE pair (id BIGINT PRIMARY KEY, n BIGINT NOT NULL)"));
        store.inTransaction(tx -> tx.update("INSERT INTO pair (id, n) VALUES (1, 0), (2, 0)"));
        CountDownLatch written = new CountDownLatch(1);
        CountDownLatch checked = new CountDownLatch(1);

        ExecutorService writer = Executors.newSingleThreadExecutor();
        try {
            Future<?> pending = writer.submit(() -> store.inTransaction(tx -> {
                tx.update("UPDATE pair SET n = 1 WHERE id = 1");
                written.countDown();
                await(checked);
                return tx.update("UPDATE pair SET n = 1 WHERE id = 2");
            }));
            assertThat(written.await(1, TimeUnit.MINUTES)).isTrue();
            long seenMidway = store.readOnly(tx -> tx.queryLong("SELECT sum(n) FROM pair"));
            checked.countDown();
            pending.get(1, TimeUnit.MINUTES);

            assertThat(seenMidway).isZero();
            long seenAfter = store.readOnly(tx -> tx.queryLong("SELECT sum(n) FROM pair"));
            assertThat(seenAfter).isEqualTo(2);
        }
        finally {
            writer.shutdownNow();
        }
    }

    private static void await(CountDownLatch latch)
    {
        try {
            if (!latch.await(1, TimeUnit.MINUTES)) {
                throw new IllegalStateException("reader never checked");
            }
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
