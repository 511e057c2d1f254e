package dev.bulwark.policy.eval;

/**
 * Whether identity-based policies of a principal in the resource's own account count without the resource policy
 * naming that account. Services differ; the caller says which rule its action follows instead of the engine
 * knowing service names.
 */
public enum AccountTrust
{
    /** The usual rule: within one account, identity policies alone can allow. */
    IMPLICIT,
    /**
     * KMS key policies: IAM policies count only if the key policy allows the account (its root) for the request
     * (AWS KMS: "Key policies"). Without a key policy nothing but the key policy could allow.
     */
    RESOURCE_POLICY_MUST_TRUST_ACCOUNT,
    /**
     * Role trust policies for {@code sts:AssumeRole*}: when a trust policy is given it must allow the principal or
     * its account even within the account; with no resource policy the identity policies decide.
     */
    RESOURCE_POLICY_MUST_TRUST_ACCOUNT_IF_PRESENT
}
