package dev.bulwark.server.pipeline;

/**
 * One stage of the request pipeline. A request step throws {@link dev.bulwark.protocol.error.AwsErrorException}
 * to fail the request; a response step must not throw.
 */
@FunctionalInterface
public interface Step
{
    void apply(RequestContext context);
}
