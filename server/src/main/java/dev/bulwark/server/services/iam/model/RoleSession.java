package dev.bulwark.server.services.iam.model;

import java.time.Instant;
import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * A role session issued by {@code sts:AssumeRole}: its temporary key ({@code ASIA...}), secret and token, the role it
 * acts as and the session policies that narrow it.
 *
 * @param role          the role as it was loaded with the session (the caller's view of name and path)
 * @param sessionPolicy the inline session policy, or null
 * @param policyArns    managed policies passed as session policies
 * @param sourceIdentity the SourceIdentity given to AssumeRole, or null
 * @param mfaAuthenticated when AssumeRole verified the SerialNumber and TokenCode it was given, or null without MFA
 * @param tags          the session tags: those passed (by the request or the identity provider's token) and those
 *                      inherited as transitive from the calling session in a role chain; they override the role's tags
 * @param transitiveTagKeys the keys of {@code tags} that pass on to sessions this one assumes (inherited ones included)
 */
public record RoleSession(
        String accessKeyId,
        String secretAccessKey,
        String sessionToken,
        Role role,
        String sessionName,
        String sessionPolicy,
        List<String> policyArns,
        String sourceIdentity,
        Instant issued,
        Instant expiration,
        Instant mfaAuthenticated,
        List<Tag> tags,
        List<String> transitiveTagKeys)
{
    /** A session without session tags. */
    public RoleSession(String accessKeyId, String secretAccessKey, String sessionToken, Role role, String sessionName, String sessionPolicy,
            List<String> policyArns, String sourceIdentity, Instant issued, Instant expiration, Instant mfaAuthenticated)
    {
        this(accessKeyId, secretAccessKey, sessionToken, role, sessionName, sessionPolicy, policyArns, sourceIdentity, issued, expiration, mfaAuthenticated,
                List.of(), List.of());
    }

    /** A session issued without MFA. */
    public RoleSession(String accessKeyId, String secretAccessKey, String sessionToken, Role role, String sessionName, String sessionPolicy,
            List<String> policyArns, String sourceIdentity, Instant issued, Instant expiration)
    {
        this(accessKeyId, secretAccessKey, sessionToken, role, sessionName, sessionPolicy, policyArns, sourceIdentity, issued, expiration, null);
    }

    public RoleSession
    {
        requireNonNull(accessKeyId, "accessKeyId is null");
        requireNonNull(secretAccessKey, "secretAccessKey is null");
        requireNonNull(sessionToken, "sessionToken is null");
        requireNonNull(role, "role is null");
        requireNonNull(sessionName, "sessionName is null");
        policyArns = List.copyOf(requireNonNull(policyArns, "policyArns is null"));
        requireNonNull(issued, "issued is null");
        requireNonNull(expiration, "expiration is null");
        tags = List.copyOf(requireNonNull(tags, "tags is null"));
        transitiveTagKeys = List.copyOf(requireNonNull(transitiveTagKeys, "transitiveTagKeys is null"));
    }

    /** The session tags a session assumed with this one's credentials inherits (keys compared ignoring case). */
    public List<Tag> transitiveTags()
    {
        java.util.Set<String> keys = new java.util.HashSet<>();
        transitiveTagKeys.forEach(key -> keys.add(key.toLowerCase(java.util.Locale.ROOT)));
        return tags.stream().filter(tag -> keys.contains(tag.key().toLowerCase(java.util.Locale.ROOT))).toList();
    }

    /** {@code arn:aws:sts::<account>:assumed-role/<role>/<session>}: no role path, as in AWS. */
    public String assumedRoleArn()
    {
        return "arn:" + Arns.PARTITION + ":sts::" + role.accountId() + ":assumed-role/" + role.name() + "/" + sessionName;
    }

    /** {@code AROA...:<session>}, the session's {@code aws:userid}. */
    public String assumedRoleId()
    {
        return role.roleId() + ":" + sessionName;
    }

    /** Whether the session carries session policies that intersect the role's permissions. */
    public boolean hasSessionPolicies()
    {
        return sessionPolicy != null || !policyArns.isEmpty();
    }

    /** Never prints the secret or the token. */
    @Override
    public String toString()
    {
        return "RoleSession[" + accessKeyId + ", " + assumedRoleArn() + ", expires " + expiration + "]";
    }
}
