package dev.bulwark.server.it;

import dev.bulwark.server.store.StoreKind;
import dev.bulwark.server.store.StoreKinds;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

import java.lang.management.ManagementFactory;
import java.util.Random;

/**
 * Measures S3 object throughput through the AWS SDK against a real server on the embedded store (client and server
 * share this JVM, so CPU figures include the client's signing and checksums). Not a test: run its main and paste
 * the printed block into docs/BENCHMARKS.md. Timings never go into assertions.
 */
public final class S3Measurement
{
    private S3Measurement() {}

    public static void main(String[] args) throws Exception
    {
        try (RunningServer server = RunningServer.start(StoreKinds.freshTarget(StoreKind.SQLITE));
                S3Client s3 = S3Clients.s3(server, server.adminCredentials())) {
            s3.createBucket(b -> b.bucket("measure"));
            byte[] large = new byte[8 * 1024 * 1024];
            byte[] small = new byte[1024];
            new Random(1).nextBytes(large);
            new Random(2).nextBytes(small);
            // Warm-up: JIT, connection pool, key caches.
            for (int i = 0; i < 5; i++) {
                s3.putObject(b -> b.bucket("measure").key("warm"), RequestBody.fromBytes(large));
                s3.getObjectAsBytes(b -> b.bucket("measure").key("warm"));
            }
            System.out.println("load average at start: " + ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
            measure("PutObject 8 MiB", 20, large.length, i -> s3.putObject(b -> b.bucket("measure").key("large-" + i), RequestBody.fromBytes(large)));
            measure("GetObject 8 MiB", 20, large.length, i -> s3.getObjectAsBytes(b -> b.bucket("measure").key("large-" + i)));
            measure("GetObject 64 KiB range of 8 MiB", 200, 64 * 1024, i -> s3.getObjectAsBytes(b -> b.bucket("measure").key("large-" + (i % 20))
                    .range("bytes=4000000-4065535")));
            measure("PutObject 1 KiB", 300, small.length, i -> s3.putObject(b -> b.bucket("measure").key("small-" + i), RequestBody.fromBytes(small)));
            measure("GetObject 1 KiB", 300, small.length, i -> s3.getObjectAsBytes(b -> b.bucket("measure").key("small-" + i)));
            measure("ListObjectsV2 (all 321 keys, one page)", 50, 0, i -> s3.listObjectsV2(b -> b.bucket("measure")));
            System.out.println("load average at end: " + ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        }
    }

    private interface Call
    {
        void run(int i) throws Exception;
    }

    private static void measure(String what, int calls, long bytesPerCall, Call call) throws Exception
    {
        com.sun.management.OperatingSystemMXBean os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long cpuStart = os.getProcessCpuTime();
        long start = System.nanoTime();
        for (int i = 0; i < calls; i++) {
            call.run(i);
        }
        long wall = System.nanoTime() - start;
        long cpu = os.getProcessCpuTime() - cpuStart;
        double seconds = wall / 1e9;
        System.out.printf("| %s | %d calls | %.1f calls/s | %.1f ms wall per call | %.1f ms CPU per call (client + server) |%s%n", what, calls,
                calls / seconds, wall / 1e6 / calls, cpu / 1e6 / calls,
                bytesPerCall > 0 ? String.format(" %.1f MiB/s |", bytesPerCall * calls / seconds / (1024 * 1024)) : "");
    }
}
