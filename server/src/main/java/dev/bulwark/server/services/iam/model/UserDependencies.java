package dev.bulwark.server.services.iam.model;

/**
 * What must go before a user can be deleted; IAM answers DeleteUser with DeleteConflict while any of these is
 * non-zero.
 */
public record UserDependencies(long accessKeys, long inlinePolicies, long attachedPolicies, long groups, long signingCertificates, long sshPublicKeys,
        long serviceSpecificCredentials)
{
    public boolean isEmpty()
    {
        return accessKeys == 0 && inlinePolicies == 0 && attachedPolicies == 0 && groups == 0 && signingCertificates == 0 && sshPublicKeys == 0
                && serviceSpecificCredentials == 0;
    }
}
