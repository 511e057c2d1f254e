package dev.bulwark.server.it;

import dev.bulwark.server.store.StoreTarget;
import dev.bulwark.server.store.StoreTest;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.DeleteConflictException;
import software.amazon.awssdk.services.iam.model.EntityAlreadyExistsException;
import software.amazon.awssdk.services.iam.model.IamException;
import software.amazon.awssdk.services.iam.model.InstanceProfile;
import software.amazon.awssdk.services.iam.model.InvalidInputException;
import software.amazon.awssdk.services.iam.model.LimitExceededException;
import software.amazon.awssdk.services.iam.model.ListInstanceProfilesResponse;
import software.amazon.awssdk.services.iam.model.NoSuchEntityException;
import software.amazon.awssdk.services.iam.model.Role;
import software.amazon.awssdk.services.iam.model.Tag;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** IAM instance profiles through a real server and the AWS SDK, on both stores: lifecycle, the one role, paging, tags, authorization. */
final class TestIamInstanceProfiles
{
    @StoreTest
    void profileHoldsOneRoleReturnedAsGetRoleReturnsIt(StoreTarget target) throws Exception
    {
        try (RunningServer server = RunningServer.start(target); IamClient iam = server.iam(server.adminCredentials())) {
            String account = server.admin().accountId();
            InstanceProfile created = iam.createInstanceProfile(b -> b.instanceProfileName("Web").path("/app/")).instanceProfile();
            assertThat(created.instanceProfileId()).startsWith("AIPA").hasSize(21).matches("AIPA[A-Z2-7]{17}");
            assertThat(created.arn()).isEqualTo("arn:aws:iam::" + account + ":instance-profile/app/Web");
            assertThat(created.path()).isEqualTo("/app/");
            assertThat(created.roles()).isEmpty();
            assertThat(created.createDate()).isNotNull();

            Role role = iam.createRole(b -> b.roleName("WebRole").description("runs the web tier").assumeRolePolicyDocument(TestIamRoles.trustAccount(account))
                    .tags(t -> t.key("team").value("web"))).role();
            iam.addRoleToInstanceProfile(b -> b.instanceProfileName("web").roleName("webrole"));

            InstanceProfile fetched = iam.getInstanceProfile(b -> b.instanceProfileName("WEB")).instanceProfile();
            assertThat(fetched.instanceProfileId()).isEqualTo(created.instanceProfileId());
            assertThat(fetched.instanceProfileName()).isEqualTo("Web");
            assertThat(fetched.roles()).singleElement().satisfies(inside -> {
                assertThat(inside.roleId()).isEqualTo(role.roleId());
                assertThat(inside.arn()).isEqualTo(role.arn());
                assertThat(inside.description()).isEqualTo("runs the web tier");
                assertThat(inside.maxSessionDuration()).isEqualTo(3600);
                assertThat(inside.tags()).extracting(Tag::key).containsExactly("team");
                assertThat(URLDecoder.decode(inside.assumeRolePolicyDocument(), StandardCharsets.UTF_8)).isEqualTo(TestIamRoles.trustAccount(account));
            });
            assertThat(iam.listInstanceProfilesForRole(b -> b.roleName("WebRole")).instanceProfiles())
                    .extracting(InstanceProfile::instanceProfileName).containsExactly("Web");

            iam.createRole(b -> b.roleName("Other").assumeRolePolicyDocument(TestIamRoles.trustAccount(account)));
            assertThatThrownBy(() -> iam.addRoleToInstanceProfile(b -> b.instanceProfileName("Web").roleName("Other")))
                    .isInstanceOfSatisfying(LimitExceededException.class, e -> {
                        assertThat(e.statusCode()).isEqualTo(409);
                        assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("Cannot exceed quota for InstanceSessionsPerInstanceProfile: 1");
                    });
            assertThatThrownBy(() -> iam.addRoleToInstanceProfile(b -> b.instanceProfileName("Web").roleName("WebRole")))
                    .isInstanceOf(LimitExceededException.class);
            assertThat(iam.listInstanceProfilesForRole(b -> b.roleName("Other")).instanceProfiles()).isEmpty();

            // GetAccountAuthorizationDetails lists each role's instance profiles, with the role inside
            List<software.amazon.awssdk.services.iam.model.RoleDetail> details = iam.getAccountAuthorizationDetails(b -> b.filter(
                    software.amazon.awssdk.services.iam.model.EntityType.ROLE)).roleDetailList();
            assertThat(details).filteredOn(detail -> detail.roleName().equals("WebRole")).singleElement().satisfies(detail ->
                    assertThat(detail.instanceProfileList()).singleElement().satisfies(profile -> {
                        assertThat(profile.instanceProfileId()).isEqualTo(created.instanceProfileId());
                        assertThat(profile.roles()).extracting(Role::roleId).containsExactly(role.roleId());
                    }));
            assertThat(details).filteredOn(detail -> detail.roleName().equals("Other")).singleElement().satisfies(detail ->
                    assertThat(detail.instanceProfileList()).isEmpty());
        }
    }

