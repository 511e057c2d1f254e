package dev.bulwark.server.services.kms;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;

/**
 * The ciphertext blob of a symmetric key: {@code 0x01 | key id (16-byte UUID) | material version (4 bytes) | nonce |
 * AES-256-GCM ciphertext and tag}. The header names the key and the material version, so Decrypt needs no KeyId and
 * ciphertexts made before a rotation still decrypt. The header and the encryption context (canonically encoded) are
 * the authenticated data: a changed header or a different context fails the tag check.
 */
final class Ciphertexts
{
    static final byte FORMAT = 1;
    static final int HEADER_BYTES = 1 + 16 + 4;

    /** What a blob's header says. */
    record Header(String keyId, int version, byte[] header, byte[] body) {}

    private Ciphertexts() {}

    static byte[] header(String keyId, int version)
    {
        UUID id = UUID.fromString(keyId);
        return ByteBuffer.allocate(HEADER_BYTES).put(FORMAT).putLong(id.getMostSignificantBits()).putLong(id.getLeastSignificantBits()).putInt(version).array();
    }

    static byte[] blob(byte[] header, byte[] body)
    {
        return ByteBuffer.allocate(header.length + body.length).put(header).put(body).array();
    }

    /** The header of something that looks like one of our blobs; empty for anything else. */
    static Optional<Header> parse(byte[] blob)
    {
        if (blob == null || blob.length <= HEADER_BYTES || blob[0] != FORMAT) {
            return Optional.empty();
        }
        ByteBuffer buffer = ByteBuffer.wrap(blob);
        buffer.get();
        UUID id = new UUID(buffer.getLong(), buffer.getLong());
        int version = buffer.getInt();
        byte[] header = new byte[HEADER_BYTES];
        System.arraycopy(blob, 0, header, 0, HEADER_BYTES);
        byte[] body = new byte[blob.length - HEADER_BYTES];
        System.arraycopy(blob, HEADER_BYTES, body, 0, body.length);
        return Optional.of(new Header(id.toString(), version, header, body));
    }

    /** Header followed by the encryption context, sorted by key, each string length-prefixed. */
    static byte[] associatedData(byte[] header, Map<String, String> encryptionContext)
    {
        Map<String, String> sorted = new TreeMap<>(encryptionContext);
        int size = header.length;
        for (Map.Entry<String, String> entry : sorted.entrySet()) {
            size += 8 + utf8(entry.getKey()).length + utf8(entry.getValue()).length;
        }
        ByteBuffer out = ByteBuffer.allocate(size).put(header);
        for (Map.Entry<String, String> entry : sorted.entrySet()) {
            byte[] key = utf8(entry.getKey());
            byte[] value = utf8(entry.getValue());
            out.putInt(key.length).put(key).putInt(value.length).put(value);
        }
        return out.array();
    }

    private static byte[] utf8(String text)
    {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
