package dev.bulwark.server.services.organizations;

import dev.bulwark.server.services.organizations.model.AccountOrgContext;
import dev.bulwark.server.services.organizations.model.CreateAccountRequestRecord;
import dev.bulwark.server.services.organizations.model.Handshake;
import dev.bulwark.server.services.organizations.model.MemberAccount;
import dev.bulwark.server.services.organizations.model.OrgPolicy;
import dev.bulwark.server.services.organizations.model.Organization;
import dev.bulwark.server.services.organizations.model.OrganizationalUnit;
import dev.bulwark.server.services.organizations.model.Root;
import dev.bulwark.server.store.Tx;

import java.security.SecureRandom;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.random.RandomGenerator;

import static java.util.Objects.requireNonNull;

/**
 * Persistence for Organizations: organizations and their root, OUs, memberships, policies and attachments,
 * handshakes, CreateAccount requests, trusted services, delegated administrators and tags. Like {@code IamStore},
 * every method takes the caller's {@link Tx}; "not found" is an empty {@link Optional}, AWS's checks and wording
 * are the service's job.
 *
 * <p>{@link #contextOf} is the read-only query authorization uses for SCPs, RCPs and the organization condition keys.
 */
public final class OrganizationsStore
{
    /** AWS managed SCP attached everywhere while SCPs are enabled. */
    public static final String FULL_AWS_ACCESS_ID = "p-FullAWSAccess";
    /** AWS managed RCP attached everywhere while RCPs are enabled; it cannot be detached. */
    public static final String RCP_FULL_AWS_ACCESS_ID = "p-RCPFullAWSAccess";
    public static final String SCP = "SERVICE_CONTROL_POLICY";
    public static final String RCP = "RESOURCE_CONTROL_POLICY";

    private static final String ALLOW_ALL = "{\n  \"Version\": \"2012-10-17\",\n  \"Statement\": [\n    {\n      \"Effect\": \"Allow\",\n"
            + "      \"Action\": \"*\",\n      \"Resource\": \"*\"\n    }\n  ]\n}";
    private static final String RCP_ALLOW_ALL = "{\n  \"Version\": \"2012-10-17\",\n  \"Statement\": [\n    {\n      \"Effect\": \"Allow\",\n"
            + "      \"Principal\": \"*\",\n      \"Action\": \"*\",\n      \"Resource\": \"*\"\n    }\n  ]\n}";

    public static final OrgPolicy FULL_AWS_ACCESS = new OrgPolicy(FULL_AWS_ACCESS_ID, null, "FullAWSAccess",
            "Allows access to every operation", SCP, ALLOW_ALL, true);
    public static final OrgPolicy RCP_FULL_AWS_ACCESS = new OrgPolicy(RCP_FULL_AWS_ACCESS_ID, null, "RCPFullAWSAccess",
            "Allows access to every resource", RCP, RCP_ALLOW_ALL, true);
    private static final List<OrgPolicy> AWS_MANAGED = List.of(FULL_AWS_ACCESS, RCP_FULL_AWS_ACCESS);

    private static final String LOWER_ALNUM = "abcdefghijklmnopqrstuvwxyz0123456789";

    private final RandomGenerator random;

    public OrganizationsStore()
    {
        this(new SecureRandom());
    }

    OrganizationsStore(RandomGenerator random)
    {
        this.random = requireNonNull(random, "random is null");
    }

    String randomId(String prefix, int length)
    {
        StringBuilder id = new StringBuilder(prefix);
        for (int i = 0; i < length; i++) {
            id.append(LOWER_ALNUM.charAt(random.nextInt(LOWER_ALNUM.length())));
        }
        return id.toString();
    }

    // ---------------------------------------------------------------- organization and root

