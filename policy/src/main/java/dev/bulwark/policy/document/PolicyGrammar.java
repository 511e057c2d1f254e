package dev.bulwark.policy.document;

/** Where a policy will be attached, which decides whether {@code Principal} and {@code Resource} are required. */
public enum PolicyGrammar
{
    /** Accept any well-formed statement: principal and resource optional. */
    ANY,
    /** Identity policies, permissions boundaries, session policies and SCPs: no principal, resources required. */
    IDENTITY,
    /** Resource-based policies (bucket, key, queue, role trust policies): a principal is required. */
    RESOURCE
}
