package dev.bulwark.server.services.iam.model;

/** ListPolicies' Scope: every policy, AWS managed only, or the account's own. */
public enum PolicyScope
{
    ALL,
    AWS,
    LOCAL,
}