    /** Creates the organization, its root, and the management account's membership (under the root). */
    public Organization createOrganization(Tx tx, String managementAccountId, String name, String email, Instant now)
    {
        Organization organization = new Organization(randomId("o-", 10), managementAccountId, "ALL", now);
        tx.update("INSERT INTO org_organizations (org_id, management_account_id, feature_set, created) VALUES (?, ?, ?, ?)",
                organization.id(), managementAccountId, organization.featureSet(), now);
        Root root = new Root(randomId("r-", 4), organization.id(), "Root");
        tx.update("INSERT INTO org_roots (root_id, org_id, name) VALUES (?, ?, ?)", root.id(), root.organizationId(), root.name());
        addMember(tx, new MemberAccount(managementAccountId, organization.id(), root.id(), name, email, "ACTIVE", "CREATED", now));
        return organization;
    }

    public Optional<Organization> findOrganization(Tx tx, String organizationId)
    {
        return tx.queryOne("SELECT org_id, management_account_id, feature_set, created FROM org_organizations WHERE org_id = ?",
                OrganizationsStore::organization, organizationId);
    }

    /** The organization the account belongs to (as management account or member). */
    public Optional<Organization> organizationOf(Tx tx, String accountId)
    {
        return tx.queryOne("SELECT o.org_id, o.management_account_id, o.feature_set, o.created FROM org_organizations o "
                + "JOIN org_accounts a ON a.org_id = o.org_id WHERE a.account_id = ?", OrganizationsStore::organization, accountId);
    }

    /** Deletes the organization and everything in it; the caller has checked that only the management account is left. */
    public void deleteOrganization(Tx tx, Organization organization)
    {
        String id = organization.id();
        tx.update("DELETE FROM org_tags WHERE resource_id IN (SELECT policy_id FROM org_policies WHERE org_id = ?) "
                + "OR resource_id IN (SELECT ou_id FROM org_units WHERE org_id = ?) OR resource_id IN (SELECT root_id FROM org_roots WHERE org_id = ?) "
                + "OR resource_id IN (SELECT account_id FROM org_accounts WHERE org_id = ?)", id, id, id, id);
        tx.update("DELETE FROM org_tags WHERE resource_id IN (SELECT policy_id FROM org_resource_policies WHERE org_id = ?)", id);
        tx.update("DELETE FROM org_resource_policies WHERE org_id = ?", id);
        tx.update("DELETE FROM org_delegated_admins WHERE org_id = ?", id);
        tx.update("DELETE FROM org_service_access WHERE org_id = ?", id);
        tx.update("DELETE FROM org_policy_attachments WHERE org_id = ?", id);
        tx.update("DELETE FROM org_policies WHERE org_id = ?", id);
        tx.update("DELETE FROM org_accounts WHERE org_id = ?", id);
        tx.update("DELETE FROM org_units WHERE org_id = ?", id);
        tx.update("DELETE FROM org_policy_types WHERE root_id IN (SELECT root_id FROM org_roots WHERE org_id = ?)", id);
        tx.update("DELETE FROM org_roots WHERE org_id = ?", id);
        tx.update("DELETE FROM org_handshakes WHERE org_id = ?", id);
        tx.update("DELETE FROM org_create_account_requests WHERE org_id = ?", id);
        tx.update("DELETE FROM org_organizations WHERE org_id = ?", id);
    }

    public Root root(Tx tx, String organizationId)
    {
        return tx.queryOne("SELECT root_id, org_id, name FROM org_roots WHERE org_id = ?",
                row -> new Root(row.getString("root_id"), row.getString("org_id"), row.getString("name")), organizationId).orElseThrow();
    }

    public List<String> enabledPolicyTypes(Tx tx, String rootId)
    {
        return tx.query("SELECT policy_type FROM org_policy_types WHERE root_id = ? ORDER BY policy_type", row -> row.getString(1), rootId);
    }

    public void enablePolicyType(Tx tx, String rootId, String policyType)
    {
        tx.update("INSERT INTO org_policy_types (root_id, policy_type) VALUES (?, ?)", rootId, policyType);
    }

    /** Disables the type and detaches every policy of that type in the organization, as AWS does. */
    public void disablePolicyType(Tx tx, String organizationId, String rootId, String policyType)
    {
        tx.update("DELETE FROM org_policy_types WHERE root_id = ? AND policy_type = ?", rootId, policyType);
        tx.update("DELETE FROM org_policy_attachments WHERE org_id = ? AND policy_type = ?", organizationId, policyType);
    }

