package dev.bulwark.policy.eval;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Optional;

/**
 * Everything one authorization decision needs: who asks, for what action on which resource, the request's
 * condition keys, every applicable compiled policy set, and the organisation and service facts that change the
 * rules. Build with {@link #builder(RequestPrincipal, String, String)}.
 *
 * @param resourceAccount the account owning the resource: decides same-account vs cross-account
 * @param scpLevels one set per level of the principal account's OU path (root first, account last); empty when the
 *        account is in no organisation
 * @param rcpLevels the same for the resource account's RCPs; AWS attaches {@code RCPFullAWSAccess} to every level,
 *        so callers include it (see {@link #RCP_FULL_AWS_ACCESS_JSON})
 * @param principalInManagementAccount SCPs never limit the management account
 * @param resourceInManagementAccount RCPs never limit resources of the management account
 * @param serviceLinkedRole SCPs and RCPs do not limit service-linked roles
 * @param actionAlwaysAllowed actions that need no permission, such as {@code sts:GetCallerIdentity}; allowed for
 *        any authenticated caller even against an explicit deny
 * @param accountTrust how the resource's service treats identity policies of its own account
 */
public record AuthorizationRequest(
        RequestPrincipal principal,
        String action,
        String resource,
        String resourceAccount,
        RequestContext context,
        CompiledPolicies identityPolicies,
        Optional<CompiledPolicies> resourcePolicy,
        Optional<CompiledPolicies> permissionsBoundary,
        Optional<CompiledPolicies> sessionPolicy,
        List<CompiledPolicies> scpLevels,
        List<CompiledPolicies> rcpLevels,
        boolean principalInManagementAccount,
        boolean resourceInManagementAccount,
        boolean serviceLinkedRole,
        boolean actionAlwaysAllowed,
        AccountTrust accountTrust)
{
    /** AWS's RCPFullAWSAccess: attached to every root, OU and account and impossible to detach. */
    public static final String RCP_FULL_AWS_ACCESS_JSON =
            "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"*\",\"Resource\":\"*\"}]}";

    public AuthorizationRequest
    {
        requireNonNull(principal, "principal is null");
        requireNonNull(action, "action is null");
        requireNonNull(resource, "resource is null");
        requireNonNull(resourceAccount, "resourceAccount is null");
        requireNonNull(context, "context is null");
        requireNonNull(identityPolicies, "identityPolicies is null");
        requireNonNull(resourcePolicy, "resourcePolicy is null");
        requireNonNull(permissionsBoundary, "permissionsBoundary is null");
        requireNonNull(sessionPolicy, "sessionPolicy is null");
        scpLevels = List.copyOf(requireNonNull(scpLevels, "scpLevels is null"));
        rcpLevels = List.copyOf(requireNonNull(rcpLevels, "rcpLevels is null"));
        requireNonNull(accountTrust, "accountTrust is null");
    }

    public static Builder builder(RequestPrincipal principal, String action, String resource)
    {
        return new Builder(principal, action, resource);
    }

    /** Whether principal and resource are in the same account; anonymous and service callers never are. */
    public boolean sameAccount()
    {
        return principal.accountId().map(resourceAccount::equals).orElse(false);
    }

    /** Builder: everything but principal, action and resource is optional. */
    public static final class Builder
    {
        private final RequestPrincipal principal;
        private final String action;
        private final String resource;
        private String resourceAccount;
        private RequestContext context = RequestContext.EMPTY;
        private CompiledPolicies identityPolicies = CompiledPolicies.EMPTY;
        private CompiledPolicies resourcePolicy;
        private CompiledPolicies permissionsBoundary;
        private CompiledPolicies sessionPolicy;
        private List<CompiledPolicies> scpLevels = List.of();
        private List<CompiledPolicies> rcpLevels = List.of();
        private boolean principalInManagementAccount;
        private boolean resourceInManagementAccount;
        private boolean serviceLinkedRole;
        private boolean actionAlwaysAllowed;
        private AccountTrust accountTrust = AccountTrust.IMPLICIT;

        private Builder(RequestPrincipal principal, String action, String resource)
        {
            this.principal = requireNonNull(principal, "principal is null");
            this.action = requireNonNull(action, "action is null");
            this.resource = requireNonNull(resource, "resource is null");
        }

        /** Defaults to the resource ARN's account, else the principal's. */
        public Builder resourceAccount(String resourceAccount)
        {
            this.resourceAccount = requireNonNull(resourceAccount, "resourceAccount is null");
            return this;
        }

        public Builder context(RequestContext context)
        {
            this.context = requireNonNull(context, "context is null");
            return this;
        }

        public Builder identityPolicies(CompiledPolicies identityPolicies)
        {
            this.identityPolicies = requireNonNull(identityPolicies, "identityPolicies is null");
            return this;
        }

        public Builder resourcePolicy(CompiledPolicies resourcePolicy)
        {
            this.resourcePolicy = requireNonNull(resourcePolicy, "resourcePolicy is null");
            return this;
        }

        public Builder permissionsBoundary(CompiledPolicies permissionsBoundary)
        {
            this.permissionsBoundary = requireNonNull(permissionsBoundary, "permissionsBoundary is null");
            return this;
        }

        public Builder sessionPolicy(CompiledPolicies sessionPolicy)
        {
            this.sessionPolicy = requireNonNull(sessionPolicy, "sessionPolicy is null");
            return this;
        }

        public Builder scpLevels(List<CompiledPolicies> scpLevels)
        {
            this.scpLevels = requireNonNull(scpLevels, "scpLevels is null");
            return this;
        }

        public Builder rcpLevels(List<CompiledPolicies> rcpLevels)
        {
            this.rcpLevels = requireNonNull(rcpLevels, "rcpLevels is null");
            return this;
        }

        public Builder principalInManagementAccount(boolean value)
        {
            this.principalInManagementAccount = value;
            return this;
        }

        public Builder resourceInManagementAccount(boolean value)
        {
            this.resourceInManagementAccount = value;
            return this;
        }

        public Builder serviceLinkedRole(boolean value)
        {
            this.serviceLinkedRole = value;
            return this;
        }

        public Builder actionAlwaysAllowed(boolean value)
        {
            this.actionAlwaysAllowed = value;
            return this;
        }

        public Builder accountTrust(AccountTrust accountTrust)
        {
            this.accountTrust = requireNonNull(accountTrust, "accountTrust is null");
            return this;
        }

        public AuthorizationRequest build()
        {
            String account = resourceAccount;
            if (account == null) {
                SplitArn arn = SplitArn.of(resource);
                account = arn.isArn() && arn.ends[4] > arn.starts[4]
                        ? resource.substring(arn.starts[4], arn.ends[4])
                        : principal.accountId().orElse("");
            }
            return new AuthorizationRequest(principal, action, resource, account, context, identityPolicies,
                    Optional.ofNullable(resourcePolicy), Optional.ofNullable(permissionsBoundary), Optional.ofNullable(sessionPolicy),
                    scpLevels, rcpLevels, principalInManagementAccount, resourceInManagementAccount, serviceLinkedRole,
                    actionAlwaysAllowed, accountTrust);
        }
    }
}
