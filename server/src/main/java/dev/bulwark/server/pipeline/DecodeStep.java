package dev.bulwark.server.pipeline;

import dev.bulwark.protocol.error.AwsErrorException;

/**
 * Turns the body into the SDK's typed request. An operation AWS has but Bulwark does not implement stops here,
 * after authentication, with a 501 that says so: never a fake success.
 */
public final class DecodeStep implements Step
{
    @Override
    public void apply(RequestContext context)
    {
        if (context.operation.isEmpty()) {
            throw new AwsErrorException("NotImplemented", 501, false, "The operation " + context.route.operation().name()
                    + " of service " + context.route.service().name() + " is not implemented by Bulwark yet.");
        }
        context.request = context.route.codec().decode(context.route.operation(), context.operationHttp);
        context.exchange = new dev.bulwark.server.services.HttpExchange(context.operationHttp);
    }
}