    // ---------------------------------------------------------------- members

    public void addMember(Tx tx, MemberAccount member)
    {
        tx.update("INSERT INTO org_accounts (account_id, org_id, parent_id, name, email, status, joined_method, joined) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                member.accountId(), member.organizationId(), member.parentId(), member.name(), member.email(), member.status(),
                member.joinedMethod(), member.joined());
    }

    public Optional<MemberAccount> findMember(Tx tx, String organizationId, String accountId)
    {
        return tx.queryOne(MEMBER_SELECT + " WHERE org_id = ? AND account_id = ?", OrganizationsStore::member, organizationId, accountId);
    }

    public List<MemberAccount> members(Tx tx, String organizationId)
    {
        return tx.query(MEMBER_SELECT + " WHERE org_id = ? ORDER BY joined, account_id", OrganizationsStore::member, organizationId);
    }

    public List<MemberAccount> membersOf(Tx tx, String parentId)
    {
        return tx.query(MEMBER_SELECT + " WHERE parent_id = ? ORDER BY joined, account_id", OrganizationsStore::member, parentId);
    }

    public void moveMember(Tx tx, String accountId, String parentId)
    {
        tx.update("UPDATE org_accounts SET parent_id = ? WHERE account_id = ?", parentId, accountId);
    }

    public void setMemberStatus(Tx tx, String accountId, String status)
    {
        tx.update("UPDATE org_accounts SET status = ? WHERE account_id = ?", status, accountId);
    }

    /** Takes the account out of its organization with its attachments, tags and delegations. */
    public void removeMember(Tx tx, String organizationId, String accountId)
    {
        tx.update("DELETE FROM org_policy_attachments WHERE org_id = ? AND target_id = ?", organizationId, accountId);
        tx.update("DELETE FROM org_delegated_admins WHERE org_id = ? AND account_id = ?", organizationId, accountId);
        tx.update("DELETE FROM org_tags WHERE resource_id = ?", accountId);
        tx.update("DELETE FROM org_accounts WHERE org_id = ? AND account_id = ?", organizationId, accountId);
    }

    private static final String MEMBER_SELECT = "SELECT account_id, org_id, parent_id, name, email, status, joined_method, joined FROM org_accounts";

    // ---------------------------------------------------------------- create-account requests

    public void putCreateAccountRequest(Tx tx, CreateAccountRequestRecord request)
    {
        tx.update("INSERT INTO org_create_account_requests (request_id, org_id, account_name, state, requested, completed, account_id, failure_reason) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?, ?)", request.id(), request.organizationId(), request.accountName(), request.state(),
                request.requested(), request.completed(), request.accountId(), request.failureReason());
    }

    public Optional<CreateAccountRequestRecord> findCreateAccountRequest(Tx tx, String organizationId, String requestId)
    {
        return tx.queryOne(REQUEST_SELECT + " WHERE org_id = ? AND request_id = ?", OrganizationsStore::request, organizationId, requestId);
    }

    public List<CreateAccountRequestRecord> createAccountRequests(Tx tx, String organizationId)
    {
        return tx.query(REQUEST_SELECT + " WHERE org_id = ? ORDER BY requested, request_id", OrganizationsStore::request, organizationId);
    }

    private static final String REQUEST_SELECT = "SELECT request_id, org_id, account_name, state, requested, completed, account_id, failure_reason "
            + "FROM org_create_account_requests";

    // ---------------------------------------------------------------- OUs

    public OrganizationalUnit createUnit(Tx tx, String organizationId, String rootId, String parentId, String name, Instant now)
    {
        OrganizationalUnit unit = new OrganizationalUnit(randomId("ou-" + rootId.substring(2) + "-", 8), organizationId, parentId, name, now);
        tx.update("INSERT INTO org_units (ou_id, org_id, parent_id, name, created) VALUES (?, ?, ?, ?, ?)",
                unit.id(), organizationId, parentId, name, now);
        return unit;
    }

