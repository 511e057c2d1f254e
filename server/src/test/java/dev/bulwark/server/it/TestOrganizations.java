package dev.bulwark.server.it;

import dev.bulwark.server.store.StoreTarget;
import dev.bulwark.server.store.StoreTest;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.organizations.OrganizationsClient;
import software.amazon.awssdk.services.organizations.model.*;
import software.amazon.awssdk.services.sts.StsClient;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Organizations through a real server and the AWS SDK: the organization's lifecycle, member accounts, roots and trusted services. */
final class TestOrganizations
{
    @StoreTest
    void organizationLifecycle(StoreTarget target) throws Exception
    {
        try (RunningServer server = RunningServer.start(target); OrganizationsClient orgs = OrgClients.organizations(server, server.adminCredentials())) {
            String account = server.admin().accountId();
            assertThatThrownBy(orgs::describeOrganization).isInstanceOfSatisfying(AwsOrganizationsNotInUseException.class, e -> {
                assertThat(e.statusCode()).isEqualTo(400);
                assertThat(e.awsErrorDetails().errorCode()).isEqualTo("AWSOrganizationsNotInUseException");
                assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("Your account is not a member of an organization.");
            });

            Organization created = orgs.createOrganization(b -> b.featureSet(OrganizationFeatureSet.ALL)).organization();
            assertThat(created.id()).matches("o-[a-z0-9]{10}");
            assertThat(created.arn()).isEqualTo("arn:aws:organizations::" + account + ":organization/" + created.id());
            assertThat(created.masterAccountId()).isEqualTo(account);
            assertThat(created.masterAccountArn()).isEqualTo("arn:aws:organizations::" + account + ":account/" + created.id() + "/" + account);
            assertThat(created.masterAccountEmail()).isEqualTo(server.admin().rootEmail());
            assertThat(created.featureSet()).isEqualTo(OrganizationFeatureSet.ALL);
            assertThat(orgs.describeOrganization().organization()).isEqualTo(created);
            assertThatThrownBy(() -> orgs.createOrganization(b -> b.featureSet(OrganizationFeatureSet.ALL)))
                    .isInstanceOf(AlreadyInOrganizationException.class);

            Root root = orgs.listRoots(b -> {}).roots().get(0);
            assertThat(root.id()).matches("r-[a-z0-9]{4}");
            assertThat(root.arn()).isEqualTo("arn:aws:organizations::" + account + ":root/" + created.id() + "/" + root.id());
            assertThat(root.policyTypes()).isEmpty();

            Account management = orgs.listAccounts(b -> {}).accounts().get(0);
            assertThat(management.id()).isEqualTo(account);
            assertThat(management.status()).isEqualTo(AccountStatus.ACTIVE);

            assertThat(orgs.enablePolicyType(b -> b.rootId(root.id()).policyType(PolicyType.SERVICE_CONTROL_POLICY)).root().policyTypes())
                    .extracting(PolicyTypeSummary::type, PolicyTypeSummary::status)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple(PolicyType.SERVICE_CONTROL_POLICY, PolicyTypeStatus.ENABLED));
            assertThatThrownBy(() -> orgs.enablePolicyType(b -> b.rootId(root.id()).policyType(PolicyType.SERVICE_CONTROL_POLICY)))
                    .isInstanceOf(PolicyTypeAlreadyEnabledException.class);
            assertThatThrownBy(() -> orgs.enablePolicyType(b -> b.rootId("r-zzzz").policyType(PolicyType.TAG_POLICY)))
                    .isInstanceOf(RootNotFoundException.class);
            assertThat(orgs.listPoliciesForTarget(b -> b.targetId(root.id()).filter(PolicyType.SERVICE_CONTROL_POLICY)).policies())
                    .extracting(PolicySummary::id, PolicySummary::name, PolicySummary::awsManaged, PolicySummary::arn)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("p-FullAWSAccess", "FullAWSAccess", true,
                            "arn:aws:organizations::aws:policy/service_control_policy/p-FullAWSAccess"));
            assertThat(orgs.listPoliciesForTarget(b -> b.targetId(account).filter(PolicyType.SERVICE_CONTROL_POLICY)).policies()).hasSize(1);
            orgs.disablePolicyType(b -> b.rootId(root.id()).policyType(PolicyType.SERVICE_CONTROL_POLICY));
            assertThat(orgs.listPoliciesForTarget(b -> b.targetId(root.id()).filter(PolicyType.SERVICE_CONTROL_POLICY)).policies()).isEmpty();
            assertThatThrownBy(() -> orgs.disablePolicyType(b -> b.rootId(root.id()).policyType(PolicyType.SERVICE_CONTROL_POLICY)))
                    .isInstanceOf(PolicyTypeNotEnabledException.class);

