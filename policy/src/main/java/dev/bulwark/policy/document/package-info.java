/**
 * The IAM policy language as immutable values: {@link dev.bulwark.policy.document.PolicyDocument#parse(String)}
 * turns policy JSON into records once, rejecting grammar errors with IAM's own {@code MalformedPolicyDocument}
 * wording ({@link dev.bulwark.policy.document.MalformedPolicyException}). Nothing here evaluates anything;
 * the evaluator compiles these records, and the validator inspects them.
 */
package dev.bulwark.policy.document;
