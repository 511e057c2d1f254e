package dev.bulwark.server.it;

import dev.bulwark.server.store.StoreTarget;
import dev.bulwark.server.store.StoreTest;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AccessKey;
import software.amazon.awssdk.services.iam.model.DeleteConflictException;
import software.amazon.awssdk.services.iam.model.EntityAlreadyExistsException;
import software.amazon.awssdk.services.iam.model.EntityType;
import software.amazon.awssdk.services.iam.model.IamException;
import software.amazon.awssdk.services.iam.model.LimitExceededException;
import software.amazon.awssdk.services.iam.model.ListEntitiesForPolicyResponse;
import software.amazon.awssdk.services.iam.model.MalformedPolicyDocumentException;
import software.amazon.awssdk.services.iam.model.NoSuchEntityException;
import software.amazon.awssdk.services.iam.model.Policy;
import software.amazon.awssdk.services.iam.model.PolicyScopeType;
import software.amazon.awssdk.services.iam.model.PolicyVersion;
import software.amazon.awssdk.services.iam.model.Tag;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Customer managed policies through the SDK on both stores: versions and their limits, deletion conflicts with
 * AWS's wording, the entities a policy is attached to, and that the default version is what authorizes.
 */
final class TestIamManagedPolicies
{
    private static final String LIST_USERS = """
            {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"iam:ListUsers","Resource":"*"}]}""";
    private static final String GET_USER = """
            {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"iam:GetUser","Resource":"*"}]}""";

    @StoreTest
    void createPolicyKeepsPathDescriptionAndTagsWithFirstVersionAsDefault(StoreTarget target) throws Exception
    {
        try (RunningServer server = RunningServer.start(target); IamClient iam = server.iam(server.adminCredentials())) {
            Policy created = iam.createPolicy(b -> b.policyName("readers").path("/team/").description("lets people read")
                    .policyDocument(LIST_USERS).tags(Tag.builder().key("owner").value("ops").build())).policy();
            assertThat(created.arn()).isEqualTo("arn:aws:iam::" + server.admin().accountId() + ":policy/team/readers");
            assertThat(created.policyId()).startsWith("ANPA");
            assertThat(created.defaultVersionId()).isEqualTo("v1");
            assertThat(created.tags()).containsExactly(Tag.builder().key("owner").value("ops").build());

            Policy read = iam.getPolicy(b -> b.policyArn(created.arn())).policy();
            assertThat(read.description()).isEqualTo("lets people read");
            assertThat(read.attachmentCount()).isZero();
            assertThat(iam.listPolicyTags(b -> b.policyArn(created.arn())).tags()).extracting(Tag::key).containsExactly("owner");
            iam.tagPolicy(b -> b.policyArn(created.arn()).tags(Tag.builder().key("Owner").value("sec").build(), Tag.builder().key("tier").value("1").build()));
            iam.untagPolicy(b -> b.policyArn(created.arn()).tagKeys("TIER"));
            assertThat(iam.listPolicyTags(b -> b.policyArn(created.arn())).tags()).containsExactly(Tag.builder().key("Owner").value("sec").build());
            assertThat(iam.getPolicy(b -> b.policyArn(created.arn())).policy().tags()).containsExactly(Tag.builder().key("Owner").value("sec").build());

            PolicyVersion v1 = iam.getPolicyVersion(b -> b.policyArn(created.arn()).versionId("v1")).policyVersion();
            assertThat(v1.isDefaultVersion()).isTrue();
            assertThat(URLDecoder.decode(v1.document(), StandardCharsets.UTF_8)).isEqualTo(LIST_USERS);
        }
    }

