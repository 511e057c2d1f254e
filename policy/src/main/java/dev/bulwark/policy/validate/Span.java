package dev.bulwark.policy.validate;

import static java.util.Objects.requireNonNull;

/** A stretch of policy text: {@code start} inclusive, {@code end} exclusive. */
public record Span(Position start, Position end)
{
    public Span
    {
        requireNonNull(start, "start is null");
        requireNonNull(end, "end is null");
        if (end.offset() < start.offset()) {
            throw new IllegalArgumentException("span ends before it starts: " + start + " > " + end);
        }
    }
}
