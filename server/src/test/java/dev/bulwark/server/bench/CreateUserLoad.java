package dev.bulwark.server.bench;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.iam.IamClient;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * CreateUser as fast as {@code threads} clients can get answers, for a fixed time, through the real AWS SDK (no
 * retries, so every call counted is one request). Prints
 * {@code calls=N errors=N seconds=S callsPerSecond=R p50Ms=X p99Ms=Y maxMs=Z firstError=...} on one line.
 *
 * <p>Usage: {@code CreateUserLoad <endpoint> <accessKeyId> <secretAccessKey> <threads> <seconds> <namePrefix>}
 */
public final class CreateUserLoad
{
    private CreateUserLoad() {}

    public static void main(String[] args)
            throws InterruptedException
    {
        if (args.length != 6) {
            System.err.println("usage: CreateUserLoad <endpoint> <accessKeyId> <secretAccessKey> <threads> <seconds> <namePrefix>");
            System.exit(2);
        }
        URI endpoint = URI.create(args[0]);
        int threads = Integer.parseInt(args[3]);
        Duration duration = Duration.ofSeconds(Long.parseLong(args[4]));
        String prefix = args[5];
        try (IamClient iam = IamClient.builder()
                .endpointOverride(endpoint)
                .region(Region.AWS_GLOBAL)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(args[1], args[2])))
                .httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(b -> b.retryStrategy(r -> r.maxAttempts(1)))
                .build()) {
            System.out.println(run(iam, threads, duration, prefix));
        }
    }

    static String run(IamClient iam, int threads, Duration duration, String prefix)
            throws InterruptedException
    {
        long start = System.nanoTime();
        long end = start + duration.toNanos();
        List<Worker> workers = new ArrayList<>();
        List<Thread> running = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            Worker worker = new Worker(iam, prefix + "-t" + t + "-", end);
            workers.add(worker);
            Thread thread = new Thread(worker, "create-user-" + t);
            running.add(thread);
            thread.start();
        }
        for (Thread thread : running) {
            thread.join();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        long[] all = workers.stream().flatMapToLong(worker -> Arrays.stream(worker.latencies, 0, worker.calls)).sorted().toArray();
        long errors = workers.stream().mapToLong(worker -> worker.errors).sum();
        String firstError = workers.stream().map(worker -> worker.firstError).filter(error -> error != null).findFirst().orElse("none");
        return String.format(Locale.ROOT, "calls=%d errors=%d seconds=%.1f callsPerSecond=%.1f p50Ms=%.1f p99Ms=%.1f maxMs=%.1f firstError=%s",
                all.length, errors, seconds, all.length / seconds, percentileMs(all, 0.50), percentileMs(all, 0.99),
                all.length == 0 ? 0.0 : all[all.length - 1] / 1e6, firstError.replace(' ', '_'));
    }

    /** One client thread; its fields are read only after the thread has been joined. */
    private static final class Worker
            implements Runnable
    {
        private final IamClient iam;
        private final String prefix;
        private final long endNanos;
        private final long[] latencies = new long[1 << 20];
        private int calls;
        private long errors;
        private String firstError;

        Worker(IamClient iam, String prefix, long endNanos)
        {
            this.iam = iam;
            this.prefix = prefix;
            this.endNanos = endNanos;
        }

        @Override
        public void run()
        {
            int attempt = 0;
            while (System.nanoTime() < endNanos && calls < latencies.length) {
                String name = prefix + attempt++;
                long before = System.nanoTime();
                try {
                    iam.createUser(b -> b.userName(name));
                    latencies[calls++] = System.nanoTime() - before;
                }
                catch (SdkException e) {
                    errors++;
                    if (firstError == null) {
                        firstError = e.getMessage();
                    }
                }
            }
        }
    }

    private static double percentileMs(long[] sorted, double fraction)
    {
        if (sorted.length == 0) {
            return 0.0;
        }
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(fraction * sorted.length) - 1)] / 1e6;
    }
}