    @StoreTest
    void createPolicyRefusesDuplicatesMalformedAndOversizedDocuments(StoreTarget target) throws Exception
    {
        try (RunningServer server = RunningServer.start(target); IamClient iam = server.iam(server.adminCredentials())) {
            iam.createPolicy(b -> b.policyName("readers").policyDocument(LIST_USERS));
            assertThatThrownBy(() -> iam.createPolicy(b -> b.policyName("READERS").policyDocument(LIST_USERS)))
                    .isInstanceOfSatisfying(EntityAlreadyExistsException.class, e -> {
                        assertThat(e.statusCode()).isEqualTo(409);
                        assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("A policy called READERS already exists. Duplicate names are not allowed.");
                    });
            assertThatThrownBy(() -> iam.createPolicy(b -> b.policyName("bad").policyDocument("""
                    {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Resource":"*"}]}""")))
                    .isInstanceOfSatisfying(MalformedPolicyDocumentException.class, e -> assertThat(e.statusCode()).isEqualTo(400));
            // A managed policy must be a 2012-10-17 document; IAM says so before anything else.
            assertThatThrownBy(() -> iam.createPolicy(b -> b.policyName("old").policyDocument("""
                    {"Statement":[{"Effect":"denY","Action":"iam:ListUsers","Resource":"*"}]}""")))
                    .isInstanceOfSatisfying(MalformedPolicyDocumentException.class, e -> assertThat(e.awsErrorDetails().errorMessage())
                            .isEqualTo("Policy document must be version 2012-10-17 or greater."));
            assertThatThrownBy(() -> iam.createPolicy(b -> b.policyName("p").path("team").policyDocument(LIST_USERS)))
                    .isInstanceOfSatisfying(IamException.class, e -> {
                        assertThat(e.statusCode()).isEqualTo(400);
                        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationError");
                    });
            assertThatThrownBy(() -> iam.createPolicy(b -> b.policyName("a/b").policyDocument(LIST_USERS)))
                    .isInstanceOfSatisfying(IamException.class, e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationError"));
            String huge = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"iam:ListUsers\",\"Resource\":[\""
                    + "arn:aws:iam::*:user/" + "x".repeat(6200) + "\"]}]}";
            assertThatThrownBy(() -> iam.createPolicy(b -> b.policyName("huge").policyDocument(huge)))
                    .isInstanceOfSatisfying(LimitExceededException.class, e -> assertThat(e.awsErrorDetails().errorMessage()).contains("6144"));
        }
    }

    @StoreTest
    void versionsAreLimitedToFiveAndTheDefaultCannotBeDeleted(StoreTarget target) throws Exception
    {
        try (RunningServer server = RunningServer.start(target); IamClient iam = server.iam(server.adminCredentials())) {
            String arn = iam.createPolicy(b -> b.policyName("p").policyDocument(LIST_USERS)).policy().arn();
            for (int i = 2; i <= 5; i++) {
                PolicyVersion created = iam.createPolicyVersion(b -> b.policyArn(arn).policyDocument(GET_USER)).policyVersion();
                assertThat(created.versionId()).isEqualTo("v" + i);
                assertThat(created.isDefaultVersion()).isFalse();
            }
            assertThatThrownBy(() -> iam.createPolicyVersion(b -> b.policyArn(arn).policyDocument(GET_USER)))
                    .isInstanceOfSatisfying(LimitExceededException.class, e -> {
                        assertThat(e.statusCode()).isEqualTo(409);
                        assertThat(e.awsErrorDetails().errorMessage())
                                .isEqualTo("A managed policy can have up to 5 versions. Before you create a new version, you must delete an existing version.");
                    });

            iam.setDefaultPolicyVersion(b -> b.policyArn(arn).versionId("v3"));
            assertThat(iam.getPolicy(b -> b.policyArn(arn)).policy().defaultVersionId()).isEqualTo("v3");
            assertThatThrownBy(() -> iam.deletePolicyVersion(b -> b.policyArn(arn).versionId("v3")))
                    .isInstanceOfSatisfying(DeleteConflictException.class, e ->
                            assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("Cannot delete the default version of a policy."));
            assertThatThrownBy(() -> iam.setDefaultPolicyVersion(b -> b.policyArn(arn).versionId("v9")))
                    .isInstanceOfSatisfying(NoSuchEntityException.class, e -> assertThat(e.awsErrorDetails().errorMessage())
                            .isEqualTo("Policy " + arn + " version v9 does not exist or is not attachable."));

            iam.deletePolicyVersion(b -> b.policyArn(arn).versionId("v5"));
            // version ids are never reused
            assertThat(iam.createPolicyVersion(b -> b.policyArn(arn).policyDocument(GET_USER)).policyVersion().versionId()).isEqualTo("v6");
            assertThat(iam.listPolicyVersions(b -> b.policyArn(arn)).versions())
                    .extracting(PolicyVersion::versionId, PolicyVersion::isDefaultVersion)
                    .containsExactly(
                            org.assertj.core.groups.Tuple.tuple("v6", false),
                            org.assertj.core.groups.Tuple.tuple("v4", false),
                            org.assertj.core.groups.Tuple.tuple("v3", true),
                            org.assertj.core.groups.Tuple.tuple("v2", false),
                            org.assertj.core.groups.Tuple.tuple("v1", false));
        }
    }

    @StoreTest
    void deletePolicyConflictsWhileAttachedOrVersionedAndListsItsEntities(StoreTarget target) throws Exception
    {
        try (RunningServer server = RunningServer.start(target); IamClient iam = server.iam(server.adminCredentials())) {
            String arn = iam.createPolicy(b -> b.policyName("p").policyDocument(LIST_USERS)).policy().arn();
            iam.createUser(b -> b.userName("bob"));
            iam.createGroup(b -> b.groupName("Readers"));
            iam.attachUserPolicy(b -> b.userName("bob").policyArn(arn));
            iam.attachGroupPolicy(b -> b.groupName("Readers").policyArn(arn));

            ListEntitiesForPolicyResponse all = iam.listEntitiesForPolicy(b -> b.policyArn(arn));
            assertThat(all.policyUsers()).extracting(u -> u.userName()).containsExactly("bob");
            assertThat(all.policyUsers().get(0).userId()).startsWith("AIDA");
            assertThat(all.policyGroups()).extracting(g -> g.groupName()).containsExactly("Readers");
            assertThat(all.policyRoles()).isEmpty();
            ListEntitiesForPolicyResponse groupsOnly = iam.listEntitiesForPolicy(b -> b.policyArn(arn).entityFilter(EntityType.GROUP));
            assertThat(groupsOnly.policyUsers()).isEmpty();
            assertThat(groupsOnly.policyGroups()).hasSize(1);

            assertThatThrownBy(() -> iam.deletePolicy(b -> b.policyArn(arn)))
                    .isInstanceOfSatisfying(DeleteConflictException.class, e -> {
                        assertThat(e.statusCode()).isEqualTo(409);
                        assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("Cannot delete a policy attached to entities.");
                    });
            iam.detachUserPolicy(b -> b.userName("bob").policyArn(arn));
            iam.detachGroupPolicy(b -> b.groupName("Readers").policyArn(arn));
            iam.createPolicyVersion(b -> b.policyArn(arn).policyDocument(GET_USER));
            assertThatThrownBy(() -> iam.deletePolicy(b -> b.policyArn(arn)))
                    .isInstanceOfSatisfying(DeleteConflictException.class, e -> assertThat(e.awsErrorDetails().errorMessage())
                            .isEqualTo("This policy has more than one version. Before you delete a policy, you must delete the policy's versions. "
                                    + "The default version is deleted with the policy."));
            iam.deletePolicyVersion(b -> b.policyArn(arn).versionId("v2"));
            iam.deletePolicy(b -> b.policyArn(arn));
            assertThatThrownBy(() -> iam.getPolicy(b -> b.policyArn(arn))).isInstanceOf(NoSuchEntityException.class);
            assertThatThrownBy(() -> iam.deletePolicy(b -> b.policyArn(arn)))
                    .isInstanceOfSatisfying(NoSuchEntityException.class, e -> assertThat(e.statusCode()).isEqualTo(404));
        }
    }

    @StoreTest
    void theDefaultVersionIsWhatAuthorizesAndChangingItTakesEffectAtOnce(StoreTarget target) throws Exception
    {
        try (RunningServer server = RunningServer.start(target); IamClient admin = server.iam(server.adminCredentials())) {
            AwsCredentialsProvider alice = userWithKey(admin, "alice");
            String arn = admin.createPolicy(b -> b.policyName("p").policyDocument(LIST_USERS)).policy().arn();
            admin.attachUserPolicy(b -> b.userName("alice").policyArn(arn));
            try (IamClient iam = server.iam(alice)) {
                assertThat(iam.listUsers().users()).isNotEmpty();
                admin.createPolicyVersion(b -> b.policyArn(arn).policyDocument(GET_USER));
                assertThat(iam.listUsers().users()).as("a non-default version grants nothing").isNotEmpty();

                admin.createPolicyVersion(b -> b.policyArn(arn).policyDocument(GET_USER).setAsDefault(true));
                assertThatThrownBy(iam::listUsers).isInstanceOfSatisfying(IamException.class, e -> assertThat(e.statusCode()).isEqualTo(403));
                assertThat(iam.getUser(b -> b.userName("alice")).user().userName()).isEqualTo("alice");

                admin.setDefaultPolicyVersion(b -> b.policyArn(arn).versionId("v1"));
                assertThat(iam.listUsers().users()).isNotEmpty();
            }
        }
    }

    @StoreTest
    void awsManagedPoliciesCannotBeChanged(StoreTarget target) throws Exception
    {
        String administratorAccess = "arn:aws:iam::aws:policy/AdministratorAccess";
        try (RunningServer server = RunningServer.start(target); IamClient iam = server.iam(server.adminCredentials())) {
            // refused before or by the handler: the authorizer currently treats the "aws" account as foreign (AccessDenied),
            // the handler answers UnmodifiableEntity for a caller allowed that far
            assertThatThrownBy(() -> iam.deletePolicy(b -> b.policyArn(administratorAccess)))
                    .isInstanceOfSatisfying(IamException.class, e -> assertThat(e.awsErrorDetails().errorCode()).isIn("AccessDenied", "UnmodifiableEntity"));
            assertThatThrownBy(() -> iam.createPolicyVersion(b -> b.policyArn(administratorAccess).policyDocument(GET_USER).setAsDefault(true)))
                    .isInstanceOfSatisfying(IamException.class, e -> assertThat(e.awsErrorDetails().errorCode()).isIn("AccessDenied", "UnmodifiableEntity"));
            assertThat(iam.listPolicies(b -> b.scope(PolicyScopeType.AWS)).policies())
                    .filteredOn(policy -> policy.arn().equals(administratorAccess))
                    .singleElement()
                    .satisfies(policy -> assertThat(policy.defaultVersionId()).isEqualTo("v1"));
        }
    }

    static AwsCredentialsProvider userWithKey(IamClient admin, String name)
    {
        admin.createUser(b -> b.userName(name));
        AccessKey key = admin.createAccessKey(b -> b.userName(name)).accessKey();
        return RunningServer.credentials(key.accessKeyId(), key.secretAccessKey());
    }
}
