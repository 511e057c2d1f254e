package dev.bulwark.server.services.s3;

import dev.bulwark.server.auth.Caller;
import dev.bulwark.server.store.SecretBox;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import static java.util.Objects.requireNonNull;

/**
 * SSE-S3: each data key is random and sealed under the server's root key ({@link SecretBox}, AES-256-GCM) bound to
 * its encryption context, so a wrapped key moved to another file does not open. SSE-KMS is refused the way S3
 * refuses a KMS key it cannot use, until KMS is wired behind {@link ServerSideKeys}.
 */
public final class SseS3Keys implements ServerSideKeys
{
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SecretBox box;

    public SseS3Keys(SecretBox box)
    {
        this.box = requireNonNull(box, "box is null");
    }

    @Override
    public DataKey generate(Optional<String> kmsKeyId, Map<String, String> encryptionContext, Caller onBehalfOf)
    {
        refuseKms(kmsKeyId);
        byte[] key = new byte[32];
        RANDOM.nextBytes(key);
        return new DataKey(key, box.seal(Base64.getEncoder().encodeToString(key), context(encryptionContext)));
    }

    @Override
    public byte[] decrypt(Optional<String> kmsKeyId, String wrappedKey, Map<String, String> encryptionContext, Caller onBehalfOf)
    {
        refuseKms(kmsKeyId);
        return Base64.getDecoder().decode(box.open(wrappedKey, context(encryptionContext)));
    }

    @Override
    public void checkUsable(Optional<String> kmsKeyId, Caller onBehalfOf)
    {
        refuseKms(kmsKeyId);
    }

    private static void refuseKms(Optional<String> kmsKeyId)
    {
        if (kmsKeyId.isPresent()) {
            throw S3Errors.kmsKeyNotFound(kmsKeyId.get());
        }
    }

    private static String context(Map<String, String> encryptionContext)
    {
        return "s3-data-key:" + new TreeMap<>(encryptionContext);
    }
}
