package dev.bulwark.server.it;

import dev.bulwark.server.store.StoreTarget;
import dev.bulwark.server.store.StoreTest;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.EntityAlreadyExistsException;
import software.amazon.awssdk.services.iam.model.IamException;
import software.amazon.awssdk.services.iam.model.LimitExceededException;
import software.amazon.awssdk.services.iam.model.NoSuchEntityException;
import software.amazon.awssdk.services.iam.model.Role;
import software.amazon.awssdk.services.iam.model.Tag;
import software.amazon.awssdk.services.iam.model.User;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.Credentials;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.stream.IntStream;

import static dev.bulwark.server.it.TestIamManagedPolicies.userWithKey;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Group inline policies and renames, and a role's boundary, description and tags — including the tag condition
 * keys ({@code aws:RequestTag}, {@code aws:TagKeys}, {@code aws:ResourceTag}) that let an administrator delegate
 * tagging safely.
 */
final class TestIamGroupAndRoleDetails
{
    private static final String LIST_USERS = """
            {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"iam:ListUsers","Resource":"*"}]}""";

    @StoreTest
    void groupInlinePoliciesCanBeReadListedAndDeleted(StoreTarget target) throws Exception
    {
        try (RunningServer server = RunningServer.start(target); IamClient admin = server.iam(server.adminCredentials())) {
            AwsCredentialsProvider alice = userWithKey(admin, "alice");
            admin.createGroup(b -> b.groupName("Readers"));
            admin.addUserToGroup(b -> b.groupName("Readers").userName("alice"));
            admin.putGroupPolicy(b -> b.groupName("Readers").policyName("list-users").policyDocument(LIST_USERS));

            assertThat(admin.listGroupPolicies(b -> b.groupName("readers")).policyNames()).containsExactly("list-users");
            String document = admin.getGroupPolicy(b -> b.groupName("Readers").policyName("list-users")).policyDocument();
            assertThat(URLDecoder.decode(document, StandardCharsets.UTF_8)).isEqualTo(LIST_USERS);
            try (IamClient iam = server.iam(alice)) {
                assertThat(iam.listUsers().users()).extracting(User::userName).contains("alice");

                admin.deleteGroupPolicy(b -> b.groupName("Readers").policyName("list-users"));
                assertThat(admin.listGroupPolicies(b -> b.groupName("Readers")).policyNames()).isEmpty();
                assertThatThrownBy(iam::listUsers).as("the group's policy is gone on the next request")
                        .isInstanceOfSatisfying(IamException.class, e -> assertThat(e.statusCode()).isEqualTo(403));
                assertThatThrownBy(() -> iam.listGroupPolicies(b -> b.groupName("Readers")))
                        .isInstanceOfSatisfying(IamException.class, e -> assertThat(e.awsErrorDetails().errorMessage()).isEqualTo(
                                "User: arn:aws:iam::" + server.admin().accountId() + ":user/alice is not authorized to perform: iam:ListGroupPolicies on resource: arn:aws:iam::"
                                        + server.admin().accountId() + ":group/Readers because no identity-based policy allows the iam:ListGroupPolicies action"));
            }
            assertThatThrownBy(() -> admin.getGroupPolicy(b -> b.groupName("Readers").policyName("list-users")))
                    .isInstanceOfSatisfying(NoSuchEntityException.class, e -> assertThat(e.awsErrorDetails().errorMessage())
                            .isEqualTo("The group policy with name list-users cannot be found."));
            assertThatThrownBy(() -> admin.deleteGroupPolicy(b -> b.groupName("Readers").policyName("list-users")))
                    .isInstanceOf(NoSuchEntityException.class);
            assertThatThrownBy(() -> admin.listGroupPolicies(b -> b.groupName("Nobody")))
                    .isInstanceOfSatisfying(NoSuchEntityException.class, e -> assertThat(e.awsErrorDetails().errorMessage())
                            .isEqualTo("The group with name Nobody cannot be found."));
            admin.removeUserFromGroup(b -> b.groupName("Readers").userName("alice"));
            assertThatThrownBy(() -> admin.removeUserFromGroup(b -> b.groupName("Readers").userName("alice")))
                    .isInstanceOfSatisfying(NoSuchEntityException.class, e -> assertThat(e.awsErrorDetails().errorMessage())
                            .isEqualTo("User alice not in group Readers"));
        }
    }