    @StoreTest
    void rolesAndProfilesCannotBeDeletedWhileLinked(StoreTarget target) throws Exception
    {
        try (RunningServer server = RunningServer.start(target); IamClient iam = server.iam(server.adminCredentials())) {
            iam.createInstanceProfile(b -> b.instanceProfileName("Worker"));
            iam.createRole(b -> b.roleName("WorkerRole").assumeRolePolicyDocument(TestIamRoles.trustAccount(server.admin().accountId())));
            iam.addRoleToInstanceProfile(b -> b.instanceProfileName("Worker").roleName("WorkerRole"));

            assertThatThrownBy(() -> iam.deleteRole(b -> b.roleName("WorkerRole")))
                    .isInstanceOfSatisfying(DeleteConflictException.class, e -> {
                        assertThat(e.statusCode()).isEqualTo(409);
                        assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("Cannot delete entity, must remove roles from instance profile first.");
                    });
            assertThatThrownBy(() -> iam.deleteInstanceProfile(b -> b.instanceProfileName("Worker")))
                    .isInstanceOfSatisfying(DeleteConflictException.class, e ->
                            assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("Cannot delete entity, must remove roles from instance profile first."));

            iam.removeRoleFromInstanceProfile(b -> b.instanceProfileName("Worker").roleName("WorkerRole"));
            assertThat(iam.getInstanceProfile(b -> b.instanceProfileName("Worker")).instanceProfile().roles()).isEmpty();
            assertThatThrownBy(() -> iam.removeRoleFromInstanceProfile(b -> b.instanceProfileName("Worker").roleName("WorkerRole")))
                    .isInstanceOf(NoSuchEntityException.class);

            iam.deleteRole(b -> b.roleName("WorkerRole"));
            iam.deleteInstanceProfile(b -> b.instanceProfileName("Worker"));
            assertThatThrownBy(() -> iam.getInstanceProfile(b -> b.instanceProfileName("Worker")))
                    .isInstanceOfSatisfying(NoSuchEntityException.class, e -> {
                        assertThat(e.statusCode()).isEqualTo(404);
                        assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("Instance Profile Worker cannot be found.");
                    });
        }
    }

