package dev.bulwark.server.services;

import dev.bulwark.server.auth.Caller;
import dev.bulwark.server.store.Tx;

import java.time.Instant;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * What a service handler may know about the call it serves: who called, when, in which region, and the store
 * transaction it runs in (absent while only computing authorization, which must not touch state it changes).
 */
public record Invocation(Caller caller, Instant now, String region, String requestId, Optional<Tx> tx, Optional<HttpExchange> exchange)
{
    public Invocation
    {
        requireNonNull(caller, "caller is null");
        requireNonNull(now, "now is null");
        requireNonNull(region, "region is null");
        requireNonNull(requestId, "requestId is null");
        requireNonNull(tx, "tx is null");
        requireNonNull(exchange, "exchange is null");
    }

    public Invocation(Caller caller, Instant now, String region, String requestId, Optional<Tx> tx)
    {
        this(caller, now, region, requestId, tx, Optional.empty());
    }

    /** The raw HTTP exchange, for operations whose payload is not an SDK field (S3 object data). */
    public HttpExchange http()
    {
        return exchange.orElseThrow(() -> new IllegalStateException("no HTTP exchange for this call"));
    }

    /** The transaction the handler runs in. */
    public Tx transaction()
    {
        return tx.orElseThrow(() -> new IllegalStateException("no transaction while authorizing"));
    }

    /** The account the call acts in: the caller's own. */
    public String accountId()
    {
        return caller.accountId();
    }

    public Invocation withTx(Tx newTx)
    {
        return new Invocation(caller, now, region, requestId, Optional.of(newTx), exchange);
    }
}
