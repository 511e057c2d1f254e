package dev.bulwark.policy.document;

import static java.util.Objects.requireNonNull;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * A statement's {@code Principal} or {@code NotPrincipal}. {@code "Principal": "*"} is {@link #anyone()} with
 * no typed values; {@code {"AWS": "*"}} keeps its typed form, because IAM distinguishes them in validation.
 */
public record PrincipalClause(boolean negated, boolean anyone, Map<PrincipalType, List<String>> values)
{
    public PrincipalClause
    {
        requireNonNull(values, "values is null");
        EnumMap<PrincipalType, List<String>> copy = new EnumMap<>(PrincipalType.class);
        values.forEach((type, list) -> copy.put(type, List.copyOf(list)));
        values = java.util.Collections.unmodifiableMap(copy);
    }

    /** The values listed under one principal type, empty when the type is absent. */
    public List<String> valuesOf(PrincipalType type)
    {
        return values.getOrDefault(type, List.of());
    }
}
