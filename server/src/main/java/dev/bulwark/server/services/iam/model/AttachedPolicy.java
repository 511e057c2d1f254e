package dev.bulwark.server.services.iam.model;

import static java.util.Objects.requireNonNull;

/** A managed policy attached to a principal, as ListAttached*Policies reports it. */
public record AttachedPolicy(String policyArn, String policyName)
{
    public AttachedPolicy
    {
        requireNonNull(policyArn, "policyArn is null");
        requireNonNull(policyName, "policyName is null");
    }
}
