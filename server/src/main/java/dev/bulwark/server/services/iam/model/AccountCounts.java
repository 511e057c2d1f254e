package dev.bulwark.server.services.iam.model;

/**
 * What GetAccountSummary counts in an account: its users, groups, roles, customer managed policies, managed-policy
 * attachments, the root user's access keys and whether the root user has a password.
 */
public record AccountCounts(long users, long groups, long roles, long policies, long attachments, long rootAccessKeys, boolean rootPassword)
{
}
