package dev.bulwark.server.auth;

import dev.bulwark.policy.eval.AccountTrust;
import dev.bulwark.policy.eval.AuthorizationRequest;
import dev.bulwark.policy.eval.Decision;
import dev.bulwark.policy.eval.PolicyEvaluator;
import dev.bulwark.policy.eval.RequestContext;
import dev.bulwark.policy.eval.RequestPrincipal;
import dev.bulwark.protocol.error.AwsErrorException;
import dev.bulwark.protocol.model.Protocol;
import dev.bulwark.server.services.Access;
import dev.bulwark.server.services.iam.model.RoleSession;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static java.util.Objects.requireNonNull;

/**
 * Decides whether a caller may have an {@link Access}, with the policy engine, and answers AWS's
 * {@code AccessDenied} wording when not. The account root is allowed everything in its own account, as in AWS
 * (service control policies, which can limit a member account's root, arrive with Organizations).
 */
public final class Authorizer
{
    private static final String AWS_MANAGED_POLICY_ARN_PREFIX = "arn:aws:iam::aws:policy/";
    /**
     * Organizations' resources carry the management account (or {@code aws}) in their ARN, yet callers in every
     * account of the organization act on them (an invited account answers a handshake, a delegated administrator
     * describes accounts) with no resource policy involved: the caller's own identity policies decide.
     */
    private static final String ORGANIZATIONS_ARN_PREFIX = "arn:aws:organizations::";

    private final IdentityPolicies policies;

    public Authorizer(IdentityPolicies policies)
    {
        this.policies = requireNonNull(policies, "policies is null");
    }

    /** @throws AwsErrorException AccessDenied in the protocol's shape when the access is not allowed */
    public void check(Caller caller, Access access, RequestFacts facts, Protocol protocol)
    {
        if (caller.kind() == Caller.PrincipalKind.ROOT) {
            return;
        }
        Decision decision = decide(caller, access, facts);
        if (!decision.allowed()) {
            // STS does not say which policy refused a role: the message ends at the resource.
            throw accessDenied(protocol, isAssumeRole(access)
                    ? "User: " + caller.arn() + " is not authorized to perform: " + access.action() + " on resource: " + access.resource()
                    : decision.accessDeniedMessage(caller.arn(), access.resource()));
        }
    }

    public Decision decide(Caller caller, Access access, RequestFacts facts)
    {
        AuthorizationRequest.Builder request = AuthorizationRequest.builder(principalOf(caller), access.action(), access.resource())
                .context(RequestContext.of(conditionKeys(caller, access, facts)));
        if (access.resource().startsWith(AWS_MANAGED_POLICY_ARN_PREFIX) || access.resource().startsWith(ORGANIZATIONS_ARN_PREFIX)) {
            // AWS managed policies live in the pseudo-account "aws" but every account may read them: they are no
            // other account's resource, so the caller's own identity policies decide.
            request.resourceAccount(caller.accountId());
        }
        switch (caller.kind()) {
            case IAM_USER -> {
                IdentityPolicies.UserPolicies user = policies.forUser(caller.accountId(), caller.userName().orElseThrow());
                request.identityPolicies(user.identity());
                user.boundary().ifPresent(request::permissionsBoundary);
            }
            case ASSUMED_ROLE -> {
                RoleSession session = caller.roleSession().orElseThrow();
                IdentityPolicies.UserPolicies role = policies.forRole(session.role());
                request.identityPolicies(role.identity());
                role.boundary().ifPresent(request::permissionsBoundary);
                policies.sessionPolicy(session).ifPresent(request::sessionPolicy);
            }
            case ROOT, FEDERATED_USER, ANONYMOUS -> {
                // Root never gets here (check allows it); federated and anonymous callers have no identity policies.
            }
        }
        if (isAssumeRole(access)) {
            // The role's trust policy is the resource policy, and it must trust the caller even within the account.
            policies.trustPolicy(access.resource()).ifPresent(request::resourcePolicy);
            request.accountTrust(AccountTrust.RESOURCE_POLICY_MUST_TRUST_ACCOUNT_IF_PRESENT);
        }
        return PolicyEvaluator.evaluate(request.build());
    }

    /** {@code sts:AssumeRole} on a role: the one action here whose resource carries a policy (the trust policy). */
    static boolean isAssumeRole(Access access)
    {
        return access.action().equals("sts:AssumeRole") && RoleArn.parse(access.resource()).isPresent();
    }

    private static RequestPrincipal principalOf(Caller caller)
    {
        return RequestPrincipal.parse(caller.kind() == Caller.PrincipalKind.ANONYMOUS ? RequestPrincipal.ANONYMOUS : caller.arn());
    }

    /** The global condition keys AWS puts in every request context, plus the operation's own keys. */
    static Map<String, List<String>> conditionKeys(Caller caller, Access access, RequestFacts facts)
    {
        Map<String, List<String>> keys = new HashMap<>(access.conditionKeys());
        keys.put("aws:CurrentTime", List.of(DateTimeFormatter.ISO_INSTANT.format(facts.time())));
        keys.put("aws:EpochTime", List.of(Long.toString(facts.time().getEpochSecond())));
        keys.put("aws:SecureTransport", List.of(Boolean.toString(facts.secureTransport())));
        keys.put("aws:SourceIp", List.of(facts.sourceIp()));
        keys.put("aws:RequestedRegion", List.of(facts.region()));
        keys.put("aws:ViaAWSService", List.of("false"));
        facts.userAgent().ifPresent(agent -> keys.put("aws:UserAgent", List.of(agent)));
        if (caller.kind() != Caller.PrincipalKind.ANONYMOUS) {
            // A session's aws:PrincipalArn is its role's ARN, so policies can name the role rather than each session.
            keys.put("aws:PrincipalArn", List.of(caller.roleSession().map(session -> session.role().arn()).orElse(caller.arn())));
            keys.put("aws:PrincipalAccount", List.of(caller.accountId()));
            keys.put("aws:PrincipalType", List.of(principalType(caller)));
            keys.put("aws:userid", List.of(caller.principalId()));
            caller.userName().ifPresent(name -> keys.put("aws:username", List.of(name)));
        }
        caller.roleSession().ifPresent(session -> {
            keys.put("aws:TokenIssueTime", List.of(DateTimeFormatter.ISO_INSTANT.format(session.issued().truncatedTo(ChronoUnit.SECONDS))));
            // Sessions from AssumeRole without SerialNumber/TokenCode are never MFA-authenticated here.
            keys.put("aws:MultiFactorAuthPresent", List.of("false"));
            if (session.sourceIdentity() != null) {
                keys.put("aws:SourceIdentity", List.of(session.sourceIdentity()));
            }
        });
        return keys;
    }

    private static String principalType(Caller caller)
    {
        return switch (caller.kind()) {
            case ROOT -> "Account";
            case IAM_USER -> "User";
            case ASSUMED_ROLE -> "AssumedRole";
            case FEDERATED_USER -> "FederatedUser";
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
    public record RequestFacts(Instant time, boolean secureTransport, String sourceIp, String region, java.util.Optional<String> userAgent)
    {
        public RequestFacts
        {
            requireNonNull(time, "time is null");
            requireNonNull(sourceIp, "sourceIp is null");
            requireNonNull(region, "region is null");
            requireNonNull(userAgent, "userAgent is null");
        }
    }
}
