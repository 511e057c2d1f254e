package dev.bulwark.protocol.sigv4;

import dev.bulwark.protocol.http.HttpRequest;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Builds the SigV4 canonical request and string to sign from a received request.
 *
 * <p>Design (AWS "Create a canonical request for Signature Version 4", S3 "Signature Calculations for the
 * Authorization Header"): the canonical request is
 * {@code METHOD \n URI \n QUERY \n HEADERS \n \n SIGNED-HEADERS \n PAYLOAD-HASH}.
 * <ul>
 *   <li>URI: S3 signs the raw path exactly as sent. Every other service removes dot segments and empty
 *       segments (as botocore does) and URI-encodes the already-encoded path again, '/' kept.</li>
 *   <li>Query: every parameter is decoded and re-encoded with the RFC 3986 unreserved set, then sorted by
 *       encoded name and, for repeated names, by encoded value; a parameter without '=' has an empty value.
 *       A presigned request's {@code X-Amz-Signature} is left out.</li>
 *   <li>Headers: the signed headers in the order the client listed them, each {@code name:value} with all
 *       values of a repeated header comma-joined, each value trimmed and inner runs of spaces collapsed.</li>
 * </ul>
 * We canonicalise from the wire form rather than a decoded form because decoding is lossy ('%2F' vs '/').
 */
final class CanonicalRequest
{
    /** Algorithm name on the first line of the string to sign. */
    static final String ALGORITHM = "AWS4-HMAC-SHA256";

    private CanonicalRequest() {}

    static String build(HttpRequest request, Dialect dialect, List<QueryParameter> query, boolean presigned,
            List<String> signedHeaders, String signedHeadersText, String payloadHash)
    {
        StringBuilder out = new StringBuilder(256);
        out.append(request.method()).append('\n');
        out.append(canonicalUri(request.rawPath(), dialect)).append('\n');
        out.append(canonicalQuery(query, presigned)).append('\n');
        for (String name : signedHeaders) {
            out.append(name).append(':');
            appendHeaderValues(out, request.headers().get(name));
            out.append('\n');
        }
        out.append('\n');
        out.append(signedHeadersText).append('\n');
        out.append(payloadHash);
        return out.toString();
    }

    static String stringToSign(String requestTime, CredentialScope scope, String canonicalRequest)
    {
        return ALGORITHM + '\n' + requestTime + '\n' + scope.scope() + '\n' + SigV4Crypto.sha256Hex(canonicalRequest);
    }

    static String canonicalUri(String rawPath, Dialect dialect)
    {
        if (rawPath.isEmpty()) {
            return "/";
        }
        if (!dialect.encodesPathTwice()) {
            return rawPath;
        }
        return UriEncoding.encode(normalizePath(rawPath), true);
    }

    /** RFC 3986 §5.2.4 dot-segment removal, also dropping empty segments (consecutive slashes). */
    static String normalizePath(String path)
    {
        List<String> segments = new ArrayList<>();
        for (String segment : path.split("/")) {
            if (segment.isEmpty() || segment.equals(".")) {
                continue;
            }
            if (segment.equals("..")) {
                if (!segments.isEmpty()) {
                    segments.remove(segments.size() - 1);
                }
                continue;
            }
            segments.add(segment);
        }
        String leading = path.startsWith("/") ? "/" : "";
        String trailing = path.endsWith("/") && !segments.isEmpty() ? "/" : "";
        return leading + String.join("/", segments) + trailing;
    }

    static String canonicalQuery(List<QueryParameter> query, boolean presigned)
    {
        if (query.isEmpty()) {
            return "";
        }
        List<String[]> encoded = new ArrayList<>(query.size());
        for (QueryParameter parameter : query) {
            if (presigned && parameter.name().equals(PresignedQuery.SIGNATURE)) {
                continue;
            }
            encoded.add(new String[] {UriEncoding.encode(parameter.name(), false), UriEncoding.encode(parameter.value(), false)});
        }
        encoded.sort(Comparator.<String[], String>comparing(pair -> pair[0]).thenComparing(pair -> pair[1]));
        StringBuilder out = new StringBuilder();
        for (String[] pair : encoded) {
            if (!out.isEmpty()) {
                out.append('&');
            }
            out.append(pair[0]).append('=').append(pair[1]);
        }
        return out.toString();
    }

    private static void appendHeaderValues(StringBuilder out, List<String> values)
    {
        if (values == null) {
            return;
        }
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            appendTrimmed(out, values.get(i));
        }
    }

    /** SigV4's Trimall: strip leading and trailing whitespace, collapse inner whitespace runs to one space. */
    static void appendTrimmed(StringBuilder out, String value)
    {
        boolean pendingSpace = false;
        boolean any = false;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == 0x0B) {
                pendingSpace = any;
                continue;
            }
            if (pendingSpace) {
                out.append(' ');
                pendingSpace = false;
            }
            out.append(c);
            any = true;
        }
    }
}
