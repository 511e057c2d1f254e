package dev.bulwark.protocol.http;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static java.util.Objects.requireNonNull;

/** One HTTP response produced by a codec, written out by whichever HTTP server carries it. */
public record HttpResponse(int status, Map<String, List<String>> headers, byte[] body)
{
    public HttpResponse
    {
        requireNonNull(headers, "headers is null");
        requireNonNull(body, "body is null");
        Map<String, List<String>> copy = new LinkedHashMap<>();
        headers.forEach((name, values) -> copy.put(name, List.copyOf(values)));
        headers = java.util.Collections.unmodifiableMap(copy);
    }

    public static HttpResponse of(int status, String contentType, byte[] body)
    {
        return new HttpResponse(status, Map.of("Content-Type", List.of(contentType)), body);
    }
}
