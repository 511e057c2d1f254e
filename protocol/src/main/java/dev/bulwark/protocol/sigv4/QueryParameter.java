package dev.bulwark.protocol.sigv4;

import java.util.ArrayList;
import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * One {@code name=value} pair of a raw query string, decoded before SigV4 re-encodes it canonically. A raw
 * '+' decodes to a space, as in forms: SDKs that mean '+' send {@code %2B}, while Python's urlencode (which
 * botocore uses for parameters it moves into the URL) sends a space as '+' yet signs it as {@code %20}.
 */
record QueryParameter(String name, String value)
{
    QueryParameter
    {
        requireNonNull(name, "name is null");
        requireNonNull(value, "value is null");
    }

    static List<QueryParameter> parse(String rawQuery)
    {
        List<QueryParameter> parameters = new ArrayList<>();
        if (rawQuery.isEmpty()) {
            return parameters;
        }
        int start = 0;
        while (start <= rawQuery.length()) {
            int end = rawQuery.indexOf('&', start);
            if (end < 0) {
                end = rawQuery.length();
            }
            if (end > start) {
                int eq = rawQuery.indexOf('=', start);
                if (eq < 0 || eq > end) {
                    parameters.add(new QueryParameter(UriEncoding.decodeQuery(rawQuery.substring(start, end)), ""));
                }
                else {
                    parameters.add(new QueryParameter(UriEncoding.decodeQuery(rawQuery.substring(start, eq)),
                            UriEncoding.decodeQuery(rawQuery.substring(eq + 1, end))));
                }
            }
            start = end + 1;
        }
        return parameters;
    }
}
