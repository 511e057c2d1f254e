package dev.bulwark.server.it;

import dev.bulwark.server.store.StoreTarget;
import dev.bulwark.server.store.StoreTest;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AccessAdvisorUsageGranularityType;
import software.amazon.awssdk.services.iam.model.EntityDetails;
import software.amazon.awssdk.services.iam.model.GetServiceLastAccessedDetailsResponse;
import software.amazon.awssdk.services.iam.model.InvalidInputException;
import software.amazon.awssdk.services.iam.model.JobStatusType;
import software.amazon.awssdk.services.iam.model.ListPoliciesGrantingServiceAccessEntry;
import software.amazon.awssdk.services.iam.model.NoSuchEntityException;
import software.amazon.awssdk.services.iam.model.PolicyGrantingServiceAccess;
import software.amazon.awssdk.services.iam.model.PolicyOwnerEntityType;
import software.amazon.awssdk.services.iam.model.PolicyType;
import software.amazon.awssdk.services.iam.model.ServiceLastAccessed;
import software.amazon.awssdk.services.iam.model.TrackedActionLastAccessed;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.Credentials;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import static dev.bulwark.server.it.TestIamManagedPolicies.userWithKey;
import static dev.bulwark.server.it.TestIamPolicySimulator.assertAccessDenied;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Service last accessed data from the real audit trail, through the SDK on both stores. */
final class TestIamAccessAdvisor
{
    private static final String POLICY = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":[\"iam:List*\",\"s3:GetObject\"],\"Resource\":\"*\"}]}";

