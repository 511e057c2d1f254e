package dev.bulwark.server.it;

import dev.bulwark.server.store.StoreTarget;
import dev.bulwark.server.store.StoreTest;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.IamException;
import software.amazon.awssdk.services.organizations.OrganizationsClient;
import software.amazon.awssdk.services.organizations.model.HandshakePartyType;
import software.amazon.awssdk.services.organizations.model.OrganizationFeatureSet;
import software.amazon.awssdk.services.organizations.model.PolicyType;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.StsException;

import java.time.Clock;
import java.util.OptionalInt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Service control policies enforced on every request of a member account, level by level down its OU path, with
 * the management account exempt and a member account's root user not; and the organization's condition keys.
 */
final class TestServiceControlPolicies
{
    private static final String DENY_CREATE_USER = """
            {"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":"iam:CreateUser","Resource":"*"}]}""";
    private static final String ONLY_READS = """
            {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["iam:Get*","iam:List*","sts:*"],"Resource":"*"}]}""";

    @StoreTest
    void scpsOfEveryLevelLimitMemberAccountsButNotTheManagementAccount(StoreTarget target) throws Exception
    {
        try (RunningServer server = RunningServer.start(target); OrganizationsClient orgs = OrgClients.organizations(server, server.adminCredentials());
                IamClient managementIam = server.iam(server.adminCredentials())) {
            orgs.createOrganization(b -> b.featureSet(OrganizationFeatureSet.ALL));
            String root = orgs.listRoots(b -> {}).roots().get(0).id();
            orgs.enablePolicyType(b -> b.rootId(root).policyType(PolicyType.SERVICE_CONTROL_POLICY));
            String member = orgs.createAccount(b -> b.accountName("regulated").email("regulated@example.com")).createAccountStatus().accountId();
            String ou = orgs.createOrganizationalUnit(b -> b.parentId(root).name("Regulated")).organizationalUnit().id();
            String deny = orgs.createPolicy(b -> b.name("no-new-users").description("d").type(PolicyType.SERVICE_CONTROL_POLICY).content(DENY_CREATE_USER))
                    .policy().policySummary().id();
            orgs.attachPolicy(b -> b.policyId(deny).targetId(ou));

            try (IamClient memberIam = server.iam(OrgClients.accessRole(server, member))) {
                String session = "arn:aws:sts::" + member + ":assumed-role/OrganizationAccountAccessRole/admin";
                memberIam.createUser(b -> b.userName("before-move"));

                orgs.moveAccount(b -> b.accountId(member).sourceParentId(root).destinationParentId(ou));
                assertThatThrownBy(() -> memberIam.createUser(b -> b.userName("inside")))
                        .isInstanceOfSatisfying(IamException.class, e -> {
                            assertThat(e.statusCode()).isEqualTo(403);
                            assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("User: " + session + " is not authorized to perform: iam:CreateUser on resource: arn:aws:iam::"
                                    + member + ":user/inside with an explicit deny in a service control policy");
                        });
                assertThat(memberIam.listUsers().users()).isNotEmpty();

                // An allow-list at the OU: what it does not allow is implicitly denied, even to AdministratorAccess.
                orgs.detachPolicy(b -> b.policyId(deny).targetId(ou));
                String reads = orgs.createPolicy(b -> b.name("reads").description("r").type(PolicyType.SERVICE_CONTROL_POLICY).content(ONLY_READS))
                        .policy().policySummary().id();
                orgs.attachPolicy(b -> b.policyId(reads).targetId(ou));
                orgs.detachPolicy(b -> b.policyId("p-FullAWSAccess").targetId(ou));
                assertThatThrownBy(() -> memberIam.createUser(b -> b.userName("inside")))
                        .isInstanceOfSatisfying(IamException.class, e -> assertThat(e.awsErrorDetails().errorMessage())
                                .endsWith("because no service control policy allows the iam:CreateUser action"));
                assertThat(memberIam.getUser(b -> b.userName("before-move")).user().userName()).isEqualTo("before-move");

                // The management account is never limited, even by a deny at the root.
                orgs.attachPolicy(b -> b.policyId(deny).targetId(root));
                managementIam.createUser(b -> b.userName("management-still-can"));

                // Moving the account out of the OU (and the root's deny detached) restores its administrator.
                orgs.detachPolicy(b -> b.policyId(deny).targetId(root));
                orgs.moveAccount(b -> b.accountId(member).sourceParentId(ou).destinationParentId(root));
                memberIam.createUser(b -> b.userName("after-move"));
            }
        }
    }