    @StoreTest
    void duplicatesAndMissingEntitiesUseAwsWording(StoreTarget target) throws Exception
    {
        try (RunningServer server = RunningServer.start(target); IamClient iam = server.iam(server.adminCredentials())) {
            assertThat(iam.getAccountSummary().summaryMapAsStrings()).containsEntry("InstanceProfiles", 0).containsEntry("InstanceProfilesQuota", 1000);
            iam.createInstanceProfile(b -> b.instanceProfileName("Batch"));
            assertThat(iam.getAccountSummary().summaryMapAsStrings()).containsEntry("InstanceProfiles", 1);
            assertThatThrownBy(() -> iam.createInstanceProfile(b -> b.instanceProfileName("BATCH")))
                    .isInstanceOfSatisfying(EntityAlreadyExistsException.class, e -> {
                        assertThat(e.statusCode()).isEqualTo(409);
                        assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("Instance Profile BATCH already exists.");
                    });
            assertThatThrownBy(() -> iam.addRoleToInstanceProfile(b -> b.instanceProfileName("Batch").roleName("Ghost")))
                    .isInstanceOfSatisfying(NoSuchEntityException.class, e ->
                            assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("The role with name Ghost cannot be found."));
            assertThatThrownBy(() -> iam.addRoleToInstanceProfile(b -> b.instanceProfileName("Nope").roleName("Ghost")))
                    .isInstanceOfSatisfying(NoSuchEntityException.class, e ->
                            assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("Instance Profile Nope cannot be found."));
            assertThatThrownBy(() -> iam.deleteInstanceProfile(b -> b.instanceProfileName("Nope"))).isInstanceOf(NoSuchEntityException.class);
            assertThatThrownBy(() -> iam.listInstanceProfilesForRole(b -> b.roleName("Ghost")))
                    .isInstanceOfSatisfying(NoSuchEntityException.class, e ->
                            assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("The role with name Ghost cannot be found."));
            assertThatThrownBy(() -> iam.createInstanceProfile(b -> b.instanceProfileName("bad name")))
                    .isInstanceOfSatisfying(IamException.class, e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationError"));
        }
    }

    @StoreTest
    void listingPagesByNameAndFiltersByPath(StoreTarget target) throws Exception
    {
        try (RunningServer server = RunningServer.start(target); IamClient iam = server.iam(server.adminCredentials())) {
            IntStream.range(0, 5).forEach(i -> iam.createInstanceProfile(b -> b.instanceProfileName("p" + i).path(i % 2 == 0 ? "/even/" : "/")
                    .tags(t -> t.key("n").value("v"))));
            List<String> names = new ArrayList<>();
            String marker = null;
            int pages = 0;
            do {
                String from = marker;
                ListInstanceProfilesResponse page = iam.listInstanceProfiles(b -> b.maxItems(2).marker(from));
                page.instanceProfiles().forEach(profile -> {
                    names.add(profile.instanceProfileName());
                    assertThat(profile.tags()).isEmpty();
                });
                marker = page.isTruncated() ? page.marker() : null;
                pages++;
            }
            while (marker != null);
            assertThat(names).containsExactly("p0", "p1", "p2", "p3", "p4");
            assertThat(pages).isEqualTo(3);
            assertThat(iam.listInstanceProfiles(b -> b.pathPrefix("/even/")).instanceProfiles())
                    .extracting(InstanceProfile::instanceProfileName).containsExactly("p0", "p2", "p4");
            assertThat(iam.getInstanceProfile(b -> b.instanceProfileName("p1")).instanceProfile().tags()).extracting(Tag::value).containsExactly("v");
        }
    }

    @StoreTest
    void tagsFollowIamConventionsAndLimits(StoreTarget target) throws Exception
    {
        try (RunningServer server = RunningServer.start(target); IamClient iam = server.iam(server.adminCredentials())) {
            iam.createInstanceProfile(b -> b.instanceProfileName("Tagged").tags(t -> t.key("Department").value("ops")));
            iam.tagInstanceProfile(b -> b.instanceProfileName("Tagged").tags(t -> t.key("department").value("dev"), t -> t.key("cost").value("42")));
            assertThat(iam.listInstanceProfileTags(b -> b.instanceProfileName("Tagged")).tags())
                    .extracting(Tag::key, Tag::value)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("cost", "42"), org.assertj.core.groups.Tuple.tuple("department", "dev"));
            iam.untagInstanceProfile(b -> b.instanceProfileName("Tagged").tagKeys("COST"));
            assertThat(iam.listInstanceProfileTags(b -> b.instanceProfileName("Tagged")).tags()).extracting(Tag::key).containsExactly("department");

            List<Tag> many = IntStream.range(0, 50).mapToObj(i -> Tag.builder().key("k" + i).value("v").build()).toList();
            assertThatThrownBy(() -> iam.tagInstanceProfile(b -> b.instanceProfileName("Tagged").tags(many)))
                    .isInstanceOfSatisfying(LimitExceededException.class, e ->
                            assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("The number of tags has reached the maximum limit."));
            assertThatThrownBy(() -> iam.tagInstanceProfile(b -> b.instanceProfileName("Tagged").tags(t -> t.key("a").value("1"), t -> t.key("A").value("2"))))
                    .isInstanceOf(InvalidInputException.class);
            assertThatThrownBy(() -> iam.listInstanceProfileTags(b -> b.instanceProfileName("Nope"))).isInstanceOf(NoSuchEntityException.class);
        }
    }

