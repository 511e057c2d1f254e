package dev.bulwark.server.pipeline;

import dev.bulwark.protocol.error.AwsErrors;
import dev.bulwark.server.audit.AuditLog;
import dev.bulwark.server.services.Invocation;
import dev.bulwark.server.services.Operation;
import dev.bulwark.server.store.Store;

import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * Runs the handler in a store transaction. A mutation writes its CloudTrail event in that same transaction, so
 * an acknowledged change always has its record and a failed one leaves neither. A handler's exception rolls the
 * transaction back and becomes the AWS error the service's model gives it.
 */
public final class InvokeStep implements Step
{
    private final Store store;
    private final AuditLog audit;
    private final AuditStep events;
    private final String defaultRegion;

    public InvokeStep(Store store, AuditLog audit, AuditStep events, String defaultRegion)
    {
        this.store = requireNonNull(store, "store is null");
        this.audit = requireNonNull(audit, "audit is null");
        this.events = requireNonNull(events, "events is null");
        this.defaultRegion = requireNonNull(defaultRegion, "defaultRegion is null");
    }

    @Override
    public void apply(RequestContext context)
    {
        Operation<?, ?> operation = context.operation.orElseThrow();
        Invocation invocation = new Invocation(context.caller, context.receivedAt, context.region(defaultRegion), context.requestId, Optional.empty(), Optional.ofNullable(context.exchange));
        try {
            switch (operation.storeUse()) {
                case NONE -> context.response = operation.invoke(invocation, context.request);
                case READ -> context.response = store.readOnly(tx -> operation.invoke(invocation.withTx(tx), context.request));
                case WRITE -> {
                    context.response = store.inTransaction(tx -> {
                        var response = operation.invoke(invocation.withTx(tx), context.request);
                        context.response = response;
                        events.eventsOf(context).forEach(event -> audit.appendInTransaction(tx, event));
                        return response;
                    });
                    context.auditedInTransaction = true;
                }
            }
        }
        catch (RuntimeException e) {
            context.response = null;
            throw AwsErrors.translate(context.route.service(), e);
        }
    }
}