    public Optional<OrganizationalUnit> findUnit(Tx tx, String organizationId, String ouId)
    {
        return tx.queryOne(UNIT_SELECT + " WHERE org_id = ? AND ou_id = ?", OrganizationsStore::unit, organizationId, ouId);
    }

    public Optional<OrganizationalUnit> findUnitByName(Tx tx, String parentId, String name)
    {
        return tx.queryOne(UNIT_SELECT + " WHERE parent_id = ? AND name = ?", OrganizationsStore::unit, parentId, name);
    }

    public List<OrganizationalUnit> unitsOf(Tx tx, String parentId)
    {
        return tx.query(UNIT_SELECT + " WHERE parent_id = ? ORDER BY created, ou_id", OrganizationsStore::unit, parentId);
    }

    public void renameUnit(Tx tx, String ouId, String name)
    {
        tx.update("UPDATE org_units SET name = ? WHERE ou_id = ?", name, ouId);
    }

    public void deleteUnit(Tx tx, String organizationId, String ouId)
    {
        tx.update("DELETE FROM org_policy_attachments WHERE org_id = ? AND target_id = ?", organizationId, ouId);
        tx.update("DELETE FROM org_tags WHERE resource_id = ?", ouId);
        tx.update("DELETE FROM org_units WHERE org_id = ? AND ou_id = ?", organizationId, ouId);
    }

    /** The ids from the root down to {@code parentId} itself: {@code [r-.., ou-.., parentId]}. */
    public List<String> pathTo(Tx tx, String organizationId, String parentId)
    {
        List<String> path = new ArrayList<>();
        String current = parentId;
        while (current.startsWith("ou-")) {
            path.add(0, current);
            String id = current;
            current = findUnit(tx, organizationId, id).map(OrganizationalUnit::parentId).orElseThrow(() -> new IllegalStateException("dangling OU " + id));
        }
        path.add(0, current);
        return path;
    }

    private static final String UNIT_SELECT = "SELECT ou_id, org_id, parent_id, name, created FROM org_units";

    // ---------------------------------------------------------------- policies

    public OrgPolicy createPolicy(Tx tx, String organizationId, String name, String description, String type, String content)
    {
        OrgPolicy policy = new OrgPolicy(randomId("p-", 8), organizationId, name, description, type, content, false);
        tx.update("INSERT INTO org_policies (policy_id, org_id, name, description, policy_type, content) VALUES (?, ?, ?, ?, ?, ?)",
                policy.id(), organizationId, name, description, type, content);
        return policy;
    }

    /** A customer policy of the organization or an AWS managed one. */
    public Optional<OrgPolicy> findPolicy(Tx tx, String organizationId, String policyId)
    {
        for (OrgPolicy managed : AWS_MANAGED) {
            if (managed.id().equals(policyId)) {
                return Optional.of(managed);
            }
        }
        return tx.queryOne(POLICY_SELECT + " WHERE org_id = ? AND policy_id = ?", OrganizationsStore::policy, organizationId, policyId);
    }

    public Optional<OrgPolicy> findPolicyByName(Tx tx, String organizationId, String type, String name)
    {
        return tx.queryOne(POLICY_SELECT + " WHERE org_id = ? AND policy_type = ? AND name = ?", OrganizationsStore::policy, organizationId, type, name);
    }

    /** AWS managed policies of the type first, then the organization's by name. */
    public List<OrgPolicy> policies(Tx tx, String organizationId, String type)
    {
        List<OrgPolicy> policies = new ArrayList<>(AWS_MANAGED.stream().filter(policy -> policy.type().equals(type)).toList());
        policies.addAll(tx.query(POLICY_SELECT + " WHERE org_id = ? AND policy_type = ? ORDER BY name, policy_id", OrganizationsStore::policy, organizationId, type));
        return policies;
    }

    public void updatePolicy(Tx tx, OrgPolicy policy)
    {
        tx.update("UPDATE org_policies SET name = ?, description = ?, content = ? WHERE policy_id = ?", policy.name(), policy.description(),
                policy.content(), policy.id());
    }

