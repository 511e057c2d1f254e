package dev.bulwark.policy.document;

/** Where a policy will be attached, which decides whether {@code Principal} and {@code Resource} are required. */
public enum PolicyGrammar
{
    /** Accept any well-formed statement: principal and resource optional. */
    ANY,
    /** Identity policies, permissions boundaries, session policies and SCPs: no principal, resources required. */
    IDENTITY,
    /**
     * Customer managed policies: the identity grammar, and IAM checks before anything else that the document says
     * {@code "Version": "2012-10-17"} (inline policies may still be 2008-10-17 or have no version).
     */
    MANAGED,
    /** Resource-based policies (bucket, key, queue, role trust policies): a principal is required. */
    RESOURCE,
    /**
     * Role trust policies: a principal is required, {@code Resource} is prohibited, and the actions are the STS
     * actions a trust policy can decide (assuming the role, and tagging or naming the session it makes).
     */
    TRUST;

    /** Whether statements follow the identity-based rules (no principal, resources required). */
    boolean identityBased()
    {
        return this == IDENTITY || this == MANAGED;
    }

    /** Whether statements follow the resource-based rules (a principal required). */
    boolean resourceBased()
    {
        return this == RESOURCE || this == TRUST;
    }
}
