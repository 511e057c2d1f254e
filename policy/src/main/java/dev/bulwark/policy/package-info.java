/**
 * Bulwark's IAM policy engine: a pure library (no I/O, no server types) that parses, validates and evaluates the
 * IAM policy language exactly as AWS documents it.
 *
 * <ul>
 * <li>{@link dev.bulwark.policy.document} — parse once into immutable records: {@code PolicyDocument.parse(json)},
 *     IAM's {@code MalformedPolicyDocument} wording on grammar errors.</li>
 * <li>{@link dev.bulwark.policy.eval} — compile a principal's policies ({@code CompiledPolicies.compile}), build an
 *     {@code AuthorizationRequest} (identity, resource, boundary, session, SCP and RCP levels, condition keys) and
 *     {@code PolicyEvaluator.evaluate} it into an explained {@code Decision}.</li>
 * <li>{@link dev.bulwark.policy.validate} — findings in the manner of IAM Access Analyzer's {@code ValidatePolicy},
 *     and IAM's policy size limits.</li>
 * <li>{@link dev.bulwark.policy.reference} — AWS's service authorization reference (actions, resource types,
 *     condition keys) as committed data.</li>
 * <li>{@link dev.bulwark.policy.cli} — {@code evaluate} for cases in the IAM oracle's JSON Lines format.</li>
 * </ul>
 *
 * Its fidelity is pinned by a differential corpus against AWS's evaluation logic (tools/oracle) and by table
 * tests named after the rules they check.
 */
package dev.bulwark.policy;
