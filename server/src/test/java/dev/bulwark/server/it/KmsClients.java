package dev.bulwark.server.it;

import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AccessKey;
import software.amazon.awssdk.services.kms.KmsClient;

/** KMS clients for the integration tests, and IAM users with their own keys. */
final class KmsClients
{
    private KmsClients() {}

    static KmsClient kms(RunningServer server, AwsCredentialsProvider credentials)
    {
        return KmsClient.builder()
                .endpointOverride(server.endpoint())
                .region(Region.US_EAST_1)
                .credentialsProvider(credentials)
                .httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(ClientOverrideConfiguration.builder().retryStrategy(b -> b.maxAttempts(1)).build())
                .build();
    }

    /** A new IAM user in the admin's account, with an inline policy when {@code policy} is not null; its credentials. */
    static AwsCredentialsProvider user(RunningServer server, String name, String policy)
    {
        try (IamClient iam = server.iam(server.adminCredentials())) {
            iam.createUser(b -> b.userName(name));
            if (policy != null) {
                iam.putUserPolicy(b -> b.userName(name).policyName("kms").policyDocument(policy));
            }
            AccessKey key = iam.createAccessKey(b -> b.userName(name)).accessKey();
            return RunningServer.credentials(key.accessKeyId(), key.secretAccessKey());
        }
    }
}
