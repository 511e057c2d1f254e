package dev.bulwark.policy.eval;

import static java.util.Objects.requireNonNull;

import dev.bulwark.policy.document.PolicyVersion;
import dev.bulwark.policy.document.Statement;

import java.util.ArrayList;
import java.util.List;

/**
 * Every statement of a policy set that applies to one request, not just the first one of each kind that
 * {@link PolicyEvaluator} needs to decide. This is what IAM's policy simulator reports ({@code MatchedStatements})
 * and what it needs to name the context keys a request lacks ({@code MissingContextValues}): the statements whose
 * action, resource and principal apply whatever their conditions say. Matching is the engine's own
 * ({@link CompiledStatement}), so a simulation can never disagree with enforcement about a statement.
 */
public final class StatementMatches
{
    private StatementMatches() {}

    /** One statement of a set that applies, with whether it denies and the statement itself. */
    public record Match(StatementRef ref, boolean deny, Statement statement)
    {
        public Match
        {
            requireNonNull(ref, "ref is null");
            requireNonNull(statement, "statement is null");
        }
    }

    /** The statements of {@code policies} whose action, resource, principal and conditions all apply, in order. */
    public static List<Match> applying(CompiledPolicies policies, AuthorizationRequest request)
    {
        return collect(policies, request, false);
    }

    /** The statements whose action, resource and principal apply when their conditions are left out, in order. */
    public static List<Match> applyingWithoutConditions(CompiledPolicies policies, AuthorizationRequest request)
    {
        return collect(policies, request, true);
    }

    private static List<Match> collect(CompiledPolicies policies, AuthorizationRequest request, boolean ignoreConditions)
    {
        requireNonNull(policies, "policies is null");
        requireNonNull(request, "request is null");
        EvaluationState state = new EvaluationState(request);
        List<Match> matches = new ArrayList<>();
        for (PolicySource source : policies.sources()) {
            boolean substitute = source.document().effectiveVersion() == PolicyVersion.V2012_10_17;
            List<Statement> statements = source.document().statements();
            for (int i = 0; i < statements.size(); i++) {
                Statement statement = statements.get(i);
                Statement matched = ignoreConditions
                        ? new Statement(statement.sid(), statement.effect(), statement.principal(), statement.actions(), statement.resources(), List.of())
                        : statement;
                StatementRef ref = new StatementRef(source.type(), source.name(), i, statement.sid());
                CompiledStatement compiled = new CompiledStatement(ref, matched, substitute);
                if (compiled.match(state) != PrincipalMatch.NONE) {
                    matches.add(new Match(ref, compiled.deny, statement));
                }
            }
        }
        return matches;
    }
}
