package dev.bulwark.policy.eval;

/**
 * How a statement's Principal names the caller, weakest first. The distinction matters: AWS lets a same-account
 * resource policy that names the caller itself bypass a permissions boundary's (and a session policy's) implicit
 * deny, while naming the role of a session or the account does not; naming the account only delegates to the
 * account's identity policies.
 */
enum PrincipalMatch
{
    NONE,
    /** The caller's account, as {@code "111122223333"} or {@code arn:aws:iam::111122223333:root}. */
    ACCOUNT,
    /** The role ARN of an assumed-role session. */
    SESSION_ROLE,
    /** {@code "*"}, {@code {"AWS": "*"}}, or a NotPrincipal that does not exempt the caller. */
    WILDCARD,
    /** The caller's own ARN (user, session, federated user, role) or service name. */
    EXACT
}
