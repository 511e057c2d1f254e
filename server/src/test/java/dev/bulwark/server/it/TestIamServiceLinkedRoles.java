package dev.bulwark.server.it;

import dev.bulwark.server.store.StoreTarget;
import dev.bulwark.server.store.StoreTest;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AttachedPolicy;
import software.amazon.awssdk.services.iam.model.DeletionTaskStatusType;
import software.amazon.awssdk.services.iam.model.IamException;
import software.amazon.awssdk.services.iam.model.InvalidInputException;
import software.amazon.awssdk.services.iam.model.NoSuchEntityException;
import software.amazon.awssdk.services.iam.model.Role;
import software.amazon.awssdk.services.iam.model.UnmodifiableEntityException;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Service-linked roles through a real server and the AWS SDK, on both stores: creation, protection, deletion tasks, authorization. */
final class TestIamServiceLinkedRoles
{
    private static final String ORGANIZATIONS_POLICY = "arn:aws:iam::aws:policy/aws-service-role/AWSOrganizationsServiceTrustPolicy";

    @StoreTest
    void createdRoleLivesUnderTheServicePathAndTrustsOnlyTheService(StoreTarget target) throws Exception
    {
        try (RunningServer server = RunningServer.start(target); IamClient iam = server.iam(server.adminCredentials())) {
            String account = server.admin().accountId();
            Role role = iam.createServiceLinkedRole(b -> b.awsServiceName("organizations.amazonaws.com").description("for Organizations")).role();
            assertThat(role.roleName()).isEqualTo("AWSServiceRoleForOrganizations");
            assertThat(role.path()).isEqualTo("/aws-service-role/organizations.amazonaws.com/");
            assertThat(role.arn()).isEqualTo("arn:aws:iam::" + account + ":role/aws-service-role/organizations.amazonaws.com/AWSServiceRoleForOrganizations");
            assertThat(role.roleId()).startsWith("AROA").hasSize(21);
            assertThat(URLDecoder.decode(role.assumeRolePolicyDocument(), StandardCharsets.UTF_8)).isEqualTo(
                    "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"Service\":[\"organizations.amazonaws.com\"]},\"Action\":[\"sts:AssumeRole\"]}]}");

            Role fetched = iam.getRole(b -> b.roleName("AWSServiceRoleForOrganizations")).role();
            assertThat(fetched.roleId()).isEqualTo(role.roleId());
            assertThat(fetched.description()).isEqualTo("for Organizations");
            assertThat(iam.listRoles(b -> b.pathPrefix("/aws-service-role/")).roles()).extracting(Role::roleName).containsExactly("AWSServiceRoleForOrganizations");

            // the service's AWS managed policy is attached exactly when Bulwark ships its document
            boolean shipped = policyExists(iam, ORGANIZATIONS_POLICY);
            assertThat(iam.listAttachedRolePolicies(b -> b.roleName("AWSServiceRoleForOrganizations")).attachedPolicies())
                    .extracting(AttachedPolicy::policyArn)
                    .isEqualTo(shipped ? List.of(ORGANIZATIONS_POLICY) : List.of());

            Role guardDuty = iam.createServiceLinkedRole(b -> b.awsServiceName("guardduty.amazonaws.com")).role();
            assertThat(guardDuty.roleName()).isEqualTo("AWSServiceRoleForAmazonGuardDuty");
            assertThat(guardDuty.path()).isEqualTo("/aws-service-role/guardduty.amazonaws.com/");
        }
    }

