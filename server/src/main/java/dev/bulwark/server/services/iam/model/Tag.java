package dev.bulwark.server.services.iam.model;

import static java.util.Objects.requireNonNull;

/** An IAM tag; the value may be empty but not null. */
public record Tag(String key, String value)
{
    public Tag
    {
        requireNonNull(key, "key is null");
        requireNonNull(value, "value is null");
    }
}
