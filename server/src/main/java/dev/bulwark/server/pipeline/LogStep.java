package dev.bulwark.server.pipeline;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;

import java.io.IOException;
import java.io.PrintStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.util.logging.Level;
import java.util.logging.Logger;

import static java.util.Objects.requireNonNull;

/**
 * One JSON line per request: time, request ID, account, principal ARN, operation, status, error code, latency.
 * Never a secret: no headers, no bodies, no access key IDs. Internal failures also get their stack trace logged.
 */
public final class LogStep implements Step
{
    private static final Logger LOG = Logger.getLogger(LogStep.class.getName());
    private static final JsonFactory JSON = new JsonFactory();

    private final Clock clock;
    private final PrintStream out;

    public LogStep(Clock clock, PrintStream out)
    {
        this.clock = requireNonNull(clock, "clock is null");
        this.out = requireNonNull(out, "out is null");
    }

    @Override
    public void apply(RequestContext context)
    {
        if (context.failed() && context.error.httpStatus() >= 500 && context.error.getCause() != null) {
            LOG.log(Level.SEVERE, "request " + context.requestId + " failed", context.error.getCause());
        }
        StringWriter line = new StringWriter(256);
        try (JsonGenerator json = JSON.createGenerator(line)) {
            json.writeStartObject();
            json.writeStringField("time", context.receivedAt.toString());
            json.writeStringField("requestId", context.requestId);
            json.writeStringField("account", context.caller == null ? null : context.caller.accountId());
            json.writeStringField("principal", context.caller == null ? null : context.caller.arn());
            json.writeStringField("service", context.serviceName());
            json.writeStringField("operation", context.route == null ? null : context.route.operation().name());
            json.writeNumberField("status", context.httpResponse == null ? 0 : context.httpResponse.status());
            json.writeStringField("error", context.failed() ? context.error.code() : null);
            json.writeNumberField("latencyMicros", Duration.between(context.receivedAt, clock.instant()).toNanos() / 1000);
            json.writeEndObject();
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        out.println(line);
    }
}
