package dev.bulwark.server.auth;

import dev.bulwark.server.services.iam.model.RoleSession;
import dev.bulwark.server.services.iam.model.UserSession;

import java.time.Instant;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * Who made a request, as established by authentication.
 *
 * @param kind        the principal type (CloudTrail's userIdentity.type)
 * @param accountId   the principal's account
 * @param arn         the principal ARN policies match and AccessDenied messages name
 * @param principalId AWS's unique ID: the account ID for root, {@code AIDA…} for users, {@code AROA…:session} for sessions
 * @param userName    the IAM user's name (empty for root, sessions and anonymous callers)
 * @param accessKeyId the access key that signed the request, if any
 * @param roleSession for an assumed-role caller, the session (role, session policies, issue time)
 * @param userSession for a caller signing with GetSessionToken's or GetFederationToken's temporary key, the session
 * @param federation  for a web-identity or SAML caller, what its verified token says
 */
public record Caller(
        PrincipalKind kind,
        String accountId,
        String arn,
        String principalId,
        Optional<String> userName,
        Optional<String> accessKeyId,
        Optional<RoleSession> roleSession,
        Optional<UserSession> userSession,
        Optional<FederatedIdentity> federation)
{
    public Caller
    {
        requireNonNull(roleSession, "roleSession is null");
        requireNonNull(userSession, "userSession is null");
        if (roleSession.isPresent() != (kind == PrincipalKind.ASSUMED_ROLE)) {
            throw new IllegalArgumentException("exactly assumed-role callers carry a role session: " + kind);
        }
        if (kind == PrincipalKind.FEDERATED_USER && userSession.isEmpty()) {
            throw new IllegalArgumentException("a federated user signs with a GetFederationToken session");
        }
        if (userSession.isPresent() && (kind == PrincipalKind.ASSUMED_ROLE || kind == PrincipalKind.ANONYMOUS
                || kind == PrincipalKind.WEB_IDENTITY_USER || kind == PrincipalKind.SAML_USER)) {
            throw new IllegalArgumentException("only users, root and federated users carry a user session: " + kind);
        }
        requireNonNull(federation, "federation is null");
        if (federation.isPresent() != (kind == PrincipalKind.WEB_IDENTITY_USER || kind == PrincipalKind.SAML_USER)) {
            throw new IllegalArgumentException("exactly web-identity and SAML callers carry a federated identity: " + kind);
        }
        requireNonNull(kind, "kind is null");
        requireNonNull(accountId, "accountId is null");
        requireNonNull(arn, "arn is null");
        requireNonNull(principalId, "principalId is null");
        requireNonNull(userName, "userName is null");
        requireNonNull(accessKeyId, "accessKeyId is null");
    }

    public Caller(PrincipalKind kind, String accountId, String arn, String principalId, Optional<String> userName, Optional<String> accessKeyId,
            Optional<RoleSession> roleSession)
    {
        this(kind, accountId, arn, principalId, userName, accessKeyId, roleSession, Optional.empty(), Optional.empty());
    }

    public Caller(PrincipalKind kind, String accountId, String arn, String principalId, Optional<String> userName, Optional<String> accessKeyId)
    {
        this(kind, accountId, arn, principalId, userName, accessKeyId, Optional.empty(), Optional.empty(), Optional.empty());
    }

    /**
     * A caller signing with a GetSessionToken key (the IAM user or root itself, as AWS reports it) or a
     * GetFederationToken key (the federated user).
     */
    public static Caller of(UserSession session)
    {
        Optional<String> key = Optional.of(session.accessKeyId());
        if (session.isFederated()) {
            return new Caller(PrincipalKind.FEDERATED_USER, session.accountId(), session.federatedUserArn(), session.federatedUserId(), Optional.empty(), key,
                    Optional.empty(), Optional.of(session), Optional.empty());
        }
        if (session.isRoot()) {
            return new Caller(PrincipalKind.ROOT, session.accountId(), "arn:aws:iam::" + session.accountId() + ":root", session.accountId(), Optional.empty(), key,
                    Optional.empty(), Optional.of(session), Optional.empty());
        }
        return new Caller(PrincipalKind.IAM_USER, session.accountId(), session.user().arn(), session.user().userId(), Optional.of(session.user().name()), key,
                Optional.empty(), Optional.of(session), Optional.empty());
    }

    /** Whether the caller signs with temporary (STS) credentials. */
    public boolean isTemporary()
    {
        return roleSession.isPresent() || userSession.isPresent();
    }

    /** When the caller's session was MFA-authenticated; empty for long-term keys and sessions without MFA. */
    public Optional<Instant> mfaAuthenticated()
    {
        return roleSession.map(RoleSession::mfaAuthenticated).or(() -> userSession.map(UserSession::mfaAuthenticated));
    }

    /** When the caller's temporary credentials were issued; empty for long-term keys. */
    public Optional<Instant> tokenIssued()
    {
        return roleSession.map(RoleSession::issued).or(() -> userSession.map(UserSession::issued));
    }

    /**
     * A caller whose web identity token (or SAML assertion) STS verified, acting in the account of the role it asks
     * for. CloudTrail names it by {@code principalId} (provider, audience and subject) and {@code userName} (subject).
     */
    public static Caller federated(PrincipalKind kind, String accountId, FederatedIdentity identity)
    {
        if (kind != PrincipalKind.WEB_IDENTITY_USER && kind != PrincipalKind.SAML_USER) {
            throw new IllegalArgumentException("not a federated kind: " + kind);
        }
        String principalId = kind == PrincipalKind.SAML_USER
                ? identity.nameQualifier().orElse(identity.provider()) + ":" + identity.subject()
                : identity.provider() + ":" + identity.audience() + ":" + identity.subject();
        return new Caller(kind, accountId, identity.provider(), principalId, Optional.of(identity.subject()), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.of(identity));
    }

    /** A caller signing with the temporary key of an STS role session. */
    public static Caller assumedRole(RoleSession session)
    {
        return new Caller(PrincipalKind.ASSUMED_ROLE, session.role().accountId(), session.assumedRoleArn(), session.assumedRoleId(), Optional.empty(),
                Optional.of(session.accessKeyId()), Optional.of(session));
    }

    public static Caller root(String accountId, Optional<String> accessKeyId)
    {
        return new Caller(PrincipalKind.ROOT, accountId, "arn:aws:iam::" + accountId + ":root", accountId, Optional.empty(), accessKeyId);
    }

    public static Caller user(String accountId, String userArn, String userId, String userName, String accessKeyId)
    {
        return new Caller(PrincipalKind.IAM_USER, accountId, userArn, userId, Optional.of(userName), Optional.of(accessKeyId));
    }

    public static Caller anonymous()
    {
        return new Caller(PrincipalKind.ANONYMOUS, "", "anonymous", "anonymous", Optional.empty(), Optional.empty());
    }

    public enum PrincipalKind
    {
        ROOT("Root"),
        IAM_USER("IAMUser"),
        ASSUMED_ROLE("AssumedRole"),
        FEDERATED_USER("FederatedUser"),
        WEB_IDENTITY_USER("WebIdentityUser"),
        SAML_USER("SAMLUser"),
        ANONYMOUS("AWSAccount");

        private final String cloudTrailType;

        PrincipalKind(String cloudTrailType)
        {
            this.cloudTrailType = cloudTrailType;
        }

        /** The value of CloudTrail's {@code userIdentity.type}. */
        public String cloudTrailType()
        {
            return cloudTrailType;
        }
    }
}
