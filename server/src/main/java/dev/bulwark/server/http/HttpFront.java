package dev.bulwark.server.http;

import dev.bulwark.protocol.http.HttpRequest;
import dev.bulwark.protocol.http.HttpResponse;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.http.UriCompliance;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Function;

import static java.util.Objects.requireNonNull;

/**
 * The HTTP front: Jetty 12's core API (no servlet layer) carrying HTTP/1.1 with keep-alive, chunked bodies and
 * {@code Expect: 100-continue} (Jetty answers 100 when the body is first read), plus an optional TLS listener.
 *
 * <p>Request bodies are read whole into memory up to {@code maxBodyBytes}: every protocol we serve needs the complete
 * payload to verify its signature before anything else happens. A larger body is refused with 413 before it is
 * read, so a client cannot make the server buffer more than the limit. Responses with a streaming body (S3 object
 * data) are written to the connection as they are produced.
 */
public final class HttpFront implements AutoCloseable
{
    /** Jetty's start/stop chatter is noise next to our own lines; its warnings and errors still show. Held strongly so the level sticks. */
    private static final java.util.logging.Logger JETTY_LOG = quiet(java.util.logging.Logger.getLogger("org.eclipse.jetty"));

    private final Server server;
    private final ServerConnector plain;
    private final ServerConnector tls;

    public HttpFront(String host, int port, OptionalLong tlsPort, KeyStore tlsKeyStore, char[] tlsPassword,
            long maxBodyBytes, Function<HttpRequest, HttpResponse> application)
    {
        requireNonNull(application, "application is null");
        QueuedThreadPool threads = new QueuedThreadPool(200, 8);
        threads.setName("bulwark-http");
        server = new Server(threads);

        HttpConfiguration config = new HttpConfiguration();
        config.setSendServerVersion(false);
        config.setSendXPoweredBy(false);
        // SigV4 signs header values byte for byte: Jetty's header cache would otherwise hand back its own
        // canonical spelling of a known value ("charset=utf-8" read as "charset=UTF-8") and break signatures.
        config.setHeaderCacheCaseSensitive(true);
        // S3 keys may hold encoded slashes and dot segments; the raw path is interpreted by the codecs, not by Jetty.
        config.setUriCompliance(UriCompliance.UNSAFE);
        plain = new ServerConnector(server, new HttpConnectionFactory(config));
        plain.setHost(host);
        plain.setPort(port);
        server.addConnector(plain);

        if (tlsPort.isPresent()) {
            SslContextFactory.Server ssl = new SslContextFactory.Server();
            ssl.setKeyStore(tlsKeyStore);
            ssl.setKeyStorePassword(new String(tlsPassword));
            HttpConfiguration tlsConfig = new HttpConfiguration(config);
            SecureRequestCustomizer secure = new SecureRequestCustomizer();
            secure.setSniHostCheck(false);
            tlsConfig.addCustomizer(secure);
            tls = new ServerConnector(server, new SslConnectionFactory(ssl, "http/1.1"), new HttpConnectionFactory(tlsConfig));
            tls.setHost(host);
            tls.setPort((int) tlsPort.getAsLong());
            server.addConnector(tls);
        }
        else {
            tls = null;
        }
        server.setHandler(new ApplicationHandler(application, maxBodyBytes));
    }

    private static java.util.logging.Logger quiet(java.util.logging.Logger logger)
    {
        logger.setLevel(java.util.logging.Level.WARNING);
        return logger;
    }

    public void start() throws Exception
    {
        server.start();
    }

    /** The port actually bound (useful when 0 asked for a free one). */
    public int port()
    {
        return plain.getLocalPort();
    }

    public int tlsPort()
    {
        return tls == null ? -1 : tls.getLocalPort();
    }

    public void join() throws InterruptedException
    {
        server.join();
    }

    @Override
    public void close() throws Exception
    {
        server.stop();
    }

    private static final class ApplicationHandler extends Handler.Abstract
    {
        private final Function<HttpRequest, HttpResponse> application;
        private final long maxBodyBytes;

        ApplicationHandler(Function<HttpRequest, HttpResponse> application, long maxBodyBytes)
        {
            this.application = application;
            this.maxBodyBytes = maxBodyBytes;
        }

        @Override
        public boolean handle(Request request, Response response, Callback callback) throws IOException
        {
            long declared = request.getLength();
            if (declared > maxBodyBytes) {
                Response.writeError(request, response, callback, HttpStatus.PAYLOAD_TOO_LARGE_413);
                return true;
            }
            byte[] body;
            try (InputStream in = Content.Source.asInputStream(request)) {
                body = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBodyBytes + 1));
            }
            if (body.length > maxBodyBytes) {
                Response.writeError(request, response, callback, HttpStatus.PAYLOAD_TOO_LARGE_413);
                return true;
            }
            Map<String, List<String>> headers = new LinkedHashMap<>();
            for (HttpField field : request.getHeaders()) {
                headers.computeIfAbsent(field.getName(), ignored -> new ArrayList<>()).add(field.getValue());
            }
            String query = request.getHttpURI().getQuery();
            HttpRequest http = new HttpRequest(
                    request.getMethod(),
                    request.getHttpURI().getPath(),
                    query == null ? "" : query,
                    headers,
                    body,
                    request.isSecure(),
                    Request.getRemoteAddr(request),
                    tlsSession(request));
            HttpResponse answer = application.apply(http);
            response.setStatus(answer.status());
            answer.headers().forEach((name, values) -> values.forEach(value -> response.getHeaders().add(name, value)));
            boolean head = "HEAD".equalsIgnoreCase(request.getMethod());
            if (head && answer.headers().containsKey("Content-Length")) {
                // HEAD answers the length of the representation a GET would return (S3 HeadObject), without a body.
                response.write(true, ByteBuffer.allocate(0), callback);
                return true;
            }
            response.getHeaders().put("Content-Length", answer.contentLength());
            if (answer.stream().isPresent() && !head) {
                try (OutputStream out = Content.Sink.asOutputStream(response)) {
                    answer.stream().get().writeTo(out);
                }
                catch (IOException | RuntimeException e) {
                    callback.failed(e);
                    return true;
                }
                callback.succeeded();
                return true;
            }
            response.write(true, ByteBuffer.wrap(answer.body()), callback);
            return true;
        }
    }

    /** What the TLS handshake negotiated (the SecureRequestCustomizer puts it on the request); CloudTrail records it. */
    private static Optional<HttpRequest.TlsSession> tlsSession(Request request)
    {
        if (!(request.getAttribute(EndPoint.SslSessionData.ATTRIBUTE) instanceof EndPoint.SslSessionData data) || data.sslSession() == null) {
            return Optional.empty();
        }
        return Optional.of(new HttpRequest.TlsSession(data.sslSession().getProtocol(), data.sslSession().getCipherSuite()));
    }
}
