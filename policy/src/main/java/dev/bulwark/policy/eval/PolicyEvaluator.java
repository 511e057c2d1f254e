package dev.bulwark.policy.eval;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * IAM's policy evaluation logic for one request (AWS IAM User Guide, "Policy evaluation logic", "Cross-account
 * policy evaluation logic", "Permissions boundaries", "Session policies"; AWS Organizations, "SCP evaluation" and
 * "RCP evaluation").
 *
 * <pre>
 * 1. An action that needs no permission (sts:GetCallerIdentity) is allowed for any authenticated caller.
 * 2. An applicable Deny in any policy (SCP, RCP, resource, identity, boundary, session) wins: ExplicitDeny.
 * 3. SCPs (principal's account, unless management account / service-linked role) and RCPs (resource's account,
 *    unless management account) must allow at every level of the OU path, else ImplicitDeny.
 * 4. Anonymous and service callers: only the resource policy can allow.
 * 5. A session policy or permissions boundary that does not allow caps everything, except a same-account resource
 *    policy that names the caller itself (user ARN, role-session ARN; for boundaries also "*"). Naming the role
 *    of a session, or the account, does not pass the cap.
 * 6. Same account: a resource policy naming the caller (or its session's role) allows on its own; identity
 *    policies allow too, unless the service wants the resource policy to trust the account first (KMS key
 *    policies, role trust policies): see {@link AccountTrust}.
 * 7. Cross account: the identity policies AND the resource policy (naming the caller or its account) must allow.
 * </pre>
 * Stateless and thread-safe; all the work is in matching the compiled sets.
 */
public final class PolicyEvaluator
{
    /** The matches of an absent policy set: nothing. Shared, and never recorded into. */
    private static final SetMatches NOTHING = new SetMatches();

    private PolicyEvaluator() {}

    public static Decision evaluate(AuthorizationRequest request)
    {
        RequestPrincipal principal = request.principal();
        String action = request.action();
        if (request.actionAlwaysAllowed() && principal.kind() != PrincipalKind.ANONYMOUS) {
            return Decision.allow(action, List.of());
        }
        EvaluationState state = new EvaluationState(request);
        boolean iamIdentity = principal.isIamIdentity();
        boolean scpsApply = iamIdentity && !request.principalInManagementAccount() && !request.serviceLinkedRole();
        boolean rcpsApply = principal.kind() != PrincipalKind.SERVICE && !request.resourceInManagementAccount() && !request.serviceLinkedRole();

        List<SetMatches> scps = scpsApply && !request.scpLevels().isEmpty() ? evaluateLevels(request.scpLevels(), state) : List.of();
        List<SetMatches> rcps = rcpsApply && !request.rcpLevels().isEmpty() ? evaluateLevels(request.rcpLevels(), state) : List.of();
        SetMatches resource = evaluate(request.resourcePolicy(), state);
        SetMatches identity = iamIdentity ? request.identityPolicies().evaluate(state) : NOTHING;
        SetMatches boundary = iamIdentity ? evaluate(request.permissionsBoundary(), state) : NOTHING;
        SetMatches session = iamIdentity ? evaluate(request.sessionPolicy(), state) : NOTHING;

        StatementRef deny = firstDeny(scps, rcps, resource, identity, boundary, session);
        if (deny != null) {
            return Decision.explicitDeny(action, deny);
        }
        for (SetMatches level : scps) {
            if (level.allow == null) {
                return Decision.implicitDeny(action, PolicyType.SCP);
            }
        }
        for (SetMatches level : rcps) {
            if (level.allow == null) {
                return Decision.implicitDeny(action, PolicyType.RCP);
            }
        }
        if (!iamIdentity) {
            return resource.directAllow != null
                    ? Decision.allow(action, List.of(resource.directAllow))
                    : Decision.implicitDeny(action, PolicyType.RESOURCE);
        }

        boolean sameAccount = request.sameAccount();
        boolean sessionCaps = request.sessionPolicy().isPresent() && session.allow == null;
        boolean boundaryCaps = request.permissionsBoundary().isPresent() && boundary.allow == null;
        if (sessionCaps || boundaryCaps) {
            StatementRef bypass = sessionCaps ? resource.selfAllow : resource.selfOrAnyoneAllow;
            if (sameAccount && bypass != null) {
                return Decision.allow(action, List.of(bypass));
            }
            return Decision.implicitDeny(action, sessionCaps ? PolicyType.SESSION : PolicyType.PERMISSIONS_BOUNDARY);
        }

        // The root user has every permission in its own account; identity policies cannot be attached to it.
        StatementRef identityAllow = identity.allow;
        boolean identityAllows = identityAllow != null || principal.kind() == PrincipalKind.ROOT;
        if (sameAccount) {
            if (resource.directAllow != null) {
                return Decision.allow(action, List.of(resource.directAllow));
            }
            if (!identityAllows) {
                return Decision.implicitDeny(action, PolicyType.IDENTITY);
            }
            if (!identityPoliciesCount(request, resource)) {
                return Decision.implicitDeny(action, PolicyType.RESOURCE);
            }
            return Decision.allow(action, refs(identityAllow, resource.accountAllow));
        }
        if (!identityAllows) {
            return Decision.implicitDeny(action, PolicyType.IDENTITY);
        }
        StatementRef resourceGrant = resource.directAllow != null ? resource.directAllow : resource.accountAllow;
        if (resourceGrant == null) {
            return Decision.implicitDeny(action, PolicyType.RESOURCE);
        }
        return Decision.allow(action, refs(identityAllow, resourceGrant));
    }

    private static boolean identityPoliciesCount(AuthorizationRequest request, SetMatches resource)
    {
        return switch (request.accountTrust()) {
            case IMPLICIT -> true;
            case RESOURCE_POLICY_MUST_TRUST_ACCOUNT -> request.resource().equals("*") || resource.accountAllow != null;
            case RESOURCE_POLICY_MUST_TRUST_ACCOUNT_IF_PRESENT -> request.resourcePolicy().isEmpty() || resource.accountAllow != null;
        };
    }

    private static List<SetMatches> evaluateLevels(List<CompiledPolicies> levels, EvaluationState state)
    {
        List<SetMatches> results = new ArrayList<>(levels.size());
        for (CompiledPolicies level : levels) {
            results.add(level.evaluate(state));
        }
        return results;
    }

    private static SetMatches evaluate(Optional<CompiledPolicies> policies, EvaluationState state)
    {
        return policies.isPresent() ? policies.get().evaluate(state) : NOTHING;
    }

    private static StatementRef firstDeny(List<SetMatches> scps, List<SetMatches> rcps, SetMatches... others)
    {
        for (SetMatches level : scps) {
            if (level.deny != null) {
                return level.deny;
            }
        }
        for (SetMatches level : rcps) {
            if (level.deny != null) {
                return level.deny;
            }
        }
        for (SetMatches matches : others) {
            if (matches.deny != null) {
                return matches.deny;
            }
        }
        return null;
    }

    private static List<StatementRef> refs(StatementRef first, StatementRef second)
    {
        List<StatementRef> refs = new ArrayList<>(2);
        if (first != null) {
            refs.add(first);
        }
        if (second != null) {
            refs.add(second);
        }
        return refs;
    }
}
