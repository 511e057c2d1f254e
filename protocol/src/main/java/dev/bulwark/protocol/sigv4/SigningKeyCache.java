package dev.bulwark.protocol.sigv4;

import java.util.concurrent.ConcurrentHashMap;

import static java.util.Objects.requireNonNull;

/**
 * Derived signing keys by (secret, date, region, service). Deriving costs four HMACs, as much as the rest of
 * a small request's verification, and a key is reused for every request that day in that region and service.
 *
 * <p>Bounded crudely: when full it is emptied. Keys change daily, so the working set is the number of
 * active (secret, region, service) triples, which a deployment sizes the cache for.
 */
final class SigningKeyCache
{
    private record Key(String secretKey, String date, String region, String service) {}

    private final int maximumSize;
    private final ConcurrentHashMap<Key, byte[]> keys = new ConcurrentHashMap<>();

    SigningKeyCache(int maximumSize)
    {
        if (maximumSize < 1) {
            throw new IllegalArgumentException("maximumSize must be positive: " + maximumSize);
        }
        this.maximumSize = maximumSize;
    }

    /** The signing key; callers must not modify the returned array. */
    byte[] signingKey(String secretKey, CredentialScope scope)
    {
        requireNonNull(secretKey, "secretKey is null");
        Key key = new Key(secretKey, scope.date(), scope.region(), scope.service());
        byte[] cached = keys.get(key);
        if (cached != null) {
            return cached;
        }
        byte[] derived = SigV4Crypto.signingKey(secretKey, scope.date(), scope.region(), scope.service());
        if (keys.size() >= maximumSize) {
            keys.clear();
        }
        keys.put(key, derived);
        return derived;
    }

    int size()
    {
        return keys.size();
    }
}
