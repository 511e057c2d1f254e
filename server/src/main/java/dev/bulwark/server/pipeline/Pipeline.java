package dev.bulwark.server.pipeline;

import dev.bulwark.protocol.error.AwsErrorException;
import dev.bulwark.protocol.error.AwsErrors;
import dev.bulwark.protocol.http.HttpRequest;
import dev.bulwark.protocol.http.HttpResponse;

import java.time.Clock;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;

import static java.util.Objects.requireNonNull;

/**
 * The request pipeline: request steps in order until one fails, then response steps, always. Assembled in one
 * place ({@link dev.bulwark.server.BulwarkServer}) so the order is visible:
 * route → authenticate → decode → token-authenticate (federation calls only) → authorize → invoke, then audit → encode → log.
 */
public final class Pipeline implements Function<HttpRequest, HttpResponse>
{
    private static final Logger LOG = Logger.getLogger(Pipeline.class.getName());

    private final Clock clock;
    private final List<Step> requestSteps;
    private final List<Step> responseSteps;
    private final Function<RequestContext, HttpResponse> fallbackEncoder;

    /**
     * @param fallbackEncoder writes the error when a response step failed before any response was produced
     */
    public Pipeline(Clock clock, List<Step> requestSteps, List<Step> responseSteps, Function<RequestContext, HttpResponse> fallbackEncoder)
    {
        this.clock = requireNonNull(clock, "clock is null");
        this.requestSteps = List.copyOf(requestSteps);
        this.responseSteps = List.copyOf(responseSteps);
        this.fallbackEncoder = requireNonNull(fallbackEncoder, "fallbackEncoder is null");
    }

    @Override
    public HttpResponse apply(HttpRequest http)
    {
        RequestContext context = new RequestContext(http, UUID.randomUUID().toString(), clock.instant());
        for (Step step : requestSteps) {
            try {
                step.apply(context);
            }
            catch (AwsErrorException e) {
                context.error = e;
            }
            catch (RuntimeException e) {
                context.error = AwsErrors.internalFailure(e);
            }
            if (context.failed()) {
                break;
            }
        }
        for (Step step : responseSteps) {
            try {
                step.apply(context);
            }
            catch (RuntimeException e) {
                // A response step must not throw; if one does, the client still gets an AWS-shaped 500 rather than
                // a bare error page, and the failure is logged.
                LOG.log(Level.SEVERE, "response step " + step.getClass().getSimpleName() + " failed for request " + context.requestId, e);
                if (context.httpResponse == null && !context.failed()) {
                    context.error = AwsErrors.internalFailure(e);
                }
            }
        }
        if (context.httpResponse == null) {
            context.httpResponse = fallbackEncoder.apply(context);
        }
        return context.httpResponse;
    }
}
