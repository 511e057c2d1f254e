package dev.bulwark.server.services.iam;

import dev.bulwark.policy.document.PolicyDocument;
import dev.bulwark.policy.eval.AuthorizationRequest;
import dev.bulwark.policy.eval.CompiledPolicies;
import dev.bulwark.policy.eval.Decision;
import dev.bulwark.policy.eval.DecisionEffect;
import dev.bulwark.policy.eval.PolicyEvaluator;
import dev.bulwark.policy.eval.PolicySource;
import dev.bulwark.policy.eval.PolicyType;
import dev.bulwark.policy.eval.RequestContext;
import dev.bulwark.policy.eval.RequestPrincipal;
import dev.bulwark.policy.eval.StatementMatches;
import dev.bulwark.policy.eval.StatementRef;
import software.amazon.awssdk.services.iam.model.EvaluationResult;
import software.amazon.awssdk.services.iam.model.PermissionsBoundaryDecisionDetail;
import software.amazon.awssdk.services.iam.model.PolicyEvaluationDecisionType;
import software.amazon.awssdk.services.iam.model.PolicySourceType;
import software.amazon.awssdk.services.iam.model.ResourceSpecificResult;
import software.amazon.awssdk.services.iam.model.Statement;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * IAM's policy simulator over the real policy engine: each (action, resource) pair is decided by
 * {@link PolicyEvaluator} exactly as a live request with the same policies and context would be, then explained
 * the way SimulatePrincipalPolicy and SimulateCustomPolicy answer:
 * <ul>
 * <li>{@code MatchedStatements}: for an explicit deny, the denying statement only (AWS: "the deny statement is the
 *     only entry"); for an allow, every identity and resource statement that allows; none for an implicit deny;</li>
 * <li>{@code MissingContextValues}: the keys (conditions and policy variables) of statements whose action,
 *     resource and principal apply but whose keys the request did not supply; for a resource ARN they are reported
 *     in {@code ResourceSpecificResults} instead, as AWS does;</li>
 * <li>{@code PermissionsBoundaryDecisionDetail} when a boundary is simulated, {@code EvalDecisionDetails} only
 *     for a resource ARN (empty within one account, per policy type across accounts).</li>
 * </ul>
 * The simulator adds no global keys of its own: as in AWS, the request context is what ContextEntries say.
 */
final class PolicySimulator
{
    /** AWS's names of the policy types in {@code EvalDecisionDetails} of a cross-account simulation. */
    static final String IDENTITY_DETAIL = "IAM Policy";
    static final String RESOURCE_DETAIL = "Resource Policy";

    private PolicySimulator() {}

    /** One input policy: its simulator ID ({@code PolicyInputList.1}, {@code user_alice_x}, a managed ARN), its type and text. */
    record Input(String id, PolicySourceType type, String text, PolicyDocument document)
    {
        Input
        {
            requireNonNull(id, "id is null");
            requireNonNull(text, "text is null");
            requireNonNull(document, "document is null");
        }
    }

    /**
     * Everything a simulation evaluates.
     *
     * @param callerAccount the account resources without one in their ARN belong to when no ResourceOwner is given
     */
    record Scenario(RequestPrincipal caller, List<Input> identity, Optional<Input> boundary, Optional<Input> resourcePolicy,
            Optional<String> resourceOwner, RequestContext context)
    {
        Scenario
        {
            requireNonNull(caller, "caller is null");
            identity = List.copyOf(identity);
            requireNonNull(boundary, "boundary is null");
            requireNonNull(resourcePolicy, "resourcePolicy is null");
            requireNonNull(resourceOwner, "resourceOwner is null");
            requireNonNull(context, "context is null");
        }
    }

    static List<EvaluationResult> simulate(Scenario scenario, List<String> actions, List<String> resources)
    {
        Map<String, Input> byId = new LinkedHashMap<>();
        CompiledPolicies identity = compile(scenario.identity(), PolicyType.IDENTITY, byId);
        Optional<CompiledPolicies> boundary = scenario.boundary().map(input -> compile(List.of(input), PolicyType.PERMISSIONS_BOUNDARY, byId));
        Optional<CompiledPolicies> resourcePolicy = scenario.resourcePolicy().map(input -> compile(List.of(input), PolicyType.RESOURCE, byId));
        List<String> resourceList = resources.isEmpty() ? List.of("*") : resources;
        List<EvaluationResult> results = new ArrayList<>();
        for (String action : actions) {
            for (String resource : resourceList) {
                results.add(evaluate(scenario, byId, identity, boundary, resourcePolicy, action, resource));
            }
        }
        return results;
    }

    private static EvaluationResult evaluate(Scenario scenario, Map<String, Input> byId, CompiledPolicies identity,
            Optional<CompiledPolicies> boundary, Optional<CompiledPolicies> resourcePolicy, String action, String resource)
    {
        String callerAccount = scenario.caller().accountId().orElse("");
        String resourceAccount = accountOf(resource).orElse(scenario.resourceOwner().orElse(callerAccount));
        AuthorizationRequest.Builder builder = AuthorizationRequest.builder(scenario.caller(), action, resource)
                .context(scenario.context())
                .identityPolicies(identity)
                .resourceAccount(resourceAccount);
        boundary.ifPresent(builder::permissionsBoundary);
        resourcePolicy.ifPresent(builder::resourcePolicy);
        AuthorizationRequest request = builder.build();
        Decision decision = PolicyEvaluator.evaluate(request);

        List<Statement> matched = new ArrayList<>();
        if (decision.effect() == DecisionEffect.EXPLICIT_DENY) {
            decision.statements().forEach(ref -> matched.add(statement(ref, byId)));
        }
        else if (decision.allowed()) {
            for (StatementMatches.Match match : StatementMatches.applying(identity, request)) {
                if (!match.deny()) {
                    matched.add(statement(match.ref(), byId));
                }
            }
            resourcePolicy.ifPresent(policies -> StatementMatches.applying(policies, request).stream()
                    .filter(match -> !match.deny())
                    .forEach(match -> matched.add(statement(match.ref(), byId))));
        }

        List<String> missing = missingKeys(request, scenario.context(), identity, boundary, resourcePolicy);
        String decisionText = decisionOf(decision.effect());
        EvaluationResult.Builder result = EvaluationResult.builder()
                .evalActionName(action)
                .evalResourceName(resource)
                .evalDecision(decisionText)
                .matchedStatements(matched);
        Optional<PermissionsBoundaryDecisionDetail> boundaryDetail = boundary.map(policies -> {
            List<StatementMatches.Match> applying = StatementMatches.applying(policies, request);
            boolean allowed = applying.stream().anyMatch(match -> !match.deny()) && applying.stream().noneMatch(StatementMatches.Match::deny);
            return PermissionsBoundaryDecisionDetail.builder().allowedByPermissionsBoundary(allowed).build();
        });
        boundaryDetail.ifPresent(result::permissionsBoundaryDecisionDetail);
        if (resource.equals("*")) {
            return result.missingContextValues(missing).build();
        }
        Map<String, String> details = new LinkedHashMap<>();
        if (!resourceAccount.equals(callerAccount)) {
            details.put(IDENTITY_DETAIL, decisionOf(setDecision(StatementMatches.applying(identity, request))));
            details.put(RESOURCE_DETAIL, decisionOf(resourcePolicy.map(policies -> setDecision(StatementMatches.applying(policies, request)))
                    .orElse(DecisionEffect.IMPLICIT_DENY)));
        }
        ResourceSpecificResult.Builder specific = ResourceSpecificResult.builder()
                .evalResourceName(resource)
                .evalResourceDecision(decisionText)
                .matchedStatements(matched)
                .missingContextValues(missing)
                .evalDecisionDetailsWithStrings(details);
        boundaryDetail.ifPresent(specific::permissionsBoundaryDecisionDetail);
        return result.missingContextValues(List.of())
                .evalDecisionDetailsWithStrings(details)
                .resourceSpecificResults(specific.build())
                .build();
    }

    /** What one policy set says on its own: a deny wins, then an allow, else nothing allows. */
    private static DecisionEffect setDecision(List<StatementMatches.Match> applying)
    {
        if (applying.stream().anyMatch(StatementMatches.Match::deny)) {
            return DecisionEffect.EXPLICIT_DENY;
        }
        return applying.isEmpty() ? DecisionEffect.IMPLICIT_DENY : DecisionEffect.ALLOW;
    }

    private static List<String> missingKeys(AuthorizationRequest request, RequestContext context, CompiledPolicies identity,
            Optional<CompiledPolicies> boundary, Optional<CompiledPolicies> resourcePolicy)
    {
        List<dev.bulwark.policy.document.Statement> statements = new ArrayList<>();
        StatementMatches.applyingWithoutConditions(identity, request).forEach(match -> statements.add(match.statement()));
        boundary.ifPresent(policies -> StatementMatches.applyingWithoutConditions(policies, request).forEach(match -> statements.add(match.statement())));
        resourcePolicy.ifPresent(policies -> StatementMatches.applyingWithoutConditions(policies, request).forEach(match -> statements.add(match.statement())));
        Map<String, String> missing = new LinkedHashMap<>();
        for (dev.bulwark.policy.document.Statement statement : statements) {
            for (String key : ContextKeys.of(statement)) {
                if (context.get(key).isEmpty()) {
                    missing.putIfAbsent(key.toLowerCase(Locale.ROOT), key);
                }
            }
        }
        return new ArrayList<>(missing.values());
    }

    private static Statement statement(StatementRef ref, Map<String, Input> byId)
    {
        Input input = byId.get(ref.policyName());
        Statement.Builder statement = Statement.builder().sourcePolicyId(input.id());
        if (input.type() != null) {
            statement.sourcePolicyType(input.type());
        }
        List<StatementPositions.Span> spans = StatementPositions.of(input.text());
        if (ref.index() < spans.size()) {
            statement.startPosition(spans.get(ref.index()).start()).endPosition(spans.get(ref.index()).end());
        }
        return statement.build();
    }

    private static CompiledPolicies compile(List<Input> inputs, PolicyType type, Map<String, Input> byId)
    {
        List<PolicySource> sources = new ArrayList<>();
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (Input input : inputs) {
            // The same managed policy may reach a user twice (attached to it and to a group): one source is enough.
            if (seen.add(input.id())) {
                byId.put(input.id(), input);
                sources.add(new PolicySource(type, input.id(), input.document()));
            }
        }
        return CompiledPolicies.compile(sources);
    }

    static String decisionOf(DecisionEffect effect)
    {
        return switch (effect) {
            case ALLOW -> PolicyEvaluationDecisionType.ALLOWED.toString();
            case EXPLICIT_DENY -> PolicyEvaluationDecisionType.EXPLICIT_DENY.toString();
            case IMPLICIT_DENY -> PolicyEvaluationDecisionType.IMPLICIT_DENY.toString();
        };
    }

    /** The account field of an ARN, when it has one. */
    static Optional<String> accountOf(String arn)
    {
        String[] parts = arn.split(":", 6);
        if (parts.length == 6 && parts[0].equals("arn") && !parts[4].isEmpty()) {
            return Optional.of(parts[4]);
        }
        return Optional.empty();
    }
}
