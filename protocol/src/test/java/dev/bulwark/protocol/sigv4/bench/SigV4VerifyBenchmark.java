package dev.bulwark.protocol.sigv4.bench;

import dev.bulwark.protocol.http.HttpRequest;
import dev.bulwark.protocol.sigv4.CredentialResolver;
import dev.bulwark.protocol.sigv4.Dialect;
import dev.bulwark.protocol.sigv4.SigV4Verifier;
import dev.bulwark.protocol.sigv4.SigningCredential;
import dev.bulwark.protocol.sigv4.VerifiedRequest;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * verify() per call for a typical IAM POST (CreateUser, form body, signed like the AWS CLI), with a warm
 * signing-key cache (the steady state) and with a cold one (first request of a key, region and service that day).
 *
 * <p>Run (see docs/BENCHMARKS-sigv4.md): {@code mvn -o -q -B -pl protocol test-compile
 * dependency:build-classpath -Dmdep.outputFile=/tmp/cp.txt -Dmdep.includeScope=test}, then
 * {@code java -cp protocol/target/test-classes:protocol/target/classes:$(cat /tmp/cp.txt)
 * dev.bulwark.protocol.sigv4.bench.SigV4VerifyBenchmark}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class SigV4VerifyBenchmark
{
    private static final Instant SIGNED_AT = Instant.parse("2025-01-01T12:00:00Z");
    private static final SigningCredential KEY = SigningCredential.longTerm("AKIAIOSFODNN7EXAMPLE", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY");
    private static final String BODY = "Action=CreateUser&UserName=alice&Path=%2Fengineering%2Fplatform%2F&Tags.member.1.Key=team"
            + "&Tags.member.1.Value=platform&Version=2010-05-08";

    private HttpRequest request;
    private CredentialResolver resolver;
    private SigV4Verifier warm;
    private Clock clock;

    @Setup
    public void setUp()
            throws Exception
    {
        request = signedIamPost();
        resolver = accessKeyId -> Optional.of(KEY);
        clock = Clock.fixed(SIGNED_AT.plusSeconds(5), ZoneOffset.UTC);
        warm = new SigV4Verifier(clock);
        warm.verify(request, Dialect.QUERY, resolver);
    }

    @Benchmark
    public VerifiedRequest verifyWarmKeyCache()
    {
        return warm.verify(request, Dialect.QUERY, resolver);
    }

    @Benchmark
    public VerifiedRequest verifyColdKeyCache()
    {
        return new SigV4Verifier(clock).verify(request, Dialect.QUERY, resolver);
    }

    /** Signs the request the way the AWS CLI does, computed here with plain JDK crypto. */
    private static HttpRequest signedIamPost()
            throws Exception
    {
        String bodyHash = hex(MessageDigest.getInstance("SHA-256").digest(BODY.getBytes(StandardCharsets.UTF_8)));
        String canonical = String.join("\n", "POST", "/", "",
                "content-type:application/x-www-form-urlencoded; charset=utf-8",
                "host:iam.amazonaws.com",
                "x-amz-date:20250101T120000Z",
                "",
                "content-type;host;x-amz-date",
                bodyHash);
        String stringToSign = String.join("\n", "AWS4-HMAC-SHA256", "20250101T120000Z", "20250101/us-east-1/iam/aws4_request",
                hex(MessageDigest.getInstance("SHA-256").digest(canonical.getBytes(StandardCharsets.UTF_8))));
        byte[] key = ("AWS4" + KEY.secretKey()).getBytes(StandardCharsets.UTF_8);
        for (String part : List.of("20250101", "us-east-1", "iam", "aws4_request")) {
            key = hmac(key, part);
        }
        String authorization = "AWS4-HMAC-SHA256 Credential=" + KEY.accessKeyId() + "/20250101/us-east-1/iam/aws4_request, "
                + "SignedHeaders=content-type;host;x-amz-date, Signature=" + hex(hmac(key, stringToSign));
        return new HttpRequest("POST", "/", "", Map.of(
                "Host", List.of("iam.amazonaws.com"),
                "Content-Type", List.of("application/x-www-form-urlencoded; charset=utf-8"),
                "X-Amz-Date", List.of("20250101T120000Z"),
                "User-Agent", List.of("aws-cli/2.22.0 md/Botocore#1.35.0 ua/2.0 os/linux#6.8 md/arch#x86_64 lang/python#3.12.6"),
                "Content-Length", List.of(Integer.toString(BODY.length())),
                "Authorization", List.of(authorization)),
                BODY.getBytes(StandardCharsets.UTF_8), true, "203.0.113.7");
    }

    private static byte[] hmac(byte[] key, String data)
            throws Exception
    {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
    }

    private static String hex(byte[] bytes)
    {
        return HexFormat.of().formatHex(bytes);
    }

    /**
     * Runs this benchmark; any arguments are passed to JMH instead (for example {@code -prof gc}). The single
     * argument {@code cputime} instead measures the thread CPU time per warm call, a figure that holds up on a
     * machine shared with other work, where JMH's wall-clock scores do not.
     */
    public static void main(String[] args)
            throws Exception
    {
        if (args.length == 1 && args[0].equals("cputime")) {
            printCpuTimePerCall();
            return;
        }
        org.openjdk.jmh.Main.main(args.length == 0 ? new String[] {SigV4VerifyBenchmark.class.getName()} : args);
    }

    private static void printCpuTimePerCall()
            throws Exception
    {
        SigV4VerifyBenchmark state = new SigV4VerifyBenchmark();
        state.setUp();
        java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
        int calls = 200_000;
        for (int round = 1; round <= 10; round++) {
            long sink = 0;
            long startWarm = threads.getCurrentThreadCpuTime();
            for (int i = 0; i < calls; i++) {
                sink += state.verifyWarmKeyCache().signingTime().getEpochSecond();
            }
            long warmNanos = threads.getCurrentThreadCpuTime() - startWarm;
            long startCold = threads.getCurrentThreadCpuTime();
            for (int i = 0; i < calls / 4; i++) {
                sink += state.verifyColdKeyCache().signingTime().getEpochSecond();
            }
            long coldNanos = threads.getCurrentThreadCpuTime() - startCold;
            System.out.printf("round %d: warm %.2f us/call, cold %.2f us/call CPU time (sink %d)%n",
                    round, warmNanos / 1000.0 / calls, coldNanos / 1000.0 / (calls / 4), sink % 10);
        }
    }
}
