package dev.bulwark.server.it;

import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudtrail.CloudTrailClient;

/** CloudTrail clients for the integration tests, in a region of the test's choosing. */
final class CloudTrailClients
{
    private CloudTrailClients() {}

    static CloudTrailClient cloudTrail(RunningServer server, AwsCredentialsProvider credentials)
    {
        return cloudTrail(server, credentials, Region.US_EAST_1);
    }

    static CloudTrailClient cloudTrail(RunningServer server, AwsCredentialsProvider credentials, Region region)
    {
        return CloudTrailClient.builder()
                .endpointOverride(server.endpoint())
                .region(region)
                .credentialsProvider(credentials)
                .httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(ClientOverrideConfiguration.builder().retryStrategy(b -> b.maxAttempts(1)).build())
                .build();
    }
}
