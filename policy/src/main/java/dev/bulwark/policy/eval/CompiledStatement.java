package dev.bulwark.policy.eval;

import dev.bulwark.policy.document.ElementList;
import dev.bulwark.policy.document.Statement;
import dev.bulwark.policy.document.StatementEffect;

import java.util.List;
import java.util.Locale;

/** One statement, ready to match: action globs lower-cased, resource patterns split, conditions pre-parsed. */
final class CompiledStatement
{
    final StatementRef ref;
    final boolean deny;
    private final Glob[] actions;
    private final boolean notAction;
    private final boolean hasResource;
    private final boolean notResource;
    /** Fixed resource patterns; a slot is null when that value has variables (see {@link #resourceTemplates}). */
    private final ArnPattern[] resources;
    private final ResourceTemplate[] resourceTemplates;
    /** Null when the statement has no Principal/NotPrincipal (identity-style policies). */
    private final PrincipalMatcher principal;
    private final ConditionMatcher[] conditions;

    CompiledStatement(StatementRef ref, Statement statement, boolean substituteVariables)
    {
        this.ref = ref;
        this.deny = statement.effect() == StatementEffect.DENY;
        ElementList actionList = statement.actions();
        this.notAction = actionList.negated();
        this.actions = actionList.values().stream().map(a -> Glob.compile(a.toLowerCase(Locale.ROOT))).toArray(Glob[]::new);
        this.hasResource = statement.resources().isPresent();
        List<String> resourceValues = statement.resources().map(ElementList::values).orElse(List.of());
        this.notResource = statement.resources().map(ElementList::negated).orElse(false);
        this.resources = new ArnPattern[resourceValues.size()];
        this.resourceTemplates = new ResourceTemplate[resourceValues.size()];
        for (int i = 0; i < resourceValues.size(); i++) {
            ResourceTemplate template = substituteVariables ? ResourceTemplate.compile(resourceValues.get(i)) : null;
            if (template != null) {
                resourceTemplates[i] = template;
            }
            else {
                resources[i] = ArnPattern.compile(resourceValues.get(i));
            }
        }
        this.principal = statement.principal().map(PrincipalMatcher::new).orElse(null);
        this.conditions = statement.conditions().stream()
                .map(clause -> ConditionMatcher.compile(clause, substituteVariables))
                .toArray(ConditionMatcher[]::new);
    }

    /** Whether the statement could ever be indexed under one service prefix; null when it spans services. */
    static String servicePrefix(Statement statement)
    {
        if (statement.actions().negated()) {
            return null;
        }
        String prefix = null;
        for (String action : statement.actions().values()) {
            int colon = action.indexOf(':');
            if (colon < 0) {
                return null;
            }
            String service = action.substring(0, colon).toLowerCase(Locale.ROOT);
            if (service.indexOf('*') >= 0 || service.indexOf('?') >= 0 || (prefix != null && !prefix.equals(service))) {
                return null;
            }
            prefix = service;
        }
        return prefix;
    }

    /** How the statement's principal names the caller, if the action, resource and conditions apply; else NONE. */
    PrincipalMatch match(EvaluationState state)
    {
        if (!matchesAction(state.action)) {
            return PrincipalMatch.NONE;
        }
        PrincipalMatch principalMatch = PrincipalMatch.EXACT;
        if (principal != null) {
            principalMatch = principal.match(state.principal);
            if (deny && principal.negated() && state.principalHasBoundary) {
                principalMatch = PrincipalMatch.WILDCARD;
            }
            if (principalMatch == PrincipalMatch.NONE) {
                return PrincipalMatch.NONE;
            }
        }
        if (!matchesResource(state) || !matchesConditions(state.context)) {
            return PrincipalMatch.NONE;
        }
        return principalMatch;
    }

    private boolean matchesAction(String action)
    {
        boolean any = false;
        for (Glob glob : actions) {
            if (glob.matches(action)) {
                any = true;
                break;
            }
        }
        return any != notAction;
    }

    private boolean matchesResource(EvaluationState state)
    {
        if (!hasResource) {
            return true;
        }
        boolean any = false;
        for (int i = 0; i < resources.length && !any; i++) {
            ArnPattern pattern = resources[i];
            if (pattern == null) {
                ResourceTemplate.Outcome outcome = resourceTemplates[i].match(state);
                if (outcome == ResourceTemplate.Outcome.UNRESOLVED) {
                    // A variable without a value makes its element not match (AWS: "Policy variables"). For
                    // NotResource that means the statement does not apply, whatever the other values say.
                    if (notResource) {
                        return false;
                    }
                    continue;
                }
                any = outcome == ResourceTemplate.Outcome.MATCH;
            }
            else {
                any = pattern.matches(state.resource);
            }
        }
        return any != notResource;
    }

    private boolean matchesConditions(RequestContext context)
    {
        for (ConditionMatcher condition : conditions) {
            if (!condition.matches(context)) {
                return false;
            }
        }
        return true;
    }
}