    @StoreTest
    void lastAccessedComesFromTheCallsEntitiesMade(StoreTarget target) throws Exception
    {
        try (RunningServer server = RunningServer.start(target); IamClient admin = server.iam(server.adminCredentials());
                StsClient adminSts = server.sts(server.adminCredentials())) {
            String account = server.admin().accountId();
            AwsCredentialsProvider hal = userWithKey(admin, "hal");
            String halArn = "arn:aws:iam::" + account + ":user/hal";
            admin.putUserPolicy(b -> b.userName("hal").policyName("list").policyDocument(POLICY));
            admin.createGroup(b -> b.groupName("ops"));
            admin.addUserToGroup(b -> b.groupName("ops").userName("hal"));
            String managed = admin.createPolicy(b -> b.policyName("list-roles").policyDocument(
                    "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"iam:ListRoles\",\"Resource\":\"*\"}]}")).policy().arn();
            admin.attachGroupPolicy(b -> b.groupName("ops").policyArn(managed));
            admin.createRole(b -> b.roleName("auditor").assumeRolePolicyDocument(TestIamRoles.trustAccount(account)));
            admin.putRolePolicy(b -> b.roleName("auditor").policyName("list").policyDocument(POLICY));
            String roleArn = "arn:aws:iam::" + account + ":role/auditor";

            Instant before = Instant.now().minusSeconds(1);
            try (IamClient iam = server.iam(hal)) {
                iam.listUsers();
            }
            Credentials credentials = adminSts.assumeRole(b -> b.roleArn(roleArn).roleSessionName("audit")).credentials();
            try (IamClient asRole = server.iam(StaticCredentialsProvider.create(AwsSessionCredentials.create(
                    credentials.accessKeyId(), credentials.secretAccessKey(), credentials.sessionToken())))) {
                asRole.listGroups();
            }

            // Read-only events reach the trail a moment later (batched): wait until the user's call is there.
            Map<String, ServiceLastAccessed> user = services(awaitUse(admin, halArn, AccessAdvisorUsageGranularityType.SERVICE_LEVEL));
            assertThat(user).containsOnlyKeys("iam", "s3");
            ServiceLastAccessed iamUse = user.get("iam");
            assertThat(iamUse.serviceName()).isEqualTo("AWS Identity and Access Management");
            assertThat(iamUse.lastAuthenticatedEntity()).isEqualTo(halArn);
            assertThat(iamUse.lastAuthenticated()).isAfterOrEqualTo(before.truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
            assertThat(iamUse.lastAuthenticatedRegion()).isNotNull();
            assertThat(iamUse.totalAuthenticatedEntities()).isEqualTo(1);
            assertThat(user.get("s3").lastAuthenticated()).as("never used").isNull();
            assertThat(user.get("s3").totalAuthenticatedEntities()).isZero();

            String actionJob = admin.generateServiceLastAccessedDetails(b -> b.arn(halArn).granularity(AccessAdvisorUsageGranularityType.ACTION_LEVEL)).jobId();
            GetServiceLastAccessedDetailsResponse actions = admin.getServiceLastAccessedDetails(b -> b.jobId(actionJob));
            assertThat(actions.jobType()).isEqualTo(AccessAdvisorUsageGranularityType.ACTION_LEVEL);
            Map<String, TrackedActionLastAccessed> tracked = services(actions).get("iam").trackedActionsLastAccessed().stream()
                    .collect(Collectors.toMap(TrackedActionLastAccessed::actionName, Function.identity()));
            assertThat(tracked).containsKeys("ListUsers", "ListRoles").doesNotContainKey("CreateUser");
            assertThat(tracked.get("ListUsers").lastAccessedEntity()).isEqualTo(halArn);
            assertThat(tracked.get("ListRoles").lastAccessedTime()).isNull();
            assertThat(services(actions).get("s3").trackedActionsLastAccessed()).extracting(TrackedActionLastAccessed::actionName).containsExactly("GetObject");

            // A role's sessions count for the role.
            Map<String, ServiceLastAccessed> role = services(awaitUse(admin, roleArn, AccessAdvisorUsageGranularityType.SERVICE_LEVEL));
            assertThat(role.get("iam").lastAuthenticatedEntity()).isEqualTo(roleArn);

            // A group reports its members; WithEntities names them.
            String groupJob = admin.generateServiceLastAccessedDetails(b -> b.arn("arn:aws:iam::" + account + ":group/ops")).jobId();
            assertThat(services(admin.getServiceLastAccessedDetails(b -> b.jobId(groupJob))).get("iam").lastAuthenticatedEntity()).isEqualTo(halArn);
            List<EntityDetails> members = admin.getServiceLastAccessedDetailsWithEntities(b -> b.jobId(groupJob).serviceNamespace("iam")).entityDetailsList();
            assertThat(members).singleElement().satisfies(member -> {
                assertThat(member.entityInfo().arn()).isEqualTo(halArn);
                assertThat(member.entityInfo().type()).isEqualTo(PolicyOwnerEntityType.USER);
                assertThat(member.lastAuthenticated()).isNotNull();
            });

            // A managed policy reports the services it allows and the entities it reaches.
            String policyJob = admin.generateServiceLastAccessedDetails(b -> b.arn(managed)).jobId();
            GetServiceLastAccessedDetailsResponse policy = admin.getServiceLastAccessedDetails(b -> b.jobId(policyJob));
            assertThat(policy.jobStatus()).isEqualTo(JobStatusType.COMPLETED);
            assertThat(services(policy)).containsOnlyKeys("iam");
            assertThat(admin.getServiceLastAccessedDetailsWithEntities(b -> b.jobId(policyJob).serviceNamespace("iam")).entityDetailsList())
                    .extracting(detail -> detail.entityInfo().type()).containsExactly(PolicyOwnerEntityType.GROUP);

            List<ListPoliciesGrantingServiceAccessEntry> granting = admin.listPoliciesGrantingServiceAccess(b -> b.arn(halArn).serviceNamespaces("iam", "ec2"))
                    .policiesGrantingServiceAccess();
            assertThat(granting).extracting(ListPoliciesGrantingServiceAccessEntry::serviceNamespace).containsExactly("iam", "ec2");
            assertThat(granting.get(0).policies()).extracting(PolicyGrantingServiceAccess::policyName, PolicyGrantingServiceAccess::policyType,
                            PolicyGrantingServiceAccess::entityType, PolicyGrantingServiceAccess::entityName, PolicyGrantingServiceAccess::policyArn)
                    .containsExactlyInAnyOrder(
                            org.assertj.core.groups.Tuple.tuple("list", PolicyType.INLINE, PolicyOwnerEntityType.USER, "hal", null),
                            org.assertj.core.groups.Tuple.tuple("list-roles", PolicyType.MANAGED, null, null, managed));
            assertThat(granting.get(1).policies()).isEmpty();
        }
    }

    @StoreTest
    void errorsAndAuthorization(StoreTarget target) throws Exception
    {
        try (RunningServer server = RunningServer.start(target); IamClient admin = server.iam(server.adminCredentials())) {
            String account = server.admin().accountId();
            assertThatThrownBy(() -> admin.generateServiceLastAccessedDetails(b -> b.arn("arn:aws:iam::" + account + ":user/ghost")))
                    .isInstanceOfSatisfying(NoSuchEntityException.class,
                            e -> assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("The user with name ghost cannot be found."));
            assertThatThrownBy(() -> admin.generateServiceLastAccessedDetails(b -> b.arn("arn:aws:s3:::some-bucket-name")))
                    .isInstanceOf(InvalidInputException.class);
            assertThatThrownBy(() -> admin.getServiceLastAccessedDetails(b -> b.jobId("00000000-0000-0000-0000-000000000000")))
                    .isInstanceOf(NoSuchEntityException.class);
            AwsCredentialsProvider nobody = userWithKey(admin, "nobody");
            String nobodyArn = "arn:aws:iam::" + account + ":user/nobody";
            String job = admin.generateServiceLastAccessedDetails(b -> b.arn(nobodyArn)).jobId();
            assertThat(admin.getServiceLastAccessedDetails(b -> b.jobId(job)).servicesLastAccessed()).as("no policies, no services").isEmpty();
            try (IamClient iam = server.iam(nobody)) {
                assertAccessDenied(() -> iam.generateServiceLastAccessedDetails(b -> b.arn(nobodyArn)), "User: " + nobodyArn
                        + " is not authorized to perform: iam:GenerateServiceLastAccessedDetails on resource: " + nobodyArn
                        + " because no identity-based policy allows the iam:GenerateServiceLastAccessedDetails action");
                assertAccessDenied(() -> iam.getServiceLastAccessedDetails(b -> b.jobId(job)), null);
                assertAccessDenied(() -> iam.getServiceLastAccessedDetailsWithEntities(b -> b.jobId(job).serviceNamespace("iam")), null);
                assertAccessDenied(() -> iam.listPoliciesGrantingServiceAccess(b -> b.arn(nobodyArn).serviceNamespaces("iam")), null);
                admin.putUserPolicy(b -> b.userName("nobody").policyName("advisor").policyDocument("{\"Version\":\"2012-10-17\",\"Statement\":["
                        + "{\"Effect\":\"Allow\",\"Action\":[\"iam:GenerateServiceLastAccessedDetails\",\"iam:ListPoliciesGrantingServiceAccess\"],\"Resource\":\"" + nobodyArn + "\"},"
                        + "{\"Effect\":\"Allow\",\"Action\":\"iam:GetServiceLastAccessedDetails*\",\"Resource\":\"*\"}]}"));
                String own = iam.generateServiceLastAccessedDetails(b -> b.arn(nobodyArn)).jobId();
                assertThat(services(iam.getServiceLastAccessedDetails(b -> b.jobId(own)))).containsOnlyKeys("iam");
                assertThat(iam.getServiceLastAccessedDetailsWithEntities(b -> b.jobId(own).serviceNamespace("iam")).entityDetailsList()).hasSize(1);
                assertThat(iam.listPoliciesGrantingServiceAccess(b -> b.arn(nobodyArn).serviceNamespaces("iam")).policiesGrantingServiceAccess().get(0).policies())
                        .extracting(PolicyGrantingServiceAccess::policyName).containsExactly("advisor");
                assertAccessDenied(() -> iam.generateServiceLastAccessedDetails(b -> b.arn("arn:aws:iam::" + account + ":user/admin")), null);
            }
        }
    }

    /** Generates jobs for {@code arn} until the IAM calls made so far show up in the trail (at most 10 s). */
    private static GetServiceLastAccessedDetailsResponse awaitUse(IamClient admin, String arn, AccessAdvisorUsageGranularityType granularity)
            throws InterruptedException
    {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
        while (true) {
            String job = admin.generateServiceLastAccessedDetails(b -> b.arn(arn).granularity(granularity)).jobId();
            GetServiceLastAccessedDetailsResponse details = admin.getServiceLastAccessedDetails(b -> b.jobId(job));
            ServiceLastAccessed iam = services(details).get("iam");
            if ((iam != null && iam.lastAuthenticated() != null) || Instant.now().isAfter(deadline)) {
                return details;
            }
            Thread.sleep(100);
        }
    }

    private static Map<String, ServiceLastAccessed> services(GetServiceLastAccessedDetailsResponse details)
    {
        return details.servicesLastAccessed().stream().collect(Collectors.toMap(ServiceLastAccessed::serviceNamespace, Function.identity()));
    }
}
