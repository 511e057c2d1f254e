package dev.bulwark.server.it;

import dev.bulwark.server.BulwarkServer;
import dev.bulwark.server.Initializer;
import dev.bulwark.server.config.ServerConfig;
import dev.bulwark.server.services.cloudtrail.delivery.LogObjectSink;
import dev.bulwark.server.services.cloudtrail.delivery.TrailDelivery;
import dev.bulwark.server.store.StoreTarget;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.sts.StsClient;

import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.time.Clock;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A real Bulwark server for integration tests: initialised like {@code bulwark init} on the given store, listening
 * on a free port, with AWS SDK clients pointed at it.
 */
public final class RunningServer implements AutoCloseable
{
    private final BulwarkServer server;
    private final Initializer.Result admin;

    private RunningServer(BulwarkServer server, Initializer.Result admin)
    {
        this.server = server;
        this.admin = admin;
    }

    public static RunningServer start(StoreTarget target)
    {
        return start(target, Clock.systemUTC(), false, OptionalInt.empty());
    }

    public static RunningServer start(StoreTarget target, Clock clock, boolean devMode, OptionalInt tlsPort)
    {
        return start(target, clock, config -> config.withDevMode(devMode).withTlsPort(tlsPort));
    }

    public static RunningServer start(StoreTarget target, Clock clock, java.util.function.UnaryOperator<ServerConfig> customize)
    {
        return start(target, clock, customize, Optional.empty(), TrailDelivery.Settings.AWS);
    }

    /** A server whose trails deliver to {@code trailSink} at the given rhythm. */
    public static RunningServer start(StoreTarget target, LogObjectSink trailSink, TrailDelivery.Settings delivery)
    {
        return start(target, Clock.systemUTC(), config -> config, Optional.of(trailSink), delivery);
    }

    /** A server whose trails deliver into its own S3 buckets at the given rhythm. */
    public static RunningServer start(StoreTarget target, TrailDelivery.Settings delivery)
    {
        return start(target, Clock.systemUTC(), config -> config, Optional.empty(), delivery);
    }

    private static RunningServer start(StoreTarget target, Clock clock, java.util.function.UnaryOperator<ServerConfig> customize,
            Optional<LogObjectSink> trailSink, TrailDelivery.Settings delivery)
    {
        ServerConfig config = customize.apply(ServerConfig.defaults(target.dataDir())
                .withPort(0)
                .withStoreUrl(Optional.ofNullable(target.jdbcUrl())));
        Initializer.Result admin = Initializer.initializeIfEmpty(config, clock, Initializer.DEFAULT_ROOT_EMAIL).orElseThrow();
        try {
            PrintStream log = new PrintStream(OutputStream.nullOutputStream());
            return new RunningServer(trailSink.isPresent() ? BulwarkServer.start(config, clock, log, trailSink.get(), delivery)
                    : BulwarkServer.start(config, clock, log, delivery), admin);
        }
        catch (Exception e) {
            throw new IllegalStateException("server did not start", e);
        }
    }

    public BulwarkServer server()
    {
        return server;
    }

    public Initializer.Result admin()
    {
        return admin;
    }

    public URI endpoint()
    {
        return URI.create("http://127.0.0.1:" + server.port());
    }

    public AwsCredentialsProvider adminCredentials()
    {
        return credentials(admin.accessKeyId(), admin.secretAccessKey());
    }

    public static AwsCredentialsProvider credentials(String accessKeyId, String secretAccessKey)
    {
        return StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKeyId, secretAccessKey));
    }

    public IamClient iam(AwsCredentialsProvider credentials)
    {
        return IamClient.builder()
                .endpointOverride(endpoint())
                .region(Region.AWS_GLOBAL)
                .credentialsProvider(credentials)
                .httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(noRetries())
                .build();
    }

    public StsClient sts(AwsCredentialsProvider credentials)
    {
        return StsClient.builder()
                .endpointOverride(endpoint())
                .region(Region.US_EAST_1)
                .credentialsProvider(credentials)
                .httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(noRetries())
                .build();
    }

    private static ClientOverrideConfiguration noRetries()
    {
        return ClientOverrideConfiguration.builder().retryStrategy(RetryMode.STANDARD).retryStrategy(b -> b.maxAttempts(1)).build();
    }

    @Override
    public void close() throws Exception
    {
        server.close();
    }
}
