package dev.bulwark.policy.validate;

import static java.util.Objects.requireNonNull;

import java.util.List;

/** Where in the policy a finding applies: the JSON path and the matching text span. */
public record Location(List<PathElement> path, Span span)
{
    public Location
    {
        path = List.copyOf(requireNonNull(path, "path is null"));
        requireNonNull(span, "span is null");
    }
}
