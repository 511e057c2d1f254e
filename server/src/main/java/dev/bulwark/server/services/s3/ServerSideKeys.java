package dev.bulwark.server.services.s3;

import dev.bulwark.server.auth.Caller;

import java.util.Map;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * Where S3 gets the data keys that encrypt object files: SSE-S3 keys wrapped under the server's root key, or
 * (once the lead wires KMS) SSE-KMS keys generated and decrypted by the KMS service on behalf of the caller. S3
 * knows only this narrow interface, never the KMS package.
 */
public interface ServerSideKeys
{
    /**
     * A new 256-bit data key.
     *
     * @param kmsKeyId the KMS key for SSE-KMS; absent for SSE-S3
     */
    DataKey generate(Optional<String> kmsKeyId, Map<String, String> encryptionContext, Caller onBehalfOf);

    /** The plaintext of a data key {@link #generate} wrapped. */
    byte[] decrypt(Optional<String> kmsKeyId, String wrappedKey, Map<String, String> encryptionContext, Caller onBehalfOf);

    /**
     * Fails as S3 does when the key cannot be used for the caller (no such KMS key, no permission to use it), before
     * anything is stored: CreateMultipartUpload checks the key although it encrypts nothing yet.
     */
    void checkUsable(Optional<String> kmsKeyId, Caller onBehalfOf);

    /** A data key: plaintext for immediate use (never stored), and its wrapped form (stored beside the data). */
    record DataKey(byte[] plaintext, String wrapped)
    {
        public DataKey
        {
            requireNonNull(plaintext, "plaintext is null");
            requireNonNull(wrapped, "wrapped is null");
        }
    }
}
