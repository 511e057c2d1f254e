package dev.bulwark.server.it;

import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.organizations.OrganizationsClient;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.Credentials;

/** Organizations clients for the integration tests, and credentials of a role session in another account. */
final class OrgClients
{
    private OrgClients() {}

    static OrganizationsClient organizations(RunningServer server, AwsCredentialsProvider credentials)
    {
        return OrganizationsClient.builder()
                .endpointOverride(server.endpoint())
                .region(Region.AWS_GLOBAL)
                .credentialsProvider(credentials)
                .httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(ClientOverrideConfiguration.builder().retryStrategy(b -> b.maxAttempts(1)).build())
                .build();
    }

    /** The management account's admin user assumes {@code OrganizationAccountAccessRole} in a member account. */
    static AwsCredentialsProvider accessRole(RunningServer server, String accountId)
    {
        try (StsClient sts = server.sts(server.adminCredentials())) {
            Credentials credentials = sts.assumeRole(b -> b.roleArn("arn:aws:iam::" + accountId + ":role/OrganizationAccountAccessRole")
                    .roleSessionName("admin")).credentials();
            return StaticCredentialsProvider.create(AwsSessionCredentials.create(credentials.accessKeyId(), credentials.secretAccessKey(),
                    credentials.sessionToken()));
        }
    }
}
