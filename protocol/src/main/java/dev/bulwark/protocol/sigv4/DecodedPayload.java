package dev.bulwark.protocol.sigv4;

import java.util.Map;

import static java.util.Objects.requireNonNull;

/**
 * The body of an aws-chunked request with the chunk framing removed.
 *
 * @param trailers trailing headers sent after the last chunk (for example {@code x-amz-checksum-crc32}), lower-case names
 */
public record DecodedPayload(byte[] bytes, Map<String, String> trailers)
{
    public DecodedPayload
    {
        requireNonNull(bytes, "bytes is null");
        trailers = Map.copyOf(requireNonNull(trailers, "trailers is null"));
    }

    /** What {@code x-amz-decoded-content-length} promised and the chunks delivered. */
    public long decodedContentLength()
    {
        return bytes.length;
    }
}
