package dev.bulwark.server.auth;

import dev.bulwark.server.services.iam.model.Tag;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * An identity an external provider vouched for with a verified token (an OpenID Connect ID token or a SAML
 * assertion), as STS's AssumeRoleWithWebIdentity and AssumeRoleWithSAML establish it.
 *
 * @param provider         what trust policies name under {@code "Principal": {"Federated": ...}}: the IAM provider ARN
 *                         (or a built-in provider's name such as {@code accounts.google.com})
 * @param issuer           the token's issuer ({@code iss}, or the SAML Issuer)
 * @param subject          the token's subject ({@code sub}, or the SAML NameID)
 * @param audience         the audience the token was accepted for (a client ID, or the SAML audience)
 * @param conditionKeys    the provider-specific condition keys the trust policy may test ({@code HOST:aud}, {@code saml:sub} …)
 * @param roleArn          the role the token asks for (SAML only: from the Role attribute; web identity: the request's)
 * @param roleSessionName  the session name the token gives (SAML only)
 * @param sessionDuration  the session duration the token asks for (SAML only)
 * @param subjectType      SAML only: the NameID format, shortened as STS reports it
 * @param nameQualifier    SAML only: the hash STS reports as NameQualifier
 * @param sourceIdentity   the source identity the token sets, if any
 * @param sessionTags      the session tags the token passes (an OIDC token's {@code https://aws.amazon.com/tags}
 *                         claim, a SAML assertion's {@code PrincipalTag:<key>} attributes)
 * @param transitiveTagKeys the keys of those tags the token sets as transitive
 */
public record FederatedIdentity(
        String provider,
        String issuer,
        String subject,
        String audience,
        Map<String, List<String>> conditionKeys,
        String roleArn,
        Optional<String> roleSessionName,
        Optional<Integer> sessionDuration,
        Optional<String> subjectType,
        Optional<String> nameQualifier,
        Optional<String> sourceIdentity,
        List<Tag> sessionTags,
        List<String> transitiveTagKeys)
{
    /** An identity whose token passes no session tags. */
    public FederatedIdentity(String provider, String issuer, String subject, String audience, Map<String, List<String>> conditionKeys, String roleArn,
            Optional<String> roleSessionName, Optional<Integer> sessionDuration, Optional<String> subjectType, Optional<String> nameQualifier,
            Optional<String> sourceIdentity)
    {
        this(provider, issuer, subject, audience, conditionKeys, roleArn, roleSessionName, sessionDuration, subjectType, nameQualifier, sourceIdentity,
                List.of(), List.of());
    }

    public FederatedIdentity
    {
        requireNonNull(provider, "provider is null");
        requireNonNull(issuer, "issuer is null");
        requireNonNull(subject, "subject is null");
        requireNonNull(audience, "audience is null");
        conditionKeys = Map.copyOf(requireNonNull(conditionKeys, "conditionKeys is null"));
        requireNonNull(roleArn, "roleArn is null");
        requireNonNull(roleSessionName, "roleSessionName is null");
        requireNonNull(sessionDuration, "sessionDuration is null");
        requireNonNull(subjectType, "subjectType is null");
        requireNonNull(nameQualifier, "nameQualifier is null");
        requireNonNull(sourceIdentity, "sourceIdentity is null");
        sessionTags = List.copyOf(requireNonNull(sessionTags, "sessionTags is null"));
        transitiveTagKeys = List.copyOf(requireNonNull(transitiveTagKeys, "transitiveTagKeys is null"));
    }
}
