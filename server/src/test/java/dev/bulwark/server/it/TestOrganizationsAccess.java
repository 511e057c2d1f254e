package dev.bulwark.server.it;

import dev.bulwark.server.store.StoreTarget;
import dev.bulwark.server.store.StoreTest;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AccessKey;
import software.amazon.awssdk.services.organizations.OrganizationsClient;
import software.amazon.awssdk.services.organizations.model.*;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Invitations between accounts, delegated administrators, tags, and IAM authorization of Organizations' actions. */
final class TestOrganizationsAccess
{
    @StoreTest
    void invitationsAreAcceptedDeclinedOrCanceledByTheRightAccount(StoreTarget target) throws Exception
    {
        try (RunningServer server = RunningServer.start(target); OrganizationsClient orgs = OrgClients.organizations(server, server.adminCredentials())) {
            String management = server.admin().accountId();
            String orgId = orgs.createOrganization(b -> b.featureSet(OrganizationFeatureSet.ALL)).organization().id();
            // A standalone account: created in the organization, then removed (its access role stays, as in AWS).
            String other = orgs.createAccount(b -> b.accountName("other").email("other@example.com")).createAccountStatus().accountId();
            AwsCredentialsProvider otherAdmin = OrgClients.accessRole(server, other);
            orgs.removeAccountFromOrganization(b -> b.accountId(other));

            try (OrganizationsClient invited = OrgClients.organizations(server, otherAdmin)) {
                assertThatThrownBy(invited::describeOrganization).isInstanceOf(AwsOrganizationsNotInUseException.class);

                Handshake first = orgs.inviteAccountToOrganization(b -> b.target(t -> t.type(HandshakePartyType.ACCOUNT).id(other)).notes("join us"))
                        .handshake();
                assertThat(first.id()).matches("h-[a-z0-9]{10}");
                assertThat(first.arn()).isEqualTo("arn:aws:organizations::" + management + ":handshake/" + orgId + "/invite/" + first.id());
                assertThat(first.state()).isEqualTo(HandshakeState.OPEN);
                assertThat(first.action()).isEqualTo(ActionType.INVITE);
                assertThat(first.parties()).extracting(HandshakeParty::type, HandshakeParty::id).contains(
                        org.assertj.core.groups.Tuple.tuple(HandshakePartyType.ACCOUNT, other));
                assertThat(first.expirationTimestamp()).isAfter(first.requestedTimestamp());
                assertThatThrownBy(() -> orgs.inviteAccountToOrganization(b -> b.target(t -> t.type(HandshakePartyType.ACCOUNT).id(other))))
                        .isInstanceOf(DuplicateHandshakeException.class);

                assertThat(invited.listHandshakesForAccount(b -> {}).handshakes()).extracting(Handshake::id).containsExactly(first.id());
                assertThat(invited.declineHandshake(b -> b.handshakeId(first.id())).handshake().state()).isEqualTo(HandshakeState.DECLINED);
                assertThatThrownBy(() -> invited.declineHandshake(b -> b.handshakeId(first.id()))).isInstanceOf(HandshakeAlreadyInStateException.class);
                assertThatThrownBy(() -> invited.acceptHandshake(b -> b.handshakeId(first.id()))).isInstanceOf(InvalidHandshakeTransitionException.class);

                Handshake second = orgs.inviteAccountToOrganization(b -> b.target(t -> t.type(HandshakePartyType.EMAIL).id("other@example.com"))).handshake();
                assertThat(orgs.cancelHandshake(b -> b.handshakeId(second.id())).handshake().state()).isEqualTo(HandshakeState.CANCELED);
                assertThatThrownBy(() -> invited.acceptHandshake(b -> b.handshakeId(second.id()))).isInstanceOf(InvalidHandshakeTransitionException.class);
                // Only the invited account may answer, and only the organization may cancel.
                Handshake third = orgs.inviteAccountToOrganization(b -> b.target(t -> t.type(HandshakePartyType.ACCOUNT).id(other))).handshake();
                assertThatThrownBy(() -> orgs.acceptHandshake(b -> b.handshakeId(third.id()))).isInstanceOf(HandshakeNotFoundException.class);
                assertThatThrownBy(() -> invited.cancelHandshake(b -> b.handshakeId(third.id()))).isInstanceOf(AwsOrganizationsNotInUseException.class);
                assertThat(orgs.listHandshakesForOrganization(b -> {}).handshakes()).extracting(Handshake::state)
                        .containsExactly(HandshakeState.DECLINED, HandshakeState.CANCELED, HandshakeState.OPEN);

                assertThat(invited.acceptHandshake(b -> b.handshakeId(third.id())).handshake().state()).isEqualTo(HandshakeState.ACCEPTED);
                assertThat(invited.describeOrganization().organization().id()).isEqualTo(orgId);
                Account joined = orgs.describeAccount(b -> b.accountId(other)).account();
                assertThat(joined.joinedMethod()).isEqualTo(AccountJoinedMethod.INVITED);
                assertThatThrownBy(() -> orgs.inviteAccountToOrganization(b -> b.target(t -> t.type(HandshakePartyType.ACCOUNT).id(other))))
                        .isInstanceOfSatisfying(HandshakeConstraintViolationException.class,
                                e -> assertThat(e.reason()).isEqualTo(HandshakeConstraintViolationExceptionReason.ALREADY_IN_AN_ORGANIZATION));

                assertThatThrownBy(orgs::leaveOrganization).isInstanceOf(MasterCannotLeaveOrganizationException.class);
                invited.leaveOrganization();
                assertThatThrownBy(invited::describeOrganization).isInstanceOf(AwsOrganizationsNotInUseException.class);
                assertThat(orgs.listAccounts(b -> {}).accounts()).extracting(Account::id).containsExactly(management);
            }
        }
    }

