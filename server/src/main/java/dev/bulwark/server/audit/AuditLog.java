package dev.bulwark.server.audit;

import dev.bulwark.server.store.Store;
import dev.bulwark.server.store.Tx;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.logging.Level;
import java.util.logging.Logger;

import static java.util.Objects.requireNonNull;

/**
 * Where CloudTrail events go. A mutation's event is written in the mutation's own transaction, so the change and
 * its record commit or vanish together. Reads, denials and failures change nothing, so their events are queued
 * and written in batches by one thread (about {@link #FLUSH_INTERVAL_MS} later), which keeps an fsync off
 * every read; {@link #close} drains the queue, so a clean shutdown loses none.
 */
public final class AuditLog implements AutoCloseable
{
    private static final Logger LOG = Logger.getLogger(AuditLog.class.getName());

    /** How long the writer sleeps between batches: the most a queued event waits before it is written. */
    static final long FLUSH_INTERVAL_MS = 100;
    /** Most events written in one transaction. */
    private static final int BATCH = 500;
    /** Queue bound: when full, callers write their own event synchronously rather than drop it. */
    private static final int QUEUE_CAPACITY = 50_000;

    private final Store store;
    private final AuditStore events;
    private final BlockingQueue<AuditRecord> queue = new ArrayBlockingQueue<>(QUEUE_CAPACITY);
    private final Object writeLock = new Object();
    private final Thread writer;
    private volatile boolean closed;

    public AuditLog(Store store, AuditStore events)
    {
        this.store = requireNonNull(store, "store is null");
        this.events = requireNonNull(events, "events is null");
        this.writer = new Thread(this::drainLoop, "bulwark-audit");
        writer.setDaemon(true);
        writer.start();
    }

    /** Records the event in the caller's transaction. */
    public void appendInTransaction(Tx tx, CloudTrailEvent event)
    {
        events.append(tx, recordOf(event));
    }

    /** Records the event soon, in a batch. */
    public void appendLater(CloudTrailEvent event)
    {
        AuditRecord record = recordOf(event);
        if (closed || !queue.offer(record)) {
            store.inTransaction(tx -> {
                events.append(tx, record);
                return null;
            });
        }
    }

    /** Writes everything queued so far, including a batch the writer thread is writing right now. */
    public void flush()
    {
        synchronized (writeLock) {
            List<AuditRecord> batch = new ArrayList<>(BATCH);
            while (queue.drainTo(batch, BATCH) > 0) {
                try {
                    write(batch);
                }
                catch (RuntimeException e) {
                    requeue(batch);
                    throw e;
                }
                batch.clear();
            }
        }
    }

    /** Events leave the queue only under {@link #writeLock}, so a flush that holds the lock sees none in flight. */
    private void drainLoop()
    {
        while (!closed) {
            try {
                flush();
            }
            catch (RuntimeException e) {
                LOG.log(Level.SEVERE, "cannot write audit events; will retry", e);
            }
            try {
                Thread.sleep(FLUSH_INTERVAL_MS);
            }
            catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** Puts a batch that could not be written back in the queue, so the next round retries it. */
    private void requeue(List<AuditRecord> batch)
    {
        for (AuditRecord record : batch) {
            if (!queue.offer(record)) {
                LOG.severe("audit queue full while the store fails: event " + record.eventId() + " lost: " + record.json());
            }
        }
    }

    private void write(List<AuditRecord> batch)
    {
        store.inTransaction(tx -> {
            batch.forEach(record -> events.append(tx, record));
            return null;
        });
    }

    private static AuditRecord recordOf(CloudTrailEvent event)
    {
        return new AuditRecord(event.eventId(), event.eventTime(), event.recipientAccountId(), event.eventSource(),
                event.eventName(), event.readOnly(), event.errorCode().orElse(null), event.toJson(), event.lookupUsername().orElse(null),
                event.lookupAccessKeyId().orElse(null), event.resources());
    }

    @Override
    public void close() throws InterruptedException
    {
        closed = true;
        writer.join(5_000);
        flush();
    }
}
