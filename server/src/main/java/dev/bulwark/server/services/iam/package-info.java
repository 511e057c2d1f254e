/**
 * IAM (awsQuery, global). Covers users, groups, access keys (two per user, root keys possible), inline and
 * attached policies with IAM's quotas and size limits, the shipped AWS managed policies, paging and AWS's error
 * wording. Not yet: roles, login profiles and password policy, MFA, managed-policy authoring and versions through
 * the API, permissions-boundary operations, tags operations — they answer {@code NotImplemented} (see
 * docs/COVERAGE.md).
 */
package dev.bulwark.server.services.iam;
