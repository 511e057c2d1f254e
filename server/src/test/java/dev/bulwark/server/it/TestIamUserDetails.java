package dev.bulwark.server.it;

import dev.bulwark.server.services.iam.AccessKeyUsage;
import dev.bulwark.server.services.iam.IamStore;
import dev.bulwark.server.services.iam.model.IamIds;
import dev.bulwark.server.store.SecretBox;
import dev.bulwark.server.store.StoreTarget;
import dev.bulwark.server.store.StoreTest;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AccessKeyLastUsed;
import software.amazon.awssdk.services.iam.model.DeleteConflictException;
import software.amazon.awssdk.services.iam.model.EntityAlreadyExistsException;
import software.amazon.awssdk.services.iam.model.IamException;
import software.amazon.awssdk.services.iam.model.InvalidInputException;
import software.amazon.awssdk.services.iam.model.LimitExceededException;
import software.amazon.awssdk.services.iam.model.NoSuchEntityException;
import software.amazon.awssdk.services.iam.model.PolicyUsageType;
import software.amazon.awssdk.services.iam.model.PolicyUser;
import software.amazon.awssdk.services.iam.model.Tag;
import software.amazon.awssdk.services.iam.model.User;
import software.amazon.awssdk.services.sts.StsClient;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.stream.IntStream;

import static dev.bulwark.server.it.TestIamManagedPolicies.userWithKey;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Users' details through the SDK on both stores: permissions boundaries limiting even AdministratorAccess,
 * renames and moves, tags, and access keys' last use.
 */
final class TestIamUserDetails
{
    private static final String ADMINISTRATOR_ACCESS = "arn:aws:iam::aws:policy/AdministratorAccess";
    private static final String READ_USERS = """
            {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["iam:ListUsers","iam:GetUser"],"Resource":"*"}]}""";

    @StoreTest
    void permissionsBoundaryLimitsAdministratorAccessUntilRemoved(StoreTarget target) throws Exception
    {
        try (RunningServer server = RunningServer.start(target); IamClient admin = server.iam(server.adminCredentials())) {
            AwsCredentialsProvider alice = userWithKey(admin, "alice");
            admin.attachUserPolicy(b -> b.userName("alice").policyArn(ADMINISTRATOR_ACCESS));
            String boundary = admin.createPolicy(b -> b.policyName("read-users").policyDocument(READ_USERS)).policy().arn();
            try (IamClient iam = server.iam(alice)) {
                iam.createUser(b -> b.userName("before-boundary"));

                admin.putUserPermissionsBoundary(b -> b.userName("alice").permissionsBoundary(boundary));
                assertThat(admin.getUser(b -> b.userName("alice")).user().permissionsBoundary().permissionsBoundaryArn()).isEqualTo(boundary);
                assertThat(iam.listUsers().users()).extracting(User::userName).contains("alice", "before-boundary");
                assertThatThrownBy(() -> iam.createUser(b -> b.userName("under-boundary")))
                        .isInstanceOfSatisfying(IamException.class, e -> {
                            assertThat(e.statusCode()).isEqualTo(403);
                            assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("User: arn:aws:iam::" + server.admin().accountId()
                                    + ":user/alice is not authorized to perform: iam:CreateUser on resource: arn:aws:iam::" + server.admin().accountId()
                                    + ":user/under-boundary because no permissions boundary allows the iam:CreateUser action");
                        });
                assertThat(admin.getPolicy(b -> b.policyArn(boundary)).policy().permissionsBoundaryUsageCount()).isEqualTo(1);
                assertThat(admin.listEntitiesForPolicy(b -> b.policyArn(boundary).policyUsageFilter(PolicyUsageType.PERMISSIONS_BOUNDARY)).policyUsers())
                        .extracting(PolicyUser::userName).containsExactly("alice");
                assertThat(admin.listEntitiesForPolicy(b -> b.policyArn(boundary).policyUsageFilter(PolicyUsageType.PERMISSIONS_POLICY)).policyUsers())
                        .as("a boundary is not an attachment").isEmpty();
                assertThatThrownBy(() -> admin.deletePolicy(b -> b.policyArn(boundary)))
                        .as("a policy in use as a boundary is attached to an entity")
                        .isInstanceOf(DeleteConflictException.class);

                admin.deleteUserPermissionsBoundary(b -> b.userName("alice"));
                assertThat(admin.getUser(b -> b.userName("alice")).user().permissionsBoundary()).isNull();
                iam.createUser(b -> b.userName("after-boundary"));
            }
            String missing = "arn:aws:iam::" + server.admin().accountId() + ":policy/missing";
            assertThatThrownBy(() -> admin.putUserPermissionsBoundary(b -> b.userName("alice").permissionsBoundary(missing)))
                    .isInstanceOfSatisfying(NoSuchEntityException.class, e -> assertThat(e.awsErrorDetails().errorMessage())
                            .isEqualTo("Policy " + missing + " does not exist or is not attachable."));
            assertThatThrownBy(() -> admin.createUser(b -> b.userName("bounded").permissionsBoundary(missing)))
                    .as("CreateUser refuses a boundary that does not exist rather than ignoring it")
                    .isInstanceOf(NoSuchEntityException.class);
            assertThat(admin.createUser(b -> b.userName("bounded").permissionsBoundary(boundary)).user().permissionsBoundary().permissionsBoundaryArn())
                    .isEqualTo(boundary);
            assertThatThrownBy(() -> admin.putUserPermissionsBoundary(b -> b.userName("nobody").permissionsBoundary(boundary)))
                    .isInstanceOfSatisfying(NoSuchEntityException.class, e -> assertThat(e.awsErrorDetails().errorMessage())
                            .isEqualTo("The user with name nobody cannot be found."));
        }
    }

