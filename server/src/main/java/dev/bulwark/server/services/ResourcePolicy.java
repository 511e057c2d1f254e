package dev.bulwark.server.services;

import dev.bulwark.policy.eval.AccountTrust;
import dev.bulwark.policy.eval.CompiledPolicies;

import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * The resource-based side of an {@link Access}: the account that owns the resource (an ARN such as an S3 bucket's
 * does not always name it), the policy attached to the resource if any (a KMS key policy with its grants, a bucket
 * policy), and whether identity policies in the owner's account count without that policy trusting the account.
 *
 * <p>When an access carries one, the account root is no longer allowed everything by default: a key policy that does
 * not name the account locks out even root, and a bucket policy's explicit deny applies to root, as in AWS.
 */
public record ResourcePolicy(String ownerAccount, Optional<CompiledPolicies> policy, AccountTrust accountTrust)
{
    public ResourcePolicy
    {
        requireNonNull(ownerAccount, "ownerAccount is null");
        requireNonNull(policy, "policy is null");
        requireNonNull(accountTrust, "accountTrust is null");
    }

    /** A KMS key: its key policy (plus grants) decides whether the account's IAM policies count at all. */
    public static ResourcePolicy keyPolicy(String ownerAccount, CompiledPolicies keyPolicy)
    {
        return new ResourcePolicy(ownerAccount, Optional.of(keyPolicy), AccountTrust.RESOURCE_POLICY_MUST_TRUST_ACCOUNT);
    }

    /** The usual resource policy (S3 bucket policy and the like): within the account identity policies suffice. */
    public static ResourcePolicy of(String ownerAccount, Optional<CompiledPolicies> policy)
    {
        return new ResourcePolicy(ownerAccount, policy, AccountTrust.IMPLICIT);
    }
}
