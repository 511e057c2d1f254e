package dev.bulwark.server.services.iam.model;

import java.util.List;

import static java.util.Objects.requireNonNull;

/** One page of a listing; {@code nextMarker} is null on the last page and otherwise opaque to callers. */
public record Page<T>(List<T> items, String nextMarker)
{
    public Page
    {
        items = List.copyOf(requireNonNull(items, "items is null"));
    }

    /** IAM's {@code IsTruncated}. */
    public boolean isTruncated()
    {
        return nextMarker != null;
    }
}
