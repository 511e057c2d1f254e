package dev.bulwark.policy.eval;

import static java.util.Objects.requireNonNull;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The condition keys of one request. Key names are case-insensitive (AWS: "Condition key names are not case
 * sensitive"); values keep their case. A key with one value is single-valued, more values make it multivalued.
 * The engine derives no keys: the caller puts in {@code aws:username}, {@code aws:CurrentTime} and the rest.
 */
public final class RequestContext
{
    /** A request with no condition keys at all. */
    public static final RequestContext EMPTY = new RequestContext(Map.of());

    private final Map<String, List<String>> values;

    private RequestContext(Map<String, List<String>> lowerCased)
    {
        this.values = lowerCased;
    }

    public static RequestContext of(Map<String, ? extends List<String>> values)
    {
        requireNonNull(values, "values is null");
        Map<String, List<String>> copy = new HashMap<>();
        values.forEach((key, list) -> copy.put(key.toLowerCase(Locale.ROOT), List.copyOf(list)));
        return new RequestContext(Map.copyOf(copy));
    }

    /** The values of a key, looked up case-insensitively; empty when the request does not carry it. */
    public Optional<List<String>> get(String key)
    {
        return Optional.ofNullable(values.get(key.toLowerCase(Locale.ROOT)));
    }

    /** Hot-path lookup: {@code lowerCaseKey} must already be lower case. Null when absent. */
    List<String> getLowerCased(String lowerCaseKey)
    {
        return values.get(lowerCaseKey);
    }

    /** The keys, lower-cased, with their values. */
    public Map<String, List<String>> asMap()
    {
        return values;
    }

    @Override
    public String toString()
    {
        return "RequestContext" + values;
    }
}
