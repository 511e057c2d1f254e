/**
 * IAM (awsQuery, global). Covers users, groups, access keys (two per user, root keys possible), inline and
 * attached policies with IAM's quotas and size limits, the shipped AWS managed policies, paging and AWS's error
 * wording. Roles with trust policies, inline and attached role policies live in {@code IamRoleOperations}.
 * Not yet: MFA, instance profiles, service-linked roles, OIDC/SAML providers, credential reports — they answer
 * {@code NotImplemented} (see docs/COVERAGE.md).
 */
package dev.bulwark.server.services.iam;
