package dev.bulwark.server.services.iam.model;

/** What kind of principal owns an inline policy or has a managed policy attached. */
public enum OwnerKind
{
    USER,
    GROUP,
    ROLE,
}
