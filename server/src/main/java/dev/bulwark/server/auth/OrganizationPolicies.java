package dev.bulwark.server.auth;

import dev.bulwark.policy.document.PolicyDocument;
import dev.bulwark.policy.eval.CompiledPolicies;
import dev.bulwark.policy.eval.PolicySource;
import dev.bulwark.policy.eval.PolicyType;
import dev.bulwark.server.services.organizations.OrganizationsStore;
import dev.bulwark.server.services.organizations.model.AccountOrgContext;
import dev.bulwark.server.store.Store;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import static java.util.Objects.requireNonNull;

/**
 * Each account's place in its organization, with its service and resource control policies compiled per level
 * (root, each OU, the account), cached until Organizations changes anything ({@link #clear}), so that a decision
 * neither reads the store nor parses JSON. An account in no organization caches as empty.
 */
public final class OrganizationPolicies
{
    /** For servers and tests without Organizations: every account is in none. */
    public static final OrganizationPolicies NONE = new OrganizationPolicies(null, null);

    private final Store store;
    private final OrganizationsStore organizations;
    private final ConcurrentMap<String, Optional<AccountPolicies>> cache = new ConcurrentHashMap<>();

    public OrganizationPolicies(Store store, OrganizationsStore organizations)
    {
        this.store = store;
        this.organizations = organizations;
    }

    /** The account's organization and control policies, empty when it belongs to none. */
    public Optional<AccountPolicies> forAccount(String accountId)
    {
        if (store == null || accountId == null || accountId.isEmpty()) {
            return Optional.empty();
        }
        return cache.computeIfAbsent(accountId, id -> store.readOnly(tx -> organizations.contextOf(tx, id)).map(OrganizationPolicies::compile));
    }

    /** Drops everything: called on every change Organizations announces (membership, OUs, policies, attachments). */
    public void clear()
    {
        cache.clear();
    }

    private static AccountPolicies compile(AccountOrgContext context)
    {
        return new AccountPolicies(context, compileLevels(context.scpLevels(), PolicyType.SCP, "scp"), compileLevels(context.rcpLevels(), PolicyType.RCP, "rcp"));
    }

    private static List<CompiledPolicies> compileLevels(List<List<String>> levels, PolicyType type, String prefix)
    {
        List<CompiledPolicies> compiled = new ArrayList<>(levels.size());
        for (int level = 0; level < levels.size(); level++) {
            List<PolicySource> sources = new ArrayList<>();
            List<String> documents = levels.get(level);
            for (int i = 0; i < documents.size(); i++) {
                sources.add(new PolicySource(type, prefix + "-level" + level + "-" + i, PolicyDocument.parse(documents.get(i))));
            }
            compiled.add(CompiledPolicies.compile(sources));
        }
        return List.copyOf(compiled);
    }

    /**
     * An account's organization facts and compiled control policies.
     *
     * @param scpLevels the SCPs per level, root first; empty when SCPs are not enabled (they then limit nothing)
     * @param rcpLevels the same for RCPs
     */
    public record AccountPolicies(AccountOrgContext context, List<CompiledPolicies> scpLevels, List<CompiledPolicies> rcpLevels)
    {
        public AccountPolicies
        {
            requireNonNull(context, "context is null");
            scpLevels = List.copyOf(requireNonNull(scpLevels, "scpLevels is null"));
            rcpLevels = List.copyOf(requireNonNull(rcpLevels, "rcpLevels is null"));
        }

        /** Whether SCPs can deny this account's principals anything: a member account with SCPs enabled. */
        public boolean limitsPrincipals()
        {
            return !context.isManagementAccount() && !scpLevels.isEmpty();
        }
    }
}