    public void deletePolicy(Tx tx, String policyId)
    {
        tx.update("DELETE FROM org_tags WHERE resource_id = ?", policyId);
        tx.update("DELETE FROM org_policies WHERE policy_id = ?", policyId);
    }

    /** False when already attached. */
    public boolean attach(Tx tx, String organizationId, OrgPolicy policy, String targetId)
    {
        return tx.update("INSERT INTO org_policy_attachments (org_id, policy_id, target_id, policy_type) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING",
                organizationId, policy.id(), targetId, policy.type()) == 1;
    }

    public boolean detach(Tx tx, String organizationId, String policyId, String targetId)
    {
        return tx.update("DELETE FROM org_policy_attachments WHERE org_id = ? AND policy_id = ? AND target_id = ?", organizationId, policyId, targetId) == 1;
    }

    /** Policies of the type attached directly to the target, in attachment-independent id order. */
    public List<OrgPolicy> policiesFor(Tx tx, String organizationId, String targetId, String type)
    {
        List<OrgPolicy> result = new ArrayList<>();
        for (String id : tx.query("SELECT policy_id FROM org_policy_attachments WHERE org_id = ? AND target_id = ? AND policy_type = ? ORDER BY policy_id",
                row -> row.getString(1), organizationId, targetId, type)) {
            findPolicy(tx, organizationId, id).ifPresent(result::add);
        }
        return result;
    }

    public List<String> targetsOf(Tx tx, String organizationId, String policyId)
    {
        return tx.query("SELECT target_id FROM org_policy_attachments WHERE org_id = ? AND policy_id = ? ORDER BY target_id", row -> row.getString(1),
                organizationId, policyId);
    }

    private static final String POLICY_SELECT = "SELECT policy_id, org_id, name, description, policy_type, content FROM org_policies";

    // ---------------------------------------------------------------- handshakes

    public void putHandshake(Tx tx, Handshake handshake)
    {
        tx.update("INSERT INTO org_handshakes (handshake_id, org_id, management_account_id, target_type, target_id, target_account_id, action, state, "
                        + "notes, requested, expires) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                handshake.id(), handshake.organizationId(), handshake.managementAccountId(), handshake.targetType(), handshake.targetId(),
                handshake.targetAccountId(), handshake.action(), handshake.state(), handshake.notes(), handshake.requested(), handshake.expires());
    }

    public Optional<Handshake> findHandshake(Tx tx, String handshakeId)
    {
        return tx.queryOne(HANDSHAKE_SELECT + " WHERE handshake_id = ?", OrganizationsStore::handshake, handshakeId);
    }

    public void setHandshakeState(Tx tx, String handshakeId, String state)
    {
        tx.update("UPDATE org_handshakes SET state = ? WHERE handshake_id = ?", state, handshakeId);
    }

    public List<Handshake> handshakesOfOrganization(Tx tx, String organizationId)
    {
        return tx.query(HANDSHAKE_SELECT + " WHERE org_id = ? ORDER BY requested, handshake_id", OrganizationsStore::handshake, organizationId);
    }

    public List<Handshake> handshakesForAccount(Tx tx, String accountId)
    {
        return tx.query(HANDSHAKE_SELECT + " WHERE target_account_id = ? ORDER BY requested, handshake_id", OrganizationsStore::handshake, accountId);
    }

    private static final String HANDSHAKE_SELECT = "SELECT handshake_id, org_id, management_account_id, target_type, target_id, target_account_id, action, "
            + "state, notes, requested, expires FROM org_handshakes";

    // ---------------------------------------------------------------- trusted services and delegated administrators

    public boolean enableServiceAccess(Tx tx, String organizationId, String servicePrincipal, Instant now)
    {
        return tx.update("INSERT INTO org_service_access (org_id, service_principal, enabled) VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
                organizationId, servicePrincipal, now) == 1;
    }

    public boolean disableServiceAccess(Tx tx, String organizationId, String servicePrincipal)
    {
        return tx.update("DELETE FROM org_service_access WHERE org_id = ? AND service_principal = ?", organizationId, servicePrincipal) == 1;
    }

