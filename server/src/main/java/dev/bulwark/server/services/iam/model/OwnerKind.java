package dev.bulwark.server.services.iam.model;

/**
 * What kind of principal owns an inline policy or has a managed policy attached; {@link #POLICY} only owns tags
 * (a customer managed policy's).
 */
public enum OwnerKind
{
    USER,
    GROUP,
    ROLE,
    POLICY,
}
