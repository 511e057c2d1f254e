package dev.bulwark.server.it;

import dev.bulwark.server.audit.AuditRecord;
import dev.bulwark.server.audit.AuditStore;
import dev.bulwark.server.store.StoreTarget;
import dev.bulwark.server.store.StoreTest;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AccessKey;
import software.amazon.awssdk.services.iam.model.DeleteConflictException;
import software.amazon.awssdk.services.iam.model.EntityAlreadyExistsException;
import software.amazon.awssdk.services.iam.model.IamException;
import software.amazon.awssdk.services.iam.model.ListUsersResponse;
import software.amazon.awssdk.services.iam.model.MalformedPolicyDocumentException;
import software.amazon.awssdk.services.iam.model.NoSuchEntityException;
import software.amazon.awssdk.services.iam.model.User;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.GetCallerIdentityResponse;
import software.amazon.awssdk.services.sts.model.StsException;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The spine through a real server and the real AWS SDK for Java v2, on both stores: authentication, the policy
 * engine's decisions, IAM semantics, AWS error shapes and the audit trail.
 */
final class TestSpineIntegration
{
    private static final String ADMINISTRATOR_ACCESS = "arn:aws:iam::aws:policy/AdministratorAccess";

    @StoreTest
    void getCallerIdentityAnswersTheAdminUserCreatedByInit(StoreTarget target) throws Exception
    {
        try (RunningServer server = RunningServer.start(target); StsClient sts = server.sts(server.adminCredentials())) {
            GetCallerIdentityResponse identity = sts.getCallerIdentity();
            assertThat(identity.arn()).isEqualTo(server.admin().adminArn());
            assertThat(identity.account()).isEqualTo(server.admin().accountId()).matches("\\d{12}");
            assertThat(identity.userId()).startsWith("AIDA").hasSize(21);
        }
    }

    @StoreTest
    void listUsersPagesWithMarkerInNameOrder(StoreTarget target) throws Exception
    {
        try (RunningServer server = RunningServer.start(target); IamClient iam = server.iam(server.adminCredentials())) {
            for (String name : List.of("erin", "carol", "dave", "bob")) {
                iam.createUser(b -> b.userName(name));
            }
            List<String> seen = new ArrayList<>();
            String marker = null;
            int pages = 0;
            do {
                String current = marker;
                ListUsersResponse page = iam.listUsers(b -> b.maxItems(2).marker(current));
                page.users().forEach(user -> seen.add(user.userName()));
                marker = page.isTruncated() ? page.marker() : null;
                pages++;
            }
            while (marker != null);
            assertThat(seen).containsExactly("admin", "bob", "carol", "dave", "erin");
            assertThat(pages).isEqualTo(3);
        }
    }

    @StoreTest
    void newUserWithoutPoliciesIsDeniedWithAwsWording(StoreTarget target) throws Exception
    {
        try (RunningServer server = RunningServer.start(target); IamClient admin = server.iam(server.adminCredentials())) {
            AwsCredentialsProvider alice = newUserWithKey(admin, "alice");
            try (IamClient iam = server.iam(alice)) {
                assertThatThrownBy(iam::listUsers)
                        .isInstanceOfSatisfying(IamException.class, e -> {
                            assertThat(e.statusCode()).isEqualTo(403);
                            assertThat(e.awsErrorDetails().errorCode()).isEqualTo("AccessDenied");
                            assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("User: arn:aws:iam::" + server.admin().accountId()
                                    + ":user/alice is not authorized to perform: iam:ListUsers on resource: * because no identity-based policy allows the iam:ListUsers action");
                        });
            }
        }
    }

    @StoreTest
    void inlinePolicyGrantsExactlyTheActionItNames(StoreTarget target) throws Exception
    {
        try (RunningServer server = RunningServer.start(target); IamClient admin = server.iam(server.adminCredentials())) {
            AwsCredentialsProvider alice = newUserWithKey(admin, "alice");
            admin.putUserPolicy(b -> b.userName("alice").policyName("list-only").policyDocument("""
                    {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"iam:ListUsers","Resource":"*"}]}"""));
            try (IamClient iam = server.iam(alice)) {
                assertThat(iam.listUsers().users()).extracting(User::userName).contains("alice", "admin");
                assertThatThrownBy(() -> iam.createUser(b -> b.userName("mallory")))
                        .isInstanceOfSatisfying(IamException.class, e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("AccessDenied"));
            }
            assertThatThrownBy(() -> admin.getUser(b -> b.userName("mallory"))).isInstanceOf(NoSuchEntityException.class);
        }
    }

