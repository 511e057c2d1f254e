package dev.bulwark.server.services.iam.model;

import java.time.Instant;
import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * Temporary credentials issued to an IAM user or the root user by {@code sts:GetSessionToken}, or to a federated
 * user by {@code sts:GetFederationToken} (on an IAM user's behalf). Its permissions are those of the user (root:
 * everything), narrowed for federated users by the session policies.
 *
 * @param user             the IAM user as loaded with the session (for a federated user, the one that issued it), or
 *                         null when root's keys asked for it
 * @param federatedName    GetFederationToken's {@code Name}, or null for GetSessionToken sessions
 * @param sessionPolicy    the inline session policy (federated users only), or null
 * @param policyArns       managed session policies (federated users only)
 * @param mfaAuthenticated when the MFA code given to GetSessionToken was verified, or null without MFA
 * @param tags             GetFederationToken's session tags, which override the issuing user's tags
 */
public record UserSession(
        String accessKeyId,
        String secretAccessKey,
        String sessionToken,
        String accountId,
        User user,
        String federatedName,
        String sessionPolicy,
        List<String> policyArns,
        Instant mfaAuthenticated,
        Instant issued,
        Instant expiration,
        List<Tag> tags)
{
    /** A session without session tags. */
    public UserSession(String accessKeyId, String secretAccessKey, String sessionToken, String accountId, User user, String federatedName,
            String sessionPolicy, List<String> policyArns, Instant mfaAuthenticated, Instant issued, Instant expiration)
    {
        this(accessKeyId, secretAccessKey, sessionToken, accountId, user, federatedName, sessionPolicy, policyArns, mfaAuthenticated, issued, expiration,
                List.of());
    }

    public UserSession
    {
        requireNonNull(accessKeyId, "accessKeyId is null");
        requireNonNull(secretAccessKey, "secretAccessKey is null");
        requireNonNull(sessionToken, "sessionToken is null");
        Arns.requireAccountId(accountId);
        policyArns = List.copyOf(requireNonNull(policyArns, "policyArns is null"));
        requireNonNull(issued, "issued is null");
        requireNonNull(expiration, "expiration is null");
        tags = List.copyOf(requireNonNull(tags, "tags is null"));
    }

    public boolean isFederated()
    {
        return federatedName != null;
    }

    public boolean isRoot()
    {
        return user == null;
    }

    /** {@code arn:aws:sts::<account>:federated-user/<name>}. */
    public String federatedUserArn()
    {
        return "arn:" + Arns.PARTITION + ":sts::" + accountId + ":federated-user/" + federatedName;
    }

    /** {@code <account>:<name>}, a federated user's {@code aws:userid}. */
    public String federatedUserId()
    {
        return accountId + ":" + federatedName;
    }

    /**
     * An {@code sts:AssumeRoot} session: a member account's root user scoped by a root task policy (its only
     * session policy). GetSessionToken never gives root's own sessions session policies.
     */
    public boolean isAssumedRoot()
    {
        return isRoot() && !isFederated() && !policyArns.isEmpty();
    }

    public boolean hasSessionPolicies()
    {
        return sessionPolicy != null || !policyArns.isEmpty();
    }

    /** Never prints the secret or the token. */
    @Override
    public String toString()
    {
        return "UserSession[" + accessKeyId + ", " + (isFederated() ? federatedUserArn() : isRoot() ? "root" : user.arn()) + ", expires " + expiration + "]";
    }
}
