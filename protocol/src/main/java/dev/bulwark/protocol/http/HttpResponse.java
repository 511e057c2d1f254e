package dev.bulwark.protocol.http;

import java.io.IOException;
import java.io.OutputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * One HTTP response produced by a codec, written out by whichever HTTP server carries it. The body is either
 * {@code body} or, for large payloads (S3 object data), a {@link StreamingBody} the server writes piece by piece so
 * the whole payload is never held in memory.
 */
public record HttpResponse(int status, Map<String, List<String>> headers, byte[] body, Optional<StreamingBody> stream)
{
    public HttpResponse
    {
        requireNonNull(headers, "headers is null");
        requireNonNull(body, "body is null");
        requireNonNull(stream, "stream is null");
        Map<String, List<String>> copy = new LinkedHashMap<>();
        headers.forEach((name, values) -> copy.put(name, List.copyOf(values)));
        headers = java.util.Collections.unmodifiableMap(copy);
    }

    public HttpResponse(int status, Map<String, List<String>> headers, byte[] body)
    {
        this(status, headers, body, Optional.empty());
    }

    public static HttpResponse of(int status, String contentType, byte[] body)
    {
        return new HttpResponse(status, Map.of("Content-Type", List.of(contentType)), body);
    }

    /** This response with its status, extra headers and body replaced by a stream. */
    public HttpResponse withStream(int newStatus, Map<String, List<String>> extraHeaders, StreamingBody newStream)
    {
        Map<String, List<String>> merged = new LinkedHashMap<>(headers);
        merged.putAll(extraHeaders);
        return new HttpResponse(newStatus, merged, new byte[0], Optional.of(newStream));
    }

    /** The length of the body as the client will receive it. */
    public long contentLength()
    {
        return stream.map(StreamingBody::length).orElse((long) body.length);
    }

    /** A body of known length written straight to the connection. */
    public interface StreamingBody
    {
        long length();

        void writeTo(OutputStream out) throws IOException;
    }
}
