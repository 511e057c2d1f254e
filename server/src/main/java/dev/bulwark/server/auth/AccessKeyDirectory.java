package dev.bulwark.server.auth;

import dev.bulwark.protocol.sigv4.SigningCredential;
import dev.bulwark.server.services.iam.IamStore;
import dev.bulwark.server.services.iam.model.AccessKey;
import dev.bulwark.server.services.iam.model.User;
import dev.bulwark.server.store.Store;

import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import static java.util.Objects.requireNonNull;

/**
 * The authentication hot path's read model: access key ID → secret and the principal it belongs to. Loaded
 * from the store on first use and kept until IAM changes the key's account; inactive keys resolve to nothing,
 * exactly like unknown ones, so SigV4 answers {@code InvalidClientTokenId} for both as AWS does.
 */
public final class AccessKeyDirectory
{
    /** STS issues temporary keys as ASIA..., IAM long-term keys as AKIA.... */
    public static final String TEMPORARY_KEY_PREFIX = "ASIA";

    private final Store store;
    private final IamStore iam;
    private final ConcurrentMap<String, Optional<KnownKey>> keys = new ConcurrentHashMap<>();

    public AccessKeyDirectory(Store store, IamStore iam)
    {
        this.store = requireNonNull(store, "store is null");
        this.iam = requireNonNull(iam, "iam is null");
    }

    /** The active key's credential and principal, if the key exists. */
    public Optional<KnownKey> find(String accessKeyId)
    {
        Optional<KnownKey> cached = keys.get(accessKeyId);
        if (cached != null) {
            return cached;
        }
        Optional<KnownKey> loaded = accessKeyId.startsWith(TEMPORARY_KEY_PREFIX) ? findSession(accessKeyId) : store.readOnly(tx -> iam.findAccessKey(tx, accessKeyId)
                .filter(AccessKey::isActive)
                .map(key -> new KnownKey(SigningCredential.longTerm(key.accessKeyId(), key.secretAccessKey()), callerOf(key,
                        key.isRootKey() ? Optional.empty() : iam.findUser(tx, key.accountId(), key.userName())))));
        // Unknown keys are not remembered: a key created a moment later must work at once, and a flood of made-up
        // keys must not grow the map.
        loaded.ifPresent(known -> keys.put(accessKeyId, loaded));
        return loaded;
    }

    /**
     * A role session's or a user session's (GetSessionToken, GetFederationToken) temporary key. Expired sessions still resolve: the verifier must see the expiration to answer
     * {@code ExpiredToken} rather than {@code InvalidClientTokenId}, as AWS does.
     */
    private Optional<KnownKey> findSession(String accessKeyId)
    {
        // Every AssumeRole mints a new key: forget expired ones as new ones arrive so the map does not grow without
        // bound. Only caching depends on this clock; an evicted key reloads and still answers ExpiredToken.
        Instant now = Instant.now();
        keys.values().removeIf(key -> key.isPresent() && key.get().credential().expiration() != null && key.get().credential().expiration().isBefore(now));
        return store.readOnly(tx -> iam.sessions().find(tx, accessKeyId)
                .map(session -> new KnownKey(
                        SigningCredential.temporary(session.accessKeyId(), session.secretAccessKey(), session.sessionToken(), session.expiration()),
                        Caller.assumedRole(session)))
                .or(() -> iam.userSessions().find(tx, accessKeyId)
                        .map(session -> new KnownKey(
                                SigningCredential.temporary(session.accessKeyId(), session.secretAccessKey(), session.sessionToken(), session.expiration()),
                                Caller.of(session)))));
    }

    /** Forgets every key of an account after IAM changed something in it. */
    public void accountChanged(String accountId)
    {
        keys.values().removeIf(key -> key.isPresent() && key.get().caller().accountId().equals(accountId));
    }

    /** Forgets every key (after a dev-mode reset). */
    public void clear()
    {
        keys.clear();
    }

    private static Caller callerOf(AccessKey key, Optional<User> user)
    {
        if (user.isEmpty()) {
            return Caller.root(key.accountId(), Optional.of(key.accessKeyId()));
        }
        User u = user.get();
        return Caller.user(key.accountId(), u.arn(), u.userId(), u.name(), key.accessKeyId());
    }

    /** A key that exists and is active. */
    public record KnownKey(SigningCredential credential, Caller caller)
    {
        public KnownKey
        {
            requireNonNull(credential, "credential is null");
            requireNonNull(caller, "caller is null");
        }
    }
}
