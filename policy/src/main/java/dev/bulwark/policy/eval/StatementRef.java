package dev.bulwark.policy.eval;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/** Points at one statement: which policy (type and name), its 0-based index in the policy, and its Sid. */
public record StatementRef(PolicyType type, String policyName, int index, Optional<String> sid)
{
    public StatementRef
    {
        requireNonNull(type, "type is null");
        requireNonNull(policyName, "policyName is null");
        requireNonNull(sid, "sid is null");
    }
}
