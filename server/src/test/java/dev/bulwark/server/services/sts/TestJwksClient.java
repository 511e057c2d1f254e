package dev.bulwark.server.services.sts;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import dev.bulwark.server.http.TlsMaterial;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The JWKS fetch: thumbprint trust, caching, and the bounds that keep a hostile issuer from holding threads or memory. */
final class TestJwksClient
{
    private static final String KEYS = "{\"keys\":[{\"kty\":\"RSA\",\"kid\":\"k\",\"n\":\"AQAB\",\"e\":\"AQAB\"}]}";

    private HttpsServer server;
    private String thumbprint;
    private final AtomicInteger keyRequests = new AtomicInteger();
    private volatile String configuration;
    private volatile String keys = KEYS;
    private volatile Duration keysDelay = Duration.ZERO;

    @BeforeEach
    void start(@TempDir Path dir) throws Exception
    {
        TlsMaterial.ensureSelfSigned(dir);
        char[] password = "test".toCharArray();
        KeyStore store = TlsMaterial.load(dir.resolve(TlsMaterial.CERT_FILE), dir.resolve(TlsMaterial.KEY_FILE), password);
        thumbprint = JwksClient.thumbprint((X509Certificate) store.getCertificate(store.aliases().nextElement()));
        KeyManagerFactory managers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        managers.init(store, password);
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(managers.getKeyManagers(), null, null);
        server = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(tls));
        configuration = "{\"jwks_uri\":\"" + issuer() + "/keys\"}";
        server.createContext("/.well-known/openid-configuration", exchange -> respond(exchange, 200, configuration));
        server.createContext("/keys", exchange -> {
            keyRequests.incrementAndGet();
            try {
                Thread.sleep(keysDelay.toMillis());
            }
            catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            respond(exchange, 200, keys);
        });
        server.createContext("/moved", exchange -> {
            exchange.getResponseHeaders().add("Location", issuer() + "/keys");
            exchange.sendResponseHeaders(302, -1);
            exchange.close();
        });
        server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        server.start();
    }

    @AfterEach
    void stop()
    {
        server.stop(0);
    }

    private String issuer()
    {
        return "https://localhost:" + server.getAddress().getPort();
    }

    private static void respond(HttpExchange exchange, int status, String body) throws IOException
    {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    @Test
    void fetchesTheKeySetOfAnIssuerTrustedByThumbprintAndCachesIt() throws Exception
    {
        JwksClient client = new JwksClient();
        Instant now = Instant.parse("2026-01-01T00:00:00Z");
        assertThat(client.keys(issuer(), List.of(thumbprint), now, false).path("keys").get(0).path("kid").asText()).isEqualTo("k");
        client.keys(issuer(), List.of(thumbprint), now.plusSeconds(60), false);
        assertThat(keyRequests.get()).isEqualTo(1);
        // an unknown kid refetches, but not more often than every few seconds
        client.keys(issuer(), List.of(thumbprint), now.plusSeconds(61), true);
        assertThat(keyRequests.get()).isEqualTo(2);
        client.keys(issuer(), List.of(thumbprint), now.plusSeconds(62), true);
        assertThat(keyRequests.get()).isEqualTo(2);
        client.keys(issuer(), List.of(thumbprint), now.plus(JwksClient.CACHE_TTL).plusSeconds(120), false);
        assertThat(keyRequests.get()).isEqualTo(3);
    }

    @Test
    void anUntrustedCertificateIsRefused()
    {
        assertThatThrownBy(() -> new JwksClient().keys(issuer(), List.of(), Instant.now(), false)).isInstanceOf(IOException.class);
        assertThatThrownBy(() -> new JwksClient().keys(issuer(), List.of("0".repeat(40)), Instant.now(), false)).isInstanceOf(IOException.class);
        assertThat(keyRequests.get()).isZero();
    }

    @Test
    void aFailingIssuerIsNotAskedAgainForAFewSeconds() throws Exception
    {
        JwksClient client = new JwksClient();
        Instant now = Instant.parse("2026-01-01T00:00:00Z");
        keys = "not json";
        assertThatThrownBy(() -> client.keys(issuer(), List.of(thumbprint), now, false)).isInstanceOf(IOException.class);
        keys = KEYS;
        assertThatThrownBy(() -> client.keys(issuer(), List.of(thumbprint), now.plusSeconds(1), false)).isInstanceOf(IOException.class);
        assertThat(keyRequests.get()).isEqualTo(1);
        assertThat(client.keys(issuer(), List.of(thumbprint), now.plus(JwksClient.REFETCH_INTERVAL), false).path("keys").isArray()).isTrue();
        assertThat(keyRequests.get()).isEqualTo(2);
    }

    @Test
    void anOversizedKeySetIsRefused()
    {
        keys = "{\"keys\":[],\"padding\":\"" + "x".repeat(4096) + "\"}";
        assertThatThrownBy(() -> new JwksClient(Duration.ofSeconds(5), 1024).keys(issuer(), List.of(thumbprint), Instant.now(), false))
                .isInstanceOf(IOException.class).hasMessageContaining("larger than 1024 bytes");
    }

    @Test
    void aSlowIssuerTimesOut()
    {
        keysDelay = Duration.ofSeconds(3);
        long started = System.nanoTime();
        assertThatThrownBy(() -> new JwksClient(Duration.ofMillis(300), 1024).keys(issuer(), List.of(thumbprint), Instant.now(), false))
                .isInstanceOf(IOException.class);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(2));
    }

    @Test
    void redirectsAndPlainHttpKeyUrisAreNotFollowed()
    {
        configuration = "{\"jwks_uri\":\"" + issuer() + "/moved\"}";
        assertThatThrownBy(() -> new JwksClient().keys(issuer(), List.of(thumbprint), Instant.now(), false)).isInstanceOf(IOException.class);
        configuration = "{\"jwks_uri\":\"http://localhost:" + server.getAddress().getPort() + "/keys\"}";
        assertThatThrownBy(() -> new JwksClient().keys(issuer(), List.of(thumbprint), Instant.now(), false))
                .isInstanceOf(IOException.class).hasMessageContaining("not an HTTPS URL");
        assertThat(keyRequests.get()).isZero();
    }

    @Test
    void tokensSignedWithSharedSecretsOrNoneAreNeverVerified() throws Exception
    {
        String header = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString("{\"alg\":\"none\"}".getBytes(StandardCharsets.UTF_8));
        String payload = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString("{\"sub\":\"x\"}".getBytes(StandardCharsets.UTF_8));
        WebIdentityToken none = WebIdentityToken.parse(header + "." + payload + ".").orElseThrow();
        var jwks = new com.fasterxml.jackson.databind.ObjectMapper().readTree("{\"keys\":[{\"kty\":\"oct\",\"k\":\"c2VjcmV0\"}]}");
        assertThat(none.verifiedBy(jwks)).isFalse();
        String hs = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString("{\"alg\":\"HS256\"}".getBytes(StandardCharsets.UTF_8));
        assertThat(WebIdentityToken.parse(hs + "." + payload + ".AAAA").orElseThrow().verifiedBy(jwks)).isFalse();
        assertThat(WebIdentityToken.parse("a.b")).isEmpty();
        assertThat(WebIdentityToken.parse("!!.??.##")).isEmpty();
    }
}
