package dev.bulwark.server.auth;

import dev.bulwark.policy.document.PolicyDocument;
import dev.bulwark.policy.eval.AccountTrust;
import dev.bulwark.policy.eval.CompiledPolicies;
import dev.bulwark.policy.eval.PolicySource;
import dev.bulwark.policy.eval.PolicyType;
import dev.bulwark.policy.eval.AuthorizationRequest;
import dev.bulwark.policy.eval.Decision;
import dev.bulwark.policy.eval.PolicyEvaluator;
import dev.bulwark.policy.eval.RequestContext;
import dev.bulwark.policy.eval.RequestPrincipal;
import dev.bulwark.policy.reference.ServiceReference;
import dev.bulwark.protocol.error.AwsErrorException;
import dev.bulwark.protocol.model.Protocol;
import dev.bulwark.server.services.Access;
import dev.bulwark.server.services.ResourcePolicy;
import dev.bulwark.server.services.iam.model.RoleSession;
import dev.bulwark.server.services.iam.model.Tag;
import dev.bulwark.server.services.iam.model.UserSession;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * Decides whether a caller may have an {@link Access}, with the policy engine, and answers AWS's
 * {@code AccessDenied} wording when not. The account root is allowed everything in its own account, as in AWS,
 * unless its account is an organization member whose service control policies limit it, it acts through an
 * AssumeRoot session (capped by the task policy), or the resource carries its own policy (a KMS key policy that
 * does not trust the account locks root out; a bucket policy's deny applies to root). SCPs and RCPs come from {@link OrganizationPolicies}.
 */
public final class Authorizer
{
    private static final String AWS_MANAGED_POLICY_ARN_PREFIX = "arn:aws:iam::aws:policy/";
    /** Global keys an operation may declare for itself because the request carries an MFA code. */
    private static final List<String> MFA_KEYS = List.of("aws:MultiFactorAuthPresent", "aws:MultiFactorAuthAge");
    /** What a federated user issued by root's keys starts from before its session policies narrow it: everything. */
    private static final CompiledPolicies ROOT_PERMISSIONS = CompiledPolicies.compile(new PolicySource(PolicyType.IDENTITY, "root",
            PolicyDocument.parse("{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"*\"}]}")));
    /**
     * Organizations' resources carry the management account (or {@code aws}) in their ARN, yet callers in every
     * account of the organization act on them (an invited account answers a handshake, a delegated administrator
     * describes accounts) with no resource policy involved: the caller's own identity policies decide.
     */
    private static final String ORGANIZATIONS_ARN_PREFIX = "arn:aws:organizations::";
    /** Service-linked roles live under this path; SCPs and RCPs never limit them. */
    private static final String SERVICE_LINKED_ROLE_PATH = "/aws-service-role/";

    private final IdentityPolicies policies;
    private final OrganizationPolicies organizations;

    public Authorizer(IdentityPolicies policies)
    {
        this(policies, OrganizationPolicies.NONE);
    }

    public Authorizer(IdentityPolicies policies, OrganizationPolicies organizations)
    {
        this.organizations = requireNonNull(organizations, "organizations is null");
        this.policies = requireNonNull(policies, "policies is null");
    }

    /** @throws AwsErrorException AccessDenied in the protocol's shape when the access is not allowed */
    public void check(Caller caller, Access access, RequestFacts facts, Protocol protocol)
    {
        if (caller.kind() == Caller.PrincipalKind.ROOT && !isAssumedRoot(caller) && access.resourcePolicy().isEmpty()
                && organizations.forAccount(caller.accountId()).map(org -> !org.limitsPrincipals()).orElse(true)) {
            // Root may do anything in its own account unless its account is a member limited by SCPs.
            return;
        }
        Decision decision = decide(caller, access, facts);
        if (!decision.allowed() && caller.federation().isPresent()) {
            // AssumeRoleWithWebIdentity and AssumeRoleWithSAML name neither the caller nor the role.
            throw accessDenied(protocol, "Not authorized to perform " + access.action());
        }
        if (!decision.allowed() && protocol == Protocol.REST_XML) {
            // S3 answers a refusal with its classic two words, whoever refused.
            throw accessDenied(protocol, "Access Denied");
        }
        if (!decision.allowed()) {
            // STS does not say which policy refused a role: the message ends at the resource.
            throw accessDenied(protocol, isAssumeRole(access)
                    ? "User: " + caller.arn() + " is not authorized to perform: " + access.action() + " on resource: " + access.resource()
                    : decision.accessDeniedMessage(caller.arn(), access.resource()));
        }
    }

    public Decision decide(Caller caller, Access access, RequestFacts facts)
    {
        Map<String, List<String>> keys = conditionKeys(caller, access, facts, principalTags(caller));
        AuthorizationRequest.Builder request = AuthorizationRequest.builder(principalOf(caller), access.action(), access.resource());
        String resourceAccount = resourceAccountOf(access.resource()).orElse(caller.accountId());
        if (access.resource().startsWith(AWS_MANAGED_POLICY_ARN_PREFIX) || access.resource().startsWith(ORGANIZATIONS_ARN_PREFIX)
                || ASSUME_ROOT.equals(access.action())) {
            // sts:AssumeRoot names a member's root user, yet only the caller's own identity policies decide it.
            // AWS managed policies live in the pseudo-account "aws" but every account may read them: they are no
            // other account's resource, so the caller's own identity policies decide.
            resourceAccount = caller.accountId();
            request.resourceAccount(resourceAccount);
        }
        if (access.resourcePolicy().isPresent()) {
            // The service knows the resource's owner and policy (a key policy, a bucket policy): they decide
            // cross-account access, and whether the owner's IAM policies count without the policy trusting the account.
            ResourcePolicy resourcePolicy = access.resourcePolicy().get();
            resourceAccount = resourcePolicy.ownerAccount();
            request.resourceAccount(resourceAccount);
            resourcePolicy.policy().ifPresent(request::resourcePolicy);
            request.accountTrust(resourcePolicy.accountTrust());
        }
        applyOrganizations(caller, access, resourceAccount, request, keys);
        request.context(RequestContext.of(keys));
        switch (caller.kind()) {
            case IAM_USER -> applyUser(request, caller.accountId(), caller.userName().orElseThrow());
            case ASSUMED_ROLE -> {
                RoleSession session = caller.roleSession().orElseThrow();
                IdentityPolicies.UserPolicies role = policies.forRole(session.role());
                request.identityPolicies(role.identity());
                role.boundary().ifPresent(request::permissionsBoundary);
                policies.sessionPolicy(session).ifPresent(request::sessionPolicy);
            }
            case FEDERATED_USER -> {
                // GetFederationToken: the issuing IAM user's permissions, intersected with the session policies.
                UserSession session = caller.userSession().orElseThrow();
                if (session.isRoot()) {
                    request.identityPolicies(ROOT_PERMISSIONS);
                }
                else {
                    applyUser(request, caller.accountId(), session.user().name());
                }
                policies.sessionPolicy(session).ifPresent(request::sessionPolicy);
            }
            case ROOT -> {
                // Root has every permission in its own account: an SCP may limit it, and an AssumeRoot session is
                // further scoped by its root task policy (the session policy).
                caller.userSession().filter(UserSession::isAssumedRoot).flatMap(policies::sessionPolicy).ifPresent(request::sessionPolicy);
            }
            case WEB_IDENTITY_USER, SAML_USER, ANONYMOUS -> {
                // Web-identity, SAML and anonymous callers have no identity
                // policies (they only ever ask to assume a role, which the trust policy decides).
            }
        }
        if (isAssumeRole(access)) {
            // The role's trust policy is the resource policy, and it must trust the caller even within the account.
            policies.trustPolicy(access.resource()).ifPresent(request::resourcePolicy);
            request.accountTrust(AccountTrust.RESOURCE_POLICY_MUST_TRUST_ACCOUNT_IF_PRESENT);
        }
        return PolicyEvaluator.evaluate(request.build());
    }

    /** An IAM user's identity policies (its own and its groups') and permissions boundary. */
    private void applyUser(AuthorizationRequest.Builder request, String accountId, String userName)
    {
        IdentityPolicies.UserPolicies user = policies.forUser(accountId, userName);
        request.identityPolicies(user.identity());
        user.boundary().ifPresent(request::permissionsBoundary);
    }

    /**
     * SCPs of the caller's account and RCPs of the resource's account, level by level, with the organization's
     * condition keys ({@code aws:PrincipalOrgID}, {@code aws:PrincipalOrgPaths}, {@code aws:ResourceOrgID},
     * {@code aws:ResourceOrgPaths}); the policy engine applies AWS's exemptions (management account, service-linked
     * roles, service principals).
     */
    private void applyOrganizations(Caller caller, Access access, String resourceAccount, AuthorizationRequest.Builder request, Map<String, List<String>> keys)
    {
        keys.putIfAbsent("aws:ResourceAccount", List.of(resourceAccount));
        if (caller.kind() != Caller.PrincipalKind.ANONYMOUS && caller.federation().isEmpty()) {
            organizations.forAccount(caller.accountId()).ifPresent(org -> {
                request.scpLevels(org.scpLevels());
                request.principalInManagementAccount(org.context().isManagementAccount());
                keys.put("aws:PrincipalOrgID", List.of(org.context().organizationId()));
                keys.put("aws:PrincipalOrgPaths", List.of(org.context().orgPath()));
            });
            caller.roleSession().ifPresent(session -> request.serviceLinkedRole(session.role().path().startsWith(SERVICE_LINKED_ROLE_PATH)));
        }
        organizations.forAccount(resourceAccount).ifPresent(org -> {
            if (rcpSupported(access.action())) {
                // RCPs only protect the services AWS lists for them (S3, STS, KMS, SQS, Secrets Manager, ...).
                request.rcpLevels(org.rcpLevels());
            }
            request.resourceInManagementAccount(org.context().isManagementAccount());
            keys.put("aws:ResourceOrgID", List.of(org.context().organizationId()));
            keys.put("aws:ResourceOrgPaths", List.of(org.context().orgPath()));
        });
    }

    private static boolean rcpSupported(String action)
    {
        int colon = action.indexOf(':');
        return colon > 0 && ServiceReference.instance().isRcpSupported(action.substring(0, colon).toLowerCase(java.util.Locale.ROOT));
    }

    /** The 12-digit account of an ARN ({@code arn:partition:service:region:account:...}), if it names one. */
    static Optional<String> resourceAccountOf(String resource)
    {
        if (!resource.startsWith("arn:")) {
            return Optional.empty();
        }
        int start = 0;
        for (int i = 0; i < 4; i++) {
            start = resource.indexOf(':', start) + 1;
            if (start == 0) {
                return Optional.empty();
            }
        }
        int end = resource.indexOf(':', start);
        if (end - start != 12) {
            return Optional.empty();
        }
        for (int i = start; i < end; i++) {
            if (!Character.isDigit(resource.charAt(i))) {
                return Optional.empty();
            }
        }
        return Optional.of(resource.substring(start, end));
    }

    /**
     * {@code sts:AssumeRole}, {@code sts:AssumeRoleWithWebIdentity} or {@code sts:AssumeRoleWithSAML} on a role: the
     * actions here whose resource carries a policy (the trust policy).
     */
    static boolean isAssumeRole(Access access)
    {
        return ASSUME_ROLE_ACTIONS.contains(access.action()) && RoleArn.parse(access.resource()).isPresent();
    }

    /**
     * The actions the role's trust policy decides. {@code sts:TagSession} and {@code sts:SetSourceIdentity}, requested
     * with the assume-role action when session tags or a source identity are passed, must be allowed by it as well.
     */
    private static final java.util.Set<String> ASSUME_ROLE_ACTIONS = java.util.Set.of("sts:AssumeRole", "sts:AssumeRoleWithWebIdentity", "sts:AssumeRoleWithSAML",
            "sts:TagSession", "sts:SetSourceIdentity");

    private static final String ASSUME_ROOT = "sts:AssumeRoot";

    /** A member account's root user acting with an {@code sts:AssumeRoot} session. */
    static boolean isAssumedRoot(Caller caller)
    {
        return caller.kind() == Caller.PrincipalKind.ROOT && caller.userSession().map(UserSession::isAssumedRoot).orElse(false);
    }

    private static RequestPrincipal principalOf(Caller caller)
    {
        if (caller.federation().isPresent()) {
            return RequestPrincipal.federatedIdentity(caller.federation().get().provider());
        }
        return RequestPrincipal.parse(caller.kind() == Caller.PrincipalKind.ANONYMOUS ? RequestPrincipal.ANONYMOUS : caller.arn());
    }

    /**
     * The caller's principal tags ({@code aws:PrincipalTag/<key>}), from the caches of {@link IdentityPolicies}: an IAM
     * user's tags; a role session's role tags overridden by its session tags; a federated user's issuing user's tags
     * overridden by its session tags (root issues federated users with no tags of its own).
     */
    private List<Tag> principalTags(Caller caller)
    {
        return switch (caller.kind()) {
            case IAM_USER -> policies.userTags(caller.accountId(), caller.userName().orElseThrow());
            case ASSUMED_ROLE -> withSessionTags(policies.roleTags(caller.roleSession().orElseThrow().role()), caller.roleSession().orElseThrow().tags());
            case FEDERATED_USER -> {
                UserSession session = caller.userSession().orElseThrow();
                yield withSessionTags(session.isRoot() ? List.of() : policies.userTags(caller.accountId(), session.user().name()), session.tags());
            }
            case ROOT, WEB_IDENTITY_USER, SAML_USER, ANONYMOUS -> List.of();
        };
    }

    /** {@code principal}'s tags with the session's tags replacing those of the same key in any case. */
    static List<Tag> withSessionTags(List<Tag> principal, List<Tag> session)
    {
        if (session.isEmpty()) {
            return principal;
        }
        java.util.Set<String> overridden = new java.util.HashSet<>();
        session.forEach(tag -> overridden.add(tag.key().toLowerCase(java.util.Locale.ROOT)));
        List<Tag> merged = new java.util.ArrayList<>(session);
        principal.stream().filter(tag -> !overridden.contains(tag.key().toLowerCase(java.util.Locale.ROOT))).forEach(merged::add);
        return merged;
    }

    /** The global condition keys AWS puts in every request context, plus the operation's own keys. */
    static Map<String, List<String>> conditionKeys(Caller caller, Access access, RequestFacts facts)
    {
        return conditionKeys(caller, access, facts, List.of());
    }

    /** As above, with the caller's principal tags. */
    static Map<String, List<String>> conditionKeys(Caller caller, Access access, RequestFacts facts, List<Tag> principalTags)
    {
        Map<String, List<String>> keys = new HashMap<>(access.conditionKeys());
        for (Tag tag : principalTags) {
            keys.put("aws:PrincipalTag/" + tag.key(), List.of(tag.value()));
        }
        keys.put("aws:CurrentTime", List.of(DateTimeFormatter.ISO_INSTANT.format(facts.time())));
        keys.put("aws:EpochTime", List.of(Long.toString(facts.time().getEpochSecond())));
        keys.put("aws:SecureTransport", List.of(Boolean.toString(facts.secureTransport())));
        if (facts.calledVia().isEmpty()) {
            keys.put("aws:SourceIp", List.of(facts.sourceIp()));
        }
        keys.put("aws:RequestedRegion", List.of(facts.region()));
        keys.put("aws:ViaAWSService", List.of(Boolean.toString(facts.calledVia().isPresent())));
        facts.calledVia().ifPresent(service -> {
            keys.put("aws:CalledVia", List.of(service));
            keys.put("aws:CalledViaFirst", List.of(service));
            keys.put("aws:CalledViaLast", List.of(service));
        });
        facts.userAgent().ifPresent(agent -> keys.put("aws:UserAgent", List.of(agent)));
        caller.federation().ifPresent(identity -> {
            // The provider's own keys (HOST:sub, HOST:aud, saml:sub …) and the provider itself.
            keys.putAll(identity.conditionKeys());
            keys.put("aws:FederatedProvider", List.of(identity.provider()));
        });
        if (caller.kind() != Caller.PrincipalKind.ANONYMOUS && caller.federation().isEmpty()) {
            // A session's aws:PrincipalArn is its role's ARN, so policies can name the role rather than each session.
            keys.put("aws:PrincipalArn", List.of(caller.roleSession().map(session -> session.role().arn()).orElse(caller.arn())));
            keys.put("aws:PrincipalAccount", List.of(caller.accountId()));
            keys.put("aws:PrincipalType", List.of(principalType(caller)));
            // A principal acting with its own credentials, never a service principal.
            keys.put("aws:PrincipalIsAWSService", List.of("false"));
            keys.put("aws:userid", List.of(caller.principalId()));
            caller.userName().ifPresent(name -> keys.put("aws:username", List.of(name)));
        }
        caller.tokenIssued().ifPresent(issued -> {
            keys.put("aws:TokenIssueTime", List.of(DateTimeFormatter.ISO_INSTANT.format(issued.truncatedTo(ChronoUnit.SECONDS))));
            // Only temporary credentials carry the key (long-term keys never do): true with the age of the MFA
            // authentication when the session was issued with a verified MFA code, false otherwise.
            Optional<Instant> mfa = caller.mfaAuthenticated();
            keys.put("aws:MultiFactorAuthPresent", List.of(Boolean.toString(mfa.isPresent())));
            mfa.ifPresent(at -> keys.put("aws:MultiFactorAuthAge", List.of(Long.toString(Math.max(0, Duration.between(at, facts.time()).getSeconds())))));
        });
        caller.roleSession().ifPresent(session -> {
            if (session.sourceIdentity() != null) {
                keys.put("aws:SourceIdentity", List.of(session.sourceIdentity()));
            }
        });
        // A request that itself proves MFA (AssumeRole or GetSessionToken with SerialNumber and TokenCode) declares
        // the keys its verified code will give; the handler refuses the call when the code does not verify.
        for (String key : MFA_KEYS) {
            List<String> declared = access.conditionKeys().get(key);
            if (declared != null) {
                keys.put(key, declared);
            }
        }
        return keys;
    }

    private static String principalType(Caller caller)
    {
        return switch (caller.kind()) {
            case ROOT -> "Account";
            case IAM_USER -> "User";
            case ASSUMED_ROLE -> "AssumedRole";
            case FEDERATED_USER -> "FederatedUser";
            case WEB_IDENTITY_USER -> "WebIdentityUser";
            case SAML_USER -> "SAMLUser";
            case ANONYMOUS -> "Anonymous";
        };
    }

    /** AWS's AccessDenied: {@code AccessDenied}/403 for query and XML services, {@code AccessDeniedException} for JSON ones. */
    static AwsErrorException accessDenied(Protocol protocol, String message)
    {
        return switch (protocol) {
            case AWS_QUERY, EC2_QUERY, REST_XML -> new AwsErrorException("AccessDenied", 403, true, message);
            case AWS_JSON_1_0, AWS_JSON_1_1, REST_JSON_1 -> new AwsErrorException("AccessDeniedException", 400, true, message);
        };
    }

    /** What the request itself tells the global condition keys. */
    public record RequestFacts(Instant time, boolean secureTransport, String sourceIp, String region, java.util.Optional<String> userAgent,
            java.util.Optional<String> calledVia)
    {
        public RequestFacts
        {
            requireNonNull(time, "time is null");
            requireNonNull(sourceIp, "sourceIp is null");
            requireNonNull(region, "region is null");
            requireNonNull(userAgent, "userAgent is null");
            requireNonNull(calledVia, "calledVia is null");
        }

        public RequestFacts(Instant time, boolean secureTransport, String sourceIp, String region, java.util.Optional<String> userAgent)
        {
            this(time, secureTransport, sourceIp, region, userAgent, java.util.Optional.empty());
        }

        /**
         * A request a service makes with the caller's credentials on the caller's behalf (S3 asking KMS for a data
         * key): the caller's identity, but no source IP of its own, and {@code aws:ViaAWSService} and
         * {@code aws:CalledVia} naming the service (e.g. {@code s3.amazonaws.com}).
         */
        public static RequestFacts onBehalfOf(Instant time, String region, String servicePrincipal)
        {
            return new RequestFacts(time, true, "", region, java.util.Optional.empty(), java.util.Optional.of(servicePrincipal));
        }
    }
}
