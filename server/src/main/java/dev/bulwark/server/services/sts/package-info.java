/**
 * STS: {@code GetCallerIdentity}; {@code AssumeRole}, which issues role sessions ({@code ASIA...} keys with a
 * session token) stored through {@code RoleSessionStore}; {@code GetSessionToken} and {@code GetFederationToken},
 * which issue sessions of IAM users, root and federated users through {@code UserSessionStore}. Who may assume a role
 * is decided by the authorizer with the role's trust policy as the resource policy; the handlers check the request
 * against the role. {@code SerialNumber}/{@code TokenCode} on GetSessionToken and AssumeRole are verified against the
 * caller's enabled virtual MFA device, and the session then carries {@code aws:MultiFactorAuthPresent} true. Not
 * yet: session tags on GetFederationToken, AssumeRoleWithSAML/WebIdentity, DecodeAuthorizationMessage.
 */
package dev.bulwark.server.services.sts;
