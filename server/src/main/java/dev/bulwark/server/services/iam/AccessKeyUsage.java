package dev.bulwark.server.services.iam;

import dev.bulwark.server.store.Store;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import static java.util.Objects.requireNonNull;

/**
 * Feeds GetAccessKeyLastUsed without writing on the authentication hot path: {@link #used} only remembers the
 * latest use of each key in memory; {@link #flush} writes everything remembered in one transaction, every few
 * seconds once {@link #start started}. A crash loses at most one interval of last-use times, which AWS itself
 * reports only approximately (its documentation speaks of up to hours of delay).
 *
 * <p>Wiring: {@code AuthenticateStep}, after a request's signature checks out with a long-term key, calls
 * {@code usage.used(accessKeyId, signingService, region, requestTime)}.
 */
public final class AccessKeyUsage
        implements AutoCloseable
{
    /** How often remembered uses are written when started with {@link #start(Duration)}. */
    public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(5);

    private final Store store;
    private final IamStore iam;
    private final Map<String, Use> pending = new ConcurrentHashMap<>();
    private ScheduledExecutorService flusher;

    public AccessKeyUsage(Store store, IamStore iam)
    {
        this.store = requireNonNull(store, "store is null");
        this.iam = requireNonNull(iam, "iam is null");
    }

    /** Remembers that the key signed a request to {@code service} in {@code region} at {@code when}; never blocks on the store. */
    public void used(String accessKeyId, String service, String region, Instant when)
    {
        requireNonNull(accessKeyId, "accessKeyId is null");
        pending.merge(accessKeyId, new Use(service, region, requireNonNull(when, "when is null")), (old, latest) -> latest.when().isBefore(old.when()) ? old : latest);
    }

    /** Writes every remembered use in one transaction; returns how many keys were written (unknown keys are skipped). */
    public int flush()
    {
        if (pending.isEmpty()) {
            return 0;
        }
        Map<String, Use> batch = new java.util.HashMap<>();
        for (String accessKeyId : pending.keySet()) {
            Use use = pending.remove(accessKeyId);
            if (use != null) {
                batch.put(accessKeyId, use);
            }
        }
        try {
            return store.inTransaction(tx -> {
                int written = 0;
                for (Map.Entry<String, Use> entry : batch.entrySet()) {
                    Use use = entry.getValue();
                    if (iam.recordAccessKeyUse(tx, entry.getKey(), use.when(), use.service(), use.region())) {
                        written++;
                    }
                }
                return written;
            });
        }
        catch (RuntimeException e) {
            // keep the uses for the next attempt unless a newer one arrived meanwhile
            batch.forEach((accessKeyId, use) -> pending.merge(accessKeyId, use, (newer, old) -> newer));
            throw e;
        }
    }

    /** Flushes every {@code interval} on a daemon thread until {@link #close}. */
    public synchronized AccessKeyUsage start(Duration interval)
    {
        if (flusher != null) {
            throw new IllegalStateException("already started");
        }
        flusher = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "access-key-usage");
            thread.setDaemon(true);
            return thread;
        });
        long millis = interval.toMillis();
        flusher.scheduleWithFixedDelay(this::flushQuietly, millis, millis, TimeUnit.MILLISECONDS);
        return this;
    }

    private void flushQuietly()
    {
        try {
            flush();
        }
        catch (RuntimeException e) {
            // a failed flush must not kill the schedule; the uses stay pending and the next run retries
            System.getLogger(AccessKeyUsage.class.getName()).log(System.Logger.Level.WARNING, "recording access key use failed", e);
        }
    }

    /** Stops the schedule and writes what is still pending. */
    @Override
    public synchronized void close()
    {
        if (flusher != null) {
            flusher.shutdown();
            try {
                flusher.awaitTermination(10, TimeUnit.SECONDS);
            }
            catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            flusher = null;
        }
        flush();
    }

    private record Use(String service, String region, Instant when)
    {
        Use
        {
            requireNonNull(when, "when is null");
        }
    }
}