    @StoreTest
    void delegatedAdministratorsReadTheOrganizationAndResourcesCarryTags(StoreTarget target) throws Exception
    {
        try (RunningServer server = RunningServer.start(target); OrganizationsClient orgs = OrgClients.organizations(server, server.adminCredentials())) {
            String management = server.admin().accountId();
            orgs.createOrganization(b -> b.featureSet(OrganizationFeatureSet.ALL));
            String member = orgs.createAccount(b -> b.accountName("security").email("sec@example.com").tags(t -> t.key("team").value("sec")))
                    .createAccountStatus().accountId();
            assertThat(orgs.listTagsForResource(b -> b.resourceId(member)).tags()).extracting(Tag::key).containsExactly("team");

            try (OrganizationsClient delegate = OrgClients.organizations(server, OrgClients.accessRole(server, member))) {
                assertThatThrownBy(() -> delegate.listAccounts(b -> {})).isInstanceOf(AccessDeniedException.class);
                assertThatThrownBy(() -> orgs.listDelegatedServicesForAccount(b -> b.accountId(member))).isInstanceOf(AccountNotRegisteredException.class);

                orgs.registerDelegatedAdministrator(b -> b.accountId(member).servicePrincipal("guardduty.amazonaws.com"));
                orgs.registerDelegatedAdministrator(b -> b.accountId(member).servicePrincipal("securityhub.amazonaws.com"));
                assertThatThrownBy(() -> orgs.registerDelegatedAdministrator(b -> b.accountId(member).servicePrincipal("guardduty.amazonaws.com")))
                        .isInstanceOf(AccountAlreadyRegisteredException.class);
                assertThatThrownBy(() -> orgs.registerDelegatedAdministrator(b -> b.accountId(management).servicePrincipal("guardduty.amazonaws.com")))
                        .isInstanceOfSatisfying(ConstraintViolationException.class, e -> assertThat(e.reason())
                                .isEqualTo(ConstraintViolationExceptionReason.CANNOT_REGISTER_MASTER_AS_DELEGATED_ADMINISTRATOR));
                assertThat(orgs.listDelegatedAdministrators(b -> {}).delegatedAdministrators()).extracting(DelegatedAdministrator::id).containsExactly(member);
                assertThat(orgs.listDelegatedAdministrators(b -> b.servicePrincipal("config.amazonaws.com")).delegatedAdministrators()).isEmpty();
                assertThat(orgs.listDelegatedServicesForAccount(b -> b.accountId(member)).delegatedServices())
                        .extracting(DelegatedService::servicePrincipal).containsExactly("guardduty.amazonaws.com", "securityhub.amazonaws.com");

                // A delegated administrator reads the organization but still may not change it.
                assertThat(delegate.listAccounts(b -> {}).accounts()).hasSize(2);
                assertThat(delegate.describeAccount(b -> b.accountId(management)).account().id()).isEqualTo(management);
                assertThatThrownBy(() -> delegate.createOrganizationalUnit(b -> b.parentId(delegate.listRoots(r -> {}).roots().get(0).id()).name("x")))
                        .isInstanceOf(AccessDeniedException.class);
                assertThatThrownBy(() -> orgs.removeAccountFromOrganization(b -> b.accountId(member)))
                        .isInstanceOfSatisfying(ConstraintViolationException.class, e -> assertThat(e.reason())
                                .isEqualTo(ConstraintViolationExceptionReason.CANNOT_REMOVE_DELEGATED_ADMINISTRATOR_FROM_ORG));

                orgs.deregisterDelegatedAdministrator(b -> b.accountId(member).servicePrincipal("guardduty.amazonaws.com"));
                orgs.deregisterDelegatedAdministrator(b -> b.accountId(member).servicePrincipal("securityhub.amazonaws.com"));
                assertThatThrownBy(() -> orgs.deregisterDelegatedAdministrator(b -> b.accountId(member).servicePrincipal("securityhub.amazonaws.com")))
                        .isInstanceOf(AccountNotRegisteredException.class);
                assertThatThrownBy(() -> delegate.listAccounts(b -> {})).isInstanceOf(AccessDeniedException.class);
            }

            String root = orgs.listRoots(b -> {}).roots().get(0).id();
            orgs.tagResource(b -> b.resourceId(root).tags(Tag.builder().key("a").value("1").build(), Tag.builder().key("b").value("2").build()));
            orgs.tagResource(b -> b.resourceId(root).tags(Tag.builder().key("a").value("3").build()));
            orgs.untagResource(b -> b.resourceId(root).tagKeys("b"));
            assertThat(orgs.listTagsForResource(b -> b.resourceId(root)).tags()).extracting(Tag::key, Tag::value)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("a", "3"));
            assertThatThrownBy(() -> orgs.tagResource(b -> b.resourceId("ou-zzzz-zzzzzzzz").tags(Tag.builder().key("a").value("1").build())))
                    .isInstanceOf(TargetNotFoundException.class);
        }
    }

    @StoreTest
    void everyOperationNeedsItsOrganizationsActionOnItsResource(StoreTarget target) throws Exception
    {
        try (RunningServer server = RunningServer.start(target); IamClient iam = server.iam(server.adminCredentials());
                OrganizationsClient orgs = OrgClients.organizations(server, server.adminCredentials())) {
            String management = server.admin().accountId();
            String orgId = orgs.createOrganization(b -> b.featureSet(OrganizationFeatureSet.ALL)).organization().id();
            String root = orgs.listRoots(b -> {}).roots().get(0).id();
            String ou = orgs.createOrganizationalUnit(b -> b.parentId(root).name("team")).organizationalUnit().id();

            iam.createUser(b -> b.userName("bob"));
            AccessKey key = iam.createAccessKey(b -> b.userName("bob")).accessKey();
            try (OrganizationsClient bob = OrgClients.organizations(server, RunningServer.credentials(key.accessKeyId(), key.secretAccessKey()))) {
                String bobArn = "arn:aws:iam::" + management + ":user/bob";
                assertThatThrownBy(bob::describeOrganization).isInstanceOfSatisfying(AccessDeniedException.class, e -> {
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("AccessDeniedException");
                    assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("User: " + bobArn
                            + " is not authorized to perform: organizations:DescribeOrganization on resource: * because no identity-based policy allows the "
                            + "organizations:DescribeOrganization action");
                });
                String rootArn = "arn:aws:organizations::" + management + ":root/" + orgId + "/" + root;
                iam.putUserPolicy(b -> b.userName("bob").policyName("ous").policyDocument("{\"Version\":\"2012-10-17\",\"Statement\":["
                        + "{\"Effect\":\"Allow\",\"Action\":\"organizations:Describe*\",\"Resource\":\"*\"},"
                        + "{\"Effect\":\"Allow\",\"Action\":\"organizations:CreateOrganizationalUnit\",\"Resource\":\"" + rootArn + "\"}]}"));
                assertThat(bob.describeOrganization().organization().id()).isEqualTo(orgId);
                assertThat(bob.createOrganizationalUnit(b -> b.parentId(root).name("allowed")).organizationalUnit().name()).isEqualTo("allowed");
                String ouArn = "arn:aws:organizations::" + management + ":ou/" + orgId + "/" + ou;
                assertThatThrownBy(() -> bob.createOrganizationalUnit(b -> b.parentId(ou).name("nested"))).isInstanceOfSatisfying(AccessDeniedException.class,
                        e -> assertThat(e.awsErrorDetails().errorMessage()).contains("organizations:CreateOrganizationalUnit on resource: " + ouArn));
                assertThatThrownBy(() -> bob.listAccounts(b -> {})).isInstanceOfSatisfying(AccessDeniedException.class,
                        e -> assertThat(e.awsErrorDetails().errorMessage()).contains("organizations:ListAccounts on resource: *"));

                // aws:ResourceTag: bob may list the children only of OUs tagged team=blue.
                String blue = orgs.createOrganizationalUnit(b -> b.parentId(root).name("blue").tags(t -> t.key("team").value("blue"))).organizationalUnit().id();
                iam.putUserPolicy(b -> b.userName("bob").policyName("abac").policyDocument("{\"Version\":\"2012-10-17\",\"Statement\":["
                        + "{\"Effect\":\"Allow\",\"Action\":\"organizations:ListChildren\",\"Resource\":\"*\","
                        + "\"Condition\":{\"StringEquals\":{\"aws:ResourceTag/team\":\"blue\"}}}]}"));
                assertThat(bob.listChildren(b -> b.parentId(blue).childType(ChildType.ACCOUNT)).children()).isEmpty();
                assertThatThrownBy(() -> bob.listChildren(b -> b.parentId(ou).childType(ChildType.ACCOUNT))).isInstanceOf(AccessDeniedException.class);
            }
        }
    }

    @StoreTest
    void organizationResourcePolicyIsStoredValidatedAndDeleted(StoreTarget target) throws Exception
    {
        try (RunningServer server = RunningServer.start(target); OrganizationsClient orgs = OrgClients.organizations(server, server.adminCredentials())) {
            String management = server.admin().accountId();
            String orgId = orgs.createOrganization(b -> b.featureSet(OrganizationFeatureSet.ALL)).organization().id();
            assertThatThrownBy(() -> orgs.describeResourcePolicy(b -> {})).isInstanceOf(ResourcePolicyNotFoundException.class);
            assertThatThrownBy(() -> orgs.enableAllFeatures(b -> {})).isInstanceOfSatisfying(HandshakeConstraintViolationException.class,
                    e -> assertThat(e.reason()).isEqualTo(HandshakeConstraintViolationExceptionReason.ORGANIZATION_ALREADY_HAS_ALL_FEATURES));

            String identityStyle = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"organizations:List*\",\"Resource\":\"*\"}]}";
            assertThatThrownBy(() -> orgs.putResourcePolicy(b -> b.content(identityStyle))).isInstanceOfSatisfying(InvalidInputException.class,
                    e -> assertThat(e.reason()).isEqualTo(InvalidInputExceptionReason.INVALID_RESOURCE_POLICY_JSON));
            String delegation = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"arn:aws:iam::111122223333:root\"},"
                    + "\"Action\":\"organizations:List*\",\"Resource\":\"*\"}]}";
            ResourcePolicy put = orgs.putResourcePolicy(b -> b.content(delegation).tags(t -> t.key("k").value("v"))).resourcePolicy();
            assertThat(put.resourcePolicySummary().id()).matches("rp-[a-z0-9]{8}");
            assertThat(put.resourcePolicySummary().arn())
                    .isEqualTo("arn:aws:organizations::" + management + ":resourcepolicy/" + orgId + "/" + put.resourcePolicySummary().id());
            assertThat(orgs.describeResourcePolicy(b -> {}).resourcePolicy()).isEqualTo(put);
            assertThat(orgs.listTagsForResource(b -> b.resourceId(put.resourcePolicySummary().id())).tags()).extracting(Tag::key).containsExactly("k");
            String replaced = delegation.replace("List*", "Describe*");
            assertThat(orgs.putResourcePolicy(b -> b.content(replaced)).resourcePolicy().resourcePolicySummary().id())
                    .isEqualTo(put.resourcePolicySummary().id());
            orgs.deleteResourcePolicy(b -> {});
            assertThatThrownBy(() -> orgs.deleteResourcePolicy(b -> {})).isInstanceOf(ResourcePolicyNotFoundException.class);
        }
    }
}