    @StoreTest
    void updateUserRenamesAndMovesAndTheKeyFollows(StoreTarget target) throws Exception
    {
        try (RunningServer server = RunningServer.start(target); IamClient admin = server.iam(server.adminCredentials())) {
            AwsCredentialsProvider bob = userWithKey(admin, "bob");
            admin.createUser(b -> b.userName("carol"));
            try (StsClient sts = server.sts(bob)) {
                assertThat(sts.getCallerIdentity().arn()).endsWith(":user/bob");
                admin.updateUser(b -> b.userName("bob").newUserName("robert").newPath("/eng/"));
                assertThat(sts.getCallerIdentity().arn()).isEqualTo("arn:aws:iam::" + server.admin().accountId() + ":user/eng/robert");
            }
            User robert = admin.getUser(b -> b.userName("robert")).user();
            assertThat(robert.path()).isEqualTo("/eng/");
            assertThatThrownBy(() -> admin.getUser(b -> b.userName("bob"))).isInstanceOf(NoSuchEntityException.class);
            assertThatThrownBy(() -> admin.updateUser(b -> b.userName("robert").newUserName("Carol")))
                    .isInstanceOfSatisfying(EntityAlreadyExistsException.class, e -> {
                        assertThat(e.statusCode()).isEqualTo(409);
                        assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("User with name Carol already exists.");
                    });
            assertThatThrownBy(() -> admin.updateUser(b -> b.userName("nobody").newPath("/x/")))
                    .isInstanceOfSatisfying(NoSuchEntityException.class, e -> assertThat(e.awsErrorDetails().errorMessage())
                            .isEqualTo("The user with name nobody cannot be found."));
            admin.updateUser(b -> b.userName("robert").newUserName("Robert"));
            assertThat(admin.getUser(b -> b.userName("robert")).user().userName()).as("a change of case is a rename").isEqualTo("Robert");
        }
    }

    @StoreTest
    void userTagsReplaceKeysIgnoringCaseAndStopAtFifty(StoreTarget target) throws Exception
    {
        try (RunningServer server = RunningServer.start(target); IamClient iam = server.iam(server.adminCredentials())) {
            iam.createUser(b -> b.userName("bob"));
            iam.tagUser(b -> b.userName("bob").tags(tag("Team", "blue"), tag("cost", "42")));
            iam.tagUser(b -> b.userName("bob").tags(tag("team", "red")));
            assertThat(iam.listUserTags(b -> b.userName("bob")).tags()).containsExactly(tag("cost", "42"), tag("team", "red"));
            iam.untagUser(b -> b.userName("bob").tagKeys("COST", "absent"));
            assertThat(iam.listUserTags(b -> b.userName("bob")).tags()).containsExactly(tag("team", "red"));

            List<Tag> fifty = IntStream.range(0, 50).mapToObj(i -> tag("k" + i, "v")).toList();
            assertThatThrownBy(() -> iam.tagUser(b -> b.userName("bob").tags(fifty)))
                    .isInstanceOfSatisfying(LimitExceededException.class, e -> assertThat(e.statusCode()).isEqualTo(409));
            assertThatThrownBy(() -> iam.tagUser(b -> b.userName("bob").tags(tag("a", "1"), tag("A", "2"))))
                    .isInstanceOf(InvalidInputException.class);
            assertThatThrownBy(() -> iam.listUserTags(b -> b.userName("nobody"))).isInstanceOf(NoSuchEntityException.class);

            iam.createUser(b -> b.userName("carol").tags(tag("team", "green")));
            assertThat(iam.getUser(b -> b.userName("carol")).user().tags()).as("CreateUser keeps its tags; GetUser returns them")
                    .containsExactly(tag("team", "green"));
        }
    }

    @StoreTest
    void accessKeyLastUsedReportsNotApplicableUntilAUseIsRecorded(StoreTarget target) throws Exception
    {
        try (RunningServer server = RunningServer.start(target); IamClient iam = server.iam(server.adminCredentials())) {
            iam.createUser(b -> b.userName("bob"));
            String keyId = iam.createAccessKey(b -> b.userName("bob")).accessKey().accessKeyId();
            AccessKeyLastUsed never = iam.getAccessKeyLastUsed(b -> b.accessKeyId(keyId)).accessKeyLastUsed();
            assertThat(never.lastUsedDate()).isNull();
            assertThat(never.serviceName()).isEqualTo("N/A");
            assertThat(never.region()).isEqualTo("N/A");

            // what AuthenticateStep does on each signed request, then the periodic flush
            IamStore store = new IamStore(SecretBox.openOrCreate(target.dataDir()), IamIds.secure(), Clock.systemUTC());
            try (AccessKeyUsage usage = new AccessKeyUsage(server.server().store(), store)) {
                usage.used(keyId, "s3", "eu-west-1", Instant.parse("2026-03-04T05:06:07.890Z"));
            }
            AccessKeyLastUsed used = iam.getAccessKeyLastUsed(b -> b.accessKeyId(keyId)).accessKeyLastUsed();
            assertThat(used.lastUsedDate()).isEqualTo(Instant.parse("2026-03-04T05:06:07Z"));
            assertThat(used.serviceName()).isEqualTo("s3");
            assertThat(used.region()).isEqualTo("eu-west-1");
            assertThat(iam.getAccessKeyLastUsed(b -> b.accessKeyId(keyId)).userName()).isEqualTo("bob");

            assertThatThrownBy(() -> iam.getAccessKeyLastUsed(b -> b.accessKeyId("AKIAIOSFODNN7EXAMPLE")))
                    .isInstanceOf(NoSuchEntityException.class);
        }
    }

    private static Tag tag(String key, String value)
    {
        return Tag.builder().key(key).value(value).build();
    }
}
