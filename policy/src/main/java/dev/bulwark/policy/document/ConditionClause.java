package dev.bulwark.policy.document;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * One {@code "Operator": {"key": values}} entry of a {@code Condition} block. Values are kept as text: IAM accepts
 * JSON booleans and numbers there and compares them as their text.
 */
public record ConditionClause(ConditionOperator operator, String key, List<String> values)
{
    public ConditionClause
    {
        requireNonNull(operator, "operator is null");
        requireNonNull(key, "key is null");
        values = List.copyOf(requireNonNull(values, "values is null"));
    }
}
