package dev.bulwark.protocol.codec;

import java.util.NavigableMap;
import java.util.TreeMap;

import dev.bulwark.protocol.http.HttpRequest;
import dev.bulwark.protocol.http.QueryStrings;

/** The parameters of an awsQuery request, wherever the client put them. */
public final class QueryParameters
{
    private QueryParameters() {}

    /**
     * Query-string and form-body parameters together (the query string wins), first value of each, sorted so
     * that the parameters below a prefix form a contiguous range.
     */
    public static NavigableMap<String, String> of(HttpRequest request)
    {
        NavigableMap<String, String> parameters = new TreeMap<>();
        QueryStrings.parse(request.rawQuery()).forEach((name, values) -> parameters.put(name, values.get(0)));
        String mediaType = request.mediaType();
        if (request.body().length > 0 && (mediaType.isEmpty() || mediaType.equals("application/x-www-form-urlencoded"))) {
            QueryStrings.parse(request.bodyText()).forEach((name, values) -> parameters.putIfAbsent(name, values.get(0)));
        }
        return parameters;
    }
}
