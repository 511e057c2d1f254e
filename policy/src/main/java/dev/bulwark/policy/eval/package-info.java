/**
 * IAM policy evaluation: compile policy sets once ({@link dev.bulwark.policy.eval.CompiledPolicies}), describe a
 * request ({@link dev.bulwark.policy.eval.AuthorizationRequest}), and get an explained
 * {@link dev.bulwark.policy.eval.Decision} from {@link dev.bulwark.policy.eval.PolicyEvaluator}. Matching uses
 * linear wildcard matching ({@code Glob}), part-wise ARN matching, and condition operators compiled from the
 * parsed documents; no regular expressions and no JSON on the hot path.
 *
 * <pre>{@code
 * CompiledPolicies alice = CompiledPolicies.compile(
 *         new PolicySource(PolicyType.IDENTITY, "arn:aws:iam::111122223333:policy/ReadOnly", PolicyDocument.parse(json)));
 * Decision decision = PolicyEvaluator.evaluate(AuthorizationRequest
 *         .builder(RequestPrincipal.parse("arn:aws:iam::111122223333:user/alice"), "s3:GetObject", "arn:aws:s3:::bucket/key")
 *         .identityPolicies(alice)                       // cache this per principal
 *         .resourcePolicy(bucketPolicy)                  // optional, likewise boundary, session policy
 *         .scpLevels(List.of(rootScps, ouScps, accountScps))
 *         .context(RequestContext.of(Map.of("aws:username", List.of("alice"), "aws:SecureTransport", List.of("true"))))
 *         .build());
 * if (!decision.allowed()) {
 *     throw accessDenied(decision.accessDeniedMessage(principalArn, resourceArn));
 * }
 * }</pre>
 * The engine derives no condition keys and knows no service names: the caller fills the context and sets
 * {@link dev.bulwark.policy.eval.AccountTrust} and the organisation flags per action.
 */
package dev.bulwark.policy.eval;
