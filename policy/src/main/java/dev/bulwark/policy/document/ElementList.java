package dev.bulwark.policy.document;

import static java.util.Objects.requireNonNull;

import java.util.List;

/** {@code Action}/{@code NotAction} or {@code Resource}/{@code NotResource}: the values as written, and which form. */
public record ElementList(boolean negated, List<String> values)
{
    public ElementList
    {
        values = List.copyOf(requireNonNull(values, "values is null"));
    }
}
