package dev.bulwark.protocol.http;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import static java.util.Objects.requireNonNull;

/**
 * One HTTP request as the protocol layer sees it, independent of the HTTP server that received it.
 *
 * <p>{@code rawPath} is the path exactly as sent (still percent-encoded): SigV4 canonicalises from the raw
 * form, and S3 keys may contain characters that decoding would make ambiguous. {@code rawQuery} is likewise
 * the undecoded query string (without '?'), or empty. Header names are matched case-insensitively; a header
 * sent several times keeps every value in order. {@code tls} is what the TLS handshake negotiated, when the request
 * came over HTTPS and the server could tell (CloudTrail records it).
 */
public record HttpRequest(
        String method,
        String rawPath,
        String rawQuery,
        Map<String, List<String>> headers,
        byte[] body,
        boolean secureTransport,
        String remoteAddress,
        Optional<TlsSession> tls)
{
    public HttpRequest
    {
        requireNonNull(method, "method is null");
        requireNonNull(rawPath, "rawPath is null");
        requireNonNull(rawQuery, "rawQuery is null");
        requireNonNull(headers, "headers is null");
        requireNonNull(body, "body is null");
        requireNonNull(remoteAddress, "remoteAddress is null");
        requireNonNull(tls, "tls is null");
        TreeMap<String, List<String>> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        headers.forEach((name, values) -> copy.merge(name, List.copyOf(values), HttpRequest::concat));
        headers = Collections.unmodifiableMap(copy);
    }

    /** A request whose TLS parameters (if any) are not known. */
    public HttpRequest(String method, String rawPath, String rawQuery, Map<String, List<String>> headers, byte[] body, boolean secureTransport,
            String remoteAddress)
    {
        this(method, rawPath, rawQuery, headers, body, secureTransport, remoteAddress, Optional.empty());
    }

    /** What a TLS handshake negotiated: the protocol ({@code TLSv1.3}) and the JSSE cipher suite name. */
    public record TlsSession(String protocol, String cipherSuite)
    {
        public TlsSession
        {
            requireNonNull(protocol, "protocol is null");
            requireNonNull(cipherSuite, "cipherSuite is null");
        }
    }

    private static List<String> concat(List<String> a, List<String> b)
    {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return List.copyOf(all);
    }

    /** The first value of a header, if present. */
    public Optional<String> header(String name)
    {
        List<String> values = headers.get(name);
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }

    /** Decoded query parameters in the order sent; a parameter without '=' has the empty value. */
    public Map<String, List<String>> queryParameters()
    {
        return QueryStrings.parse(rawQuery);
    }

    /** The body as UTF-8 text. */
    public String bodyText()
    {
        return new String(body, StandardCharsets.UTF_8);
    }

    /** The media type of the body without parameters, lower case, or empty. */
    public String mediaType()
    {
        return header("Content-Type")
                .map(value -> value.split(";", 2)[0].trim().toLowerCase(Locale.ROOT))
                .orElse("");
    }

    public static Map<String, List<String>> headersOf(String... namesAndValues)
    {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (int i = 0; i + 1 < namesAndValues.length; i += 2) {
            headers.computeIfAbsent(namesAndValues[i], ignored -> new ArrayList<>()).add(namesAndValues[i + 1]);
        }
        return headers;
    }
}
