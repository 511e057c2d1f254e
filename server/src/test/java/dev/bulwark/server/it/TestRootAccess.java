package dev.bulwark.server.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bulwark.server.audit.AuditRecord;
import dev.bulwark.server.audit.AuditStore;
import dev.bulwark.server.services.iam.model.IamIds;
import dev.bulwark.server.services.iam.IamStore;
import dev.bulwark.server.services.iam.model.AccessKey;
import dev.bulwark.server.store.SecretBox;
import dev.bulwark.server.store.StoreTarget;
import dev.bulwark.server.store.StoreTest;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AccessKeyMetadata;
import software.amazon.awssdk.services.iam.model.AccountNotManagementOrDelegatedAdministratorException;
import software.amazon.awssdk.services.iam.model.FeatureType;
import software.amazon.awssdk.services.iam.model.IamException;
import software.amazon.awssdk.services.iam.model.ListOrganizationsFeaturesResponse;
import software.amazon.awssdk.services.iam.model.OrganizationNotFoundException;
import software.amazon.awssdk.services.iam.model.ServiceAccessNotEnabledException;
import software.amazon.awssdk.services.organizations.OrganizationsClient;
import software.amazon.awssdk.services.organizations.model.OrganizationFeatureSet;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.AssumeRootResponse;
import software.amazon.awssdk.services.sts.model.Credentials;
import software.amazon.awssdk.services.sts.model.StsException;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Centralized root access through a real server and the AWS SDK: the organization features IAM manages, STS
 * AssumeRoot into a member created with CreateAccount, what the root task policies allow there, and the errors.
 */
final class TestRootAccess
{
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String AUDIT = "arn:aws:iam::aws:policy/root-task/IAMAuditRootUserCredentials";
    private static final String DELETE = "arn:aws:iam::aws:policy/root-task/IAMDeleteRootUserCredentials";
    private static final String CREATE_PASSWORD = "arn:aws:iam::aws:policy/root-task/IAMCreateRootUserPassword";

