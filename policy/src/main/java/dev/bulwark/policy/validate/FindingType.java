package dev.bulwark.policy.validate;

/** The impact of a finding, as IAM Access Analyzer's {@code ValidatePolicyFinding.findingType} names it. */
public enum FindingType
{
    /** A part of the policy is not functional. */
    ERROR,
    /** The policy allows access that is overly permissive. */
    SECURITY_WARNING,
    /** The policy does not follow policy-writing best practice, without a security impact. */
    WARNING,
    /** A stylistic improvement that does not change access. */
    SUGGESTION
}