    @StoreTest
    void refusesTakenNamesSuffixesAndUnknownServices(StoreTarget target) throws Exception
    {
        try (RunningServer server = RunningServer.start(target); IamClient iam = server.iam(server.adminCredentials())) {
            iam.createServiceLinkedRole(b -> b.awsServiceName("config.amazonaws.com"));
            assertThatThrownBy(() -> iam.createServiceLinkedRole(b -> b.awsServiceName("config.amazonaws.com")))
                    .isInstanceOfSatisfying(InvalidInputException.class, e -> {
                        assertThat(e.statusCode()).isEqualTo(400);
                        assertThat(e.awsErrorDetails().errorMessage())
                                .isEqualTo("Service role name AWSServiceRoleForConfig has been taken in this account, please try a different suffix.");
                    });
            assertThatThrownBy(() -> iam.createServiceLinkedRole(b -> b.awsServiceName("cloudtrail.amazonaws.com").customSuffix("debug")))
                    .isInstanceOfSatisfying(InvalidInputException.class, e ->
                            assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("Custom suffix is not allowed for cloudtrail.amazonaws.com"));
            assertThatThrownBy(() -> iam.createServiceLinkedRole(b -> b.awsServiceName("nosuchservice.amazonaws.com")))
                    .isInstanceOf(InvalidInputException.class);
            assertThatThrownBy(() -> iam.getRole(b -> b.roleName("AWSServiceRoleForCloudTrail"))).isInstanceOf(NoSuchEntityException.class);
            // only CreateServiceLinkedRole may use the service-linked roles' path
            assertThatThrownBy(() -> iam.createRole(b -> b.roleName("AWSServiceRoleForCloudTrail").path("/aws-service-role/cloudtrail.amazonaws.com/")
                    .assumeRolePolicyDocument(TestIamRoles.trustAccount(server.admin().accountId()))))
                    .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.awsErrorDetails().errorMessage())
                            .isEqualTo("Path prefix '/aws-service-role/' can only be used for AWS Service linked Roles"));
            assertThatThrownBy(() -> iam.getRole(b -> b.roleName("AWSServiceRoleForCloudTrail"))).isInstanceOf(NoSuchEntityException.class);
        }
    }

    @StoreTest
    void ordinaryRoleOperationsCannotChangeIt(StoreTarget target) throws Exception
    {
        try (RunningServer server = RunningServer.start(target); IamClient iam = server.iam(server.adminCredentials())) {
            iam.createServiceLinkedRole(b -> b.awsServiceName("inspector2.amazonaws.com"));
            String name = "AWSServiceRoleForAmazonInspector2";
            String inline = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"s3:*\",\"Resource\":\"*\"}]}";
            List<ThrowingCallable> changes = List.of(
                    () -> iam.deleteRole(b -> b.roleName(name)),
                    () -> iam.updateAssumeRolePolicy(b -> b.roleName(name).policyDocument(TestIamRoles.trustAccount(server.admin().accountId()))),
                    () -> iam.putRolePolicy(b -> b.roleName(name).policyName("extra").policyDocument(inline)),
                    () -> iam.deleteRolePolicy(b -> b.roleName(name).policyName("extra")),
                    () -> iam.attachRolePolicy(b -> b.roleName(name).policyArn(TestIamRoles.READ_ONLY)),
                    () -> iam.detachRolePolicy(b -> b.roleName(name).policyArn(TestIamRoles.READ_ONLY)),
                    () -> iam.putRolePermissionsBoundary(b -> b.roleName(name).permissionsBoundary(TestIamRoles.READ_ONLY)),
                    () -> iam.deleteRolePermissionsBoundary(b -> b.roleName(name)));
            for (ThrowingCallable change : changes) {
                assertThatThrownBy(change).isInstanceOfSatisfying(UnmodifiableEntityException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(400);
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("UnmodifiableEntity");
                    assertThat(e.awsErrorDetails().errorMessage())
                            .isEqualTo("Cannot perform the operation on the protected role '" + name + "' - this role is only modifiable by AWS");
                });
            }
            iam.createInstanceProfile(b -> b.instanceProfileName("Scanner"));
            assertThatThrownBy(() -> iam.addRoleToInstanceProfile(b -> b.instanceProfileName("Scanner").roleName(name)))
                    .isInstanceOf(UnmodifiableEntityException.class);
            assertThat(iam.listRolePolicies(b -> b.roleName(name)).policyNames()).isEmpty();
            assertThat(iam.getRole(b -> b.roleName(name)).role().permissionsBoundary()).isNull();
            // AWS lets customers edit a service-linked role's description
            iam.updateRoleDescription(b -> b.roleName(name).description("scans for vulnerabilities"));
            assertThat(iam.getRole(b -> b.roleName(name)).role().description()).isEqualTo("scans for vulnerabilities");
        }
    }

    @StoreTest
    void deletionIsATaskThatSucceeds(StoreTarget target) throws Exception
    {
        try (RunningServer server = RunningServer.start(target); IamClient iam = server.iam(server.adminCredentials())) {
            iam.createServiceLinkedRole(b -> b.awsServiceName("trustedadvisor.amazonaws.com"));
            String taskId = iam.deleteServiceLinkedRole(b -> b.roleName("AWSServiceRoleForTrustedAdvisor")).deletionTaskId();
            assertThat(taskId).matches("task/aws-service-role/trustedadvisor\\.amazonaws\\.com/AWSServiceRoleForTrustedAdvisor/[0-9a-f-]{36}");
            assertThat(iam.getServiceLinkedRoleDeletionStatus(b -> b.deletionTaskId(taskId)).status()).isEqualTo(DeletionTaskStatusType.SUCCEEDED);
            assertThatThrownBy(() -> iam.getRole(b -> b.roleName("AWSServiceRoleForTrustedAdvisor"))).isInstanceOf(NoSuchEntityException.class);

            // the role can be created again once deleted
            iam.createServiceLinkedRole(b -> b.awsServiceName("trustedadvisor.amazonaws.com"));

            iam.createRole(b -> b.roleName("Plain").assumeRolePolicyDocument(TestIamRoles.trustAccount(server.admin().accountId())));
            assertThatThrownBy(() -> iam.deleteServiceLinkedRole(b -> b.roleName("Plain"))).isInstanceOf(NoSuchEntityException.class);
            assertThatThrownBy(() -> iam.deleteServiceLinkedRole(b -> b.roleName("Ghost")))
                    .isInstanceOfSatisfying(NoSuchEntityException.class, e ->
                            assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("The role with name Ghost cannot be found."));
            assertThat(iam.getRole(b -> b.roleName("Plain")).role().roleName()).isEqualTo("Plain");
            assertThatThrownBy(() -> iam.getServiceLinkedRoleDeletionStatus(b -> b.deletionTaskId("not-a-task"))).isInstanceOf(InvalidInputException.class);
            assertThatThrownBy(() -> iam.getServiceLinkedRoleDeletionStatus(b -> b.deletionTaskId(
                    "task/aws-service-role/shield.amazonaws.com/AWSServiceRoleForAWSShield/00000000-0000-0000-0000-000000000000")))
                    .isInstanceOf(NoSuchEntityException.class);
        }
    }

    @StoreTest
    void creationIsAuthorizedPerServiceName(StoreTarget target) throws Exception
    {
        try (RunningServer server = RunningServer.start(target); IamClient admin = server.iam(server.adminCredentials())) {
            String account = server.admin().accountId();
            AwsCredentialsProvider dave = TestIamManagedPolicies.userWithKey(admin, "dave");
            try (IamClient iam = server.iam(dave)) {
                assertThatThrownBy(() -> iam.createServiceLinkedRole(b -> b.awsServiceName("shield.amazonaws.com")))
                        .isInstanceOfSatisfying(IamException.class, e -> {
                            assertThat(e.statusCode()).isEqualTo(403);
                            assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("User: arn:aws:iam::" + account + ":user/dave is not authorized to perform: "
                                    + "iam:CreateServiceLinkedRole on resource: arn:aws:iam::" + account
                                    + ":role/aws-service-role/shield.amazonaws.com/AWSServiceRoleForAWSShield because no identity-based policy allows the "
                                    + "iam:CreateServiceLinkedRole action");
                        });
                admin.putUserPolicy(b -> b.userName("dave").policyName("shield-only").policyDocument("""
                        {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"iam:CreateServiceLinkedRole","Resource":"*",
                        "Condition":{"StringEquals":{"iam:AWSServiceName":"shield.amazonaws.com"}}}]}"""));
                assertThat(iam.createServiceLinkedRole(b -> b.awsServiceName("shield.amazonaws.com")).role().roleName()).isEqualTo("AWSServiceRoleForAWSShield");
                assertThatThrownBy(() -> iam.createServiceLinkedRole(b -> b.awsServiceName("wafv2.amazonaws.com")))
                        .isInstanceOfSatisfying(IamException.class, e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("AccessDenied"));
                assertThatThrownBy(() -> iam.deleteServiceLinkedRole(b -> b.roleName("AWSServiceRoleForAWSShield")))
                        .isInstanceOfSatisfying(IamException.class, e -> assertThat(e.awsErrorDetails().errorMessage())
                                .contains("iam:DeleteServiceLinkedRole on resource: arn:aws:iam::" + account
                                        + ":role/aws-service-role/shield.amazonaws.com/AWSServiceRoleForAWSShield"));

                String taskId = admin.deleteServiceLinkedRole(b -> b.roleName("AWSServiceRoleForAWSShield")).deletionTaskId();
                assertThatThrownBy(() -> iam.getServiceLinkedRoleDeletionStatus(b -> b.deletionTaskId(taskId)))
                        .isInstanceOfSatisfying(IamException.class, e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("AccessDenied"));
                admin.putUserPolicy(b -> b.userName("dave").policyName("status").policyDocument("""
                        {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"iam:GetServiceLinkedRoleDeletionStatus",
                        "Resource":"arn:aws:iam::*:role/aws-service-role/shield.amazonaws.com/*"}]}"""));
                assertThat(iam.getServiceLinkedRoleDeletionStatus(b -> b.deletionTaskId(taskId)).status()).isEqualTo(DeletionTaskStatusType.SUCCEEDED);
            }
        }
    }

    private static boolean policyExists(IamClient iam, String arn)
    {
        try {
            iam.getPolicy(b -> b.policyArn(arn));
            return true;
        }
        catch (NoSuchEntityException e) {
            return false;
        }
    }
}
