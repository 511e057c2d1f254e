package dev.bulwark.policy.eval;

import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * A requested action, lower-cased and split at its service prefix, interned: AWS has some 15,000 actions, so
 * each spelling is lower-cased once and every later request reuses the same strings (whose hash codes are then
 * cached for the statement index lookup).
 */
record ActionName(String lower, String service)
{
    /** Bounds the cache against callers that send arbitrary action text; past it, names are built per request. */
    private static final int MAX_INTERNED = 1 << 16;
    private static final ConcurrentMap<String, ActionName> INTERNED = new ConcurrentHashMap<>();

    static ActionName of(String action)
    {
        ActionName interned = INTERNED.get(action);
        if (interned != null) {
            return interned;
        }
        String lower = action.toLowerCase(Locale.ROOT);
        int colon = lower.indexOf(':');
        ActionName name = new ActionName(lower, colon < 0 ? lower : lower.substring(0, colon));
        if (INTERNED.size() < MAX_INTERNED) {
            INTERNED.putIfAbsent(action, name);
        }
        return name;
    }
}
