package dev.bulwark.policy.eval;

/** The statements of one policy set that apply to a request, sorted by what they mean for the decision. */
final class SetMatches
{
    /** First matching Deny. */
    StatementRef deny;
    /** First matching Allow, however the principal was named. */
    StatementRef allow;
    /** First Allow naming the caller directly: its ARN, its session's role, or "*". */
    StatementRef directAllow;
    /** First Allow naming the caller's own ARN or "*" (passes a boundary's implicit deny within the account). */
    StatementRef selfOrAnyoneAllow;
    /** First Allow naming the caller's own ARN (passes a session policy's implicit deny within the account). */
    StatementRef selfAllow;
    /** First Allow naming the caller's account: a delegation to the account's identity policies. */
    StatementRef accountAllow;

    void record(StatementRef ref, boolean deny, PrincipalMatch match)
    {
        if (deny) {
            if (this.deny == null) {
                this.deny = ref;
            }
            return;
        }
        if (allow == null) {
            allow = ref;
        }
        switch (match) {
            case EXACT:
                if (selfAllow == null) {
                    selfAllow = ref;
                }
                // fall through: naming the caller is also naming it directly
            case WILDCARD:
                if (selfOrAnyoneAllow == null) {
                    selfOrAnyoneAllow = ref;
                }
                // fall through
            case SESSION_ROLE:
                if (directAllow == null) {
                    directAllow = ref;
                }
                break;
            case ACCOUNT:
                if (accountAllow == null) {
                    accountAllow = ref;
                }
                break;
            case NONE:
                throw new IllegalArgumentException("a statement that does not name the caller does not apply");
        }
    }
}
