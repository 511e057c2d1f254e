package dev.bulwark.server.durability;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.iam.IamClient;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static java.util.Objects.requireNonNull;

/**
 * {@code bulwark serve} as a child JVM on 127.0.0.1 and a free port, the way an operator runs it, so the test can
 * kill it with a real signal. The child's standard output (the init report, then one JSON line per request) is
 * drained on a thread: an undrained pipe would stall the server once its buffer filled. Standard error (where the
 * server logs a 500's stack trace) goes to {@value #LOG_DIR}/ in the working directory, which outlives the test's
 * temporary data directory, and is quoted when the server fails to start.
 */
final class ServerProcess
        implements AutoCloseable
{
    /** Linux reports a process ended by a signal as 128 + the signal number; SIGKILL is 9. */
    static final int SIGKILL_EXIT = 128 + 9;
    /** Under surefire the working directory is the module's, so this lands in server/target. */
    static final String LOG_DIR = "target/durability-logs";

    private static final Pattern LISTENING = Pattern.compile("^Bulwark listening on http://127\\.0\\.0\\.1:(\\d+)");
    private static final Pattern ACCESS_KEY = Pattern.compile("^\\s+access key ID\\s+(\\S+)");
    private static final Pattern SECRET_KEY = Pattern.compile("^\\s+secret key\\s+(\\S+)");

    private final Process process;
    private final int port;
    private final Optional<AdminKey> initialisedAdmin;
    private final Path stderrLog;

    private ServerProcess(Process process, int port, Optional<AdminKey> initialisedAdmin, Path stderrLog)
    {
        this.process = process;
        this.port = port;
        this.initialisedAdmin = initialisedAdmin;
        this.stderrLog = stderrLog;
    }

    /** The admin user's key pair that the first start prints once (with {@code --no-aws-config}). */
    record AdminKey(String accessKeyId, String secretAccessKey)
    {
        AdminKey
        {
            requireNonNull(accessKeyId, "accessKeyId is null");
            requireNonNull(secretAccessKey, "secretAccessKey is null");
        }

        StaticCredentialsProvider credentials()
        {
            return StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKeyId, secretAccessKey));
        }
    }

    /**
     * Starts {@code serve} on {@code dataDir} (and {@code storeUrl} when not null) and waits until it listens.
     * Port 0 lets the server pick a free port and print it, so no port can be taken between choosing and binding.
     */
    static ServerProcess start(Path dataDir, String storeUrl, Duration startupLimit)
    {
        Path stderrLog;
        try {
            Path logDir = Files.createDirectories(Path.of(LOG_DIR));
            stderrLog = Files.createTempFile(logDir, "serve-", ".stderr.log");
        }
        catch (IOException e) {
            throw new UncheckedIOException("cannot create the server's log file under " + LOG_DIR, e);
        }
        Path awsDir = dataDir.resolve("aws-config-never-used");
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                // The child shares two cores with the test JVM and the build: a small heap and the C1 compiler only.
                "-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-cp", testClasspath(),
                "dev.bulwark.server.cli.Bulwark", "serve",
                "--data-dir", dataDir.toString(),
                "--host", "127.0.0.1",
                "--port", "0",
                "--no-aws-config"));
        if (storeUrl != null) {
            command.add("--store");
            command.add(storeUrl);
        }
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectError(stderrLog.toFile());
        // Belt and braces next to --no-aws-config: nothing the child does may reach the real ~/.aws.
        builder.environment().put("AWS_SHARED_CREDENTIALS_FILE", awsDir.resolve("credentials").toString());
        builder.environment().put("AWS_CONFIG_FILE", awsDir.resolve("config").toString());
        Process process;
        try {
            process = builder.start();
        }
        catch (IOException e) {
            throw new UncheckedIOException("cannot start the server process", e);
        }
        try {
            Startup startup = Startup.watch(process);
            int port = startup.port.get(startupLimit.toMillis(), TimeUnit.MILLISECONDS);
            return new ServerProcess(process, port, startup.admin(), stderrLog);
        }
        catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the server started", e);
        }
        catch (ExecutionException | TimeoutException e) {
            process.destroyForcibly();
            throw new IllegalStateException("server did not start within " + startupLimit + ": " + e.getMessage()
                    + "\nstderr (" + stderrLog.toAbsolutePath() + "):\n" + readQuietly(stderrLog), e);
        }
    }

    /** Where this server's standard error goes; kept after the test for diagnosis. */
    Path stderrLog()
    {
        return stderrLog;
    }

    /** What the server wrote to standard error so far (its log), for failure messages. */
    String stderr()
    {
        return readQuietly(stderrLog);
    }

    long pid()
    {
        return process.pid();
    }

    int port()
    {
        return port;
    }

    URI endpoint()
    {
        return URI.create("http://127.0.0.1:" + port);
    }

    /** Present only when this start initialised the data directory. */
    Optional<AdminKey> initialisedAdmin()
    {
        return initialisedAdmin;
    }

    boolean isAlive()
    {
        return process.isAlive();
    }

    /** An IAM client on this server that never retries, so a 200 seen is exactly one acknowledged call. */
    IamClient iam(AdminKey key)
    {
        return IamClient.builder()
                .endpointOverride(endpoint())
                .region(Region.AWS_GLOBAL)
                .credentialsProvider(key.credentials())
                .httpClient(UrlConnectionHttpClient.builder()
                        .connectionTimeout(Duration.ofSeconds(5))
                        .socketTimeout(Duration.ofSeconds(30))
                        .build())
                .overrideConfiguration(ClientOverrideConfiguration.builder().retryStrategy(b -> b.maxAttempts(1)).build())
                .build();
    }

    /** {@link Process#destroyForcibly()} (SIGKILL on Linux, no shutdown hooks run); returns the exit code. */
    int kill()
    {
        process.destroyForcibly();
        return awaitExit();
    }

    /** {@link Process#destroy()} (SIGTERM: the server's shutdown hook closes the store); returns the exit code. */
    int stop()
    {
        process.destroy();
        return awaitExit();
    }

    private int awaitExit()
    {
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("server process " + process.pid() + " did not exit within 30 s");
            }
            return process.exitValue();
        }
        catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the server to exit", e);
        }
    }

    /** Always SIGKILL: used in finally blocks, where the child must not outlive the test whatever happened. */
    @Override
    public void close()
    {
        if (process.isAlive()) {
            kill();
        }
    }

    /**
     * Under surefire {@code java.class.path} is the test runtime classpath even when surefire boots through a
     * manifest-only jar; fail clearly if that ever stops holding rather than start a child that cannot run.
     */
    private static String testClasspath()
    {
        String classpath = System.getProperty("java.class.path");
        if (classpath == null || !classpath.contains("sqlite-jdbc")) {
            throw new IllegalStateException("java.class.path does not hold the server's runtime classpath: " + classpath);
        }
        return classpath;
    }

    private static String readQuietly(Path file)
    {
        try {
            return Files.readString(file);
        }
        catch (IOException e) {
            return "(unreadable: " + e.getMessage() + ")";
        }
    }

    /** Reads the child's standard output to its end: picks out the init report's key pair and the listening line. */
    private static final class Startup
    {
        private final CompletableFuture<Integer> port = new CompletableFuture<>();
        private volatile String accessKeyId;
        private volatile String secretAccessKey;

        static Startup watch(Process process)
        {
            Startup startup = new Startup();
            Thread reader = new Thread(() -> startup.drain(process), "bulwark-child-stdout-" + process.pid());
            reader.setDaemon(true);
            reader.start();
            return startup;
        }

        private void drain(Process process)
        {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = lines.readLine()) != null) {
                    if (port.isDone()) {
                        continue;
                    }
                    Matcher matcher;
                    if ((matcher = ACCESS_KEY.matcher(line)).find()) {
                        accessKeyId = matcher.group(1);
                    }
                    else if ((matcher = SECRET_KEY.matcher(line)).find()) {
                        secretAccessKey = matcher.group(1);
                    }
                    else if ((matcher = LISTENING.matcher(line)).find()) {
                        port.complete(Integer.parseInt(matcher.group(1)));
                    }
                }
                port.completeExceptionally(new IllegalStateException("server exited before listening"));
            }
            catch (IOException e) {
                port.completeExceptionally(e);
            }
        }

        /** Read after {@link #port} completed: the report lines come before the listening line on the same stream. */
        Optional<AdminKey> admin()
        {
            return accessKeyId == null || secretAccessKey == null ? Optional.empty() : Optional.of(new AdminKey(accessKeyId, secretAccessKey));
        }
    }
}