    @StoreTest
    void aMemberAccountsRootIsLimitedAndOrgConditionKeysAreSet(StoreTarget target) throws Exception
    {
        try (RunningServer server = RunningServer.start(target, Clock.systemUTC(), true, OptionalInt.empty());
                OrganizationsClient orgs = OrgClients.organizations(server, server.adminCredentials())) {
            String management = server.admin().accountId();
            String orgId = orgs.createOrganization(b -> b.featureSet(OrganizationFeatureSet.ALL)).organization().id();
            String root = orgs.listRoots(b -> {}).roots().get(0).id();
            orgs.enablePolicyType(b -> b.rootId(root).policyType(PolicyType.SERVICE_CONTROL_POLICY));

            // Dev mode: keys the server never issued are the root user of 123456789012, which joins by invitation.
            AwsCredentialsProvider devRoot = RunningServer.credentials("AKIAIOSFODNN7EXAMPLE", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY");
            String devAccount = server.server().config().defaultAccount();
            String handshake = orgs.inviteAccountToOrganization(b -> b.target(t -> t.type(HandshakePartyType.ACCOUNT).id(devAccount))).handshake().id();
            try (OrganizationsClient invited = OrgClients.organizations(server, devRoot); IamClient rootIam = server.iam(devRoot)) {
                invited.acceptHandshake(b -> b.handshakeId(handshake));
                rootIam.createUser(b -> b.userName("by-root"));

                String deny = orgs.createPolicy(b -> b.name("no-new-users").description("d").type(PolicyType.SERVICE_CONTROL_POLICY).content(DENY_CREATE_USER))
                        .policy().policySummary().id();
                orgs.attachPolicy(b -> b.policyId(deny).targetId(devAccount));
                assertThatThrownBy(() -> rootIam.createUser(b -> b.userName("root-denied")))
                        .isInstanceOfSatisfying(IamException.class, e -> assertThat(e.awsErrorDetails().errorMessage()).isEqualTo(
                                "User: arn:aws:iam::" + devAccount + ":root is not authorized to perform: iam:CreateUser on resource: arn:aws:iam::" + devAccount
                                        + ":user/root-denied with an explicit deny in a service control policy"));
                assertThat(rootIam.listUsers().users()).extracting(u -> u.userName()).contains("by-root");
            }

            // aws:PrincipalOrgID: a role in the management account any principal of the organization may assume.
            String trust = """
                    {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"*"},"Action":"sts:AssumeRole",
                      "Condition":{"StringEquals":{"aws:PrincipalOrgID":"%s"},"StringLike":{"aws:PrincipalOrgPaths":"%s/*"}}}]}""".formatted(orgId, orgId);
            try (IamClient managementIam = server.iam(server.adminCredentials())) {
                managementIam.createRole(b -> b.roleName("OrgWide").assumeRolePolicyDocument(trust));
            }
            String outsider = orgs.createAccount(b -> b.accountName("outsider").email("outsider@example.com")).createAccountStatus().accountId();
            AwsCredentialsProvider outsiderAdmin = OrgClients.accessRole(server, outsider);
            String member = orgs.createAccount(b -> b.accountName("member").email("member@example.com")).createAccountStatus().accountId();
            AwsCredentialsProvider memberAdmin = OrgClients.accessRole(server, member);
            orgs.removeAccountFromOrganization(b -> b.accountId(outsider));
            String roleArn = "arn:aws:iam::" + management + ":role/OrgWide";
            try (StsClient memberSts = server.sts(memberAdmin); StsClient outsiderSts = server.sts(outsiderAdmin)) {
                assertThat(memberSts.assumeRole(b -> b.roleArn(roleArn).roleSessionName("member")).assumedRoleUser().arn())
                        .isEqualTo("arn:aws:sts::" + management + ":assumed-role/OrgWide/member");
                assertThatThrownBy(() -> outsiderSts.assumeRole(b -> b.roleArn(roleArn).roleSessionName("outsider")))
                        .isInstanceOfSatisfying(StsException.class, e -> assertThat(e.statusCode()).isEqualTo(403));
            }
        }
    }

    @StoreTest
    void resourceControlPoliciesProtectMemberResourcesFromOutsideTheOrganization(StoreTarget target) throws Exception
    {
        try (RunningServer server = RunningServer.start(target); OrganizationsClient orgs = OrgClients.organizations(server, server.adminCredentials())) {
            String orgId = orgs.createOrganization(b -> b.featureSet(OrganizationFeatureSet.ALL)).organization().id();
            String root = orgs.listRoots(b -> {}).roots().get(0).id();
            String member = orgs.createAccount(b -> b.accountName("member").email("member@example.com")).createAccountStatus().accountId();
            String outsider = orgs.createAccount(b -> b.accountName("outsider").email("outsider@example.com")).createAccountStatus().accountId();
            AwsCredentialsProvider memberAdmin = OrgClients.accessRole(server, member);
            AwsCredentialsProvider outsiderAdmin = OrgClients.accessRole(server, outsider);
            orgs.removeAccountFromOrganization(b -> b.accountId(outsider));
            String trust = """
                    {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::%s:root"},"Action":"sts:AssumeRole"}]}"""
                    .formatted(outsider);
            try (IamClient memberIam = server.iam(memberAdmin)) {
                memberIam.createRole(b -> b.roleName("Partner").assumeRolePolicyDocument(trust));
            }
            String roleArn = "arn:aws:iam::" + member + ":role/Partner";
            try (StsClient outsiderSts = server.sts(outsiderAdmin)) {
                outsiderSts.assumeRole(b -> b.roleArn(roleArn).roleSessionName("before"));

                orgs.enablePolicyType(b -> b.rootId(root).policyType(PolicyType.RESOURCE_CONTROL_POLICY));
                String perimeter = orgs.createPolicy(b -> b.name("perimeter").description("p").type(PolicyType.RESOURCE_CONTROL_POLICY).content("""
                        {"Version":"2012-10-17","Statement":[{"Effect":"Deny","Principal":"*","Action":"sts:AssumeRole","Resource":"*",
                          "Condition":{"StringNotEqualsIfExists":{"aws:PrincipalOrgID":"%s"}}}]}""".formatted(orgId))).policy().policySummary().id();
                orgs.attachPolicy(b -> b.policyId(perimeter).targetId(member));
                assertThatThrownBy(() -> outsiderSts.assumeRole(b -> b.roleArn(roleArn).roleSessionName("after")))
                        .isInstanceOfSatisfying(StsException.class, e -> assertThat(e.statusCode()).isEqualTo(403));

                orgs.detachPolicy(b -> b.policyId(perimeter).targetId(member));
                outsiderSts.assumeRole(b -> b.roleArn(roleArn).roleSessionName("detached"));
            }
        }
    }
}
