package dev.bulwark.server.durability;

import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.iam.IamClient;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import static java.util.Objects.requireNonNull;

/**
 * Writers calling CreateUser with fresh names as fast as the server answers, keeping what a client can know: the
 * names it asked for, the names the server acknowledged with 200, and the failures. A failure seen before
 * {@link #killing()} was called is a server fault; after it, failures are what a crash looks like from outside.
 */
final class CreateUserLoop
{
    private final IamClient iam;
    private final int maxAttempts;
    private final List<Thread> writers = new ArrayList<>();
    private final Set<String> attempted = ConcurrentHashMap.newKeySet();
    private final Set<String> acknowledged = ConcurrentHashMap.newKeySet();
    private final Map<String, String> failuresBeforeKill = new ConcurrentHashMap<>();
    private final AtomicInteger attempts = new AtomicInteger();
    private final AtomicInteger inFlight = new AtomicInteger();
    private volatile boolean killing;
    private volatile boolean stopped;
    private volatile int inFlightAtKill = -1;

    private CreateUserLoop(IamClient iam, int maxAttempts)
    {
        this.iam = requireNonNull(iam, "iam is null");
        this.maxAttempts = maxAttempts;
    }

    /** Starts {@code writerCount} threads sharing {@code maxAttempts} CreateUser calls between them. */
    static CreateUserLoop start(IamClient iam, int writerCount, int maxAttempts)
    {
        CreateUserLoop loop = new CreateUserLoop(iam, maxAttempts);
        for (int w = 0; w < writerCount; w++) {
            String prefix = "durable-w" + w + "-";
            Thread writer = new Thread(() -> loop.write(prefix), "create-user-writer-" + w);
            writer.setDaemon(true);
            loop.writers.add(writer);
            writer.start();
        }
        return loop;
    }

    private void write(String prefix)
    {
        for (int i = 0; !stopped && attempts.incrementAndGet() <= maxAttempts; i++) {
            String name = prefix + i;
            attempted.add(name);
            inFlight.incrementAndGet();
            try {
                int status = iam.createUser(b -> b.userName(name)).sdkHttpResponse().statusCode();
                if (status == 200) {
                    acknowledged.add(name);
                }
                else if (!killing) {
                    failuresBeforeKill.put(name, "HTTP " + status);
                }
            }
            catch (SdkException e) {
                if (!killing) {
                    failuresBeforeKill.put(name, e.toString());
                }
            }
            finally {
                inFlight.decrementAndGet();
            }
        }
    }

    /**
     * Waits (bounded) until {@code count} calls were acknowledged and at least one more is in flight, so the kill
     * that follows lands on a server that is mid-request. False when the bound passed or the writers ran out.
     */
    boolean awaitAcknowledgedWithOneInFlight(int count, Duration limit)
            throws InterruptedException
    {
        Instant deadline = Instant.now().plus(limit);
        while (Instant.now().isBefore(deadline) && writers.stream().anyMatch(Thread::isAlive)) {
            if (acknowledged.size() >= count && inFlight.get() > 0) {
                return true;
            }
            Thread.sleep(1);
        }
        return false;
    }

    /** Call just before the kill: from here on, failures are expected. */
    void killing()
    {
        inFlightAtKill = inFlight.get();
        killing = true;
    }

    /** Stops the writers (their calls now fail fast against a dead port) and waits for them. */
    void stopAndJoin(Duration limit)
            throws InterruptedException
    {
        stopped = true;
        Instant deadline = Instant.now().plus(limit);
        for (Thread writer : writers) {
            writer.join(Math.max(1, Duration.between(Instant.now(), deadline).toMillis()));
            if (writer.isAlive()) {
                throw new IllegalStateException(writer.getName() + " still running after " + limit);
            }
        }
    }

    Set<String> attempted()
    {
        return Set.copyOf(attempted);
    }

    Set<String> acknowledged()
    {
        return Set.copyOf(acknowledged);
    }

    Map<String, String> failuresBeforeKill()
    {
        return Map.copyOf(failuresBeforeKill);
    }

    /** Calls started and not yet answered when {@link #killing()} was called (-1 before). */
    int inFlightAtKill()
    {
        return inFlightAtKill;
    }
}
