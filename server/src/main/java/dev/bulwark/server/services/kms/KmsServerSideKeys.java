package dev.bulwark.server.services.kms;

import dev.bulwark.protocol.error.AwsErrorException;
import dev.bulwark.protocol.model.Protocol;
import dev.bulwark.server.auth.Authorizer;
import dev.bulwark.server.auth.Caller;
import dev.bulwark.server.services.Access;
import dev.bulwark.server.services.Invocation;
import dev.bulwark.server.services.kms.model.KmsKey;
import dev.bulwark.server.services.s3.ServerSideKeys;
import dev.bulwark.server.store.Store;

import software.amazon.awssdk.services.kms.model.KmsException;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import static java.util.Objects.requireNonNull;

/**
 * SSE-KMS for S3, as AWS does it: S3 asks KMS for a data key ({@code kms:GenerateDataKey}) when it writes an object
 * and for its plaintext ({@code kms:Decrypt}) when it reads one, with the caller's own identity and permissions,
 * {@code kms:ViaService} naming S3 in the bucket's region, and the encryption context S3 gives (its own binding of
 * the data key to the object's file; AWS's {@code aws:s3:arn} context is not yet used). So the key policy and the caller's IAM policies decide, exactly as for a direct KMS call, and
 * a disabled key stops reads and writes of the objects under it. SSE-S3 (no KMS key) stays with {@code sseS3}.
 */
public final class KmsServerSideKeys implements ServerSideKeys
{
    private static final String S3_PRINCIPAL = "s3.amazonaws.com";
    private static final int DATA_KEY_BYTES = 32;

    private final ServerSideKeys sseS3;
    private final Store store;
    private final KmsWire wire;
    private final Authorizer authorizer;
    private final String region;
    private final Clock clock;
    private final SecureRandom random;

