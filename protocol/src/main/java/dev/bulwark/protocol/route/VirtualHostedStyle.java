package dev.bulwark.protocol.route;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

import dev.bulwark.protocol.http.HttpRequest;

import static java.util.Objects.requireNonNull;

/**
 * S3 virtual-hosted-style addressing: {@code PUT http://my-bucket.s3.localhost:4566/key} names the bucket in the
 * host. The codecs and router work on path-style requests ({@code /my-bucket/key}); this rewrites the one into the
 * other for hosts under a configured base domain. SDKs and the AWS CLI choose virtual-hosted style whenever the
 * bucket name is DNS-compatible and the endpoint is not an IP address, so an S3 front needs this.
 *
 * <p>Rewrite only after SigV4 verification: the signature covers the host and path as sent.
 */
public final class VirtualHostedStyle
{
    private final List<String> baseDomains;

    /** @param baseDomains lower-case host names buckets are sub-domains of, e.g. {@code s3.localhost}, {@code s3.amazonaws.com} */
    public VirtualHostedStyle(List<String> baseDomains)
    {
        this.baseDomains = List.copyOf(requireNonNull(baseDomains, "baseDomains is null"));
    }

    /** The bucket named by the request's Host header, if the host is {@code <bucket>.<base domain>[:port]}. */
    public Optional<String> bucket(HttpRequest request)
    {
        Optional<String> header = request.header("Host");
        if (header.isEmpty()) {
            return Optional.empty();
        }
        String host = header.get().toLowerCase(Locale.ROOT);
        int colon = host.lastIndexOf(':');
        if (colon > 0 && host.indexOf(']') < colon) {
            host = host.substring(0, colon);
        }
        for (String base : baseDomains) {
            if (host.length() > base.length() + 1 && host.endsWith("." + base)) {
                return Optional.of(host.substring(0, host.length() - base.length() - 1));
            }
        }
        return Optional.empty();
    }

    /** The path-style equivalent of a virtual-hosted-style request; the request itself when it is path-style. */
    public HttpRequest toPathStyle(HttpRequest request)
    {
        Optional<String> bucket = bucket(request);
        if (bucket.isEmpty()) {
            return request;
        }
        String path = request.rawPath().startsWith("/") ? request.rawPath() : "/" + request.rawPath();
        String rewritten = "/" + bucket.get() + (path.equals("/") ? "" : path);
        return new HttpRequest(request.method(), rewritten, request.rawQuery(), request.headers(), request.body(),
                request.secureTransport(), request.remoteAddress());
    }
}
