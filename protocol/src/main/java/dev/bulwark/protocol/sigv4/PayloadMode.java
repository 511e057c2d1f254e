package dev.bulwark.protocol.sigv4;

/** How the request body is covered by the signature, from {@code x-amz-content-sha256}. */
public enum PayloadMode
{
    /** The SHA-256 of the body is part of the signature (and was checked against the body). */
    SIGNED,
    /** {@code UNSIGNED-PAYLOAD}: the body is not covered by the signature. */
    UNSIGNED,
    /** {@code STREAMING-AWS4-HMAC-SHA256-PAYLOAD}: aws-chunked body, each chunk signed in a chain. */
    STREAMING_SIGNED,
    /** {@code STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER}: signed chunks, then trailing headers with their own signature. */
    STREAMING_SIGNED_TRAILER,
    /** {@code STREAMING-UNSIGNED-PAYLOAD-TRAILER}: aws-chunked body with trailing headers, chunks unsigned. */
    STREAMING_UNSIGNED_TRAILER;

    public boolean streaming()
    {
        return this != SIGNED && this != UNSIGNED;
    }
}
