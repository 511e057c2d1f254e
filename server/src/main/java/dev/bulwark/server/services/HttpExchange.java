package dev.bulwark.server.services;

import dev.bulwark.protocol.http.HttpRequest;
import dev.bulwark.protocol.http.HttpResponse.StreamingBody;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * The raw HTTP side of a call, for the few operations whose payload is not an SDK field: S3's object data travels
 * as the request body (PutObject, UploadPart) and as the response body (GetObject). The request is path-style with
 * any {@code aws-chunked} framing already removed and verified; a handler that answers with data sets a
 * {@link StreamingBody} (and, for ranges, the status) here, and the encoder sends it after the SDK response's headers.
 */
public final class HttpExchange
{
    private final HttpRequest request;
    private Integer status;
    private StreamingBody body;
    private final Map<String, List<String>> headers = new LinkedHashMap<>();

    public HttpExchange(HttpRequest request)
    {
        this.request = requireNonNull(request, "request is null");
    }

    public HttpRequest request()
    {
        return request;
    }

    public synchronized void respond(int newStatus, StreamingBody newBody)
    {
        this.status = newStatus;
        this.body = requireNonNull(newBody, "newBody is null");
    }

    /** A header the SDK response shape cannot carry. */
    public synchronized void header(String name, String value)
    {
        headers.put(name, List.of(value));
    }

    public synchronized Optional<StreamingBody> body()
    {
        return Optional.ofNullable(body);
    }

    public synchronized Optional<Integer> status()
    {
        return Optional.ofNullable(status);
    }

    public synchronized Map<String, List<String>> headers()
    {
        return Map.copyOf(headers);
    }
}
