package dev.bulwark.policy.eval;

import static java.util.Objects.requireNonNull;

import dev.bulwark.policy.document.PolicyVersion;
import dev.bulwark.policy.document.Statement;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A set of policies compiled for evaluation: immutable and thread-safe, so the server compiles a principal's
 * policies (or a bucket's policy, or an OU level's SCPs) once and caches the result. Statements are indexed by the
 * service prefix of their actions; a request only visits its own service's statements plus those that span
 * services ({@code *}, {@code NotAction}, wildcard prefixes).
 */
public final class CompiledPolicies
{
    private static final CompiledStatement[] NONE = new CompiledStatement[0];

    /** No policies at all. */
    public static final CompiledPolicies EMPTY = compile(List.of());

    private final List<PolicySource> sources;
    private final Map<String, CompiledStatement[]> byService;
    private final CompiledStatement[] anyService;

    private CompiledPolicies(List<PolicySource> sources, Map<String, CompiledStatement[]> byService, CompiledStatement[] anyService)
    {
        this.sources = sources;
        this.byService = byService;
        this.anyService = anyService;
    }

    public static CompiledPolicies compile(PolicySource... sources)
    {
        return compile(List.of(sources));
    }

    public static CompiledPolicies compile(List<PolicySource> sources)
    {
        List<PolicySource> copy = List.copyOf(requireNonNull(sources, "sources is null"));
        Map<String, List<CompiledStatement>> byService = new HashMap<>();
        List<CompiledStatement> anyService = new ArrayList<>();
        for (PolicySource source : copy) {
            boolean substitute = source.document().effectiveVersion() == PolicyVersion.V2012_10_17;
            List<Statement> statements = source.document().statements();
            for (int i = 0; i < statements.size(); i++) {
                Statement statement = statements.get(i);
                StatementRef ref = new StatementRef(source.type(), source.name(), i, statement.sid());
                CompiledStatement compiled = new CompiledStatement(ref, statement, substitute);
                String service = CompiledStatement.servicePrefix(statement);
                if (service == null) {
                    anyService.add(compiled);
                }
                else {
                    byService.computeIfAbsent(service, s -> new ArrayList<>()).add(compiled);
                }
            }
        }
        Map<String, CompiledStatement[]> index = new HashMap<>();
        byService.forEach((service, list) -> index.put(service, list.toArray(NONE)));
        return new CompiledPolicies(copy, Map.copyOf(index), anyService.toArray(NONE));
    }

    /** The policies this set was compiled from, in order. */
    public List<PolicySource> sources()
    {
        return sources;
    }

    public boolean isEmpty()
    {
        return sources.isEmpty();
    }

    SetMatches evaluate(EvaluationState state)
    {
        SetMatches matches = new SetMatches();
        collect(byService.getOrDefault(state.service, NONE), state, matches);
        collect(anyService, state, matches);
        return matches;
    }

    private static void collect(CompiledStatement[] statements, EvaluationState state, SetMatches matches)
    {
        for (CompiledStatement statement : statements) {
            PrincipalMatch match = statement.match(state);
            if (match != PrincipalMatch.NONE) {
                matches.record(statement.ref, statement.deny, match);
            }
        }
    }
}
