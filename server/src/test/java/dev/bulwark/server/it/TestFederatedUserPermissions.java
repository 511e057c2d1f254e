package dev.bulwark.server.it;

import dev.bulwark.server.auth.AccessKeyDirectory;
import dev.bulwark.server.auth.Authorizer;
import dev.bulwark.server.auth.Caller;
import dev.bulwark.server.auth.IdentityPolicies;
import dev.bulwark.server.services.Access;
import dev.bulwark.server.services.iam.IamStore;
import dev.bulwark.server.services.iam.model.IamIds;
import dev.bulwark.server.store.SecretBox;
import dev.bulwark.server.store.StoreTarget;
import dev.bulwark.server.store.StoreTest;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.Credentials;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

import static dev.bulwark.server.it.TestIamManagedPolicies.userWithKey;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A federated user's permissions are the issuing user's intersected with the session policies, and nothing at all
 * without a session policy (AWS's rule for GetFederationToken). Federated users cannot call IAM, and Bulwark serves
 * no other service they could, so the decisions are asked of the server's own authorizer directly, for the caller
 * its key directory resolves from the issued temporary key.
 */
final class TestFederatedUserPermissions
{
    private static final String S3_AND_SQS = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":[\"s3:GetObject\","
            + "\"sqs:SendMessage\",\"sts:GetFederationToken\"],\"Resource\":\"*\"}]}";

    @StoreTest
    void sessionPolicyIntersectsTheIssuingUsersPermissions(StoreTarget target) throws Exception
    {
        try (RunningServer server = RunningServer.start(target); IamClient admin = server.iam(server.adminCredentials())) {
            AwsCredentialsProvider broker = userWithKey(admin, "broker");
            admin.putUserPolicy(b -> b.userName("broker").policyName("p").policyDocument(S3_AND_SQS));
            Credentials narrowed;
            Credentials bare;
            try (StsClient sts = server.sts(broker)) {
                narrowed = sts.getFederationToken(b -> b.name("app").policy("{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
                        + "\"Action\":[\"s3:*\",\"iam:*\"],\"Resource\":\"*\"}]}")).credentials();
                bare = sts.getFederationToken(b -> b.name("bare")).credentials();
            }
            IamStore iam = new IamStore(SecretBox.openOrCreate(server.server().config().dataDir()), IamIds.secure(), Clock.systemUTC());
            AccessKeyDirectory keys = new AccessKeyDirectory(server.server().store(), iam);
            Authorizer authorizer = new Authorizer(new IdentityPolicies(server.server().store(), iam));

            Caller app = keys.find(narrowed.accessKeyId()).orElseThrow().caller();
            assertThat(app.kind()).isEqualTo(Caller.PrincipalKind.FEDERATED_USER);
            assertThat(allowed(authorizer, app, "s3:GetObject", "arn:aws:s3:::bucket/key")).as("in both").isTrue();
            assertThat(allowed(authorizer, app, "sqs:SendMessage", "arn:aws:sqs:us-east-1:123456789012:q")).as("user only").isFalse();
            assertThat(allowed(authorizer, app, "iam:CreateUser", "arn:aws:iam::123456789012:user/x")).as("session policy only").isFalse();

            Caller bareUser = keys.find(bare.accessKeyId()).orElseThrow().caller();
            assertThat(allowed(authorizer, bareUser, "s3:GetObject", "arn:aws:s3:::bucket/key")).as("no session policy, no permissions").isFalse();
        }
    }

    private static boolean allowed(Authorizer authorizer, Caller caller, String action, String resource)
    {
        return authorizer.decide(caller, Access.of(action, resource), new Authorizer.RequestFacts(Instant.now(), false, "127.0.0.1", "us-east-1",
                Optional.empty())).allowed();
    }
}
