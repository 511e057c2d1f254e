package dev.bulwark.server.auth;

import dev.bulwark.policy.document.PolicyDocument;
import dev.bulwark.policy.document.PolicyGrammar;
import dev.bulwark.policy.eval.CompiledPolicies;
import dev.bulwark.policy.eval.PolicySource;
import dev.bulwark.policy.eval.PolicyType;
import dev.bulwark.server.services.iam.IamStore;
import dev.bulwark.server.services.iam.model.Group;
import dev.bulwark.server.services.iam.model.InlinePolicy;
import dev.bulwark.server.services.iam.model.ManagedPolicy;
import dev.bulwark.server.services.iam.model.PolicyOwner;
import dev.bulwark.server.services.iam.model.Role;
import dev.bulwark.server.services.iam.model.RoleSession;
import dev.bulwark.server.services.iam.model.Tag;
import dev.bulwark.server.services.iam.model.User;
import dev.bulwark.server.services.iam.model.UserSession;
import dev.bulwark.server.store.Store;
import dev.bulwark.server.store.Tx;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import static java.util.Objects.requireNonNull;

/**
 * The compiled policy sets of IAM principals: identity policies (a user's inline and attached ones and those of
 * its groups; a role's own) and the permissions boundary, plus role trust policies and the session policies of
 * role sessions. Compiled once and cached until IAM changes something in the account, so a decision never parses
 * JSON.
 */
public final class IdentityPolicies
{
    private final Store store;
    private final IamStore iam;
    private final ConcurrentMap<String, UserPolicies> cache = new ConcurrentHashMap<>();
    /** Trust policies by role ARN and session policies by their content, each keyed under its account like the users. */
    private final ConcurrentMap<String, Optional<CompiledPolicies>> resourceAndSessionPolicies = new ConcurrentHashMap<>();
    /** The IAM tags of users and roles (their {@code aws:PrincipalTag}s), keyed under the account like the rest. */
    private final ConcurrentMap<String, List<Tag>> principalTags = new ConcurrentHashMap<>();

    public IdentityPolicies(Store store, IamStore iam)
    {
        this.store = requireNonNull(store, "store is null");
        this.iam = requireNonNull(iam, "iam is null");
    }

    public UserPolicies forUser(String accountId, String userName)
    {
        return cache.computeIfAbsent(accountId + "/" + userName.toLowerCase(java.util.Locale.ROOT),
                ignored -> store.readOnly(tx -> load(tx, accountId, userName)));
    }

    /** A role's own inline and attached policies and its boundary: what a session of the role starts from. */
    public UserPolicies forRole(Role role)
    {
        return cache.computeIfAbsent(role.accountId() + "/role/" + role.roleId(), ignored -> store.readOnly(tx -> loadRole(tx, role)));
    }

    /**
     * The trust policy of the role an {@code sts:AssumeRole} names, as a resource policy; empty if no role has that
     * ARN (path included).
     */
    public Optional<CompiledPolicies> trustPolicy(String roleArn)
    {
        Optional<RoleArn> parsed = RoleArn.parse(roleArn);
        if (parsed.isEmpty()) {
            return Optional.empty();
        }
        return resourceAndSessionPolicies.computeIfAbsent(parsed.get().accountId() + "/trust/" + roleArn, ignored -> store.readOnly(tx ->
                iam.findRole(tx, parsed.get().accountId(), parsed.get().name())
                        .filter(role -> role.arn().equals(roleArn))
                        .map(role -> CompiledPolicies.compile(new PolicySource(PolicyType.RESOURCE, role.arn(),
                                PolicyDocument.parse(role.assumeRolePolicyDocument(), PolicyGrammar.RESOURCE))))));
    }

    /** The session's inline and managed session policies together, or empty when it has none. */
    public Optional<CompiledPolicies> sessionPolicy(RoleSession session)
    {
        if (!session.hasSessionPolicies()) {
            return Optional.empty();
        }
        return sessionPolicy(session.role().accountId(), session.sessionPolicy(), session.policyArns());
    }

    /**
     * A federated user's session policies. Unlike a role session's they are always present: without any, AWS gives
     * the federated user no permissions, so an empty set stands in and allows nothing.
     */
    public Optional<CompiledPolicies> sessionPolicy(UserSession session)
    {
        if (session.isAssumedRoot()) {
            // AssumeRoot: the root task policy scopes the member's root user.
            return sessionPolicy(session.accountId(), session.sessionPolicy(), session.policyArns());
        }
        if (!session.isFederated()) {
            return Optional.empty();
        }
        if (!session.hasSessionPolicies()) {
            return Optional.of(CompiledPolicies.EMPTY);
        }
        return sessionPolicy(session.accountId(), session.sessionPolicy(), session.policyArns());
    }

