package dev.bulwark.protocol.codec;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.bulwark.protocol.error.AwsErrorException;
import dev.bulwark.protocol.error.AwsErrors;
import dev.bulwark.protocol.http.HttpRequest;
import dev.bulwark.protocol.http.HttpResponse;
import dev.bulwark.protocol.model.ServiceModel;
import dev.bulwark.protocol.route.Route;
import dev.bulwark.protocol.route.ServiceRegistry;
import dev.bulwark.protocol.route.UnknownOperationException;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.SdkResponse;
import software.amazon.awssdk.core.client.builder.SdkSyncClientBuilder;
import software.amazon.awssdk.http.AbortableInputStream;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpFullResponse;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.utils.http.SdkHttpUtils;

/**
 * The SDK's real client as the test oracle, with no network: an {@link SdkHttpClient} that hands each request the
 * SDK marshalled to our router and codec, calls a handler with the decoded request, and gives the SDK our encoded
 * response (or error) to unmarshal. What the handler saw and what the client got back can then be compared with
 * what the test sent and returned.
 */
final class LoopbackServer
        implements SdkHttpClient
{
    private static final Pattern SCOPE_SERVICE = Pattern.compile("Credential=[^/]+/[^/]+/[^/]+/([^/]+)/aws4_request");

    private final ServiceRegistry registry;
    private volatile Function<SdkRequest, SdkResponse> handler = request -> {
        throw new IllegalStateException("no handler set");
    };
    private final List<HttpRequest> requests = new ArrayList<>();
    private final List<HttpResponse> responses = new ArrayList<>();
    private final List<SdkRequest> decoded = new ArrayList<>();

    private final boolean validating;
    private final Map<ServiceModel, ProtocolCodec> unvalidated = new java.util.concurrent.ConcurrentHashMap<>();

    LoopbackServer(ServiceRegistry registry)
    {
        this(registry, true);
    }

    /** Without validation the codecs decode whatever the SDK sends, so generated sample values need not satisfy constraints. */
    LoopbackServer(ServiceRegistry registry, boolean validating)
    {
        this.registry = registry;
        this.validating = validating;
    }

    private ProtocolCodec codec(Route route)
    {
        return validating ? route.codec() : unvalidated.computeIfAbsent(route.service(), ProtocolCodecs::withoutValidation);
    }

    /** Configures an SDK client builder to talk to this loopback. */
    <B extends AwsClientBuilder<B, C> & SdkSyncClientBuilder<B, C>, C> C client(B builder, Region region)
    {
        builder.httpClient(this)
                .region(region)
                .endpointOverride(URI.create("http://localhost:4566"))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY")))
                .overrideConfiguration(config -> config.retryStrategy(AwsRetryStrategy.doNotRetry()));
        return builder.build();
    }

    void respondWith(Function<SdkRequest, SdkResponse> handler)
    {
        this.handler = handler;
    }

    SdkRequest lastDecoded()
    {
        return decoded.get(decoded.size() - 1);
    }

    HttpRequest lastRequest()
    {
        return requests.get(requests.size() - 1);
    }

    HttpResponse lastResponse()
    {
        return responses.get(responses.size() - 1);
    }

    /** Route, decode, handle, encode: the protocol half of the server pipeline. */
    HttpResponse serve(HttpRequest request)
    {
        requests.add(request);
        String signingService = Optional.ofNullable(request.header("Authorization").orElse(null))
                .map(SCOPE_SERVICE::matcher).filter(Matcher::find).map(matcher -> matcher.group(1)).orElse(null);
        HttpResponse response;
        try {
            Route route = registry.route(request, signingService).orElseThrow(() -> new IllegalStateException("unroutable: " + request));
            try {
                SdkRequest sdkRequest = codec(route).decode(route.operation(), request);
                decoded.add(sdkRequest);
                response = codec(route).encode(route.operation(), handler.apply(sdkRequest), "req-1");
            }
            catch (RuntimeException e) {
                AwsErrorException error = AwsErrors.translate(route.service(), e);
                response = codec(route).encodeError(error, "req-1");
            }
        }
        catch (UnknownOperationException e) {
            response = e.codec().encodeError(e.error(), "req-1");
        }
        responses.add(response);
        return response;
    }

    @Override
    public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request)
    {
        return new ExecutableHttpRequest()
        {
            @Override
            public HttpExecuteResponse call()
            {
                HttpResponse response = serve(toHttpRequest(request));
                SdkHttpFullResponse.Builder sdkResponse = SdkHttpFullResponse.builder().statusCode(response.status());
                response.headers().forEach(sdkResponse::putHeader);
                return HttpExecuteResponse.builder()
                        .response(sdkResponse.build())
                        .responseBody(AbortableInputStream.create(new ByteArrayInputStream(response.body())))
                        .build();
            }

            @Override
            public void abort() {}
        };
    }

    static HttpRequest toHttpRequest(HttpExecuteRequest execute)
    {
        SdkHttpRequest sdk = execute.httpRequest();
        byte[] body = execute.contentStreamProvider().map(provider -> {
            try (InputStream in = provider.newStream()) {
                return in.readAllBytes();
            }
            catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }).orElse(new byte[0]);
        String query = SdkHttpUtils.encodeAndFlattenQueryParameters(sdk.rawQueryParameters()).orElse("");
        String path = sdk.encodedPath().isEmpty() ? "/" : sdk.encodedPath();
        return new HttpRequest(sdk.method().name(), path, query, sdk.headers(), body, false, "127.0.0.1");
    }

    static HttpRequest post(String path, String contentType, String body, Map<String, List<String>> extraHeaders)
    {
        Map<String, List<String>> headers = new java.util.LinkedHashMap<>(HttpRequest.headersOf("Content-Type", contentType));
        headers.putAll(extraHeaders);
        return new HttpRequest("POST", path, "", headers, body.getBytes(java.nio.charset.StandardCharsets.UTF_8), false, "127.0.0.1");
    }

    @Override
    public void close() {}
}