            orgs.enableAWSServiceAccess(b -> b.servicePrincipal("cloudtrail.amazonaws.com"));
            orgs.enableAWSServiceAccess(b -> b.servicePrincipal("config.amazonaws.com"));
            assertThat(orgs.listAWSServiceAccessForOrganization(b -> {}).enabledServicePrincipals())
                    .extracting(EnabledServicePrincipal::servicePrincipal).containsExactly("cloudtrail.amazonaws.com", "config.amazonaws.com");
            orgs.disableAWSServiceAccess(b -> b.servicePrincipal("config.amazonaws.com"));
            assertThat(orgs.listAWSServiceAccessForOrganization(b -> {}).enabledServicePrincipals())
                    .extracting(EnabledServicePrincipal::servicePrincipal).containsExactly("cloudtrail.amazonaws.com");
            assertThatThrownBy(() -> orgs.enableAWSServiceAccess(b -> b.servicePrincipal("example.com")))
                    .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.reason()).isEqualTo(InvalidInputExceptionReason.UNRECOGNIZED_SERVICE_PRINCIPAL));

            orgs.deleteOrganization(b -> {});
            assertThatThrownBy(orgs::describeOrganization).isInstanceOf(AwsOrganizationsNotInUseException.class);
            // A new organization can be created afterwards, with new ids.
            assertThat(orgs.createOrganization(b -> b.featureSet(OrganizationFeatureSet.ALL)).organization().id()).isNotEqualTo(created.id());
        }
    }

    @StoreTest
    void createdAccountIsRealAndManagementCanAssumeItsAccessRole(StoreTarget target) throws Exception
    {
        try (RunningServer server = RunningServer.start(target); OrganizationsClient orgs = OrgClients.organizations(server, server.adminCredentials())) {
            String management = server.admin().accountId();
            String orgId = orgs.createOrganization(b -> b.featureSet(OrganizationFeatureSet.ALL)).organization().id();
            CreateAccountStatus status = orgs.createAccount(b -> b.accountName("dev").email("dev@example.com")).createAccountStatus();
            assertThat(status.id()).matches("car-[a-z0-9]{32}");
            assertThat(status.state()).isEqualTo(CreateAccountState.SUCCEEDED);
            assertThat(status.accountId()).matches("\\d{12}").isNotEqualTo(management);
            assertThat(status.accountName()).isEqualTo("dev");
            String member = status.accountId();
            assertThat(orgs.describeCreateAccountStatus(b -> b.createAccountRequestId(status.id())).createAccountStatus()).isEqualTo(status);
            assertThatThrownBy(() -> orgs.describeCreateAccountStatus(b -> b.createAccountRequestId("car-0000000000")))
                    .isInstanceOf(CreateAccountStatusNotFoundException.class);

            Account described = orgs.describeAccount(b -> b.accountId(member)).account();
            assertThat(described.arn()).isEqualTo("arn:aws:organizations::" + management + ":account/" + orgId + "/" + member);
            assertThat(described.email()).isEqualTo("dev@example.com");
            assertThat(described.joinedMethod()).isEqualTo(AccountJoinedMethod.CREATED);
            assertThat(orgs.listAccounts(b -> {}).accounts()).extracting(Account::id).containsExactly(management, member);
            assertThatThrownBy(() -> orgs.describeAccount(b -> b.accountId("999999999999"))).isInstanceOf(AccountNotFoundException.class);

            // The same email again: AWS accepts the request and reports EMAIL_ALREADY_EXISTS in its status.
            CreateAccountStatus duplicate = orgs.createAccount(b -> b.accountName("again").email("DEV@example.com")).createAccountStatus();
            assertThat(duplicate.state()).isEqualTo(CreateAccountState.FAILED);
            assertThat(duplicate.failureReason()).isEqualTo(CreateAccountFailureReason.EMAIL_ALREADY_EXISTS);
            assertThat(duplicate.accountId()).isNull();
            assertThat(orgs.listCreateAccountStatus(b -> b.states(CreateAccountState.FAILED)).createAccountStatuses())
                    .extracting(CreateAccountStatus::id).containsExactly(duplicate.id());
            assertThat(orgs.listCreateAccountStatus(b -> {}).createAccountStatuses()).hasSize(2);

            // The management account's administrator works in the new account through OrganizationAccountAccessRole.
            AwsCredentialsProvider inMember = OrgClients.accessRole(server, member);
            try (StsClient sts = server.sts(inMember); IamClient iam = server.iam(inMember); OrganizationsClient memberOrgs = OrgClients.organizations(server, inMember)) {
                assertThat(sts.getCallerIdentity().account()).isEqualTo(member);
                iam.createUser(b -> b.userName("developer"));
                assertThat(iam.listUsers().users()).extracting(u -> u.arn()).containsExactly("arn:aws:iam::" + member + ":user/developer");
                assertThat(iam.listAttachedRolePolicies(b -> b.roleName("OrganizationAccountAccessRole")).attachedPolicies())
                        .extracting(p -> p.policyArn()).containsExactly("arn:aws:iam::aws:policy/AdministratorAccess");
                // A member sees its organization but may not manage it.
                assertThat(memberOrgs.describeOrganization().organization().id()).isEqualTo(orgId);
                assertThatThrownBy(() -> memberOrgs.listAccounts(b -> {})).isInstanceOfSatisfying(AccessDeniedException.class,
                        e -> assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("You don't have permissions to access this resource."));
                assertThatThrownBy(() -> memberOrgs.createAccount(b -> b.accountName("x").email("x@example.com"))).isInstanceOf(AccessDeniedException.class);
            }
            try (IamClient managementIam = server.iam(server.adminCredentials())) {
                // The management account does not see the member's users.
                assertThat(managementIam.listUsers().users()).extracting(u -> u.userName()).doesNotContain("developer");
            }

            assertThatThrownBy(() -> orgs.deleteOrganization(b -> {})).isInstanceOf(OrganizationNotEmptyException.class);
            orgs.closeAccount(b -> b.accountId(member));
            assertThat(orgs.describeAccount(b -> b.accountId(member)).account().status()).isEqualTo(AccountStatus.SUSPENDED);
            assertThatThrownBy(() -> orgs.closeAccount(b -> b.accountId(member))).isInstanceOf(AccountAlreadyClosedException.class);
            assertThatThrownBy(() -> orgs.closeAccount(b -> b.accountId(management))).isInstanceOfSatisfying(ConstraintViolationException.class,
                    e -> assertThat(e.reason()).isEqualTo(ConstraintViolationExceptionReason.CANNOT_CLOSE_MANAGEMENT_ACCOUNT));
            assertThatThrownBy(() -> orgs.removeAccountFromOrganization(b -> b.accountId(management)))
                    .isInstanceOf(MasterCannotLeaveOrganizationException.class);
            orgs.removeAccountFromOrganization(b -> b.accountId(member));
            assertThat(orgs.listAccounts(b -> {}).accounts()).extracting(Account::id).containsExactly(management);
            orgs.deleteOrganization(b -> {});
        }
    }

    @StoreTest
    void listsPageWithNextToken(StoreTarget target) throws Exception
    {
        try (RunningServer server = RunningServer.start(target); OrganizationsClient orgs = OrgClients.organizations(server, server.adminCredentials())) {
            orgs.createOrganization(b -> b.featureSet(OrganizationFeatureSet.ALL));
            for (int i = 0; i < 3; i++) {
                int n = i;
                orgs.createAccount(b -> b.accountName("a" + n).email("a" + n + "@example.com"));
            }
            List<String> seen = new java.util.ArrayList<>();
            String token = null;
            int pages = 0;
            do {
                String current = token;
                ListAccountsResponse page = orgs.listAccounts(b -> b.maxResults(2).nextToken(current));
                page.accounts().forEach(a -> seen.add(a.name()));
                token = page.nextToken();
                pages++;
            }
            while (token != null);
            assertThat(pages).isEqualTo(2);
            assertThat(seen).hasSize(4).contains("a0", "a1", "a2");
            assertThatThrownBy(() -> orgs.listAccounts(b -> b.nextToken("bogus!"))).isInstanceOfSatisfying(InvalidInputException.class,
                    e -> assertThat(e.reason()).isEqualTo(InvalidInputExceptionReason.INVALID_NEXT_TOKEN));
            // Organizations reports model constraint violations as InvalidInputException with a reason, not ValidationException.
            assertThatThrownBy(() -> orgs.describeAccount(b -> b.accountId("123"))).isInstanceOfSatisfying(InvalidInputException.class, e -> {
                assertThat(e.reason()).isEqualTo(InvalidInputExceptionReason.INVALID_PATTERN);
                assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("You provided a value that does not match the required pattern.");
            });
            assertThatThrownBy(() -> orgs.listAccounts(b -> b.maxResults(21))).isInstanceOfSatisfying(InvalidInputException.class,
                    e -> assertThat(e.reason()).isEqualTo(InvalidInputExceptionReason.MAX_VALUE_EXCEEDED));
        }
    }

    @StoreTest
    void devModeRootRunsAnOrganizationAsSuitesForOtherEmulatorsExpect(StoreTarget target) throws Exception
    {
        try (RunningServer server = RunningServer.start(target, java.time.Clock.systemUTC(), true, java.util.OptionalInt.empty());
                OrganizationsClient orgs = OrgClients.organizations(server, RunningServer.credentials("test", "test"))) {
            String account = server.server().config().defaultAccount();
            Organization organization = orgs.createOrganization(b -> b.featureSet(OrganizationFeatureSet.ALL)).organization();
            assertThat(organization.masterAccountId()).isEqualTo(account);
            assertThat(organization.availablePolicyTypes()).extracting(PolicyTypeSummary::type).containsExactly(PolicyType.SERVICE_CONTROL_POLICY);
            String member = orgs.createAccount(b -> b.accountName("member").email("member@example.com")).createAccountStatus().accountId();
            assertThat(orgs.listAccounts(b -> {}).accounts()).extracting(Account::id).containsExactly(account, member);
            // The created account is a real one: the management account's root may not assume roles (AWS), but its users may.
            try (IamClient iam = server.iam(RunningServer.credentials("test", "test"))) {
                iam.createUser(b -> b.userName("ops"));
                iam.attachUserPolicy(b -> b.userName("ops").policyArn("arn:aws:iam::aws:policy/AdministratorAccess"));
                var key = iam.createAccessKey(b -> b.userName("ops")).accessKey();
                try (StsClient sts = server.sts(RunningServer.credentials(key.accessKeyId(), key.secretAccessKey()))) {
                    var session = sts.assumeRole(b -> b.roleArn("arn:aws:iam::" + member + ":role/OrganizationAccountAccessRole").roleSessionName("ops"))
                            .credentials();
                    try (StsClient inMember = server.sts(software.amazon.awssdk.auth.credentials.StaticCredentialsProvider.create(
                            software.amazon.awssdk.auth.credentials.AwsSessionCredentials.create(session.accessKeyId(), session.secretAccessKey(),
                                    session.sessionToken())))) {
                        assertThat(inMember.getCallerIdentity().arn()).isEqualTo("arn:aws:sts::" + member + ":assumed-role/OrganizationAccountAccessRole/ops");
                    }
                }
            }
        }
    }
}