    private Optional<CompiledPolicies> sessionPolicy(String accountId, String inline, List<String> policyArns)
    {
        // Keyed by content, not by session: sessions come and go by the thousand but share a handful of policies.
        String key = accountId + "/session/" + policyArns + "\n" + inline;
        return resourceAndSessionPolicies.computeIfAbsent(key, ignored -> store.readOnly(tx -> {
            List<PolicySource> sources = new ArrayList<>();
            if (inline != null) {
                sources.add(new PolicySource(PolicyType.SESSION, "session policy", PolicyDocument.parse(inline)));
            }
            for (String arn : policyArns) {
                // A managed session policy deleted since the session began no longer allows anything; the others still narrow.
                iam.findPolicy(tx, accountId, arn)
                        .ifPresent(policy -> sources.add(new PolicySource(PolicyType.SESSION, policy.arn(), PolicyDocument.parse(policy.document()))));
            }
            return Optional.of(CompiledPolicies.compile(sources));
        }));
    }

    /** An IAM user's tags (none if the user no longer exists), cached until IAM changes something in the account. */
    public List<Tag> userTags(String accountId, String userName)
    {
        return principalTags.computeIfAbsent(accountId + "/user/" + userName.toLowerCase(java.util.Locale.ROOT), ignored -> store.readOnly(tx ->
                iam.findUser(tx, accountId, userName).map(user -> iam.tags(tx, user.asOwner())).orElse(List.of())));
    }

    /** A role's tags, which its sessions carry as principal tags unless a session tag overrides them. */
    public List<Tag> roleTags(Role role)
    {
        return principalTags.computeIfAbsent(role.accountId() + "/role/" + role.roleId(), ignored -> store.readOnly(tx ->
                iam.findRoleById(tx, role.roleId()).map(found -> iam.tags(tx, found.asOwner())).orElse(List.of())));
    }

    public void accountChanged(String accountId)
    {
        principalTags.keySet().removeIf(key -> key.startsWith(accountId + "/"));
        cache.keySet().removeIf(key -> key.startsWith(accountId + "/"));
        resourceAndSessionPolicies.keySet().removeIf(key -> key.startsWith(accountId + "/"));
    }

    /** Forgets every compiled set (after a dev-mode reset). */
    public void clear()
    {
        cache.clear();
        resourceAndSessionPolicies.clear();
        principalTags.clear();
    }

    private UserPolicies loadRole(Tx tx, Role role)
    {
        List<PolicySource> sources = new ArrayList<>();
        addOwnerPolicies(tx, role.asOwner(), sources);
        Optional<CompiledPolicies> boundary = iam.findRoleById(tx, role.roleId())
                .map(Role::permissionsBoundaryArn)
                .flatMap(arn -> iam.findPolicy(tx, role.accountId(), arn))
                .map(policy -> CompiledPolicies.compile(new PolicySource(PolicyType.PERMISSIONS_BOUNDARY, policy.arn(), PolicyDocument.parse(policy.document()))));
        return new UserPolicies(CompiledPolicies.compile(sources), boundary);
    }

    private UserPolicies load(Tx tx, String accountId, String userName)
    {
        Optional<User> found = iam.findUser(tx, accountId, userName);
        if (found.isEmpty()) {
            return new UserPolicies(CompiledPolicies.EMPTY, Optional.empty());
        }
        User user = found.get();
        List<PolicySource> sources = new ArrayList<>();
        addOwnerPolicies(tx, user.asOwner(), sources);
        for (Group group : iam.groupsForUser(tx, user)) {
            addOwnerPolicies(tx, group.asOwner(), sources);
        }
        Optional<CompiledPolicies> boundary = Optional.ofNullable(user.permissionsBoundaryArn())
                .flatMap(arn -> iam.findPolicy(tx, accountId, arn))
                .map(policy -> CompiledPolicies.compile(new PolicySource(PolicyType.PERMISSIONS_BOUNDARY, policy.arn(), PolicyDocument.parse(policy.document()))));
        return new UserPolicies(CompiledPolicies.compile(sources), boundary);
    }

    private void addOwnerPolicies(Tx tx, PolicyOwner owner, List<PolicySource> sources)
    {
        for (InlinePolicy inline : iam.inlinePolicies(tx, owner)) {
            sources.add(new PolicySource(PolicyType.IDENTITY, inline.policyName(), PolicyDocument.parse(inline.document())));
        }
        for (ManagedPolicy managed : iam.attachedPolicyDetails(tx, owner)) {
            sources.add(new PolicySource(PolicyType.IDENTITY, managed.arn(), PolicyDocument.parse(managed.document())));
        }
    }

    /** A user's compiled identity policies and, if set, its permissions boundary. */
    public record UserPolicies(CompiledPolicies identity, Optional<CompiledPolicies> boundary)
    {
        public UserPolicies
        {
            requireNonNull(identity, "identity is null");
            requireNonNull(boundary, "boundary is null");
        }
    }
}
