/**
 * IAM policy evaluation: compile policy sets once ({@link dev.bulwark.policy.eval.CompiledPolicies}), describe a
 * request ({@link dev.bulwark.policy.eval.AuthorizationRequest}), and get an explained
 * {@link dev.bulwark.policy.eval.Decision} from {@link dev.bulwark.policy.eval.PolicyEvaluator}. Matching uses
 * linear wildcard matching ({@code Glob}), part-wise ARN matching, and condition operators compiled from the
 * parsed documents; no regular expressions and no JSON on the hot path.
 */
package dev.bulwark.policy.eval;
