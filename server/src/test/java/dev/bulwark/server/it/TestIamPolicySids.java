package dev.bulwark.server.it;

import dev.bulwark.server.store.StoreTarget;
import dev.bulwark.server.store.StoreTest;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.MalformedPolicyDocumentException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Statement IDs must be unique within a policy, but IAM accepts several empty ones ("Sid": ""), as AWS's example policies use. */
final class TestIamPolicySids
{
    private static final String EMPTY_SIDS = """
            {"Version":"2012-10-17","Statement":[
              {"Sid":"","Effect":"Allow","Action":"rds:*","Resource":["arn:aws:rds:region:*:*"]},
              {"Sid":"","Effect":"Allow","Action":["rds:Describe*"],"Resource":["*"]}]}""";
    private static final String DUPLICATE_SIDS = """
            {"Version":"2012-10-17","Statement":[
              {"Sid":"Same","Effect":"Allow","Action":"rds:*","Resource":"*"},
              {"Sid":"Same","Effect":"Allow","Action":"s3:ListBucket","Resource":"*"}]}""";

    @StoreTest
    void emptySidsMayRepeatButOthersMayNot(StoreTarget target) throws Exception
    {
        try (RunningServer server = RunningServer.start(target); IamClient iam = server.iam(server.adminCredentials())) {
            String arn = iam.createPolicy(b -> b.policyName("empty-sids").policyDocument(EMPTY_SIDS)).policy().arn();
            assertThat(iam.getPolicy(b -> b.policyArn(arn)).policy().policyName()).isEqualTo("empty-sids");
            iam.createUser(b -> b.userName("inline"));
            iam.putUserPolicy(b -> b.userName("inline").policyName("empty-sids").policyDocument(EMPTY_SIDS));

            assertThatThrownBy(() -> iam.createPolicy(b -> b.policyName("duplicate-sids").policyDocument(DUPLICATE_SIDS)))
                    .isInstanceOfSatisfying(MalformedPolicyDocumentException.class, e -> {
                        assertThat(e.statusCode()).isEqualTo(400);
                        assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("Statement IDs (SID) in a single policy must be unique.");
                    });
        }
    }
}
