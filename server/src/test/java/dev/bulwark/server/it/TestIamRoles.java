package dev.bulwark.server.it;

import dev.bulwark.server.store.StoreTarget;
import dev.bulwark.server.store.StoreTest;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.DeleteConflictException;
import software.amazon.awssdk.services.iam.model.EntityAlreadyExistsException;
import software.amazon.awssdk.services.iam.model.IamException;
import software.amazon.awssdk.services.iam.model.LimitExceededException;
import software.amazon.awssdk.services.iam.model.ListRolesResponse;
import software.amazon.awssdk.services.iam.model.MalformedPolicyDocumentException;
import software.amazon.awssdk.services.iam.model.NoSuchEntityException;
import software.amazon.awssdk.services.iam.model.Role;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** IAM roles through a real server and the AWS SDK, on both stores: lifecycle, trust policies, role policies, AWS's errors. */
final class TestIamRoles
{
    static final String READ_ONLY = "arn:aws:iam::aws:policy/ReadOnlyAccess";

    static String trustAccount(String accountId)
    {
        return "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"arn:aws:iam::" + accountId
                + ":root\"},\"Action\":\"sts:AssumeRole\"}]}";
    }

    @StoreTest
    void createdRoleHasAroaIdDefaultsAndUrlEncodedTrustPolicy(StoreTarget target) throws Exception
    {
        try (RunningServer server = RunningServer.start(target); IamClient iam = server.iam(server.adminCredentials())) {
            String account = server.admin().accountId();
            Role created = iam.createRole(b -> b.roleName("Deployer").path("/ci/").description("deploys")
                    .assumeRolePolicyDocument(trustAccount(account)).tags(t -> t.key("team").value("infra"))).role();
            assertThat(created.roleId()).startsWith("AROA").hasSize(21);
            assertThat(created.arn()).isEqualTo("arn:aws:iam::" + account + ":role/ci/Deployer");
            assertThat(created.maxSessionDuration()).isEqualTo(3600);

            Role fetched = iam.getRole(b -> b.roleName("deployer")).role();
            assertThat(fetched.roleId()).isEqualTo(created.roleId());
            assertThat(fetched.description()).isEqualTo("deploys");
            assertThat(fetched.tags()).singleElement().satisfies(tag -> assertThat(tag.value()).isEqualTo("infra"));
            assertThat(URLDecoder.decode(fetched.assumeRolePolicyDocument(), StandardCharsets.UTF_8)).isEqualTo(trustAccount(account));
        }
    }

    @StoreTest
    void duplicateAndMissingRolesUseAwsWording(StoreTarget target) throws Exception
    {
        try (RunningServer server = RunningServer.start(target); IamClient iam = server.iam(server.adminCredentials())) {
            iam.createRole(b -> b.roleName("App").assumeRolePolicyDocument(trustAccount(server.admin().accountId())));
            assertThatThrownBy(() -> iam.createRole(b -> b.roleName("APP").assumeRolePolicyDocument(trustAccount(server.admin().accountId()))))
                    .isInstanceOfSatisfying(EntityAlreadyExistsException.class, e -> assertThat(e.awsErrorDetails().errorMessage())
                            .isEqualTo("Role with name APP already exists."));
            assertThatThrownBy(() -> iam.getRole(b -> b.roleName("Nope")))
                    .isInstanceOfSatisfying(NoSuchEntityException.class, e -> {
                        assertThat(e.statusCode()).isEqualTo(404);
                        assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("The role with name Nope cannot be found.");
                    });
        }
    }

