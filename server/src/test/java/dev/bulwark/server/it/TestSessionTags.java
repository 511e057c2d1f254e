package dev.bulwark.server.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bulwark.server.audit.AuditRecord;
import dev.bulwark.server.audit.AuditStore;
import dev.bulwark.server.store.StoreTarget;
import dev.bulwark.server.store.StoreTest;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AccessKey;
import software.amazon.awssdk.services.iam.model.IamException;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.AssumeRoleResponse;
import software.amazon.awssdk.services.sts.model.Credentials;
import software.amazon.awssdk.services.sts.model.GetFederationTokenResponse;
import software.amazon.awssdk.services.sts.model.PackedPolicyTooLargeException;
import software.amazon.awssdk.services.sts.model.StsException;
import software.amazon.awssdk.services.sts.model.Tag;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Principal tags and STS session tags end to end with the AWS SDK (AWS's "Passing session tags in AWS STS"):
 * {@code aws:PrincipalTag} of users, role sessions and federated users; session tags overriding role tags;
 * transitive tags through role chains; {@code sts:TagSession} in trust policies; limits and AWS's errors; ABAC.
 */
final class TestSessionTags
{
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String OVERRIDE_TRANSITIVE = "One of the specified transitive tag keys can't be set because it conflicts with a transitive tag key "
            + "from the calling session.";

    @StoreTest
    void principalTagConditionFollowsTheUsersTags(StoreTarget target) throws Exception
    {
        try (RunningServer server = RunningServer.start(target); IamClient admin = server.iam(server.adminCredentials())) {
            String blueOnly = """
                    {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"iam:ListUsers","Resource":"*",
                      "Condition":{"StringEquals":{"aws:PrincipalTag/team":"blue"}}}]}""";
            AwsCredentialsProvider tagged = newUserWithKey(admin, "tagged");
            AwsCredentialsProvider untagged = newUserWithKey(admin, "untagged");
            admin.tagUser(b -> b.userName("tagged").tags(t -> t.key("team").value("blue")));
            for (String user : List.of("tagged", "untagged")) {
                admin.putUserPolicy(b -> b.userName(user).policyName("blue").policyDocument(blueOnly));
            }
            try (IamClient taggedIam = server.iam(tagged); IamClient untaggedIam = server.iam(untagged)) {
                assertThat(taggedIam.listUsers().users()).isNotEmpty();
                assertThatThrownBy(untaggedIam::listUsers)
                        .isInstanceOfSatisfying(IamException.class, e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("AccessDenied"));

                // Tags are cached with the policies and forgotten when IAM changes the account.
                admin.tagUser(b -> b.userName("untagged").tags(t -> t.key("Team").value("blue")));
                assertThat(untaggedIam.listUsers().users()).isNotEmpty();
                admin.untagUser(b -> b.userName("tagged").tagKeys("team"));
                assertThatThrownBy(taggedIam::listUsers).isInstanceOf(IamException.class);
            }
        }
    }

    @StoreTest
    void sessionTagsOverrideRoleTagsAndTransitiveTagsSurviveChaining(StoreTarget target) throws Exception
    {
        try (RunningServer server = RunningServer.start(target); IamClient admin = server.iam(server.adminCredentials());
                StsClient adminSts = server.sts(server.adminCredentials())) {
            String account = server.admin().accountId();
            String first = createTaggableRole(admin, account, "First", """
                    {"Version":"2012-10-17","Statement":[
                      {"Effect":"Allow","Action":["sts:AssumeRole","sts:TagSession"],"Resource":"*"},
                      {"Effect":"Allow","Action":"iam:ListUsers","Resource":"*","Condition":{"StringEquals":{"aws:PrincipalTag/team":"red"}}},
                      {"Effect":"Allow","Action":"iam:ListRoles","Resource":"*","Condition":{"StringEquals":{"aws:PrincipalTag/team":"blue"}}}]}""");
            admin.tagRole(b -> b.roleName("First").tags(t -> t.key("team").value("blue")));
            String second = createTaggableRole(admin, account, "Second", """
                    {"Version":"2012-10-17","Statement":[
                      {"Effect":"Allow","Action":["sts:AssumeRole","sts:TagSession"],"Resource":"*"},
                      {"Effect":"Allow","Action":"iam:ListUsers","Resource":"*","Condition":{"StringEquals":{"aws:PrincipalTag/project":"apollo"}}},
                      {"Effect":"Allow","Action":"iam:ListGroups","Resource":"*","Condition":{"StringEquals":{"aws:PrincipalTag/team":"red"}}}]}""");
            String third = createTaggableRole(admin, account, "Third", "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":"
                    + "\"iam:ListUsers\",\"Resource\":\"*\",\"Condition\":{\"StringEquals\":{\"aws:PrincipalTag/project\":\"apollo\"}}}]}");

            // Without session tags the role's own tag is the principal tag.
            try (IamClient plain = server.iam(TestRoleSessions.session(adminSts.assumeRole(b -> b.roleArn(first).roleSessionName("plain")).credentials()))) {
                assertThat(plain.listRoles().roles()).isNotEmpty();
                assertThatThrownBy(plain::listUsers).isInstanceOf(IamException.class);
            }

            AssumeRoleResponse tagged = adminSts.assumeRole(b -> b.roleArn(first).roleSessionName("tagged")
                    .tags(tag("Team", "red"), tag("project", "apollo")).transitiveTagKeys("project"));
            assertThat(tagged.packedPolicySize()).isBetween(1, 100);
            try (IamClient iam = server.iam(TestRoleSessions.session(tagged.credentials()));
                    StsClient sts = server.sts(TestRoleSessions.session(tagged.credentials()))) {
                assertThat(iam.listUsers().users()).as("the session tag team=red overrides the role's team=blue").isNotEmpty();
                assertThatThrownBy(iam::listRoles).isInstanceOf(IamException.class);

                AssumeRoleResponse chained = sts.assumeRole(b -> b.roleArn(second).roleSessionName("chained"));
                try (IamClient chainedIam = server.iam(TestRoleSessions.session(chained.credentials()));
                        StsClient chainedSts = server.sts(TestRoleSessions.session(chained.credentials()))) {
                    assertThat(chainedIam.listUsers().users()).as("the transitive project tag passed on").isNotEmpty();
                    assertThatThrownBy(chainedIam::listGroups).as("team was not transitive").isInstanceOf(IamException.class);

                    // The inherited tag stays transitive: a third hop still carries it ...
                    Credentials thirdHop = chainedSts.assumeRole(b -> b.roleArn(third).roleSessionName("third")).credentials();
                    try (IamClient thirdIam = server.iam(TestRoleSessions.session(thirdHop))) {
                        assertThat(thirdIam.listUsers().users()).isNotEmpty();
                    }
                    // ... and no later hop may set its value, in any case.
                    for (String key : List.of("project", "PROJECT")) {
                        assertThatThrownBy(() -> chainedSts.assumeRole(b -> b.roleArn(third).roleSessionName("override").tags(tag(key, "gemini"))))
                                .isInstanceOfSatisfying(StsException.class, e -> {
                                    assertThat(e.statusCode()).isEqualTo(400);
                                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidParameterValue");
                                    assertThat(e.awsErrorDetails().errorMessage()).isEqualTo(OVERRIDE_TRANSITIVE);
                                });
                    }
                }
            }

            // CloudTrail: AssumeRole records the tags it was passed and, in a chain, the ones inherited; calls made with a
            // tagged session show the usual sessionContext, without tags.
            server.server().audit().flush();
            List<AuditRecord> events = server.server().store().readOnly(tx -> new AuditStore().recent(tx, account, 300));
            JsonNode firstHop = event(events, "AssumeRole", e -> e.at("/requestParameters/roleSessionName").asText().equals("tagged"));
            assertThat(firstHop.at("/requestParameters/tags/0/key").asText()).isEqualTo("Team");
            assertThat(firstHop.at("/requestParameters/tags/0/value").asText()).isEqualTo("red");
            assertThat(firstHop.at("/requestParameters/transitiveTagKeys/0").asText()).isEqualTo("project");
            assertThat(firstHop.at("/requestParameters").has("incomingTransitiveTags")).isFalse();
            JsonNode secondHop = event(events, "AssumeRole", e -> e.at("/requestParameters/roleSessionName").asText().equals("chained"));
            assertThat(secondHop.at("/requestParameters/incomingTransitiveTags/project").asText()).isEqualTo("apollo");
            assertThat(secondHop.at("/requestParameters/incomingTransitiveTags").size()).isEqualTo(1);
            JsonNode listUsers = event(events, "ListUsers", e -> e.at("/userIdentity/arn").asText().endsWith(":assumed-role/First/tagged"));
            assertThat(listUsers.at("/userIdentity/sessionContext/sessionIssuer/arn").asText()).isEqualTo(first);
            assertThat(listUsers.at("/userIdentity/sessionContext").toString()).doesNotContain("apollo").doesNotContain("red");
        }
    }

    @StoreTest
    void trustPolicyMustAllowTagSession(StoreTarget target) throws Exception
    {
        try (RunningServer server = RunningServer.start(target); IamClient admin = server.iam(server.adminCredentials());
                StsClient adminSts = server.sts(server.adminCredentials())) {
            String account = server.admin().accountId();
            String untaggable = admin.createRole(b -> b.roleName("NoTags").assumeRolePolicyDocument(TestIamRoles.trustAccount(account))).role().arn();
            assertThat(adminSts.assumeRole(b -> b.roleArn(untaggable).roleSessionName("s1")).credentials()).isNotNull();
            assertThatThrownBy(() -> adminSts.assumeRole(b -> b.roleArn(untaggable).roleSessionName("s1").tags(tag("team", "blue"))))
                    .isInstanceOfSatisfying(StsException.class, e -> {
                        assertThat(e.statusCode()).isEqualTo(403);
                        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("AccessDenied");
                        assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("User: " + server.admin().adminArn()
                                + " is not authorized to perform: sts:TagSession on resource: " + untaggable);
                    });

            // The trust policy decides which tags and which transitive keys may be passed.
            String roleArn = admin.createRole(b -> b.roleName("Picky").assumeRolePolicyDocument("""
                    {"Version":"2012-10-17","Statement":[
                      {"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::%1$s:root"},"Action":"sts:AssumeRole",
                       "Condition":{"StringLike":{"aws:RequestTag/team":"*"}}},
                      {"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::%1$s:root"},"Action":"sts:TagSession",
                       "Condition":{"StringEquals":{"aws:RequestTag/team":["blue","green"]},"ForAllValues:StringEquals":{"sts:TransitiveTagKeys":["team"],
                       "aws:TagKeys":["team","cost"]}}}]}""".formatted(account))).role().arn();
            assertThat(adminSts.assumeRole(b -> b.roleArn(roleArn).roleSessionName("ok").tags(tag("team", "blue"), tag("cost", "7"))
                    .transitiveTagKeys("team")).credentials()).isNotNull();
            List<Consumer<software.amazon.awssdk.services.sts.model.AssumeRoleRequest.Builder>> refused = List.of(
                    b -> b.roleArn(roleArn).roleSessionName("none"),
                    b -> b.roleArn(roleArn).roleSessionName("red").tags(tag("team", "red")),
                    b -> b.roleArn(roleArn).roleSessionName("cost").tags(tag("team", "blue"), tag("cost", "7")).transitiveTagKeys("cost"),
                    b -> b.roleArn(roleArn).roleSessionName("extra").tags(tag("team", "blue"), tag("owner", "me")));
            for (Consumer<software.amazon.awssdk.services.sts.model.AssumeRoleRequest.Builder> request : refused) {
                assertThatThrownBy(() -> adminSts.assumeRole(request))
                        .isInstanceOfSatisfying(StsException.class, e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("AccessDenied"));
            }
        }
    }

    @StoreTest
    void invalidTagsAreRefusedWithStsWording(StoreTarget target) throws Exception
    {
        try (RunningServer server = RunningServer.start(target); IamClient admin = server.iam(server.adminCredentials());
                StsClient adminSts = server.sts(server.adminCredentials())) {
            String account = server.admin().accountId();
            String roleArn = createTaggableRole(admin, account, "App", null);
            assertInvalid(() -> adminSts.assumeRole(b -> b.roleArn(roleArn).roleSessionName("dup").tags(tag("team", "a"), tag("Team", "b"))),
                    "InvalidParameterValue", "Duplicate tag keys found. Please note that Tag keys are case insensitive.");
            assertInvalid(() -> adminSts.assumeRole(b -> b.roleArn(roleArn).roleSessionName("tr").tags(tag("team", "a")).transitiveTagKeys("cost")),
                    "InvalidParameterValue", "The specified transitive tag key must be included in the requested tags.");
            assertInvalid(() -> adminSts.assumeRole(b -> b.roleArn(roleArn).roleSessionName("tr").transitiveTagKeys("team")),
                    "InvalidParameterValue", "The specified transitive tag key must be included in the requested tags.");
            assertThat(adminSts.assumeRole(b -> b.roleArn(roleArn).roleSessionName("tr").tags(tag("Team", "a")).transitiveTagKeys("team")).credentials())
                    .as("transitive keys match tag keys ignoring case").isNotNull();

            List<Tag> fiftyOne = new ArrayList<>();
            for (int i = 0; i < 51; i++) {
                fiftyOne.add(tag("k" + i, "v"));
            }
            assertThatThrownBy(() -> adminSts.assumeRole(b -> b.roleArn(roleArn).roleSessionName("many").tags(fiftyOne)))
                    .isInstanceOfSatisfying(StsException.class, e -> {
                        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationError");
                        assertThat(e.awsErrorDetails().errorMessage()).contains("'tags'").contains("50");
                    });
            assertThat(adminSts.assumeRole(b -> b.roleArn(roleArn).roleSessionName("fifty").tags(fiftyOne.subList(0, 50))).packedPolicySize())
                    .isBetween(1, 100);
            assertThatThrownBy(() -> adminSts.assumeRole(b -> b.roleArn(roleArn).roleSessionName("long").tags(tag("k".repeat(129), "v"))))
                    .isInstanceOfSatisfying(StsException.class, e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationError"));
            assertThatThrownBy(() -> adminSts.assumeRole(b -> b.roleArn(roleArn).roleSessionName("long").tags(tag("k", "v".repeat(257)))))
                    .isInstanceOfSatisfying(StsException.class, e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationError"));

            // Fifty tags at the longest key and value do not fit the packed budget together.
            List<Tag> large = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                large.add(tag(String.format("%03d", i) + "k".repeat(125), "v".repeat(256)));
            }
            assertThatThrownBy(() -> adminSts.assumeRole(b -> b.roleArn(roleArn).roleSessionName("big").tags(large)))
                    .isInstanceOfSatisfying(PackedPolicyTooLargeException.class, e -> assertThat(e.awsErrorDetails().errorMessage())
                            .matches("Packed policy consumes \\d+% of allotted space, please use smaller policy\\."));
        }
    }

    @StoreTest
    void sourceIdentityPersistsThroughChainingAndCannotChange(StoreTarget target) throws Exception
    {
        try (RunningServer server = RunningServer.start(target); IamClient admin = server.iam(server.adminCredentials());
                StsClient adminSts = server.sts(server.adminCredentials())) {
            String account = server.admin().accountId();
            String trust = """
                    {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::%s:root"},
                      "Action":["sts:AssumeRole","sts:SetSourceIdentity"]}]}""".formatted(account);
            String first = admin.createRole(b -> b.roleName("First").assumeRolePolicyDocument(trust)).role().arn();
            admin.putRolePolicy(b -> b.roleName("First").policyName("chain").policyDocument("""
                    {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["sts:AssumeRole","sts:SetSourceIdentity"],"Resource":"*"}]}"""));
            String second = admin.createRole(b -> b.roleName("Second").assumeRolePolicyDocument(trust)).role().arn();
            String noSetSourceIdentity = admin.createRole(b -> b.roleName("Plain").assumeRolePolicyDocument(TestIamRoles.trustAccount(account))).role().arn();

            assertThatThrownBy(() -> adminSts.assumeRole(b -> b.roleArn(noSetSourceIdentity).roleSessionName("s1").sourceIdentity("alice")))
                    .isInstanceOfSatisfying(StsException.class, e -> assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("User: "
                            + server.admin().adminArn() + " is not authorized to perform: sts:SetSourceIdentity on resource: " + noSetSourceIdentity));
            AssumeRoleResponse assumed = adminSts.assumeRole(b -> b.roleArn(first).roleSessionName("s1").sourceIdentity("alice"));
            assertThat(assumed.sourceIdentity()).isEqualTo("alice");
            try (StsClient sts = server.sts(TestRoleSessions.session(assumed.credentials()))) {
                assertThat(sts.assumeRole(b -> b.roleArn(second).roleSessionName("s2")).sourceIdentity()).isEqualTo("alice");
                assertThat(sts.assumeRole(b -> b.roleArn(second).roleSessionName("s2").sourceIdentity("alice")).sourceIdentity()).isEqualTo("alice");
                assertThatThrownBy(() -> sts.assumeRole(b -> b.roleArn(second).roleSessionName("s2").sourceIdentity("mallory")))
                        .isInstanceOfSatisfying(StsException.class, e -> {
                            assertThat(e.statusCode()).isEqualTo(403);
                            assertThat(e.awsErrorDetails().errorCode()).isEqualTo("AccessDenied");
                        });
                // The inherited source identity is set on the next role too, which must allow it.
                assertThatThrownBy(() -> sts.assumeRole(b -> b.roleArn(noSetSourceIdentity).roleSessionName("s2")))
                        .isInstanceOfSatisfying(StsException.class, e -> assertThat(e.awsErrorDetails().errorMessage()).contains("sts:SetSourceIdentity"));
            }
        }
    }

    @StoreTest
    void federatedUsersCarryTheirUsersTagsOverriddenBySessionTags(StoreTarget target) throws Exception
    {
        try (RunningServer server = RunningServer.start(target); IamClient admin = server.iam(server.adminCredentials())) {
            AwsCredentialsProvider alice = newUserWithKey(admin, "alice");
            admin.tagUser(b -> b.userName("alice").tags(t -> t.key("team").value("blue"), t -> t.key("dept").value("eng")));
            admin.putUserPolicy(b -> b.userName("alice").policyName("federate").policyDocument("""
                    {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["sts:GetFederationToken","sts:GetAccessKeyInfo"],"Resource":"*"}]}"""));
            String redEngineers = """
                    {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"sts:GetAccessKeyInfo","Resource":"*",
                      "Condition":{"StringEquals":{"aws:PrincipalTag/team":"red","aws:PrincipalTag/dept":"eng"}}}]}""";
            try (StsClient sts = server.sts(alice)) {
                assertThatThrownBy(() -> sts.getFederationToken(b -> b.name("fed").policy(redEngineers).tags(tag("team", "red"))))
                        .as("passing tags needs sts:TagSession").isInstanceOfSatisfying(StsException.class, e -> {
                            assertThat(e.awsErrorDetails().errorCode()).isEqualTo("AccessDenied");
                            assertThat(e.awsErrorDetails().errorMessage()).contains("sts:TagSession");
                        });
                admin.putUserPolicy(b -> b.userName("alice").policyName("tag").policyDocument("""
                        {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"sts:TagSession","Resource":"*"}]}"""));
                assertInvalid(() -> sts.getFederationToken(b -> b.name("fed").tags(tag("team", "red"), tag("TEAM", "blue"))),
                        "InvalidParameterValue", "Duplicate tag keys found. Please note that Tag keys are case insensitive.");

                GetFederationTokenResponse red = sts.getFederationToken(b -> b.name("fed").policy(redEngineers).tags(tag("team", "red")));
                assertThat(red.packedPolicySize()).isBetween(1, 100);
                GetFederationTokenResponse plain = sts.getFederationToken(b -> b.name("fed").policy(redEngineers));
                try (StsClient redSts = server.sts(TestRoleSessions.session(red.credentials()));
                        StsClient plainSts = server.sts(TestRoleSessions.session(plain.credentials()))) {
                    assertThat(redSts.getAccessKeyInfo(b -> b.accessKeyId(red.credentials().accessKeyId())).account()).isEqualTo(server.admin().accountId());
                    assertThatThrownBy(() -> plainSts.getAccessKeyInfo(b -> b.accessKeyId(plain.credentials().accessKeyId())))
                            .isInstanceOfSatisfying(StsException.class, e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("AccessDenied"));
                }
            }
        }
    }

    @StoreTest
    void abacOnRolesComparesResourceTagsWithPrincipalTags(StoreTarget target) throws Exception
    {
        try (RunningServer server = RunningServer.start(target); IamClient admin = server.iam(server.adminCredentials())) {
            String account = server.admin().accountId();
            AwsCredentialsProvider bob = newUserWithKey(admin, "bob");
            admin.tagUser(b -> b.userName("bob").tags(t -> t.key("team").value("blue")));
            admin.putUserPolicy(b -> b.userName("bob").policyName("abac").policyDocument("""
                    {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["iam:GetRole","iam:UpdateRoleDescription"],"Resource":"arn:aws:iam::*:role/*",
                      "Condition":{"StringEquals":{"aws:ResourceTag/team":"${aws:PrincipalTag/team}"}}}]}"""));
            admin.createRole(b -> b.roleName("BlueApp").assumeRolePolicyDocument(TestIamRoles.trustAccount(account)).tags(t -> t.key("team").value("blue")));
            admin.createRole(b -> b.roleName("RedApp").assumeRolePolicyDocument(TestIamRoles.trustAccount(account)).tags(t -> t.key("team").value("red")));
            admin.createRole(b -> b.roleName("Untagged").assumeRolePolicyDocument(TestIamRoles.trustAccount(account)));
            try (IamClient iam = server.iam(bob)) {
                assertThat(iam.getRole(b -> b.roleName("BlueApp")).role().roleName()).isEqualTo("BlueApp");
                iam.updateRoleDescription(b -> b.roleName("BlueApp").description("blue team's"));
                for (String role : List.of("RedApp", "Untagged")) {
                    assertThatThrownBy(() -> iam.getRole(b -> b.roleName(role)))
                            .isInstanceOfSatisfying(IamException.class, e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("AccessDenied"));
                }
                // Retagging bob moves him to the other team's roles.
                admin.tagUser(b -> b.userName("bob").tags(t -> t.key("team").value("red")));
                assertThat(iam.getRole(b -> b.roleName("RedApp")).role().roleName()).isEqualTo("RedApp");
                assertThatThrownBy(() -> iam.getRole(b -> b.roleName("BlueApp"))).isInstanceOf(IamException.class);
            }
        }
    }

    @StoreTest
    void webIdentityTokensPassSessionTags(StoreTarget target, @org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception
    {
        try (RunningServer server = RunningServer.start(target); IamClient admin = server.iam(server.adminCredentials());
                LocalIdentityProvider idp = LocalIdentityProvider.start(dir.resolve("idp")); StsClient sts = TestWebIdentityFederation.unsigned(server)) {
            String account = server.admin().accountId();
            String providerArn = TestWebIdentityFederation.setUp(admin, idp, account);
            String roleArn = "arn:aws:iam::" + account + ":role/Deployer";
            admin.putRolePolicy(b -> b.roleName("Deployer").policyName("red-only").policyDocument("""
                    {"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":"iam:ListUsers","Resource":"*",
                      "Condition":{"StringNotEquals":{"aws:PrincipalTag/team":"red"}}}]}"""));
            String tagged = idp.rs256(idp.claims(TestWebIdentityFederation.CLIENT_ID, TestWebIdentityFederation.SUBJECT, java.time.Instant.now())
                    + ",\"https://aws.amazon.com/tags\":{\"principal_tags\":{\"team\":[\"red\"],\"project\":[\"apollo\"]},\"transitive_tag_keys\":[\"project\"]}");
            assertThatThrownBy(() -> sts.assumeRoleWithWebIdentity(b -> b.roleArn(roleArn).roleSessionName("ci").webIdentityToken(tagged)))
                    .as("the trust policy does not allow sts:TagSession").isInstanceOfSatisfying(StsException.class, e -> {
                        assertThat(e.statusCode()).isEqualTo(403);
                        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("AccessDenied");
                    });

            String host = idp.host();
            admin.updateAssumeRolePolicy(b -> b.roleName("Deployer").policyDocument(TestWebIdentityFederation.trustPolicy(providerArn, host, "repo:acme/app:*")
                    .replace("\"Action\":\"sts:AssumeRoleWithWebIdentity\"", "\"Action\":[\"sts:AssumeRoleWithWebIdentity\",\"sts:TagSession\"]")));
            var response = sts.assumeRoleWithWebIdentity(b -> b.roleArn(roleArn).roleSessionName("ci").webIdentityToken(tagged));
            assertThat(response.packedPolicySize()).isBetween(1, 100);
            String untaggedToken = idp.rs256(idp.claims(TestWebIdentityFederation.CLIENT_ID, TestWebIdentityFederation.SUBJECT, java.time.Instant.now()));
            var untagged = sts.assumeRoleWithWebIdentity(b -> b.roleArn(roleArn).roleSessionName("plain").webIdentityToken(untaggedToken));
            try (IamClient iam = server.iam(TestRoleSessions.session(response.credentials()));
                    IamClient plainIam = server.iam(TestRoleSessions.session(untagged.credentials()))) {
                assertThat(iam.listUsers().users()).isNotEmpty();
                assertThatThrownBy(plainIam::listUsers)
                        .isInstanceOfSatisfying(IamException.class, e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("AccessDenied"));
            }

            server.server().audit().flush();
            List<AuditRecord> events = server.server().store().readOnly(tx -> new AuditStore().recent(tx, account, 300));
            JsonNode assumed = event(events, "AssumeRoleWithWebIdentity", e -> e.at("/requestParameters/roleSessionName").asText().equals("ci")
                    && !e.has("errorCode"));
            assertThat(assumed.at("/requestParameters/principalTags/team").asText()).isEqualTo("red");
            assertThat(assumed.at("/requestParameters/principalTags/project").asText()).isEqualTo("apollo");
            assertThat(assumed.at("/requestParameters/transitiveTagKeys/0").asText()).isEqualTo("project");
            assertThat(assumed.at("/requestParameters").toString()).doesNotContain("webIdentityToken");
        }
    }

    @StoreTest
    void samlAssertionsPassSessionTags(StoreTarget target, @org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception
    {
        try (RunningServer server = RunningServer.start(target); IamClient admin = server.iam(server.adminCredentials());
                LocalIdentityProvider idp = LocalIdentityProvider.start(dir.resolve("idp"));
                StsClient sts = server.sts(software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider.create())) {
            String account = server.admin().accountId();
            String metadata = idp.samlMetadata();
            String providerArn = admin.createSAMLProvider(b -> b.name("Corp").samlMetadataDocument(metadata)).samlProviderArn();
            String roleArn = admin.createRole(b -> b.roleName("Analyst").assumeRolePolicyDocument("""
                    {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Federated":"%s"},"Action":["sts:AssumeRoleWithSAML","sts:TagSession"],
                      "Condition":{"StringEquals":{"SAML:aud":"https://signin.aws.amazon.com/saml","aws:RequestTag/CostCenter":"987654"}}}]}"""
                    .formatted(providerArn))).role().arn();
            admin.putRolePolicy(b -> b.roleName("Analyst").policyName("cost").policyDocument("""
                    {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"iam:ListUsers","Resource":"*",
                      "Condition":{"StringEquals":{"aws:PrincipalTag/Project":"Unicorn"}}}]}"""));
            String tags = "<saml:Attribute Name=\"https://aws.amazon.com/SAML/Attributes/PrincipalTag:CostCenter\"><saml:AttributeValue>987654"
                    + "</saml:AttributeValue></saml:Attribute><saml:Attribute Name=\"https://aws.amazon.com/SAML/Attributes/PrincipalTag:Project\">"
                    + "<saml:AttributeValue>Unicorn</saml:AttributeValue></saml:Attribute>"
                    + "<saml:Attribute Name=\"https://aws.amazon.com/SAML/Attributes/TransitiveTagKeys\"><saml:AttributeValue>CostCenter</saml:AttributeValue>"
                    + "<saml:AttributeValue>Project</saml:AttributeValue></saml:Attribute>";
            LocalIdentityProvider.Assertion assertion = new LocalIdentityProvider.Assertion("alice", List.of(roleArn + "," + providerArn), "alice",
                    java.time.Instant.now().plus(java.time.Duration.ofMinutes(5)), "https://signin.aws.amazon.com/saml", "https://signin.aws.amazon.com/saml");
            String response = idp.samlResponse(assertion, tags);
            var result = sts.assumeRoleWithSAML(b -> b.roleArn(roleArn).principalArn(providerArn).samlAssertion(response));
            assertThat(result.packedPolicySize()).isBetween(1, 100);
            try (IamClient iam = server.iam(TestRoleSessions.session(result.credentials()))) {
                assertThat(iam.listUsers().users()).isNotEmpty();
            }
            String wrongCost = idp.samlResponse(assertion, tags.replace("987654", "111"));
            assertThatThrownBy(() -> sts.assumeRoleWithSAML(b -> b.roleArn(roleArn).principalArn(providerArn).samlAssertion(wrongCost)))
                    .isInstanceOfSatisfying(StsException.class, e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("AccessDenied"));

            server.server().audit().flush();
            List<AuditRecord> events = server.server().store().readOnly(tx -> new AuditStore().recent(tx, account, 300));
            JsonNode assumed = event(events, "AssumeRoleWithSAML", e -> !e.has("errorCode"));
            assertThat(assumed.at("/requestParameters/principalTags/CostCenter").asText()).isEqualTo("987654");
            assertThat(assumed.at("/requestParameters/principalTags/Project").asText()).isEqualTo("Unicorn");
            assertThat(assumed.at("/requestParameters/transitiveTagKeys").toString()).isEqualTo("[\"CostCenter\",\"Project\"]");
        }
    }

    /** A role the account may assume and tag sessions of, with an optional inline policy; returns its ARN. */
    private static String createTaggableRole(IamClient admin, String account, String name, String policy)
    {
        String arn = admin.createRole(b -> b.roleName(name).assumeRolePolicyDocument("""
                {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::%s:root"},"Action":["sts:AssumeRole","sts:TagSession"]}]}"""
                .formatted(account))).role().arn();
        if (policy != null) {
            admin.putRolePolicy(b -> b.roleName(name).policyName("inline").policyDocument(policy));
        }
        return arn;
    }

    private static Tag tag(String key, String value)
    {
        return Tag.builder().key(key).value(value).build();
    }

    private static void assertInvalid(org.assertj.core.api.ThrowableAssert.ThrowingCallable call, String code, String message)
    {
        assertThatThrownBy(call).isInstanceOfSatisfying(StsException.class, e -> {
            assertThat(e.statusCode()).isEqualTo(400);
            assertThat(e.awsErrorDetails().errorCode()).isEqualTo(code);
            assertThat(e.awsErrorDetails().errorMessage()).isEqualTo(message);
        });
    }

    private static AwsCredentialsProvider newUserWithKey(IamClient admin, String name)
    {
        admin.createUser(b -> b.userName(name));
        AccessKey key = admin.createAccessKey(b -> b.userName(name)).accessKey();
        return RunningServer.credentials(key.accessKeyId(), key.secretAccessKey());
    }

    private static JsonNode event(List<AuditRecord> events, String eventName, java.util.function.Predicate<JsonNode> which) throws Exception
    {
        for (AuditRecord record : events) {
            if (record.eventName().equals(eventName)) {
                JsonNode event = JSON.readTree(record.json());
                if (which.test(event)) {
                    return event;
                }
            }
        }
        throw new AssertionError("no " + eventName + " event matched");
    }
}