    @StoreTest
    void featuresNeedAnOrganizationTrustedAccessAndTheManagementAccount(StoreTarget target) throws Exception
    {
        try (RunningServer server = RunningServer.start(target); IamClient iam = server.iam(server.adminCredentials());
                OrganizationsClient orgs = OrgClients.organizations(server, server.adminCredentials())) {
            assertThatThrownBy(() -> iam.listOrganizationsFeatures(b -> {})).isInstanceOfSatisfying(OrganizationNotFoundException.class, e -> {
                assertThat(e.statusCode()).isEqualTo(400);
                assertThat(e.awsErrorDetails().errorCode()).isEqualTo("OrganizationNotFoundException");
                assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("The request was rejected because no organization is associated with your account.");
            });
            String orgId = orgs.createOrganization(b -> b.featureSet(OrganizationFeatureSet.ALL)).organization().id();
            assertThatThrownBy(() -> iam.enableOrganizationsRootSessions(b -> {})).isInstanceOfSatisfying(ServiceAccessNotEnabledException.class, e ->
                    assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("The request was rejected because trusted access is not enabled for IAM in Organizations."));
            orgs.enableAWSServiceAccess(b -> b.servicePrincipal("iam.amazonaws.com"));

            ListOrganizationsFeaturesResponse none = iam.listOrganizationsFeatures(b -> {});
            assertThat(none.organizationId()).isEqualTo(orgId);
            assertThat(none.enabledFeatures()).isEmpty();
            assertThat(iam.enableOrganizationsRootSessions(b -> {}).enabledFeatures()).containsExactly(FeatureType.ROOT_SESSIONS);
            assertThat(iam.enableOrganizationsRootCredentialsManagement(b -> {}).enabledFeatures())
                    .containsExactly(FeatureType.ROOT_CREDENTIALS_MANAGEMENT, FeatureType.ROOT_SESSIONS);
            // Enabling twice is not an error.
            assertThat(iam.enableOrganizationsRootSessions(b -> {}).organizationId()).isEqualTo(orgId);
            assertThat(iam.listOrganizationsFeatures(b -> {}).enabledFeatures()).containsExactly(FeatureType.ROOT_CREDENTIALS_MANAGEMENT, FeatureType.ROOT_SESSIONS);
            assertThat(iam.disableOrganizationsRootSessions(b -> {}).enabledFeatures()).containsExactly(FeatureType.ROOT_CREDENTIALS_MANAGEMENT);
            assertThat(iam.disableOrganizationsRootCredentialsManagement(b -> {}).enabledFeatures()).isEmpty();
            assertThat(iam.listOrganizationsFeatures(b -> {}).enabledFeatures()).isEmpty();

            // A member account is neither the management account nor IAM's delegated administrator ...
            String member = orgs.createAccount(b -> b.accountName("member").email("member@example.com")).createAccountStatus().accountId();
            try (IamClient memberIam = server.iam(OrgClients.accessRole(server, member))) {
                assertThatThrownBy(() -> memberIam.listOrganizationsFeatures(b -> {}))
                        .isInstanceOfSatisfying(AccountNotManagementOrDelegatedAdministratorException.class, e -> assertThat(e.awsErrorDetails().errorMessage())
                                .isEqualTo("The request was rejected because the account making the request is not the management account or delegated administrator account for centralized root access."));
                // ... until the management account registers it for iam.amazonaws.com.
                orgs.registerDelegatedAdministrator(b -> b.accountId(member).servicePrincipal("iam.amazonaws.com"));
                assertThat(memberIam.enableOrganizationsRootSessions(b -> {}).enabledFeatures()).containsExactly(FeatureType.ROOT_SESSIONS);
                assertThat(iam.listOrganizationsFeatures(b -> {}).enabledFeatures()).containsExactly(FeatureType.ROOT_SESSIONS);
            }

            // Authorization: a user without iam:ListOrganizationsFeatures is refused, one with it is not.
            iam.createUser(b -> b.userName("auditor"));
            software.amazon.awssdk.services.iam.model.AccessKey key = iam.createAccessKey(b -> b.userName("auditor")).accessKey();
            try (IamClient auditor = server.iam(RunningServer.credentials(key.accessKeyId(), key.secretAccessKey()))) {
                assertThatThrownBy(() -> auditor.listOrganizationsFeatures(b -> {})).isInstanceOfSatisfying(IamException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(403);
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("AccessDenied");
                    assertThat(e.awsErrorDetails().errorMessage()).contains("iam:ListOrganizationsFeatures");
                });
                iam.putUserPolicy(b -> b.userName("auditor").policyName("features").policyDocument(
                        "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"iam:ListOrganizationsFeatures\",\"Resource\":\"*\"}]}"));
                assertThat(auditor.listOrganizationsFeatures(b -> {}).organizationId()).isEqualTo(orgId);
            }
        }
    }

    @StoreTest
    void assumeRootAuditsAndDeletesAMembersRootCredentials(StoreTarget target) throws Exception
    {
        try (RunningServer server = RunningServer.start(target); IamClient iam = server.iam(server.adminCredentials());
                StsClient sts = server.sts(server.adminCredentials());
                OrganizationsClient orgs = OrgClients.organizations(server, server.adminCredentials())) {
            orgs.createOrganization(b -> b.featureSet(OrganizationFeatureSet.ALL));
            String member = orgs.createAccount(b -> b.accountName("member").email("member@example.com")).createAccountStatus().accountId();
            orgs.enableAWSServiceAccess(b -> b.servicePrincipal("iam.amazonaws.com"));
            iam.enableOrganizationsRootCredentialsManagement(b -> {});

            // Root sessions not enabled yet.
            assertThatThrownBy(() -> sts.assumeRoot(b -> b.targetPrincipal(member).taskPolicyArn(p -> p.arn(AUDIT))))
                    .isInstanceOfSatisfying(StsException.class, e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("AccessDenied"));
            iam.enableOrganizationsRootSessions(b -> {});

            // The member's root user has a long-term access key (as one created before root access was centralized).
            IamStore store = new IamStore(SecretBox.openOrCreate(server.server().config().dataDir()), IamIds.secure(), Clock.systemUTC());
            AccessKey rootKey = server.server().store().inTransaction(tx -> store.createAccessKey(tx, member, null));

            // A member created with CreateAccount has no root password; IAMCreateRootUserPassword recovers one.
            AssumeRootResponse recovery = sts.assumeRoot(b -> b.targetPrincipal(member).taskPolicyArn(p -> p.arn(CREATE_PASSWORD)));
            try (IamClient rootIam = server.iam(session(recovery.credentials()))) {
                assertThatThrownBy(() -> rootIam.getLoginProfile(b -> {})).isInstanceOf(software.amazon.awssdk.services.iam.model.NoSuchEntityException.class);
                assertThat(rootIam.createLoginProfile(b -> b.password("Recovered-Passw0rd!")).loginProfile().createDate()).isNotNull();
                assertThat(rootIam.getLoginProfile(b -> {}).loginProfile()).isNotNull();
                assertThatThrownBy(() -> rootIam.listAccessKeys()).isInstanceOfSatisfying(IamException.class, e ->
                        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("AccessDenied"));
            }

            Instant before = Instant.now().minusSeconds(1);
            AssumeRootResponse audit = sts.assumeRoot(b -> b.targetPrincipal(member).taskPolicyArn(p -> p.arn(AUDIT)));
            assertThat(audit.credentials().accessKeyId()).startsWith("ASIA");
            assertThat(audit.credentials().expiration()).isBetween(before.plusSeconds(900), Instant.now().plusSeconds(901));
            try (IamClient rootIam = server.iam(session(audit.credentials())); StsClient rootSts = server.sts(session(audit.credentials()))) {
                assertThat(rootSts.getCallerIdentity().arn()).isEqualTo("arn:aws:iam::" + member + ":root");
                assertThat(rootIam.getUser().user().arn()).isEqualTo("arn:aws:iam::" + member + ":root");
                assertThat(rootIam.listAccessKeys().accessKeyMetadata()).extracting(AccessKeyMetadata::accessKeyId).containsExactly(rootKey.accessKeyId());
                assertThat(rootIam.listMFADevices().mfaDevices()).isEmpty();
                assertThat(rootIam.getLoginProfile(b -> {}).loginProfile()).isNotNull();
                assertThat(rootIam.listSigningCertificates().certificates()).isEmpty();
                // Outside the task policy: denied by the session policy, though root may otherwise do anything.
                assertThatThrownBy(() -> rootIam.deleteAccessKey(b -> b.accessKeyId(rootKey.accessKeyId()))).isInstanceOfSatisfying(IamException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(403);
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("AccessDenied");
                    assertThat(e.awsErrorDetails().errorMessage()).contains("arn:aws:iam::" + member + ":root").contains("iam:DeleteAccessKey")
                            .contains("no session policy allows");
                });
                assertThatThrownBy(() -> rootIam.createUser(b -> b.userName("intruder"))).isInstanceOfSatisfying(IamException.class, e ->
                        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("AccessDenied"));
            }

            AssumeRootResponse delete = sts.assumeRoot(b -> b.targetPrincipal("arn:aws:iam::" + member + ":root").taskPolicyArn(p -> p.arn(DELETE))
                    .durationSeconds(300));
            assertThat(delete.credentials().expiration()).isBefore(Instant.now().plusSeconds(301));
            try (IamClient rootIam = server.iam(session(delete.credentials()))) {
                rootIam.deleteAccessKey(b -> b.accessKeyId(rootKey.accessKeyId()));
                rootIam.deleteLoginProfile(b -> {});
                assertThatThrownBy(() -> rootIam.getLoginProfile(b -> {})).isInstanceOf(software.amazon.awssdk.services.iam.model.NoSuchEntityException.class);
                assertThat(rootIam.listAccessKeys().accessKeyMetadata()).isEmpty();
                assertThatThrownBy(() -> rootIam.listUsers()).isInstanceOfSatisfying(IamException.class, e ->
                        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("AccessDenied"));
            }

            // CloudTrail in the member account: the root user, with the assumed-root session context. Denied calls'
            // events are batched, so drain the writer first.
            server.server().audit().flush();
            List<AuditRecord> events = server.server().store().readOnly(tx -> new AuditStore().recent(tx, member, 300));
            JsonNode deleted = event(events, "DeleteAccessKey", e -> !e.has("errorCode"));
            assertThat(deleted.at("/userIdentity/type").asText()).isEqualTo("Root");
            assertThat(deleted.at("/userIdentity/arn").asText()).isEqualTo("arn:aws:iam::" + member + ":root");
            assertThat(deleted.at("/userIdentity/accountId").asText()).isEqualTo(member);
            assertThat(deleted.at("/userIdentity/accessKeyId").asText()).isEqualTo(delete.credentials().accessKeyId());
            assertThat(deleted.at("/userIdentity/sessionContext/assumedRoot").asText()).isEqualTo("true");
            assertThat(deleted.at("/userIdentity/sessionContext/attributes/mfaAuthenticated").asText()).isEqualTo("false");
            JsonNode denied = event(events, "DeleteAccessKey", e -> e.has("errorCode"));
            assertThat(denied.at("/errorCode").asText()).isEqualTo("AccessDenied");
            assertThat(denied.at("/userIdentity/accessKeyId").asText()).isEqualTo(audit.credentials().accessKeyId());
            // The management account's trail records the AssumeRoot call itself.
            String management = server.admin().accountId();
            List<AuditRecord> issued = server.server().store().readOnly(tx -> new AuditStore().recent(tx, management, 300));
            JsonNode assumed = event(issued, "AssumeRoot", e -> !e.has("errorCode") && e.at("/requestParameters/taskPolicyArn/arn").asText().equals(DELETE));
            assertThat(assumed.at("/requestParameters/targetPrincipal").asText()).isEqualTo("arn:aws:iam::" + member + ":root");
            assertThat(assumed.at("/requestParameters/durationSeconds").asInt()).isEqualTo(300);
        }
    }

    @StoreTest
    void assumeRootErrors(StoreTarget target) throws Exception
    {
        try (RunningServer server = RunningServer.start(target); IamClient iam = server.iam(server.adminCredentials());
                StsClient sts = server.sts(server.adminCredentials());
                OrganizationsClient orgs = OrgClients.organizations(server, server.adminCredentials())) {
            String management = server.admin().accountId();
            orgs.createOrganization(b -> b.featureSet(OrganizationFeatureSet.ALL));
            String member = orgs.createAccount(b -> b.accountName("member").email("member@example.com")).createAccountStatus().accountId();
            orgs.enableAWSServiceAccess(b -> b.servicePrincipal("iam.amazonaws.com"));
            iam.enableOrganizationsRootSessions(b -> {});

            assertThatThrownBy(() -> sts.assumeRoot(b -> b.targetPrincipal(member).taskPolicyArn(p -> p.arn(AUDIT)).durationSeconds(901)))
                    .isInstanceOfSatisfying(StsException.class, e -> {
                        assertThat(e.statusCode()).isEqualTo(400);
                        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationError");
                        assertThat(e.awsErrorDetails().errorMessage()).contains("less than or equal to 900");
                    });
            assertThatThrownBy(() -> sts.assumeRoot(b -> b.targetPrincipal(member).taskPolicyArn(p -> p.arn("arn:aws:iam::aws:policy/AdministratorAccess"))))
                    .isInstanceOfSatisfying(StsException.class, e -> {
                        assertThat(e.statusCode()).isEqualTo(400);
                        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidParameterValue");
                    });
            // The management account itself is no member to assume root in.
            assertThatThrownBy(() -> sts.assumeRoot(b -> b.targetPrincipal(management).taskPolicyArn(p -> p.arn(AUDIT))))
                    .isInstanceOfSatisfying(StsException.class, e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("AccessDenied"));
            // A member account calling is not the management account.
            try (StsClient memberSts = server.sts(OrgClients.accessRole(server, member))) {
                assertThatThrownBy(() -> memberSts.assumeRoot(b -> b.targetPrincipal(member).taskPolicyArn(p -> p.arn(AUDIT))))
                        .isInstanceOfSatisfying(StsException.class, e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("AccessDenied"));
            }

            // Authorization: sts:AssumeRoot on the member's root, with sts:TaskPolicyArn.
            iam.createUser(b -> b.userName("operator"));
            software.amazon.awssdk.services.iam.model.AccessKey key = iam.createAccessKey(b -> b.userName("operator")).accessKey();
            try (StsClient operator = server.sts(RunningServer.credentials(key.accessKeyId(), key.secretAccessKey()))) {
                assertThatThrownBy(() -> operator.assumeRoot(b -> b.targetPrincipal(member).taskPolicyArn(p -> p.arn(AUDIT))))
                        .isInstanceOfSatisfying(StsException.class, e -> {
                            assertThat(e.statusCode()).isEqualTo(403);
                            assertThat(e.awsErrorDetails().errorMessage()).contains("sts:AssumeRoot").contains("arn:aws:iam::" + member + ":root");
                        });
                iam.putUserPolicy(b -> b.userName("operator").policyName("audit-only").policyDocument("""
                        {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"sts:AssumeRoot","Resource":"arn:aws:iam::%s:root",
                          "Condition":{"StringEquals":{"sts:TaskPolicyArn":"%s"}}}]}""".formatted(member, AUDIT)));
                assertThat(operator.assumeRoot(b -> b.targetPrincipal(member).taskPolicyArn(p -> p.arn(AUDIT))).credentials().accessKeyId()).startsWith("ASIA");
                assertThatThrownBy(() -> operator.assumeRoot(b -> b.targetPrincipal(member).taskPolicyArn(p -> p.arn(DELETE))))
                        .isInstanceOfSatisfying(StsException.class, e -> assertThat(e.statusCode()).isEqualTo(403));
            }

            // Disabled root sessions refuse AssumeRoot again.
            iam.disableOrganizationsRootSessions(b -> {});
            assertThatThrownBy(() -> sts.assumeRoot(b -> b.targetPrincipal(member).taskPolicyArn(p -> p.arn(AUDIT))))
                    .isInstanceOfSatisfying(StsException.class, e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("AccessDenied"));
        }
    }

    private static AwsCredentialsProvider session(Credentials credentials)
    {
        return StaticCredentialsProvider.create(AwsSessionCredentials.create(credentials.accessKeyId(), credentials.secretAccessKey(), credentials.sessionToken()));
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
