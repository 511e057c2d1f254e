package dev.bulwark.server.it;

import dev.bulwark.server.store.StoreTarget;
import dev.bulwark.server.store.StoreTest;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.Policy;
import software.amazon.awssdk.services.iam.model.PolicyScopeType;
import software.amazon.awssdk.services.iam.model.PolicyVersion;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** AWS managed policies report the CreateDate and UpdateDate AWS gives them, not the moment the server seeded them. */
final class TestIamAwsManagedPolicyDates
{
    private static final String CHANGE_PASSWORD = "arn:aws:iam::aws:policy/IAMUserChangePassword";

    @StoreTest
    void awsManagedPoliciesKeepTheirAwsDates(StoreTarget target) throws Exception
    {
        try (RunningServer server = RunningServer.start(target); IamClient iam = server.iam(server.adminCredentials())) {
            Policy policy = iam.getPolicy(b -> b.policyArn(CHANGE_PASSWORD)).policy();
            assertThat(policy.createDate()).isEqualTo(Instant.parse("2016-11-15T00:25:16Z"));
            assertThat(policy.updateDate()).isEqualTo(Instant.parse("2026-02-12T17:58:57Z"));

            PolicyVersion version = iam.getPolicyVersion(b -> b.policyArn(CHANGE_PASSWORD).versionId(policy.defaultVersionId())).policyVersion();
            assertThat(version.createDate()).isEqualTo(policy.updateDate());

            Policy listed = iam.listPoliciesPaginator(b -> b.scope(PolicyScopeType.AWS)).policies().stream()
                    .filter(p -> p.arn().equals("arn:aws:iam::aws:policy/AdministratorAccess"))
                    .findFirst().orElseThrow();
            assertThat(listed.createDate()).isEqualTo(Instant.parse("2015-02-06T18:39:46Z"));
        }
    }
}