    public KmsServerSideKeys(ServerSideKeys sseS3, Store store, KmsStore kms, KeyVault vault, Authorizer authorizer, String region, Clock clock,
            SecureRandom random)
    {
        this.sseS3 = requireNonNull(sseS3, "sseS3 is null");
        this.store = requireNonNull(store, "store is null");
        this.wire = new KmsWire(store, requireNonNull(kms, "kms is null"), requireNonNull(vault, "vault is null"), requireNonNull(random, "random is null"));
        this.authorizer = requireNonNull(authorizer, "authorizer is null");
        this.region = requireNonNull(region, "region is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.random = random;
    }

    @Override
    public DataKey generate(Optional<String> kmsKeyId, Map<String, String> encryptionContext, Caller onBehalfOf)
    {
        if (kmsKeyId.isEmpty()) {
            return sseS3.generate(kmsKeyId, encryptionContext, onBehalfOf);
        }
        byte[] plaintext = new byte[DATA_KEY_BYTES];
        random.nextBytes(plaintext);
        byte[] blob = onKey(onBehalfOf, kmsKeyId.get(), "kms:GenerateDataKey", encryptionContext, (invocation, key) -> {
            KeyVault.MaterialRef ref = wire.current(invocation.transaction(), key);
            byte[] header = Ciphertexts.header(key.keyId(), ref.version());
            return Ciphertexts.blob(header, wire.vault().encryptSymmetric(ref, Ciphertexts.associatedData(header, encryptionContext), plaintext));
        });
        return new DataKey(plaintext, Base64.getEncoder().encodeToString(blob));
    }

    @Override
    public byte[] decrypt(Optional<String> kmsKeyId, String wrappedKey, Map<String, String> encryptionContext, Caller onBehalfOf)
    {
        if (kmsKeyId.isEmpty()) {
            return sseS3.decrypt(kmsKeyId, wrappedKey, encryptionContext, onBehalfOf);
        }
        byte[] blob = Base64.getDecoder().decode(wrappedKey);
        Ciphertexts.Header header = asS3Error(() -> Ciphertexts.parse(blob).orElseThrow(KmsErrors::invalidCiphertext));
        // The blob names the key it was made under, whatever alias the object recorded; its ARN reaches another
        // account's key as well.
        String keyArn = asS3Error(() -> store.readOnly(tx -> wire.kms().key(tx, header.keyId())).map(KmsKey::arn).orElseThrow(KmsErrors::invalidCiphertext));
        return onKey(onBehalfOf, keyArn, "kms:Decrypt", encryptionContext, (invocation, key) -> {
            KeyVault.MaterialRef ref = wire.ref(invocation.transaction(), key, header.version()).orElseThrow(KmsErrors::invalidCiphertext);
            return wire.vault().decryptSymmetric(ref, Ciphertexts.associatedData(header.header(), encryptionContext), header.body())
                    .orElseThrow(KmsErrors::invalidCiphertext);
        });
    }

    @Override
    public void checkUsable(Optional<String> kmsKeyId, Caller onBehalfOf)
    {
        if (kmsKeyId.isEmpty()) {
            sseS3.checkUsable(kmsKeyId, onBehalfOf);
            return;
        }
        onKey(onBehalfOf, kmsKeyId.get(), "kms:GenerateDataKey", Map.of(), (invocation, key) -> new byte[0]);
    }

    private interface KeyWork
    {
        byte[] apply(Invocation invocation, KmsKey key);
    }

    /**
     * Authorizes the caller for {@code action} on the key via S3, then runs {@code work} on the usable key. KMS's own
     * errors reach the S3 caller as S3 passes them on: the KMS exception's name prefixed with {@code KMS.}
     * ({@code KMS.NotFoundException}, {@code KMS.DisabledException}); a denial is S3's {@code AccessDenied} with
     * KMS's wording.
     */
    private byte[] onKey(Caller caller, String keyIdText, String action, Map<String, String> encryptionContext, KeyWork work)
    {
        return asS3Error(() -> authorizedOnKey(caller, keyIdText, action, encryptionContext, work));
    }

    private static <T> T asS3Error(java.util.function.Supplier<T> call)
    {
        try {
            return call.get();
        }
        catch (KmsException e) {
            String code = e.awsErrorDetails() == null ? e.getClass().getSimpleName() : e.awsErrorDetails().errorCode();
            String message = e.awsErrorDetails() == null ? e.getMessage() : e.awsErrorDetails().errorMessage();
            throw new AwsErrorException("KMS." + code, 400, true, message);
        }
    }

    private byte[] authorizedOnKey(Caller caller, String keyIdText, String action, Map<String, String> encryptionContext, KeyWork work)
    {
        Invocation authorizing = new Invocation(caller, clock.instant(), region, UUID.randomUUID().toString(), Optional.empty());
        Map<String, List<String>> conditionKeys = new HashMap<>(KmsWire.contextKeys(encryptionContext));
        conditionKeys.put("kms:ViaService", List.of("s3." + region + ".amazonaws.com"));
        conditionKeys.put("kms:EncryptionAlgorithm", List.of("SYMMETRIC_DEFAULT"));
        Access access = wire.keyAccess(authorizing, action, keyIdText, conditionKeys, true);
        authorizer.check(caller, access, Authorizer.RequestFacts.onBehalfOf(authorizing.now(), region, S3_PRINCIPAL), Protocol.REST_XML);
        return store.readOnly(tx -> {
            Invocation invocation = new Invocation(caller, authorizing.now(), region, authorizing.requestId(), Optional.of(tx));
            KmsKey key = KmsWire.usable(wire.key(invocation, keyIdText, true));
            KmsWire.requireUsage(key, KeySpecs.ENCRYPT_DECRYPT, action.substring("kms:".length()));
            if (!key.isSymmetricEncryption()) {
                throw KmsErrors.invalidKeyUsage(key.arn(), key.keyUsage(), action.substring("kms:".length()));
            }
            return work.apply(invocation, key);
        });
    }
}
