package dev.bulwark.server.pipeline;

import dev.bulwark.protocol.error.AwsErrorException;
import dev.bulwark.protocol.error.AwsErrors;
import dev.bulwark.protocol.http.HttpRequest;
import dev.bulwark.protocol.http.HttpResponse;

import java.time.Clock;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;

import static java.util.Objects.requireNonNull;

/**
 * The request pipeline: request steps in order until one fails, then response steps, always. Assembled in one
 * place ({@link dev.bulwark.server.BulwarkServer}) so the order is visible:
 * route → authenticate → decode → authorize → invoke, then audit → encode → log.
 */
public final class Pipeline implements Function<HttpRequest, HttpResponse>
{
    private final Clock clock;
    private final List<Step> requestSteps;
    private final List<Step> responseSteps;

    public Pipeline(Clock clock, List<Step> requestSteps, List<Step> responseSteps)
    {
        this.clock = requireNonNull(clock, "clock is null");
        this.requestSteps = List.copyOf(requestSteps);
        this.responseSteps = List.copyOf(responseSteps);
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
            step.apply(context);
        }
        return requireNonNull(context.httpResponse, "no response step produced a response");
    }
}
