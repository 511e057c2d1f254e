package dev.bulwark.server.pipeline;

import dev.bulwark.protocol.codec.ProtocolCodec;

import static java.util.Objects.requireNonNull;

/**
 * Writes the response, or the error in the shape of the routed service's protocol. Before routing succeeded
 * there is no service: the error then takes the awsQuery shape, which the query services, the CLI and the SDKs
 * all parse.
 */
public final class EncodeStep implements Step
{
    private final ProtocolCodec fallback;

    public EncodeStep(ProtocolCodec fallback)
    {
        this.fallback = requireNonNull(fallback, "fallback is null");
    }

    @Override
    public void apply(RequestContext context)
    {
        ProtocolCodec codec = context.route != null ? context.route.codec() : context.errorCodec != null ? context.errorCodec : fallback;
        if (context.failed()) {
            context.httpResponse = codec.encodeError(context.error, context.requestId);
        }
        else {
            context.httpResponse = codec.encode(context.route.operation(), context.response, context.requestId);
            if (context.exchange != null && context.exchange.body().isPresent()) {
                // Object data (S3 GetObject) follows the headers the SDK response shape produced.
                context.httpResponse = context.httpResponse.withStream(context.exchange.status().orElse(context.httpResponse.status()),
                        context.exchange.headers(), context.exchange.body().get());
            }
        }
    }
}
