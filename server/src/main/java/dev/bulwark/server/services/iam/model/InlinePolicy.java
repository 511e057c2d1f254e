package dev.bulwark.server.services.iam.model;

import static java.util.Objects.requireNonNull;

/** A policy embedded in one user, group or role. */
public record InlinePolicy(PolicyOwner owner, String policyName, String document)
{
    public InlinePolicy
    {
        requireNonNull(owner, "owner is null");
        requireNonNull(policyName, "policyName is null");
        requireNonNull(document, "document is null");
    }
}