    @StoreTest
    void attachedAdministratorAccessAllowsAndExplicitDenyStillWins(StoreTarget target) throws Exception
    {
        try (RunningServer server = RunningServer.start(target); IamClient admin = server.iam(server.adminCredentials())) {
            AwsCredentialsProvider alice = newUserWithKey(admin, "alice");
            admin.attachUserPolicy(b -> b.userName("alice").policyArn(ADMINISTRATOR_ACCESS));
            try (IamClient iam = server.iam(alice)) {
                iam.createUser(b -> b.userName("bob"));
                admin.putUserPolicy(b -> b.userName("alice").policyName("no-deletes").policyDocument("""
                        {"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":"iam:Delete*","Resource":"*"}]}"""));
                assertThatThrownBy(() -> iam.deleteUser(b -> b.userName("bob")))
                        .isInstanceOfSatisfying(IamException.class, e -> assertThat(e.awsErrorDetails().errorMessage())
                                .endsWith("on resource: arn:aws:iam::" + server.admin().accountId() + ":user/bob with an explicit deny in an identity-based policy"));
            }
            assertThat(admin.getUser(b -> b.userName("bob")).user().userName()).isEqualTo("bob");
        }
    }

    @StoreTest
    void groupPoliciesApplyToMembers(StoreTarget target) throws Exception
    {
        try (RunningServer server = RunningServer.start(target); IamClient admin = server.iam(server.adminCredentials())) {
            AwsCredentialsProvider alice = newUserWithKey(admin, "alice");
            admin.createGroup(b -> b.groupName("Readers"));
            admin.attachGroupPolicy(b -> b.groupName("Readers").policyArn(ADMINISTRATOR_ACCESS));
            try (IamClient iam = server.iam(alice)) {
                assertThatThrownBy(iam::listUsers).isInstanceOf(IamException.class);
                admin.addUserToGroup(b -> b.groupName("Readers").userName("alice"));
                assertThat(iam.listUsers().users()).isNotEmpty();
            }
        }
    }

    @StoreTest
    void getCallerIdentityNeedsNoPermissionEvenUnderExplicitDeny(StoreTarget target) throws Exception
    {
        try (RunningServer server = RunningServer.start(target); IamClient admin = server.iam(server.adminCredentials())) {
            AwsCredentialsProvider alice = newUserWithKey(admin, "alice");
            admin.putUserPolicy(b -> b.userName("alice").policyName("deny-all").policyDocument("""
                    {"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":"*","Resource":"*"}]}"""));
            try (StsClient sts = server.sts(alice)) {
                assertThat(sts.getCallerIdentity().arn()).endsWith(":user/alice");
            }
        }
    }

    @StoreTest
    void wrongSecretIsSignatureDoesNotMatch(StoreTarget target) throws Exception
    {
        try (RunningServer server = RunningServer.start(target);
                StsClient sts = server.sts(RunningServer.credentials(server.admin().accessKeyId(), "not-the-secret"))) {
            assertThatThrownBy(sts::getCallerIdentity)
                    .isInstanceOfSatisfying(StsException.class, e -> {
                        assertThat(e.statusCode()).isEqualTo(403);
                        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("SignatureDoesNotMatch");
                    });
        }
    }

