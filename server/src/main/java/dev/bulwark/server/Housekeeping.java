package dev.bulwark.server;

import dev.bulwark.server.audit.AuditStore;
import dev.bulwark.server.services.iam.IamStore;
import dev.bulwark.server.services.kms.KmsHousekeeping;
import dev.bulwark.server.store.Store;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

import static java.util.Objects.requireNonNull;

/**
 * Periodic clean-up of state that only grows, and time-driven changes: role sessions long past their expiration
 * (kept for {@link #EXPIRED_SESSION_RETENTION} so a client presenting one just after it expired still hears
 * {@code ExpiredToken}, as from AWS, rather than {@code InvalidClientTokenId}); CloudTrail event history older than
 * {@link #EVENT_HISTORY_RETENTION}; KMS keys whose deletion date has come, imported key material past its expiry, and
 * due automatic key rotations ({@link KmsHousekeeping}).
 */
final class Housekeeping implements AutoCloseable
{
    private static final Logger LOG = Logger.getLogger(Housekeeping.class.getName());

    /** How long an expired session is remembered. */
    static final Duration EXPIRED_SESSION_RETENTION = Duration.ofDays(1);
    /** How long CloudTrail's event history (LookupEvents) keeps an event, as in AWS. */
    static final Duration EVENT_HISTORY_RETENTION = Duration.ofDays(90);
    /** How often the clean-up runs. */
    private static final Duration INTERVAL = Duration.ofMinutes(10);

    private final Store store;
    private final IamStore iam;
    private final KmsHousekeeping kms;
    private final AuditStore events = new AuditStore();
    private final Clock clock;
    private final ScheduledExecutorService timer;

    Housekeeping(Store store, IamStore iam, KmsHousekeeping kms, Clock clock)
    {
        this.kms = requireNonNull(kms, "kms is null");
        this.store = requireNonNull(store, "store is null");
        this.iam = requireNonNull(iam, "iam is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "bulwark-housekeeping");
            thread.setDaemon(true);
            return thread;
        });
        timer.scheduleWithFixedDelay(this::runSafely, INTERVAL.toSeconds(), INTERVAL.toSeconds(), TimeUnit.SECONDS);
    }

    /**
     * Deletes role sessions and user sessions (GetSessionToken, GetFederationToken) that expired more than the
     * retention ago, and applies KMS's due changes; returns how many sessions and keys it changed.
     */
    int run()
    {
        return store.inTransaction(tx -> iam.sessions().deleteExpired(tx, clock.instant().minus(EXPIRED_SESSION_RETENTION))
                + iam.userSessions().deleteExpired(tx, clock.instant().minus(EXPIRED_SESSION_RETENTION))
                + kms.run(tx, clock.instant()));
    }

    /** Deletes CloudTrail events older than the event history's retention; returns how many. */
    int purgeEventHistory()
    {
        return store.inTransaction(tx -> events.deleteOlderThan(tx, clock.instant().minus(EVENT_HISTORY_RETENTION)));
    }

    private void runSafely()
    {
        try {
            run();
            purgeEventHistory();
        }
        catch (RuntimeException e) {
            LOG.log(Level.WARNING, "housekeeping failed; will retry", e);
        }
    }

    @Override
    public void close()
    {
        timer.shutdownNow();
    }
}
