package dev.bulwark.server.services.sts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import static java.util.Objects.requireNonNull;

/**
 * Fetches an OpenID Connect issuer's signing keys the way STS does: {@code ISSUER/.well-known/openid-configuration},
 * then its {@code jwks_uri}, both over HTTPS.
 *
 * <p>Trust: a server certificate chain the JDK trusts is accepted, and so is one holding a certificate whose SHA-1
 * thumbprint the IAM provider lists (IAM's ThumbprintList, which is how AWS trusted issuers before it moved to its
 * own CA library; it also lets a test or a private IdP use a self-signed certificate). Host names are still verified.
 *
 * <p>Only registered providers' issuers are ever fetched, and each fetch is bounded so a slow or hostile issuer
 * cannot hold a request thread or memory: no redirects, short timeouts, a size cap, HTTPS only. Key sets are cached
 * per issuer for a few minutes; an unknown {@code kid} refetches (at most every few seconds).
 */
public final class JwksClient
{
    /** STS gives the issuer about five seconds; so do we, for the connection and again for each response. */
    static final Duration TIMEOUT = Duration.ofSeconds(5);
    /** Discovery documents and key sets larger than this are refused. */
    static final int MAX_DOCUMENT_BYTES = 128 * 1024;
    /** How long a fetched key set is used without asking again. */
    static final Duration CACHE_TTL = Duration.ofMinutes(5);
    /** The least time between two fetches for the same issuer when a token names a key the cached set lacks. */
    static final Duration REFETCH_INTERVAL = Duration.ofSeconds(10);

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ScheduledExecutorService WATCHDOG = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "jwks-fetch-deadline");
        thread.setDaemon(true);
        return thread;
    });

    private final Map<String, Cached> cache = new ConcurrentHashMap<>();
    /** When fetching an issuer's keys last failed: unauthenticated callers must not make us hammer an issuer that is down. */
    private final Map<String, Instant> failures = new ConcurrentHashMap<>();
    private final Duration timeout;
    private final int maxDocumentBytes;

    public JwksClient()
    {
        this(TIMEOUT, MAX_DOCUMENT_BYTES);
    }

    JwksClient(Duration timeout, int maxDocumentBytes)
    {
        this.timeout = requireNonNull(timeout, "timeout is null");
        this.maxDocumentBytes = maxDocumentBytes;
    }

    /**
     * The issuer's key set, cached or fetched.
     *
     * @param wantsFresh the cached set lacked the token's key: fetch again unless that was just done
     * @throws IOException when the keys cannot be retrieved (STS: "Couldn't retrieve verification key")
     */
    public JsonNode keys(String issuer, List<String> thumbprints, Instant now, boolean wantsFresh)
            throws IOException
    {
        String cacheKey = issuer + " " + thumbprints;
        Cached cached = cache.get(cacheKey);
        if (cached != null && now.isBefore(cached.fetched().plus(CACHE_TTL))
                && (!wantsFresh || now.isBefore(cached.fetched().plus(REFETCH_INTERVAL)))) {
            return cached.keys();
        }
        Instant failed = failures.get(cacheKey);
        if (failed != null && now.isBefore(failed.plus(REFETCH_INTERVAL))) {
            throw new IOException("fetching the keys of " + issuer + " failed moments ago");
        }
        try {
            HttpClient client = client(thumbprints);
            String base = issuer.endsWith("/") ? issuer.substring(0, issuer.length() - 1) : issuer;
            JsonNode configuration = fetch(client, base + "/.well-known/openid-configuration");
            String jwksUri = configuration.path("jwks_uri").asText("");
            JsonNode keys = fetch(client, jwksUri);
            if (!keys.path("keys").isArray()) {
                throw new IOException("not a JSON Web Key Set: " + jwksUri);
            }
            cache.put(cacheKey, new Cached(keys, now));
            failures.remove(cacheKey);
            return keys;
        }
        catch (IOException e) {
            failures.put(cacheKey, now);
            throw e;
        }
    }

    private JsonNode fetch(HttpClient client, String url)
            throws IOException
    {
        URI uri;
        try {
            uri = URI.create(url);
        }
        catch (IllegalArgumentException e) {
            throw new IOException("not a URL: " + url, e);
        }
        if (!"https".equalsIgnoreCase(uri.getScheme()) || uri.getHost() == null) {
            throw new IOException("not an HTTPS URL: " + url);
        }
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(timeout).header("Accept", "application/json").GET().build();
        HttpResponse<InputStream> response;
        try {
            response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted fetching " + url, e);
        }
        // The request timeout covers the wait for the headers; a body trickling in afterwards is cut off too.
        ScheduledFuture<?> deadline = WATCHDOG.schedule(() -> closeQuietly(response.body()), timeout.toMillis(), TimeUnit.MILLISECONDS);
        try (InputStream body = response.body()) {
            if (response.statusCode() != 200) {
                throw new IOException("HTTP " + response.statusCode() + " from " + url);
            }
            byte[] bytes = body.readNBytes(maxDocumentBytes + 1);
            if (bytes.length > maxDocumentBytes) {
                throw new IOException("document larger than " + maxDocumentBytes + " bytes: " + url);
            }
            JsonNode document = JSON.readTree(bytes);
            if (document == null || !document.isObject()) {
                throw new IOException("not a JSON object: " + url);
            }
            return document;
        }
        finally {
            deadline.cancel(false);
        }
    }

    private static void closeQuietly(InputStream body)
    {
        try {
            body.close();
        }
        catch (IOException e) {
            // already failing
        }
    }

    private HttpClient client(List<String> thumbprints)
            throws IOException
    {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] {new ThumbprintTrust(defaultTrust(), thumbprints)}, null);
            return HttpClient.newBuilder()
                    .sslContext(context)
                    .connectTimeout(timeout)
                    .followRedirects(HttpClient.Redirect.NEVER)
                    .build();
        }
        catch (GeneralSecurityException e) {
            throw new IOException("cannot set up TLS", e);
        }
    }

    private static X509TrustManager defaultTrust()
            throws GeneralSecurityException
    {
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init((KeyStore) null);
        for (TrustManager manager : factory.getTrustManagers()) {
            if (manager instanceof X509TrustManager x509) {
                return x509;
            }
        }
        throw new GeneralSecurityException("no default X.509 trust manager");
    }

    /** The hex SHA-1 of a certificate's DER encoding: IAM's thumbprint. */
    public static String thumbprint(X509Certificate certificate)
            throws CertificateException
    {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(certificate.getEncoded()));
        }
        catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK lacks SHA-1", e);
        }
    }

    /**
     * Trusts what the JDK trusts, or a chain holding a listed thumbprint. A plain {@link X509TrustManager}: the JDK
     * wraps it and still checks the host name against the certificate.
     */
    private record ThumbprintTrust(X509TrustManager jdk, List<String> thumbprints) implements X509TrustManager
    {
        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType)
                throws CertificateException
        {
            try {
                jdk.checkServerTrusted(chain, authType);
                return;
            }
            catch (CertificateException e) {
                for (X509Certificate certificate : chain) {
                    if (thumbprints.contains(thumbprint(certificate).toLowerCase(Locale.ROOT))) {
                        certificate.checkValidity();
                        return;
                    }
                }
                throw e;
            }
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType)
                throws CertificateException
        {
            throw new CertificateException("not a server");
        }

        @Override
        public X509Certificate[] getAcceptedIssuers()
        {
            return jdk.getAcceptedIssuers();
        }
    }

    private record Cached(JsonNode keys, Instant fetched)
    {
        Cached
        {
            requireNonNull(keys, "keys is null");
            requireNonNull(fetched, "fetched is null");
        }
    }

}
