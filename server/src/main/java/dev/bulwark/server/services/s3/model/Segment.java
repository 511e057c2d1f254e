package dev.bulwark.server.services.s3.model;

import static java.util.Objects.requireNonNull;

/** One encrypted file of object data: its name under the data directory, its wrapped data key, its plaintext size. */
public record Segment(String fileName, String dataKey, long size)
{
    public Segment
    {
        requireNonNull(fileName, "fileName is null");
        requireNonNull(dataKey, "dataKey is null");
    }
}
