package dev.bulwark.server.pipeline;

import dev.bulwark.server.audit.AuditLog;
import dev.bulwark.server.audit.CloudTrailEvent;
import dev.bulwark.server.auth.Caller;
import dev.bulwark.server.services.Operation;

import java.util.Optional;
import java.util.UUID;

import static java.util.Objects.requireNonNull;

/**
 * Records every request not already recorded with its change: reads, denials, failures, malformed and
 * unauthenticated requests all become one CloudTrail event.
 */
public final class AuditStep implements Step
{
    private final AuditLog audit;
    private final String defaultRegion;
    private final String unknownAccount;

    /** @param unknownAccount the account events go to when the caller could not be identified */
    public AuditStep(AuditLog audit, String defaultRegion, String unknownAccount)
    {
        this.audit = requireNonNull(audit, "audit is null");
        this.defaultRegion = requireNonNull(defaultRegion, "defaultRegion is null");
        this.unknownAccount = requireNonNull(unknownAccount, "unknownAccount is null");
    }

    @Override
    public void apply(RequestContext context)
    {
        if (!context.auditedInTransaction) {
            audit.appendLater(eventOf(context));
        }
    }

    CloudTrailEvent eventOf(RequestContext context)
    {
        Optional<Caller> caller = Optional.ofNullable(context.caller);
        String account = caller.map(Caller::accountId).filter(id -> !id.isEmpty()).orElse(unknownAccount);
        boolean readOnly = context.operation.map(operation -> operation.readOnly()).orElse(true);
        // CloudTrail shows the response of calls that create something, AssumeRole's credentials included.
        boolean showResponse = !context.failed() && context.operation.map(operation -> !operation.readOnly() || operation.storeUse() == Operation.StoreUse.WRITE).orElse(false);
        String eventName = context.route != null ? context.route.operation().name() : "Unknown";
        return new CloudTrailEvent(
                UUID.randomUUID().toString(),
                context.receivedAt,
                caller,
                context.scope.map(scope -> scope.accessKeyId()),
                context.serviceName(),
                eventName,
                context.region(defaultRegion),
                context.http.remoteAddress(),
                context.http.header("User-Agent").orElse(""),
                Optional.ofNullable(context.request),
                showResponse ? Optional.ofNullable(context.response) : Optional.empty(),
                Optional.ofNullable(context.error).map(error -> error.code()),
                Optional.ofNullable(context.error).map(error -> error.getMessage()),
                context.requestId,
                readOnly,
                account,
                context.http.secureTransport() ? Optional.of("TLSv1.3") : Optional.empty());
    }
}