    /** Enabled service principals and when. */
    public Map<String, Instant> serviceAccess(Tx tx, String organizationId)
    {
        Map<String, Instant> result = new LinkedHashMap<>();
        tx.query("SELECT service_principal, enabled FROM org_service_access WHERE org_id = ? ORDER BY service_principal",
                row -> Map.entry(row.getString(1), Tx.instant(row, "enabled")), organizationId).forEach(entry -> result.put(entry.getKey(), entry.getValue()));
        return result;
    }

    public boolean registerDelegatedAdministrator(Tx tx, String organizationId, String accountId, String servicePrincipal, Instant now)
    {
        return tx.update("INSERT INTO org_delegated_admins (org_id, account_id, service_principal, registered) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING",
                organizationId, accountId, servicePrincipal, now) == 1;
    }

    public boolean deregisterDelegatedAdministrator(Tx tx, String organizationId, String accountId, String servicePrincipal)
    {
        return tx.update("DELETE FROM org_delegated_admins WHERE org_id = ? AND account_id = ? AND service_principal = ?",
                organizationId, accountId, servicePrincipal) == 1;
    }

    /** Delegations as (account, service principal, registered) rows, optionally of one service. */
    public List<Delegation> delegations(Tx tx, String organizationId, String servicePrincipal)
    {
        return tx.query("SELECT account_id, service_principal, registered FROM org_delegated_admins WHERE org_id = ?"
                        + (servicePrincipal == null ? "" : " AND service_principal = ?") + " ORDER BY account_id, service_principal",
                row -> new Delegation(row.getString(1), row.getString(2), Tx.instant(row, "registered")),
                servicePrincipal == null ? new Object[] {organizationId} : new Object[] {organizationId, servicePrincipal});
    }

    /** One account registered as delegated administrator for one service. */
    public record Delegation(String accountId, String servicePrincipal, Instant registered) {}

    // ---------------------------------------------------------------- the organization's resource policy

    /** The organization's one resource policy as (id, content), if any. */
    public Optional<Map.Entry<String, String>> resourcePolicy(Tx tx, String organizationId)
    {
        return tx.queryOne("SELECT policy_id, content FROM org_resource_policies WHERE org_id = ?", row -> Map.entry(row.getString(1), row.getString(2)),
                organizationId);
    }

    /** Creates or replaces the resource policy, keeping its id when it exists; returns the id. */
    public String putResourcePolicy(Tx tx, String organizationId, String content)
    {
        Optional<Map.Entry<String, String>> existing = resourcePolicy(tx, organizationId);
        if (existing.isPresent()) {
            tx.update("UPDATE org_resource_policies SET content = ? WHERE org_id = ?", content, organizationId);
            return existing.get().getKey();
        }
        String id = randomId("rp-", 8);
        tx.update("INSERT INTO org_resource_policies (org_id, policy_id, content) VALUES (?, ?, ?)", organizationId, id, content);
        return id;
    }

    public boolean deleteResourcePolicy(Tx tx, String organizationId)
    {
        resourcePolicy(tx, organizationId).ifPresent(policy -> tx.update("DELETE FROM org_tags WHERE resource_id = ?", policy.getKey()));
        return tx.update("DELETE FROM org_resource_policies WHERE org_id = ?", organizationId) == 1;
    }

    // ---------------------------------------------------------------- tags

    public void tag(Tx tx, String resourceId, Map<String, String> tags)
    {
        tags.forEach((key, value) -> {
            tx.update("DELETE FROM org_tags WHERE resource_id = ? AND tag_key = ?", resourceId, key);
            tx.update("INSERT INTO org_tags (resource_id, tag_key, tag_value) VALUES (?, ?, ?)", resourceId, key, value);
        });
    }

    public void untag(Tx tx, String resourceId, List<String> keys)
    {
        keys.forEach(key -> tx.update("DELETE FROM org_tags WHERE resource_id = ? AND tag_key = ?", resourceId, key));
    }