    @StoreTest
    void usersNeedTheProfileActionsAndPassRoleOnTheRole(StoreTarget target) throws Exception
    {
        try (RunningServer server = RunningServer.start(target); IamClient admin = server.iam(server.adminCredentials())) {
            String account = server.admin().accountId();
            AwsCredentialsProvider bob = TestIamManagedPolicies.userWithKey(admin, "bob");
            admin.createRole(b -> b.roleName("AppRole").assumeRolePolicyDocument(TestIamRoles.trustAccount(account)));
            try (IamClient iam = server.iam(bob)) {
                assertThatThrownBy(() -> iam.createInstanceProfile(b -> b.instanceProfileName("App")))
                        .isInstanceOfSatisfying(IamException.class, e -> {
                            assertThat(e.statusCode()).isEqualTo(403);
                            assertThat(e.awsErrorDetails().errorCode()).isEqualTo("AccessDenied");
                            assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("User: arn:aws:iam::" + account + ":user/bob is not authorized to perform: "
                                    + "iam:CreateInstanceProfile on resource: arn:aws:iam::" + account + ":instance-profile/App because no identity-based policy "
                                    + "allows the iam:CreateInstanceProfile action");
                        });
                // AWS names the listed path as the resource (observed: "... iam:ListInstanceProfiles on resource: arn:aws:iam::<account>:instance-profile/<prefix>")
                assertThatThrownBy(() -> iam.listInstanceProfiles())
                        .isInstanceOfSatisfying(IamException.class, e -> assertThat(e.awsErrorDetails().errorMessage())
                                .contains("iam:ListInstanceProfiles on resource: arn:aws:iam::" + account + ":instance-profile/ because"));
                assertThatThrownBy(() -> iam.listInstanceProfiles(b -> b.pathPrefix("/app/")))
                        .isInstanceOfSatisfying(IamException.class, e -> assertThat(e.awsErrorDetails().errorMessage())
                                .contains("iam:ListInstanceProfiles on resource: arn:aws:iam::" + account + ":instance-profile/app/ because"));

                admin.putUserPolicy(b -> b.userName("bob").policyName("profiles").policyDocument("""
                        {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["iam:CreateInstanceProfile","iam:GetInstanceProfile",
                        "iam:AddRoleToInstanceProfile","iam:ListInstanceProfiles"],"Resource":"*"}]}"""));
                iam.createInstanceProfile(b -> b.instanceProfileName("App"));
                assertThat(iam.listInstanceProfiles().instanceProfiles()).extracting(InstanceProfile::instanceProfileName).containsExactly("App");
                assertThatThrownBy(() -> iam.addRoleToInstanceProfile(b -> b.instanceProfileName("App").roleName("AppRole")))
                        .isInstanceOfSatisfying(IamException.class, e -> {
                            assertThat(e.awsErrorDetails().errorCode()).isEqualTo("AccessDenied");
                            assertThat(e.awsErrorDetails().errorMessage()).contains("iam:PassRole on resource: arn:aws:iam::" + account + ":role/AppRole");
                        });
                assertThatThrownBy(() -> iam.deleteInstanceProfile(b -> b.instanceProfileName("App")))
                        .isInstanceOfSatisfying(IamException.class, e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("AccessDenied"));

                // the role is passed to EC2: a PassRole grant for another service does not do
                admin.putUserPolicy(b -> b.userName("bob").policyName("pass").policyDocument("""
                        {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"iam:PassRole","Resource":"arn:aws:iam::*:role/AppRole",
                        "Condition":{"StringEquals":{"iam:PassedToService":"lambda.amazonaws.com"}}}]}"""));
                assertThatThrownBy(() -> iam.addRoleToInstanceProfile(b -> b.instanceProfileName("App").roleName("AppRole")))
                        .isInstanceOfSatisfying(IamException.class, e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("AccessDenied"));
                admin.putUserPolicy(b -> b.userName("bob").policyName("pass").policyDocument("""
                        {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"iam:PassRole","Resource":"arn:aws:iam::*:role/AppRole",
                        "Condition":{"StringEquals":{"iam:PassedToService":"ec2.amazonaws.com",
                        "iam:AssociatedResourceArn":"arn:aws:ec2:*:%s:instance/*"}}}]}""".formatted(account)));
                iam.addRoleToInstanceProfile(b -> b.instanceProfileName("App").roleName("AppRole"));
                assertThat(iam.getInstanceProfile(b -> b.instanceProfileName("App")).instanceProfile().roles()).extracting(Role::roleName).containsExactly("AppRole");
            }
        }
    }

