package dev.bulwark.server.pipeline;

import dev.bulwark.protocol.error.AwsErrors;
import dev.bulwark.server.auth.Caller;
import software.amazon.awssdk.core.SdkRequest;

import java.time.Instant;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * For operations whose request carries its own credential (STS AssumeRoleWithWebIdentity's OpenID Connect token,
 * AssumeRoleWithSAML's assertion): once the request is decoded, the verified token becomes the {@link Caller}, so
 * the authorizer evaluates the role's trust policy for the identity the provider vouched for and CloudTrail records
 * it. Runs after {@link DecodeStep}, before {@link AuthorizeStep}.
 */
public final class TokenAuthenticateStep implements Step
{
    private final TokenAuthenticator authenticator;

    public TokenAuthenticateStep(TokenAuthenticator authenticator)
    {
        this.authenticator = requireNonNull(authenticator, "authenticator is null");
    }

    @Override
    public void apply(RequestContext context)
    {
        Optional<Caller> caller;
        try {
            caller = authenticator.authenticate(context.request, context.receivedAt);
        }
        catch (RuntimeException e) {
            throw AwsErrors.translate(context.route.service(), e);
        }
        caller.ifPresent(verified -> context.caller = verified);
    }

    /** Verifies the token a request carries; empty for requests that carry none. */
    @FunctionalInterface
    public interface TokenAuthenticator
    {
        Optional<Caller> authenticate(SdkRequest request, Instant now);
    }
}