    @StoreTest
    void updateGroupRenamesAndMovesKeepingMembersAndPolicies(StoreTarget target) throws Exception
    {
        try (RunningServer server = RunningServer.start(target); IamClient admin = server.iam(server.adminCredentials())) {
            AwsCredentialsProvider alice = userWithKey(admin, "alice");
            admin.createGroup(b -> b.groupName("Cashiers"));
            admin.createGroup(b -> b.groupName("Bakers"));
            admin.addUserToGroup(b -> b.groupName("Cashiers").userName("alice"));
            admin.putGroupPolicy(b -> b.groupName("Cashiers").policyName("list-users").policyDocument(LIST_USERS));

            admin.updateGroup(b -> b.groupName("Cashiers").newGroupName("Tellers").newPath("/shop/"));
            var group = admin.getGroup(b -> b.groupName("Tellers"));
            assertThat(group.group().arn()).isEqualTo("arn:aws:iam::" + server.admin().accountId() + ":group/shop/Tellers");
            assertThat(group.users()).extracting(User::userName).containsExactly("alice");
            assertThat(admin.listGroupPolicies(b -> b.groupName("Tellers")).policyNames()).containsExactly("list-users");
            assertThatThrownBy(() -> admin.getGroup(b -> b.groupName("Cashiers"))).isInstanceOf(NoSuchEntityException.class);
            try (IamClient iam = server.iam(alice)) {
                assertThat(iam.listUsers().users()).isNotEmpty();
            }

            assertThatThrownBy(() -> admin.updateGroup(b -> b.groupName("Tellers").newGroupName("bakers")))
                    .isInstanceOfSatisfying(EntityAlreadyExistsException.class, e -> assertThat(e.awsErrorDetails().errorMessage())
                            .isEqualTo("Group with name bakers already exists."));
            admin.updateGroup(b -> b.groupName("Tellers").newGroupName("TELLERS"));
            assertThat(admin.getGroup(b -> b.groupName("tellers")).group().groupName()).as("a change of case only is a rename").isEqualTo("TELLERS");
        }
    }

    @StoreTest
    void renamingAGroupNeedsPermissionOnTheNewNameToo(StoreTarget target) throws Exception
    {
        try (RunningServer server = RunningServer.start(target); IamClient admin = server.iam(server.adminCredentials())) {
            String account = server.admin().accountId();
            AwsCredentialsProvider alice = userWithKey(admin, "alice");
            admin.createGroup(b -> b.groupName("Cashiers"));
            admin.putUserPolicy(b -> b.userName("alice").policyName("rename-cashiers").policyDocument("""
                    {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"iam:UpdateGroup","Resource":"arn:aws:iam::%s:group/Cashiers"}]}"""
                    .formatted(account)));
            try (IamClient iam = server.iam(alice)) {
                assertThatThrownBy(() -> iam.updateGroup(b -> b.groupName("Cashiers").newGroupName("Tellers")))
                        .isInstanceOfSatisfying(IamException.class, e -> assertThat(e.awsErrorDetails().errorMessage())
                                .contains("iam:UpdateGroup on resource: arn:aws:iam::" + account + ":group/Tellers"));
            }
            assertThat(admin.getGroup(b -> b.groupName("Cashiers")).group().groupName()).isEqualTo("Cashiers");
        }
    }

    @StoreTest
    void roleTagsAreAddedReplacedListedAndRemoved(StoreTarget target) throws Exception
    {
        try (RunningServer server = RunningServer.start(target); IamClient admin = server.iam(server.adminCredentials())) {
            admin.createRole(b -> b.roleName("App").assumeRolePolicyDocument(TestIamRoles.trustAccount(server.admin().accountId()))
                    .tags(Tag.builder().key("env").value("dev").build()));
            admin.tagRole(b -> b.roleName("App").tags(Tag.builder().key("ENV").value("prod").build(), Tag.builder().key("team").value("blue").build()));
            assertThat(admin.listRoleTags(b -> b.roleName("App")).tags())
                    .containsExactlyInAnyOrder(Tag.builder().key("ENV").value("prod").build(), Tag.builder().key("team").value("blue").build());
            assertThat(admin.getRole(b -> b.roleName("App")).role().tags()).hasSize(2);

            admin.untagRole(b -> b.roleName("App").tagKeys("env"));
            assertThat(admin.listRoleTags(b -> b.roleName("App")).tags()).containsExactly(Tag.builder().key("team").value("blue").build());

            Tag[] fifty = IntStream.range(0, 50).mapToObj(i -> Tag.builder().key("k" + i).value("v").build()).toArray(Tag[]::new);
            assertThatThrownBy(() -> admin.tagRole(b -> b.roleName("App").tags(fifty)))
                    .isInstanceOfSatisfying(LimitExceededException.class, e -> assertThat(e.awsErrorDetails().errorMessage())
                            .isEqualTo("The number of tags has reached the maximum limit."));
            assertThat(admin.listRoleTags(b -> b.roleName("App")).tags()).as("a refused tagging changes nothing").hasSize(1);
            assertThatThrownBy(() -> admin.listRoleTags(b -> b.roleName("Nope")))
                    .isInstanceOfSatisfying(NoSuchEntityException.class, e -> assertThat(e.awsErrorDetails().errorMessage())
                            .isEqualTo("The role with name Nope cannot be found."));
        }
    }

