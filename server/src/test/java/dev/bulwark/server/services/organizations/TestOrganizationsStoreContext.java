package dev.bulwark.server.services.organizations;

import dev.bulwark.server.services.iam.IamStore;
import dev.bulwark.server.services.iam.model.IamIds;
import dev.bulwark.server.services.organizations.model.AccountOrgContext;
import dev.bulwark.server.services.organizations.model.MemberAccount;
import dev.bulwark.server.services.organizations.model.OrgPolicy;
import dev.bulwark.server.services.organizations.model.Organization;
import dev.bulwark.server.services.organizations.model.OrganizationalUnit;
import dev.bulwark.server.store.SecretBox;
import dev.bulwark.server.store.Store;
import dev.bulwark.server.store.StoreTest;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** {@link OrganizationsStore#contextOf}: the organization, OU path and per-level SCP/RCP documents authorization reads. */
final class TestOrganizationsStoreContext
{
    private static final Instant NOW = Instant.parse("2026-05-06T07:08:09Z");
    private static final String DENY_S3 = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Deny\",\"Action\":\"s3:*\",\"Resource\":\"*\"}]}";
    private static final String DENY_KMS_RCP = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Deny\",\"Principal\":\"*\",\"Action\":\"kms:*\",\"Resource\":\"*\"}]}";

    @StoreTest
    void accountInNoOrganizationHasNoContext(Store store)
    {
        IamStore iam = new IamStore(SecretBox.withKey(new byte[32]), IamIds.secure(), Clock.systemUTC());
        OrganizationsStore orgs = new OrganizationsStore();
        String account = store.inTransaction(tx -> iam.createAccount(tx, "alone", "alone@example.com", null)).id();
        Optional<AccountOrgContext> context = store.readOnly(tx -> orgs.contextOf(tx, account));
        assertThat(context).isEmpty();
    }

    @StoreTest
    void memberInNestedOuSeesPathAndPoliciesOfEveryLevel(Store store)
    {
        IamStore iam = new IamStore(SecretBox.withKey(new byte[32]), IamIds.secure(), Clock.systemUTC());
        OrganizationsStore orgs = new OrganizationsStore();
        String management = store.inTransaction(tx -> iam.createAccount(tx, "mgmt", "mgmt@example.com", null)).id();
        String member = store.inTransaction(tx -> iam.createAccount(tx, "member", "member@example.com", null)).id();

        Fixture fixture = store.inTransaction(tx -> {
            Organization organization = orgs.createOrganization(tx, management, "mgmt", "mgmt@example.com", NOW);
            String rootId = orgs.root(tx, organization.id()).id();
            OrganizationalUnit outer = orgs.createUnit(tx, organization.id(), rootId, rootId, "outer", NOW);
            OrganizationalUnit inner = orgs.createUnit(tx, organization.id(), rootId, outer.id(), "inner", NOW);
            orgs.addMember(tx, new MemberAccount(member, organization.id(), inner.id(), "member", "member@example.com", "ACTIVE", "CREATED", NOW));
            orgs.enablePolicyType(tx, rootId, OrganizationsStore.SCP);
            for (String target : List.of(rootId, outer.id(), inner.id(), member, management)) {
                orgs.attach(tx, organization.id(), OrganizationsStore.FULL_AWS_ACCESS, target);
            }
            OrgPolicy denyS3 = orgs.createPolicy(tx, organization.id(), "deny-s3", "", OrganizationsStore.SCP, DENY_S3);
            orgs.attach(tx, organization.id(), denyS3, inner.id());
            // An RCP attached while RCPs are disabled is not in force.
            OrgPolicy denyKms = orgs.createPolicy(tx, organization.id(), "deny-kms", "", OrganizationsStore.RCP, DENY_KMS_RCP);
            orgs.attach(tx, organization.id(), denyKms, outer.id());
            return new Fixture(organization, rootId, outer.id(), inner.id());
        });

        AccountOrgContext context = store.readOnly(tx -> orgs.contextOf(tx, member)).orElseThrow();
        assertThat(context.organizationId()).isEqualTo(fixture.organization.id()).matches("o-[a-z0-9]{10}");
        assertThat(context.managementAccountId()).isEqualTo(management);
        assertThat(context.isManagementAccount()).isFalse();
        assertThat(context.path()).containsExactly(fixture.rootId, fixture.outer, fixture.inner);
        assertThat(context.orgPath()).isEqualTo(fixture.organization.id() + "/" + fixture.rootId + "/" + fixture.outer + "/" + fixture.inner + "/");
        assertThat(context.scpLevels()).hasSize(4);
        assertThat(context.scpLevels().get(0)).containsExactly(OrganizationsStore.FULL_AWS_ACCESS.content());
        assertThat(context.scpLevels().get(1)).containsExactly(OrganizationsStore.FULL_AWS_ACCESS.content());
        assertThat(context.scpLevels().get(2)).containsExactlyInAnyOrder(OrganizationsStore.FULL_AWS_ACCESS.content(), DENY_S3);
        assertThat(context.scpLevels().get(3)).containsExactly(OrganizationsStore.FULL_AWS_ACCESS.content());
        assertThat(context.rcpLevels()).isEmpty();

        store.inTransaction(tx -> {
            orgs.enablePolicyType(tx, fixture.rootId, OrganizationsStore.RCP);
            return null;
        });
        AccountOrgContext withRcps = store.readOnly(tx -> orgs.contextOf(tx, member)).orElseThrow();
        assertThat(withRcps.rcpLevels()).hasSize(4);
        assertThat(withRcps.rcpLevels().get(1)).containsExactly(DENY_KMS_RCP);
        assertThat(withRcps.rcpLevels().get(0)).isEmpty();

        AccountOrgContext managementContext = store.readOnly(tx -> orgs.contextOf(tx, management)).orElseThrow();
        assertThat(managementContext.isManagementAccount()).isTrue();
        assertThat(managementContext.path()).containsExactly(fixture.rootId);
        assertThat(managementContext.orgPath()).isEqualTo(fixture.organization.id() + "/" + fixture.rootId + "/");
        assertThat(managementContext.scpLevels()).hasSize(2);
    }

    private record Fixture(Organization organization, String rootId, String outer, String inner) {}
}
