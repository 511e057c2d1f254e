/**
 * STS: {@code GetCallerIdentity}, and {@code AssumeRole}, which issues role sessions ({@code ASIA...} keys with a
 * session token) stored through {@code RoleSessionStore}. Who may assume a role is decided by the authorizer with
 * the role's trust policy as the resource policy; the handlers check the request against the role.
 * {@code GetAccessKeyInfo} names the account of a key ({@code AccessKeyInfoOperations}).
 */
package dev.bulwark.server.services.sts;
