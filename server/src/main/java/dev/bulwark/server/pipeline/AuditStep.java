package dev.bulwark.server.pipeline;

import dev.bulwark.server.audit.AuditLog;
import dev.bulwark.server.audit.CloudTrailEvent;
import dev.bulwark.server.audit.EventResource;
import dev.bulwark.server.audit.TlsDetails;
import dev.bulwark.server.auth.Caller;
import dev.bulwark.server.services.Access;
import dev.bulwark.server.services.Operation;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

import static java.util.Objects.requireNonNull;

/**
 * Records every request not already recorded with its change: reads, denials, failures, malformed and
 * unauthenticated requests all become one CloudTrail event. A call on another account's resource is recorded
 * twice, as CloudTrail does: in the caller's account, and in the owner's with the caller shown as
 * {@code AWSAccount}; both copies share a {@code sharedEventID}.
 */
public final class AuditStep implements Step
{
    private static final Pattern ACCOUNT_ID = Pattern.compile("\\d{12}");

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
            eventsOf(context).forEach(audit::appendLater);
        }
    }

    /** The request's events: the caller's account's, then one per other account whose resources it touched. */
    List<CloudTrailEvent> eventsOf(RequestContext context)
    {
        Optional<Caller> caller = Optional.ofNullable(context.caller);
        String account = caller.map(Caller::accountId).filter(id -> !id.isEmpty()).orElse(unknownAccount);
        List<Access> accesses = context.accesses.isEmpty() ? context.requestedAccesses : context.accesses;
        Set<String> owners = new LinkedHashSet<>();
        List<EventResource> resources = new ArrayList<>();
        for (Access access : accesses) {
            EventResource.fromArn(access.resource()).ifPresent(resources::add);
            String owner = access.resourcePolicy().map(policy -> policy.ownerAccount())
                    .orElseGet(() -> EventResource.fromArn(access.resource()).map(EventResource::accountId).orElse(""));
            if (ACCOUNT_ID.matcher(owner).matches() && !owner.equals(account) && caller.isPresent()) {
                owners.add(owner);
            }
        }
        Optional<String> shared = owners.isEmpty() ? Optional.empty() : Optional.of(UUID.randomUUID().toString());
        CloudTrailEvent callers = eventOf(context, account, List.copyOf(new LinkedHashSet<>(resources)), shared);
        List<CloudTrailEvent> events = new ArrayList<>(List.of(callers));
        owners.forEach(owner -> events.add(callers.forResourceOwner(owner, UUID.randomUUID().toString())));
        return events;
    }

    /** SDKs sign global-endpoint calls (IAM, Organizations) for "aws-global"; CloudTrail records them in us-east-1. */
    static String cloudTrailRegion(String signedRegion)
    {
        return signedRegion.equals("aws-global") || signedRegion.isEmpty() ? "us-east-1" : signedRegion;
    }

    private CloudTrailEvent eventOf(RequestContext context, String account, List<EventResource> resources, Optional<String> shared)
    {
        boolean readOnly = context.operation.map(operation -> operation.readOnly()).orElse(true);
        // CloudTrail shows the response of calls that create something, AssumeRole's credentials included.
        boolean showResponse = !context.failed() && context.operation.map(operation -> !operation.readOnly() || operation.storeUse() == Operation.StoreUse.WRITE).orElse(false);
        String eventName = context.route != null ? context.route.operation().name() : "Unknown";
        return new CloudTrailEvent(
                UUID.randomUUID().toString(),
                context.receivedAt,
                Optional.ofNullable(context.caller),
                context.scope.map(scope -> scope.accessKeyId()),
                context.serviceName(),
                eventName,
                cloudTrailRegion(context.region(defaultRegion)),
                context.http.remoteAddress(),
                context.http.header("User-Agent").orElse(""),
                Optional.ofNullable(context.request),
                showResponse ? Optional.ofNullable(context.response) : Optional.empty(),
                Optional.ofNullable(context.error).map(error -> error.code()),
                Optional.ofNullable(context.error).map(error -> error.getMessage()),
                context.requestId,
                readOnly,
                account,
                TlsDetails.of(context.http),
                resources,
                shared,
                false);
    }
}