    @StoreTest
    void tagConditionKeysDelegateTaggingSafely(StoreTarget target) throws Exception
    {
        try (RunningServer server = RunningServer.start(target); IamClient admin = server.iam(server.adminCredentials())) {
            String trust = TestIamRoles.trustAccount(server.admin().accountId());
            admin.createRole(b -> b.roleName("DevApp").assumeRolePolicyDocument(trust).tags(Tag.builder().key("env").value("dev").build()));
            admin.createRole(b -> b.roleName("ProdApp").assumeRolePolicyDocument(trust).tags(Tag.builder().key("env").value("prod").build()));
            AwsCredentialsProvider tagger = userWithKey(admin, "tagger");
            admin.putUserPolicy(b -> b.userName("tagger").policyName("tagging").policyDocument("""
                    {"Version":"2012-10-17","Statement":[
                      {"Effect":"Allow","Action":"iam:TagRole","Resource":"*",
                       "Condition":{"StringEquals":{"aws:RequestTag/team":["blue","green"]},"ForAllValues:StringEquals":{"aws:TagKeys":["team"]}}},
                      {"Effect":"Allow","Action":"iam:UntagRole","Resource":"*","Condition":{"StringEquals":{"aws:ResourceTag/env":"dev"}}}]}"""));
            try (IamClient iam = server.iam(tagger)) {
                iam.tagRole(b -> b.roleName("DevApp").tags(Tag.builder().key("team").value("blue").build()));
                assertThatThrownBy(() -> iam.tagRole(b -> b.roleName("DevApp").tags(Tag.builder().key("team").value("red").build())))
                        .as("aws:RequestTag/team must be blue or green")
                        .isInstanceOfSatisfying(IamException.class, e -> assertThat(e.statusCode()).isEqualTo(403));
                assertThatThrownBy(() -> iam.tagRole(b -> b.roleName("DevApp").tags(Tag.builder().key("team").value("green").build(),
                        Tag.builder().key("cost").value("1").build())))
                        .as("aws:TagKeys may hold only team")
                        .isInstanceOfSatisfying(IamException.class, e -> assertThat(e.statusCode()).isEqualTo(403));

                iam.untagRole(b -> b.roleName("DevApp").tagKeys("team"));
                assertThatThrownBy(() -> iam.untagRole(b -> b.roleName("ProdApp").tagKeys("env")))
                        .as("aws:ResourceTag/env of ProdApp is prod")
                        .isInstanceOfSatisfying(IamException.class, e -> assertThat(e.statusCode()).isEqualTo(403));
            }
            assertThat(admin.listRoleTags(b -> b.roleName("DevApp")).tags()).containsExactly(Tag.builder().key("env").value("dev").build());
            assertThat(admin.listRoleTags(b -> b.roleName("ProdApp")).tags()).containsExactly(Tag.builder().key("env").value("prod").build());
        }
    }

    @StoreTest
    void roleBoundaryLimitsItsSessionsAndDescriptionUpdates(StoreTarget target) throws Exception
    {
        try (RunningServer server = RunningServer.start(target); IamClient admin = server.iam(server.adminCredentials());
                StsClient adminSts = server.sts(server.adminCredentials())) {
            String account = server.admin().accountId();
            admin.createRole(b -> b.roleName("Admin").assumeRolePolicyDocument(TestIamRoles.trustAccount(account)));
            admin.attachRolePolicy(b -> b.roleName("Admin").policyArn("arn:aws:iam::aws:policy/AdministratorAccess"));
            String boundary = admin.createPolicy(b -> b.policyName("list-users").policyDocument(LIST_USERS)).policy().arn();

            admin.putRolePermissionsBoundary(b -> b.roleName("Admin").permissionsBoundary(boundary));
            assertThat(admin.getRole(b -> b.roleName("Admin")).role().permissionsBoundary().permissionsBoundaryArn()).isEqualTo(boundary);
            Credentials bounded = adminSts.assumeRole(b -> b.roleArn("arn:aws:iam::" + account + ":role/Admin").roleSessionName("s1")).credentials();
            try (IamClient iam = server.iam(TestRoleSessions.session(bounded))) {
                assertThat(iam.listUsers().users()).isNotNull();
                assertThatThrownBy(() -> iam.createUser(b -> b.userName("x")))
                        .isInstanceOfSatisfying(IamException.class, e -> assertThat(e.awsErrorDetails().errorMessage())
                                .endsWith("because no permissions boundary allows the iam:CreateUser action"));

                admin.deleteRolePermissionsBoundary(b -> b.roleName("Admin"));
                assertThat(admin.getRole(b -> b.roleName("Admin")).role().permissionsBoundary()).isNull();
                iam.createUser(b -> b.userName("x"));
            }
            String missing = "arn:aws:iam::" + account + ":policy/missing";
            assertThatThrownBy(() -> admin.putRolePermissionsBoundary(b -> b.roleName("Admin").permissionsBoundary(missing)))
                    .isInstanceOfSatisfying(NoSuchEntityException.class, e -> assertThat(e.awsErrorDetails().errorMessage())
                            .isEqualTo("Policy " + missing + " does not exist or is not attachable."));

            Role described = admin.updateRoleDescription(b -> b.roleName("Admin").description("break glass")).role();
            assertThat(described.description()).isEqualTo("break glass");
            assertThat(described.arn()).isEqualTo("arn:aws:iam::" + account + ":role/Admin");
            assertThat(admin.getRole(b -> b.roleName("Admin")).role().description()).isEqualTo("break glass");
            assertThatThrownBy(() -> admin.updateRoleDescription(b -> b.roleName("Nope").description("x"))).isInstanceOf(NoSuchEntityException.class);
        }
    }
}
