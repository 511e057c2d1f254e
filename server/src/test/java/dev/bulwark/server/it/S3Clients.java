package dev.bulwark.server.it;

import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3control.S3ControlClient;
import software.amazon.awssdk.services.iam.model.AccessKey;

/** AWS SDK S3 clients pointed at a running server (path-style, as for an IP endpoint), signed or anonymous. */
final class S3Clients
{
    private S3Clients() {}

    static S3Client s3(RunningServer server, AwsCredentialsProvider credentials)
    {
        return S3Client.builder()
                .endpointOverride(server.endpoint())
                .region(Region.US_EAST_1)
                .forcePathStyle(true)
                .credentialsProvider(credentials)
                .httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(ClientOverrideConfiguration.builder().retryStrategy(b -> b.maxAttempts(1)).build())
                .build();
    }

    static S3Client anonymous(RunningServer server)
    {
        return s3(server, AnonymousCredentialsProvider.create());
    }

    static S3Client s3(RunningServer server, AccessKey key)
    {
        return s3(server, RunningServer.credentials(key.accessKeyId(), key.secretAccessKey()));
    }

    /** S3 Control puts the account id in the host ({@code 123456789012.localhost}); the request goes to the server's IP instead. */
    static S3ControlClient s3control(RunningServer server, AwsCredentialsProvider credentials)
    {
        return S3ControlClient.builder()
                .endpointOverride(java.net.URI.create("http://localhost:" + server.server().port()))
                .region(Region.US_EAST_1)
                .credentialsProvider(credentials)
                .httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(ClientOverrideConfiguration.builder().retryStrategy(b -> b.maxAttempts(1))
                        .addExecutionInterceptor(new software.amazon.awssdk.core.interceptor.ExecutionInterceptor()
                        {
                            @Override
                            public software.amazon.awssdk.http.SdkHttpRequest modifyHttpRequest(software.amazon.awssdk.core.interceptor.Context.ModifyHttpRequest context,
                                    software.amazon.awssdk.core.interceptor.ExecutionAttributes attributes)
                            {
                                return context.httpRequest().toBuilder().host(server.endpoint().getHost()).build();
                            }
                        }).build())
                .build();
    }
}
