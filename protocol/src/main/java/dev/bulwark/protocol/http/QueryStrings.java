package dev.bulwark.protocol.http;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Decoding of application/x-www-form-urlencoded text, used for query strings and awsQuery bodies. */
public final class QueryStrings
{
    private QueryStrings() {}

    /** Parameters in the order first seen, each with all its values; '+' decodes to a space as in forms. */
    public static Map<String, List<String>> parse(String encoded)
    {
        Map<String, List<String>> parameters = new LinkedHashMap<>();
        if (encoded.isEmpty()) {
            return parameters;
        }
        for (String pair : encoded.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = decode(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
            parameters.computeIfAbsent(name, ignored -> new ArrayList<>()).add(value);
        }
        parameters.replaceAll((name, values) -> Collections.unmodifiableList(values));
        return Collections.unmodifiableMap(parameters);
    }

    private static String decode(String text)
    {
        return URLDecoder.decode(text, StandardCharsets.UTF_8);
    }
}
