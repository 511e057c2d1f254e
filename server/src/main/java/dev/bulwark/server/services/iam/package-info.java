/**
 * IAM (awsQuery, global). Covers users (rename/move, tags, permissions boundaries), groups, access keys (two per
 * user, root keys possible, last use recorded in batches by {@code AccessKeyUsage}), inline and attached policies
 * with IAM's quotas and size limits, customer managed policies with versions and tags, the shipped AWS managed
 * policies (read-only), console passwords (account password policy, login profiles, ChangePassword; hashes only),
 * GetAccountSummary, paging and AWS's error wording. {@link dev.bulwark.server.services.iam.IamService} holds the
 * spine's operations; roles with trust policies live in
 * {@link dev.bulwark.server.services.iam.IamRoleOperations}; the other groups are registered through
 * {@link dev.bulwark.server.services.iam.IamMoreOperations}; the least-privilege and reporting tools (policy
 * simulator, context keys, account authorization details, credential report, service last accessed data) through
 * {@link dev.bulwark.server.services.iam.IamInsightOperations}. OpenID Connect and SAML identity providers (with
 * tags; SAML metadata must hold a signing certificate) live in
 * {@link dev.bulwark.server.services.iam.IamIdentityProviderOperations} and {@code IdentityProviderStore}; instance
 * profiles, service-linked roles and account aliases in {@link dev.bulwark.server.services.iam.IamProfileOperations};
 * virtual MFA devices (RFC 6238 TOTP, seeds sealed at rest, a code accepted once, QR codes of the otpauth:// URI) in
 * {@link dev.bulwark.server.services.iam.IamMfaOperations} and {@code MfaDeviceStore}.
 * Not yet: U2F/FIDO devices, enabling root's device through the API (AWS does that in the console), SAML assertion
 * encryption keys, password expiry and reuse
 * enforcement (stored, not applied: there is no console sign-in) — unimplemented operations answer
 * {@code NotImplemented} (see docs/COVERAGE.md).
 */
package dev.bulwark.server.services.iam;
