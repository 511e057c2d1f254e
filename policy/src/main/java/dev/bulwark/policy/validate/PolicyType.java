package dev.bulwark.policy.validate;

/**
 * The kind of policy being validated, as Access Analyzer's {@code ValidatePolicy} takes it: the rules
 * differ (an identity policy must not name a principal, a resource policy must, an SCP never does).
 */
public enum PolicyType
{
    IDENTITY_POLICY,
    RESOURCE_POLICY,
    SERVICE_CONTROL_POLICY,
    RESOURCE_CONTROL_POLICY
}
