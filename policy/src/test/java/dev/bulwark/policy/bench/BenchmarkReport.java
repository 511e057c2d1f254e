package dev.bulwark.policy.bench;

import dev.bulwark.policy.eval.PolicyEvaluator;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * Writes docs/BENCHMARKS-policy.md from the {@link PolicyBenchmarks} workloads, timed by <em>thread CPU time</em>
 * rather than wall time: the build VM is shared and oversubscribed (load averages above 10 on 2 cores), which makes
 * wall-clock JMH figures swing by 10x, while the CPU time a thread spends per decision stays stable. Each workload
 * runs in batches; the report gives the median and the 90th percentile of the per-batch mean. On a quiet machine,
 * run the JMH benchmarks themselves: {@code java -cp <test classpath> org.openjdk.jmh.Main PolicyBenchmarks}.
 *
 * <p>Usage: {@code java -cp <test classpath> dev.bulwark.policy.bench.BenchmarkReport [out.md]}.
 */
public final class BenchmarkReport
{
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static volatile Object sink;

    private BenchmarkReport() {}

    public static void main(String[] args) throws IOException
    {
        Path out = Path.of(args.length > 0 ? args[0] : "docs/BENCHMARKS-policy.md");
        PolicyBenchmarks workloads = new PolicyBenchmarks();
        workloads.setUp();
        StringBuilder rows = new StringBuilder();
        dev.bulwark.policy.eval.AuthorizationRequest bare = dev.bulwark.policy.eval.AuthorizationRequest.builder(
                dev.bulwark.policy.eval.RequestPrincipal.parse("arn:aws:iam::111111111111:user/alice"), "s3:GetObject", "arn:aws:s3:::b/k").build();
        rows.append(row("calibration: decide with no policies at all (fixed cost per decision)", measure(() -> PolicyEvaluator.evaluate(bare), 20_000), true));
        rows.append(row("decide: typical principal (10 policies, 50 statements)", measure(workloads::decideTypicalPrincipal, 20_000), true));
        rows.append(row("decide: + bucket policy, boundary, 2 SCP levels", measure(workloads::decideWithEveryPolicyType, 20_000), true));
        rows.append(row("compile: typical principal (parsed documents)", measure(workloads::compileTypicalPrincipal, 200), false));
        rows.append(row("parse JSON + compile: typical principal", measure(workloads::parseAndCompileTypicalPrincipal, 100), false));
        for (int length : new int[] {1_000, 10_000, 100_000}) {
            for (String shape : new String[] {"anchored", "open"}) {
                PolicyBenchmarks.Hostile hostile = new PolicyBenchmarks.Hostile();
                hostile.length = length;
                hostile.shape = shape;
                hostile.setUp();
                int batch = Math.max(20, 2_000_000 / length);
                rows.append(row("hostile `" + hostile.pattern() + "` vs n=" + length, measure(() -> PolicyEvaluator.evaluate(hostile.request), batch), false));
            }
        }
        String md = "# Policy engine benchmarks\n\n"
                + "Measured " + LocalDate.now() + " on JDK " + System.getProperty("java.version") + ", one thread, by `BenchmarkReport` (policy test sources).\n"
                + "Figures are **thread CPU time** per operation: the build VM is shared by several builds (load average above 10 on 2 cores), "
                + "so wall-clock figures are not meaningful there; CPU time excludes time spent descheduled but still pays for cache misses caused by the neighbours. "
                + "Each workload runs in 25 timed batches of about 20 ms after one second of warm-up; the table gives the median and the 90th percentile of the per-batch mean.\n\n"
                + "* *typical principal*: 10 identity policies, 50 statements over 10 services, with wildcards, conditions (`StringEquals`, `Bool`, "
                + "`BoolIfExists`, `NotIpAddress` on three CIDRs), `${aws:username}` resources and denies; the request is allowed by a conditional statement.\n"
                + "* *hostile*: a Resource pattern of the form `*a*a*a*a*a*a*b` against a resource name of n `a`s. *anchored* ends in `b` and is decided at once; "
                + "*open* ends in `*`, so the matcher must scan the whole name for the `b`: cost grows linearly with n (a backtracking matcher is exponential).\n"
                + "* Regenerate: `mvn -o -q -B -pl policy test-compile`, then run `dev.bulwark.policy.bench.BenchmarkReport` on the policy test classpath "
                + "(`mvn -o -q -pl policy dependency:build-classpath -Dmdep.outputFile=cp.txt -Dmdep.includeScope=test`).\n\n"
                + "| workload | median CPU/op | p90 CPU/op | ops/s on one core (median) |\n|---|---|---|---|\n"
                + rows;
        Files.createDirectories(out.toAbsolutePath().getParent());
        Files.writeString(out, md, StandardCharsets.UTF_8);
        System.out.println(md);
    }

    /**
     * Per-batch mean CPU nanoseconds per operation, sorted. Warm-up runs for at least a second of CPU time so the
     * JIT has compiled the path; the batch size is then grown until one batch takes about 20 ms.
     */
    private static double[] measure(Supplier<?> operation, int initialBatch)
    {
        int batch = initialBatch;
        long warmupEnd = THREADS.getCurrentThreadCpuTime() + 1_000_000_000L;
        while (THREADS.getCurrentThreadCpuTime() < warmupEnd) {
            runBatch(operation, batch);
        }
        while (runBatch(operation, batch) * batch < 20_000_000 && batch < 1 << 24) {
            batch *= 2;
        }
        double[] means = new double[25];
        for (int i = 0; i < means.length; i++) {
            means[i] = runBatch(operation, batch);
        }
        Arrays.sort(means);
        return means;
    }

    private static double runBatch(Supplier<?> operation, int batch)
    {
        long start = THREADS.getCurrentThreadCpuTime();
        for (int i = 0; i < batch; i++) {
            sink = operation.get();
        }
        return (THREADS.getCurrentThreadCpuTime() - start) / (double) batch;
    }

    private static String row(String name, double[] sortedMeans, boolean nanos)
    {
        double median = sortedMeans[sortedMeans.length / 2];
        double p90 = sortedMeans[(int) Math.ceil(sortedMeans.length * 0.9) - 1];
        return String.format(Locale.ROOT, "| %s | %s | %s | %,.0f |%n", name, time(median), time(p90), 1e9 / median);
    }

    private static String time(double nanos)
    {
        if (nanos < 10_000) {
            return String.format(Locale.ROOT, "%.0f ns", nanos);
        }
        if (nanos < 10_000_000) {
            return String.format(Locale.ROOT, "%.1f µs", nanos / 1e3);
        }
        return String.format(Locale.ROOT, "%.1f ms", nanos / 1e6);
    }
}
