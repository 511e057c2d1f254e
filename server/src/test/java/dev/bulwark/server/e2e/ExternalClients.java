package dev.bulwark.server.e2e;

import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.fail;

/**
 * Runs the stock AWS CLI and Python (boto3) as child processes. When they are not installed the test is skipped
 * with a notice saying so, unless {@code BULWARK_REQUIRE_E2E=1} (CI), which makes it a failure.
 */
final class ExternalClients
{
    static final String REQUIRE_ENV = "BULWARK_REQUIRE_E2E";

    private ExternalClients() {}

    static void requireTool(List<String> probe, String what)
    {
        boolean present;
        try {
            present = run(probe, Map.of(), Path.of(".")).exitCode() == 0;
        }
        catch (IllegalStateException e) {
            present = false;
        }
        if (!present) {
            if ("1".equals(System.getenv(REQUIRE_ENV))) {
                fail(what + " is required (" + REQUIRE_ENV + "=1) but not available");
            }
            System.err.println("NOTICE: " + what + " not available; end-to-end test skipped");
            Assumptions.abort(what + " not available");
        }
    }

    static Result run(List<String> command, Map<String, String> environment, Path directory)
    {
        ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile());
        builder.environment().keySet().removeIf(name -> name.startsWith("AWS_"));
        builder.environment().putAll(environment);
        try {
            // stderr goes to a file so a chatty child cannot block on a full pipe while we read stdout.
            Path errors = java.nio.file.Files.createTempFile("bulwark-e2e", ".err");
            builder.redirectError(errors.toFile());
            Process process = builder.start();
            process.getOutputStream().close();
            byte[] out = process.getInputStream().readAllBytes();
            if (!process.waitFor(120, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("timed out: " + command);
            }
            String err = java.nio.file.Files.readString(errors);
            java.nio.file.Files.deleteIfExists(errors);
            return new Result(process.exitValue(), new String(out, StandardCharsets.UTF_8), err);
        }
        catch (IOException e) {
            throw new IllegalStateException("cannot run " + command, e);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted: " + command, e);
        }
    }

    record Result(int exitCode, String stdout, String stderr) {}
}
