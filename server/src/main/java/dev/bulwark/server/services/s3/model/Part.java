package dev.bulwark.server.services.s3.model;

import java.time.Instant;

import static java.util.Objects.requireNonNull;

/** An uploaded part of a multipart upload. */
public record Part(int partNumber, Segment segment, String etag, Instant lastModified)
{
    public Part
    {
        requireNonNull(segment, "segment is null");
        requireNonNull(etag, "etag is null");
        requireNonNull(lastModified, "lastModified is null");
    }
}
