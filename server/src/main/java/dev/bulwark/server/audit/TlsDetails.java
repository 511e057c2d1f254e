package dev.bulwark.server.audit;

import dev.bulwark.protocol.http.HttpRequest;

import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * CloudTrail's {@code tlsDetails}: how an HTTPS request was protected, and the Host header the client sent.
 *
 * @param tlsVersion               e.g. {@code TLSv1.3}
 * @param cipherSuite              the negotiated suite in OpenSSL's spelling, e.g. {@code TLS_AES_128_GCM_SHA256}
 * @param clientProvidedHostHeader the Host header as sent
 */
public record TlsDetails(String tlsVersion, String cipherSuite, String clientProvidedHostHeader)
{
    public TlsDetails
    {
        requireNonNull(tlsVersion, "tlsVersion is null");
        requireNonNull(cipherSuite, "cipherSuite is null");
        requireNonNull(clientProvidedHostHeader, "clientProvidedHostHeader is null");
    }

    /** The details of a request that came over HTTPS; empty for plain HTTP (and when the handshake is unknown). */
    public static Optional<TlsDetails> of(HttpRequest request)
    {
        if (!request.secureTransport()) {
            return Optional.empty();
        }
        String host = request.header("Host").orElse("");
        return request.tls().map(session -> new TlsDetails(session.protocol(), cloudTrailCipherName(session.cipherSuite()), host));
    }

    /**
     * A JSSE suite name as CloudTrail spells it: TLS 1.3 suites keep their IANA name; TLS 1.2 suites take
     * OpenSSL's (AWS records {@code ECDHE-RSA-AES128-GCM-SHA256}).
     */
    public static String cloudTrailCipherName(String jsseName)
    {
        requireNonNull(jsseName, "jsseName is null");
        if (!jsseName.startsWith("TLS_ECDHE_")) {
            return jsseName;
        }
        // TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256 -> ECDHE-RSA-AES128-GCM-SHA256
        String name = jsseName.substring("TLS_".length()).replace("_WITH_", "_").replace("AES_128", "AES128").replace("AES_256", "AES256")
                .replace("CHACHA20_POLY1305", "CHACHA20-POLY1305");
        return name.replace('_', '-');
    }
}
