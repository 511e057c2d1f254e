package dev.bulwark.server.auth;

import dev.bulwark.policy.document.PolicyDocument;
import dev.bulwark.policy.eval.CompiledPolicies;
import dev.bulwark.policy.eval.PolicySource;
import dev.bulwark.policy.eval.PolicyType;
import dev.bulwark.server.services.iam.IamStore;
import dev.bulwark.server.services.iam.model.Group;
import dev.bulwark.server.services.iam.model.InlinePolicy;
import dev.bulwark.server.services.iam.model.ManagedPolicy;
import dev.bulwark.server.services.iam.model.PolicyOwner;
import dev.bulwark.server.services.iam.model.User;
import dev.bulwark.server.store.Store;
import dev.bulwark.server.store.Tx;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import static java.util.Objects.requireNonNull;

/**
 * The compiled policy sets of IAM users: identity policies (the user's inline and attached ones, and those of
 * its groups) and its permissions boundary. Compiled once and cached until IAM changes something in the
 * account, so a decision never parses JSON.
 */
public final class IdentityPolicies
{
    private final Store store;
    private final IamStore iam;
    private final ConcurrentMap<String, UserPolicies> cache = new ConcurrentHashMap<>();

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

    public void accountChanged(String accountId)
    {
        cache.keySet().removeIf(key -> key.startsWith(accountId + "/"));
    }

    /** Forgets every compiled set (after a dev-mode reset). */
    public void clear()
    {
        cache.clear();
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
