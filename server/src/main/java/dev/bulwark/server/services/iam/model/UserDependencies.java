package dev.bulwark.server.services.iam.model;

/**
 * What must go before a user can be deleted; IAM answers DeleteUser with DeleteConflict while any of these is
 * non-zero.
 */
public record UserDependencies(long accessKeys, long inlinePolicies, long attachedPolicies, long groups)
{
    public boolean isEmpty()
    {
        return accessKeys == 0 && inlinePolicies == 0 && attachedPolicies == 0 && groups == 0;
    }
}