    @StoreTest
    void unknownAccessKeyIsInvalidClientTokenId(StoreTarget target) throws Exception
    {
        try (RunningServer server = RunningServer.start(target);
                StsClient sts = server.sts(RunningServer.credentials("AKIAIOSFODNN7EXAMPLE", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"))) {
            assertThatThrownBy(sts::getCallerIdentity)
                    .isInstanceOfSatisfying(StsException.class, e -> {
                        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidClientTokenId");
                        assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("The security token included in the request is invalid.");
                    });
        }
    }

    @StoreTest
    void unsignedRequestIsMissingAuthenticationToken(StoreTarget target) throws Exception
    {
        try (RunningServer server = RunningServer.start(target)) {
            HttpResponse<String> response = HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(server.endpoint().resolve("/"))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(java.net.http.HttpRequest.BodyPublishers.ofString("Action=ListUsers&Version=2010-05-08"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).isEqualTo(403);
            assertThat(response.body()).contains("<Code>MissingAuthenticationToken</Code>").contains("<Type>Sender</Type>");
        }
    }

    @StoreTest
    void signatureOlderThanFifteenMinutesIsRejectedAsAwsDoes(StoreTarget target) throws Exception
    {
        // The server's clock runs 20 minutes ahead of the client's, so every signature arrives 20 minutes old.
        Clock twentyMinutesAhead = Clock.offset(Clock.systemUTC(), Duration.ofMinutes(20));
        try (RunningServer server = RunningServer.start(target, twentyMinutesAhead, false, OptionalInt.empty());
                StsClient sts = server.sts(server.adminCredentials())) {
            assertThatThrownBy(sts::getCallerIdentity)
                    .isInstanceOfSatisfying(StsException.class, e -> {
                        assertThat(e.statusCode()).isEqualTo(403);
                        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("SignatureDoesNotMatch");
                        assertThat(e.awsErrorDetails().errorMessage()).startsWith("Signature expired: ").endsWith(" - 15 min.)");
                    });
        }
    }

    @StoreTest
    void operationNotImplementedAnswers501NotImplemented(StoreTarget target) throws Exception
    {
        try (RunningServer server = RunningServer.start(target); IamClient iam = server.iam(server.adminCredentials())) {
            // An operation no one plans to implement (AWS answers it with a language model's summary); GetRole,
            // GetServiceLinkedRoleDeletionStatus and ListServiceSpecificCredentials were the example until they arrived.
            assertThatThrownBy(() -> iam.getHumanReadableSummary(b -> b.entityArn("arn:aws:iam::" + server.admin().accountId() + ":delegation-request/d-1")))
                    .isInstanceOfSatisfying(IamException.class, e -> {
                        assertThat(e.statusCode()).isEqualTo(501);
                        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("NotImplemented");
                    });
        }
    }

    @StoreTest
    void iamErrorsCarryAwsCodesAndWording(StoreTarget target) throws Exception
    {
        try (RunningServer server = RunningServer.start(target); IamClient iam = server.iam(server.adminCredentials())) {
            iam.createUser(b -> b.userName("bob"));
            assertThatThrownBy(() -> iam.createUser(b -> b.userName("Bob")))
                    .isInstanceOfSatisfying(EntityAlreadyExistsException.class, e -> {
                        assertThat(e.statusCode()).isEqualTo(409);
                        assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("User with name Bob already exists.");
                    });
            assertThatThrownBy(() -> iam.getUser(b -> b.userName("nobody")))
                    .isInstanceOfSatisfying(NoSuchEntityException.class, e -> {
                        assertThat(e.statusCode()).isEqualTo(404);
                        assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("The user with name nobody cannot be found.");
                    });
            iam.createAccessKey(b -> b.userName("bob"));
            iam.createAccessKey(b -> b.userName("bob"));
            assertThatThrownBy(() -> iam.createAccessKey(b -> b.userName("bob")))
                    .hasMessageContaining("Cannot exceed quota for AccessKeysPerUser: 2");
            assertThatThrownBy(() -> iam.deleteUser(b -> b.userName("bob")))
                    .isInstanceOfSatisfying(DeleteConflictException.class, e -> assertThat(e.statusCode()).isEqualTo(409));
            assertThat(iam.getUser(b -> b.userName("bob")).user().userName()).isEqualTo("bob");
        }
    }

    @StoreTest
    void malformedPolicyIsRejectedAndNothingIsStored(StoreTarget target) throws Exception
    {
        try (RunningServer server = RunningServer.start(target); IamClient iam = server.iam(server.adminCredentials())) {
            iam.createUser(b -> b.userName("bob"));
            assertThatThrownBy(() -> iam.putUserPolicy(b -> b.userName("bob").policyName("broken").policyDocument("{\"Version\":\"2012-10-17\",\"Statement\":[{\"Action\":\"s3:*\"}]}")))
                    .isInstanceOf(MalformedPolicyDocumentException.class);
            assertThat(iam.listUserPolicies(b -> b.userName("bob")).policyNames()).isEmpty();
        }
    }

    @StoreTest
    void awsManagedPoliciesShipWithTheirRealDocuments(StoreTarget target) throws Exception
    {
        try (RunningServer server = RunningServer.start(target); IamClient admin = server.iam(server.adminCredentials())) {
            List<String> arns = admin.listPolicies(b -> b.scope("AWS").maxItems(1000)).policies().stream().map(p -> p.arn()).toList();
            assertThat(arns).contains(ADMINISTRATOR_ACCESS, "arn:aws:iam::aws:policy/ReadOnlyAccess", "arn:aws:iam::aws:policy/SecurityAudit",
                    "arn:aws:iam::aws:policy/IAMUserChangePassword", "arn:aws:iam::aws:policy/job-function/ViewOnlyAccess");
            AwsCredentialsProvider reader = newUserWithKey(admin, "reader");
            admin.attachUserPolicy(b -> b.userName("reader").policyArn("arn:aws:iam::aws:policy/ReadOnlyAccess"));
            try (IamClient iam = server.iam(reader)) {
                assertThat(iam.listUsers().users()).extracting(User::userName).contains("reader");
                assertThatThrownBy(() -> iam.createUser(b -> b.userName("not-allowed")))
                        .isInstanceOfSatisfying(IamException.class, e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("AccessDenied"));
            }
        }
    }

    @StoreTest
    void accessKeyLastUsedIsFedByRealCalls(StoreTarget target) throws Exception
    {
        try (RunningServer server = RunningServer.start(target); IamClient admin = server.iam(server.adminCredentials())) {
            admin.createUser(b -> b.userName("carol"));
            AccessKey key = admin.createAccessKey(b -> b.userName("carol")).accessKey();
            assertThat(admin.getAccessKeyLastUsed(b -> b.accessKeyId(key.accessKeyId())).accessKeyLastUsed().serviceName()).isEqualTo("N/A");
            try (StsClient sts = server.sts(RunningServer.credentials(key.accessKeyId(), key.secretAccessKey()))) {
                sts.getCallerIdentity();
            }
            server.server().accessKeyUsage().flush();
            var lastUsed = admin.getAccessKeyLastUsed(b -> b.accessKeyId(key.accessKeyId())).accessKeyLastUsed();
            assertThat(lastUsed.serviceName()).isEqualTo("sts");
            assertThat(lastUsed.region()).isEqualTo("us-east-1");
            assertThat(lastUsed.lastUsedDate()).isNotNull();
        }
    }

    @StoreTest
    void awsManagedPoliciesAreReadableByTheAccountButNotAnotherAccountsResource(StoreTarget target) throws Exception
    {
        try (RunningServer server = RunningServer.start(target); IamClient admin = server.iam(server.adminCredentials())) {
            assertThat(admin.getPolicy(b -> b.policyArn(ADMINISTRATOR_ACCESS)).policy().policyName()).isEqualTo("AdministratorAccess");
            AwsCredentialsProvider nobody = newUserWithKey(admin, "nobody");
            try (IamClient iam = server.iam(nobody)) {
                assertThatThrownBy(() -> iam.getPolicy(b -> b.policyArn(ADMINISTRATOR_ACCESS)))
                        .isInstanceOfSatisfying(IamException.class, e -> assertThat(e.awsErrorDetails().errorMessage())
                                .endsWith("because no identity-based policy allows the iam:GetPolicy action"));
            }
        }
    }

    @StoreTest
    void assumeRoleIsRecordedReadOnlyWithItsIssuedCredentialsMinusSecrets(StoreTarget target) throws Exception
    {
        try (RunningServer server = RunningServer.start(target); IamClient iam = server.iam(server.adminCredentials());
                StsClient sts = server.sts(server.adminCredentials())) {
            String account = server.admin().accountId();
            iam.createRole(b -> b.roleName("Auditor").assumeRolePolicyDocument("{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
                    + "\"Principal\":{\"AWS\":\"arn:aws:iam::" + account + ":root\"},\"Action\":\"sts:AssumeRole\"}]}"));
            var credentials = sts.assumeRole(b -> b.roleArn("arn:aws:iam::" + account + ":role/Auditor").roleSessionName("audit")).credentials();
            server.server().audit().flush();
            List<AuditRecord> events = server.server().store().readOnly(tx -> new AuditStore().recent(tx, account, 100));
            assertThat(events).filteredOn(event -> event.eventName().equals("AssumeRole")).singleElement().satisfies(event -> {
                assertThat(event.readOnly()).isTrue();
                assertThat(event.json()).contains("\"eventSource\":\"sts.amazonaws.com\"").contains(credentials.accessKeyId())
                        .contains("assumed-role/Auditor/audit").doesNotContain(credentials.secretAccessKey()).doesNotContain(credentials.sessionToken());
            });
        }
    }

    @StoreTest
    void inlinePoliciesOfAUserShareIamsSizeLimit(StoreTarget target) throws Exception
    {
        try (RunningServer server = RunningServer.start(target); IamClient iam = server.iam(server.adminCredentials())) {
            iam.createUser(b -> b.userName("bob"));
            String actions = java.util.stream.IntStream.range(0, 40).mapToObj(i -> "\"s3:GetObjectVersion" + i + "\"").collect(java.util.stream.Collectors.joining(","));
            String document = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":[" + actions + "],\"Resource\":\"*\"}]}";
            iam.putUserPolicy(b -> b.userName("bob").policyName("first").policyDocument(document));
            assertThatThrownBy(() -> iam.putUserPolicy(b -> b.userName("bob").policyName("second").policyDocument(document)))
                    .isInstanceOfSatisfying(IamException.class, e -> {
                        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("LimitExceeded");
                        assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("Maximum policy size of 2048 bytes exceeded for user bob");
                    });
            iam.putUserPolicy(b -> b.userName("bob").policyName("first").policyDocument(document));
            assertThat(iam.listUserPolicies(b -> b.userName("bob")).policyNames()).containsExactly("first");
        }
    }

    @StoreTest
    void everyRequestIsAuditedAndAMutationCommitsWithItsEvent(StoreTarget target) throws Exception
    {
        try (RunningServer server = RunningServer.start(target); IamClient admin = server.iam(server.adminCredentials())) {
            admin.createUser(b -> b.userName("audited"));
            AwsCredentialsProvider alice = newUserWithKey(admin, "alice");
            try (IamClient iam = server.iam(alice)) {
                assertThatThrownBy(iam::listUsers).isInstanceOf(IamException.class);
            }
            server.server().audit().flush();
            List<AuditRecord> events = server.server().store().readOnly(tx -> new AuditStore().recent(tx, server.admin().accountId(), 100));
            assertThat(events).anySatisfy(event -> {
                assertThat(event.eventName()).isEqualTo("CreateUser");
                assertThat(event.readOnly()).isFalse();
                assertThat(event.json()).contains("\"userName\":\"audited\"").contains("\"eventSource\":\"iam.amazonaws.com\"")
                        .contains("\"type\":\"IAMUser\"").contains("\"eventVersion\":\"1.11\"");
            });
            assertThat(events).anySatisfy(event -> {
                assertThat(event.eventName()).isEqualTo("ListUsers");
                assertThat(event.errorCode()).isEqualTo("AccessDenied");
            });
            assertThat(events).noneSatisfy(event -> assertThat(event.json()).containsIgnoringCase("secretAccessKey"));
        }
    }

    private static AwsCredentialsProvider newUserWithKey(IamClient admin, String name)
    {
        admin.createUser(b -> b.userName(name));
        AccessKey key = admin.createAccessKey(b -> b.userName(name)).accessKey();
        return RunningServer.credentials(key.accessKeyId(), key.secretAccessKey());
    }
}