    @StoreTest
    void taggingIsAuthorizedOnRequestTagsAndTagKeys(StoreTarget target) throws Exception
    {
        try (RunningServer server = RunningServer.start(target); IamClient admin = server.iam(server.adminCredentials())) {
            AwsCredentialsProvider carol = TestIamManagedPolicies.userWithKey(admin, "carol");
            admin.putUserPolicy(b -> b.userName("carol").policyName("tagged-only").policyDocument("""
                    {"Version":"2012-10-17","Statement":[
                      {"Effect":"Allow","Action":["iam:CreateInstanceProfile","iam:TagInstanceProfile"],"Resource":"*",
                       "Condition":{"StringEquals":{"aws:RequestTag/team":"infra"},"ForAllValues:StringEquals":{"aws:TagKeys":["team"]}}},
                      {"Effect":"Allow","Action":"iam:UntagInstanceProfile","Resource":"*","Condition":{"ForAllValues:StringEquals":{"aws:TagKeys":["scratch"]}}}]}"""));
            try (IamClient iam = server.iam(carol)) {
                assertThatThrownBy(() -> iam.createInstanceProfile(b -> b.instanceProfileName("Untagged")))
                        .isInstanceOfSatisfying(IamException.class, e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("AccessDenied"));
                assertThatThrownBy(() -> iam.createInstanceProfile(b -> b.instanceProfileName("Wrong").tags(t -> t.key("team").value("web"))))
                        .isInstanceOfSatisfying(IamException.class, e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("AccessDenied"));
                iam.createInstanceProfile(b -> b.instanceProfileName("Infra").tags(t -> t.key("team").value("infra")));
                assertThatThrownBy(() -> iam.tagInstanceProfile(b -> b.instanceProfileName("Infra").tags(t -> t.key("team").value("infra"), t -> t.key("x").value("y"))))
                        .isInstanceOfSatisfying(IamException.class, e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("AccessDenied"));
                assertThatThrownBy(() -> iam.untagInstanceProfile(b -> b.instanceProfileName("Infra").tagKeys("team")))
                        .isInstanceOfSatisfying(IamException.class, e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("AccessDenied"));
                iam.untagInstanceProfile(b -> b.instanceProfileName("Infra").tagKeys("scratch"));
            }
            assertThat(admin.listInstanceProfileTags(b -> b.instanceProfileName("Infra")).tags()).extracting(Tag::key).containsExactly("team");
            assertThatThrownBy(() -> admin.getInstanceProfile(b -> b.instanceProfileName("Untagged"))).isInstanceOf(NoSuchEntityException.class);
        }
    }

    @StoreTest
    void actionsOnAProfileSeeItsTagsAsResourceTags(StoreTarget target) throws Exception
    {
        try (RunningServer server = RunningServer.start(target); IamClient admin = server.iam(server.adminCredentials())) {
            admin.createInstanceProfile(b -> b.instanceProfileName("Infra").tags(t -> t.key("team").value("infra")));
            admin.createInstanceProfile(b -> b.instanceProfileName("Web").tags(t -> t.key("team").value("web")));
            AwsCredentialsProvider frank = TestIamManagedPolicies.userWithKey(admin, "frank");
            admin.putUserPolicy(b -> b.userName("frank").policyName("infra-profiles").policyDocument("""
                    {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["iam:GetInstanceProfile","iam:DeleteInstanceProfile"],"Resource":"*",
                    "Condition":{"StringEquals":{"aws:ResourceTag/team":"infra"}}}]}"""));
            try (IamClient iam = server.iam(frank)) {
                assertThat(iam.getInstanceProfile(b -> b.instanceProfileName("Infra")).instanceProfile().instanceProfileName()).isEqualTo("Infra");
                assertThatThrownBy(() -> iam.getInstanceProfile(b -> b.instanceProfileName("Web")))
                        .isInstanceOfSatisfying(IamException.class, e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("AccessDenied"));
                assertThatThrownBy(() -> iam.deleteInstanceProfile(b -> b.instanceProfileName("Web")))
                        .isInstanceOfSatisfying(IamException.class, e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("AccessDenied"));
                iam.deleteInstanceProfile(b -> b.instanceProfileName("Infra"));
            }
            assertThat(admin.listInstanceProfiles().instanceProfiles()).extracting(InstanceProfile::instanceProfileName).containsExactly("Web");
        }
    }
}
