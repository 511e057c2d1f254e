package dev.bulwark.policy.document;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Optional;

/** One policy statement. {@code resources} is empty only for statements that have no Resource (trust policies). */
public record Statement(
        Optional<String> sid,
        StatementEffect effect,
        Optional<PrincipalClause> principal,
        ElementList actions,
        Optional<ElementList> resources,
        List<ConditionClause> conditions)
{
    public Statement
    {
        requireNonNull(sid, "sid is null");
        requireNonNull(effect, "effect is null");
        requireNonNull(principal, "principal is null");
        requireNonNull(actions, "actions is null");
        requireNonNull(resources, "resources is null");
        conditions = List.copyOf(requireNonNull(conditions, "conditions is null"));
    }
}