    @StoreTest
    void trustPolicyMustNamePrincipalAndSessionDurationMustBeInRange(StoreTarget target) throws Exception
    {
        try (RunningServer server = RunningServer.start(target); IamClient iam = server.iam(server.adminCredentials())) {
            String identityStyle = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"sts:AssumeRole\",\"Resource\":\"*\"}]}";
            assertThatThrownBy(() -> iam.createRole(b -> b.roleName("Bad").assumeRolePolicyDocument(identityStyle)))
                    .isInstanceOf(MalformedPolicyDocumentException.class);
            assertThatThrownBy(() -> iam.createRole(b -> b.roleName("Short").maxSessionDuration(600).assumeRolePolicyDocument(trustAccount(server.admin().accountId()))))
                    .isInstanceOfSatisfying(IamException.class, e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationError"));
            assertThatThrownBy(() -> iam.getRole(b -> b.roleName("Bad"))).isInstanceOf(NoSuchEntityException.class);
        }
    }

    @StoreTest
    void updateRoleAndTrustPolicyChangeWhatGetRoleReturns(StoreTarget target) throws Exception
    {
        try (RunningServer server = RunningServer.start(target); IamClient iam = server.iam(server.adminCredentials())) {
            String account = server.admin().accountId();
            iam.createRole(b -> b.roleName("App").assumeRolePolicyDocument(trustAccount(account)));
            iam.updateRole(b -> b.roleName("App").maxSessionDuration(7200).description("longer"));
            String trustUser = trustAccount(account).replace(":root", ":user/admin");
            iam.updateAssumeRolePolicy(b -> b.roleName("App").policyDocument(trustUser));
            Role role = iam.getRole(b -> b.roleName("App")).role();
            assertThat(role.maxSessionDuration()).isEqualTo(7200);
            assertThat(role.description()).isEqualTo("longer");
            assertThat(URLDecoder.decode(role.assumeRolePolicyDocument(), StandardCharsets.UTF_8)).isEqualTo(trustUser);

            // A trust policy decides who may assume the role: no Resource, and only the session actions.
            assertThatThrownBy(() -> iam.updateAssumeRolePolicy(b -> b.roleName("App").policyDocument(trustUser.replace("sts:AssumeRole", "sts:BadAssumeRole"))))
                    .isInstanceOfSatisfying(MalformedPolicyDocumentException.class, e -> assertThat(e.awsErrorDetails().errorMessage())
                            .isEqualTo("Trust Policy statement actions can only be sts:AssumeRole, sts:AssumeRoleWithSAML,  and sts:AssumeRoleWithWebIdentity"));
            assertThatThrownBy(() -> iam.updateAssumeRolePolicy(b -> b.roleName("App").policyDocument(trustUser.replace("\"Action\"", "\"Resource\":\"*\",\"Action\""))))
                    .isInstanceOfSatisfying(MalformedPolicyDocumentException.class, e -> assertThat(e.awsErrorDetails().errorMessage())
                            .isEqualTo("Has prohibited field Resource."));
            assertThat(URLDecoder.decode(iam.getRole(b -> b.roleName("App")).role().assumeRolePolicyDocument(), StandardCharsets.UTF_8)).isEqualTo(trustUser);
        }
    }

    @StoreTest
    void listRolesPagesInNameOrder(StoreTarget target) throws Exception
    {
        try (RunningServer server = RunningServer.start(target); IamClient iam = server.iam(server.adminCredentials())) {
            for (String name : List.of("delta", "alpha", "charlie", "bravo", "echo")) {
                iam.createRole(b -> b.roleName(name).assumeRolePolicyDocument(trustAccount(server.admin().accountId())));
            }
            List<String> seen = new ArrayList<>();
            String marker = null;
            do {
                String current = marker;
                ListRolesResponse page = iam.listRoles(b -> b.maxItems(2).marker(current));
                page.roles().forEach(role -> seen.add(role.roleName()));
                marker = page.isTruncated() ? page.marker() : null;
            }
            while (marker != null);
            assertThat(seen).containsExactly("alpha", "bravo", "charlie", "delta", "echo");
        }
    }

    @StoreTest
    void deleteRoleConflictsUntilPoliciesAreGone(StoreTarget target) throws Exception
    {
        try (RunningServer server = RunningServer.start(target); IamClient iam = server.iam(server.adminCredentials())) {
            iam.createRole(b -> b.roleName("App").assumeRolePolicyDocument(trustAccount(server.admin().accountId())));
            iam.putRolePolicy(b -> b.roleName("App").policyName("inline").policyDocument(
                    "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"iam:ListUsers\",\"Resource\":\"*\"}]}"));
            iam.attachRolePolicy(b -> b.roleName("App").policyArn(READ_ONLY));
            assertThat(iam.listRolePolicies(b -> b.roleName("App")).policyNames()).containsExactly("inline");
            assertThat(iam.listAttachedRolePolicies(b -> b.roleName("App")).attachedPolicies()).singleElement()
                    .satisfies(p -> assertThat(p.policyArn()).isEqualTo(READ_ONLY));

            assertThatThrownBy(() -> iam.deleteRole(b -> b.roleName("App")))
                    .isInstanceOfSatisfying(DeleteConflictException.class, e -> {
                        assertThat(e.statusCode()).isEqualTo(409);
                        assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("Cannot delete entity, must delete policies first.");
                    });
            iam.deleteRolePolicy(b -> b.roleName("App").policyName("inline"));
            assertThatThrownBy(() -> iam.deleteRole(b -> b.roleName("App")))
                    .isInstanceOfSatisfying(DeleteConflictException.class, e -> assertThat(e.awsErrorDetails().errorMessage())
                            .isEqualTo("Cannot delete entity, must detach all policies first."));
            iam.detachRolePolicy(b -> b.roleName("App").policyArn(READ_ONLY));
            iam.deleteRole(b -> b.roleName("App"));
            assertThatThrownBy(() -> iam.getRole(b -> b.roleName("App"))).isInstanceOf(NoSuchEntityException.class);
        }
    }

    @StoreTest
    void rolePolicyRoundTripsAndMissingOneIsNoSuchEntity(StoreTarget target) throws Exception
    {
        try (RunningServer server = RunningServer.start(target); IamClient iam = server.iam(server.adminCredentials())) {
            String policy = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"iam:ListUsers\",\"Resource\":\"*\"}]}";
            iam.createRole(b -> b.roleName("App").assumeRolePolicyDocument(trustAccount(server.admin().accountId())));
            iam.putRolePolicy(b -> b.roleName("App").policyName("p").policyDocument(policy));
            assertThat(URLDecoder.decode(iam.getRolePolicy(b -> b.roleName("App").policyName("p")).policyDocument(), StandardCharsets.UTF_8))
                    .isEqualTo(policy);
            assertThatThrownBy(() -> iam.getRolePolicy(b -> b.roleName("App").policyName("q")))
                    .isInstanceOfSatisfying(NoSuchEntityException.class, e -> assertThat(e.awsErrorDetails().errorMessage())
                            .isEqualTo("The role policy with name q cannot be found."));
        }
    }

    @StoreTest
    void inlineRolePoliciesTogetherAreLimitedTo10240Characters(StoreTarget target) throws Exception
    {
        try (RunningServer server = RunningServer.start(target); IamClient iam = server.iam(server.adminCredentials())) {
            iam.createRole(b -> b.roleName("App").assumeRolePolicyDocument(trustAccount(server.admin().accountId())));
            String big = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"iam:ListUsers\",\"Resource\":\"arn:aws:iam::*:user/"
                    + "x".repeat(6000) + "\"}]}";
            iam.putRolePolicy(b -> b.roleName("App").policyName("one").policyDocument(big));
            assertThatThrownBy(() -> iam.putRolePolicy(b -> b.roleName("App").policyName("two").policyDocument(big)))
                    .isInstanceOfSatisfying(LimitExceededException.class, e -> assertThat(e.awsErrorDetails().errorMessage()).contains("10240"));
            // Replacing the same policy counts it once.
            iam.putRolePolicy(b -> b.roleName("App").policyName("one").policyDocument(big));
        }
    }
}
