/**
 * STS: {@code GetCallerIdentity}, and {@code AssumeRole}, which issues role sessions ({@code ASIA...} keys with a
 * session token) stored through {@code RoleSessionStore}. Who may assume a role is decided by the authorizer with
 * the role's trust policy as the resource policy; the handlers check the request against the role.
 * {@code GetAccessKeyInfo} names the account of a key ({@code AccessKeyInfoOperations}). {@code GetSessionToken} and
 * {@code GetFederationToken} issue sessions of IAM users, root and federated users through {@code UserSessionStore};
 * {@code SerialNumber}/{@code TokenCode} on GetSessionToken and AssumeRole are verified against the caller's enabled
 * virtual MFA device, and the session then carries {@code aws:MultiFactorAuthPresent} true.
 *
 * <p>Federation: {@code AssumeRoleWithWebIdentity} and {@code AssumeRoleWithSAML} are unsigned, as in AWS. Their
 * token is the credential: {@link dev.bulwark.server.services.sts.FederatedAuthenticator} (run by the pipeline's
 * {@code TokenAuthenticateStep} after decoding) verifies an OpenID Connect ID token ({@link
 * dev.bulwark.server.services.sts.WebIdentityToken}: RS256/384/512, ES256/384/512 against the issuer's JWKS,
 * fetched by {@link dev.bulwark.server.services.sts.JwksClient}) or a signed SAML response ({@link
 * dev.bulwark.server.services.sts.SamlResponse}) against the IAM provider registered in the role's account, and
 * makes the verified identity the caller ({@code WebIdentityUser}/{@code SAMLUser} in CloudTrail). The authorizer
 * then evaluates the trust policy for {@code {"Federated": providerArn}} with the provider's condition keys
 * ({@code HOST:aud}, {@code HOST:sub}, {@code HOST:amr}, {@code HOST:oaud}; {@code saml:aud}, {@code saml:iss},
 * {@code saml:sub}, {@code saml:sub_type}, {@code saml:namequalifier}, some eduPerson attributes) and
 * {@link dev.bulwark.server.services.sts.FederationOperations} issues the session.
 *
 * <p>Session tags ({@link dev.bulwark.server.services.sts.SessionTags}): AssumeRole's {@code Tags} and
 * {@code TransitiveTagKeys}, GetFederationToken's {@code Tags}, an OIDC token's {@code https://aws.amazon.com/tags}
 * claim and SAML {@code PrincipalTag:<key>}/{@code TransitiveTagKeys} attributes are stored with the session and become
 * its {@code aws:PrincipalTag}s over the role's (or federating user's) own tags. Passing them needs
 * {@code sts:TagSession}, which a role's trust policy must allow, with {@code aws:RequestTag/<key>},
 * {@code aws:TagKeys} and {@code sts:TransitiveTagKeys}. In a role chain transitive tags (and the source identity) pass
 * on and cannot be overridden. Tags count into {@code PackedPolicySize}.
 * Not yet: built-in providers (Google, Amazon, Facebook, Cognito) without an IAM provider, encrypted SAML assertions,
 * {@code IDPCommunicationError}, {@code sts:SetSourceIdentity}.
 */
package dev.bulwark.server.services.sts;