    public Map<String, String> tags(Tx tx, String resourceId)
    {
        Map<String, String> tags = new LinkedHashMap<>();
        tx.query("SELECT tag_key, tag_value FROM org_tags WHERE resource_id = ? ORDER BY tag_key", row -> Map.entry(row.getString(1), row.getString(2)), resourceId)
                .forEach(entry -> tags.put(entry.getKey(), entry.getValue()));
        return tags;
    }

    // ---------------------------------------------------------------- authorization's view

    /**
     * The account's place in its organization for authorization, empty when it is in none: the organization and
     * its management account, the OU path ({@code aws:PrincipalOrgPaths}), and the SCP and RCP documents attached
     * at each level from the root down to the account (feed them to {@code AuthorizationRequest.scpLevels/rcpLevels}
     * after compiling). A policy type that is not enabled in the root yields no levels: it limits nothing.
     * Read-only; callers cache it and drop it on {@link OrganizationsOperations#CHANGE_TOPIC}.
     */
    public Optional<AccountOrgContext> contextOf(Tx tx, String accountId)
    {
        Optional<Organization> found = organizationOf(tx, accountId);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        Organization organization = found.get();
        MemberAccount member = findMember(tx, organization.id(), accountId).orElseThrow();
        List<String> path = pathTo(tx, organization.id(), member.parentId());
        StringBuilder orgPath = new StringBuilder(organization.id()).append('/');
        path.forEach(id -> orgPath.append(id).append('/'));
        List<String> enabled = enabledPolicyTypes(tx, root(tx, organization.id()).id());
        List<String> levels = new ArrayList<>(path);
        levels.add(accountId);
        return Optional.of(new AccountOrgContext(organization.id(), organization.managementAccountId(), accountId, path, orgPath.toString(),
                enabled.contains(SCP) ? documents(tx, organization.id(), levels, SCP) : List.of(),
                enabled.contains(RCP) ? documents(tx, organization.id(), levels, RCP) : List.of()));
    }

    private List<List<String>> documents(Tx tx, String organizationId, List<String> levels, String type)
    {
        return levels.stream().map(target -> policiesFor(tx, organizationId, target, type).stream().map(OrgPolicy::content).toList()).toList();
    }

    // ---------------------------------------------------------------- row mappers

    private static Organization organization(ResultSet row) throws SQLException
    {
        return new Organization(row.getString("org_id"), row.getString("management_account_id"), row.getString("feature_set"), Tx.instant(row, "created"));
    }

    private static MemberAccount member(ResultSet row) throws SQLException
    {
        return new MemberAccount(row.getString("account_id"), row.getString("org_id"), row.getString("parent_id"), row.getString("name"),
                row.getString("email"), row.getString("status"), row.getString("joined_method"), Tx.instant(row, "joined"));
    }

    private static CreateAccountRequestRecord request(ResultSet row) throws SQLException
    {
        return new CreateAccountRequestRecord(row.getString("request_id"), row.getString("org_id"), row.getString("account_name"), row.getString("state"),
                Tx.instant(row, "requested"), Tx.instant(row, "completed"), row.getString("account_id"), row.getString("failure_reason"));
    }

    private static OrganizationalUnit unit(ResultSet row) throws SQLException
    {
        return new OrganizationalUnit(row.getString("ou_id"), row.getString("org_id"), row.getString("parent_id"), row.getString("name"),
                Tx.instant(row, "created"));
    }

    private static OrgPolicy policy(ResultSet row) throws SQLException
    {
        return new OrgPolicy(row.getString("policy_id"), row.getString("org_id"), row.getString("name"), row.getString("description"),
                row.getString("policy_type"), row.getString("content"), false);
    }

    private static Handshake handshake(ResultSet row) throws SQLException
    {
        return new Handshake(row.getString("handshake_id"), row.getString("org_id"), row.getString("management_account_id"), row.getString("target_type"),
                row.getString("target_id"), row.getString("target_account_id"), row.getString("action"), row.getString("state"), row.getString("notes"),
                Tx.instant(row, "requested"), Tx.instant(row, "expires"));
    }

    static String lower(String value)
    {
        return value.toLowerCase(Locale.ROOT);
    }
}
