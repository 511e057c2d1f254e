package dev.bulwark.server.services.kms;

import dev.bulwark.server.services.Access;
import dev.bulwark.server.services.Invocation;
import dev.bulwark.server.services.Operation;
import dev.bulwark.server.services.ServiceOperations;
import dev.bulwark.server.services.kms.model.KmsKey;
import dev.bulwark.server.store.Tx;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kms.model.*;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static dev.bulwark.server.services.kms.KmsWire.use;
import static java.util.Objects.requireNonNull;

/**
 * Symmetric cryptography: Encrypt, Decrypt, ReEncrypt (encryption context as authenticated data; the blob names its
 * key and material version), GenerateDataKey(WithoutPlaintext) and GenerateRandom. Asymmetric keys in Encrypt,
 * Decrypt and ReEncrypt are delegated to {@link AsymmetricCrypto}.
 */
final class CryptoOperations implements ServiceOperations
{
    /** AWS: Encrypt takes up to 4096 bytes of plaintext. */
    static final int MAX_PLAINTEXT_BYTES = 4096;
    static final int MAX_RANDOM_BYTES = 1024;
    static final String SYMMETRIC_DEFAULT = "SYMMETRIC_DEFAULT";

    private final KmsWire wire;
    private final KmsStore kms;
    private final AsymmetricCrypto asymmetric;

    CryptoOperations(KmsWire wire, AsymmetricCrypto asymmetric)
    {
        this.wire = requireNonNull(wire, "wire is null");
        this.kms = wire.kms();
        this.asymmetric = requireNonNull(asymmetric, "asymmetric is null");
    }

    @Override
    public List<Operation<?, ?>> operations()
    {
        return List.of(
                use("Encrypt", EncryptRequest.class, (in, r) -> List.of(wire.keyAccess(in, "kms:Encrypt", r.keyId(),
                        KmsWire.with(KmsWire.contextKeys(r.encryptionContext()), "kms:EncryptionAlgorithm", algorithmOr(r.encryptionAlgorithmAsString())), true)),
                        this::encrypt),
                use("Decrypt", DecryptRequest.class, (in, r) -> List.of(sourceAccess(in, "kms:Decrypt", r.keyId(), r.ciphertextBlob(),
                        KmsWire.with(KmsWire.contextKeys(r.encryptionContext()), "kms:EncryptionAlgorithm", algorithmOr(r.encryptionAlgorithmAsString())))),
                        this::decrypt),
                use("ReEncrypt", ReEncryptRequest.class, (in, r) -> List.of(
                        sourceAccess(in, "kms:ReEncryptFrom", r.sourceKeyId(), r.ciphertextBlob(), reEncryptKeys(r)),
                        wire.keyAccess(in, "kms:ReEncryptTo", r.destinationKeyId(), reEncryptKeys(r), true)), this::reEncrypt),
                use("GenerateDataKey", GenerateDataKeyRequest.class, (in, r) -> List.of(wire.keyAccess(in, "kms:GenerateDataKey", r.keyId(),
                        KmsWire.contextKeys(r.encryptionContext()), true)), this::generateDataKey),
                use("GenerateDataKeyWithoutPlaintext", GenerateDataKeyWithoutPlaintextRequest.class, (in, r) -> List.of(wire.keyAccess(in,
                        "kms:GenerateDataKeyWithoutPlaintext", r.keyId(), KmsWire.contextKeys(r.encryptionContext()), true)), this::generateDataKeyWithoutPlaintext),
                new Operation<>(KmsWire.SERVICE, "GenerateRandom", GenerateRandomRequest.class,
                        (in, r) -> List.of(KmsWire.anyResource(in, "kms:GenerateRandom", Map.of())), true, this::generateRandom, Operation.StoreUse.NONE));
    }

    private static String algorithmOr(String algorithm)
    {
        return algorithm == null ? SYMMETRIC_DEFAULT : algorithm;
    }

    private static Map<String, List<String>> reEncryptKeys(ReEncryptRequest request)
    {
        Map<String, List<String>> keys = new HashMap<>(KmsWire.contextKeys(request.destinationEncryptionContext()));
        keys.put("kms:ReEncryptOnSameKey", List.of(String.valueOf(request.sourceKeyId() != null && request.sourceKeyId().equals(request.destinationKeyId()))));
        keys.put("kms:EncryptionAlgorithm", List.of(algorithmOr(request.destinationEncryptionAlgorithmAsString())));
        return keys;
    }

    /**
     * The access on the key a ciphertext was made under: the one the request names, else the one the blob's header
     * names. A blob that names no key is refused by the handler; IAM alone decides the access then.
     */
    private Access sourceAccess(Invocation in, String action, String keyId, SdkBytes blob, Map<String, List<String>> keys)
    {
        if (keyId != null) {
            return wire.keyAccess(in, action, keyId, keys, true);
        }
        Optional<Ciphertexts.Header> header = Optional.ofNullable(blob).flatMap(bytes -> Ciphertexts.parse(bytes.asByteArrayUnsafe()));
        return header.flatMap(h -> wire.store().readOnly(tx -> kms.key(tx, h.keyId()).filter(key -> key.region().equals(in.region()))
                        .map(key -> wire.keyAccess(tx, key, action, KmsWire.with(keys, "kms:CallerAccount", in.accountId())))))
                .orElseGet(() -> KmsWire.anyResource(in, action, keys));
    }

    // ---------------------------------------------------------------- Encrypt / Decrypt / ReEncrypt

    private EncryptResponse encrypt(Invocation in, EncryptRequest request)
    {
        KmsKey key = KmsWire.usable(wire.key(in, request.keyId(), true));
        KmsWire.requireUsage(key, KeySpecs.ENCRYPT_DECRYPT, "Encrypt");
        byte[] plaintext = bytes(request.plaintext(), "plaintext");
        KmsWire.checkDryRun(request.dryRun());
        String algorithm = algorithmOr(request.encryptionAlgorithmAsString());
        byte[] blob;
        if (key.isSymmetricEncryption()) {
            checkSymmetricAlgorithm(key, algorithm);
            checkPlaintext(plaintext.length);
            blob = encryptSymmetric(in.transaction(), key, request.encryptionContext(), plaintext);
        }
        else {
            blob = asymmetric.encrypt(in.transaction(), key, algorithm, plaintext);
        }
        return EncryptResponse.builder().ciphertextBlob(SdkBytes.fromByteArrayUnsafe(blob)).keyId(key.arn()).encryptionAlgorithm(algorithm).build();
    }

    private DecryptResponse decrypt(Invocation in, DecryptRequest request)
    {
        Decrypted decrypted = decrypt(in, request.keyId(), request.ciphertextBlob(), request.encryptionContext(), request.encryptionAlgorithmAsString(),
                "Decrypt");
        KmsWire.checkDryRun(request.dryRun());
        DecryptResponse.Builder response = DecryptResponse.builder().keyId(decrypted.key().arn())
                .plaintext(SdkBytes.fromByteArrayUnsafe(decrypted.plaintext())).encryptionAlgorithm(decrypted.algorithm());
        decrypted.version().ifPresent(version -> response.keyMaterialId(KmsWire.materialId(decrypted.key().keyId(), version)));
        return response.build();
    }

    private ReEncryptResponse reEncrypt(Invocation in, ReEncryptRequest request)
    {
        Decrypted source = decrypt(in, request.sourceKeyId(), request.ciphertextBlob(), request.sourceEncryptionContext(),
                request.sourceEncryptionAlgorithmAsString(), "ReEncrypt");
        try {
            KmsKey destination = KmsWire.usable(wire.key(in, request.destinationKeyId(), true));
            KmsWire.requireUsage(destination, KeySpecs.ENCRYPT_DECRYPT, "ReEncrypt");
            KmsWire.checkDryRun(request.dryRun());
            String algorithm = algorithmOr(request.destinationEncryptionAlgorithmAsString());
            byte[] blob;
            if (destination.isSymmetricEncryption()) {
                checkSymmetricAlgorithm(destination, algorithm);
                blob = encryptSymmetric(in.transaction(), destination, request.destinationEncryptionContext(), source.plaintext());
            }
            else {
                blob = asymmetric.encrypt(in.transaction(), destination, algorithm, source.plaintext());
            }
            ReEncryptResponse.Builder response = ReEncryptResponse.builder().ciphertextBlob(SdkBytes.fromByteArrayUnsafe(blob)).sourceKeyId(source.key().arn())
                    .keyId(destination.arn()).sourceEncryptionAlgorithm(source.algorithm()).destinationEncryptionAlgorithm(algorithm);
            source.version().ifPresent(version -> response.sourceKeyMaterialId(KmsWire.materialId(source.key().keyId(), version)));
            if (destination.isSymmetricEncryption()) {
                response.destinationKeyMaterialId(KmsWire.materialId(destination.keyId(), destination.currentVersion()));
            }
            return response.build();
        }
        finally {
            Arrays.fill(source.plaintext(), (byte) 0);
        }
    }

    /** A decrypted ciphertext, the key it was made under and (symmetric keys) the material version. */
    private record Decrypted(KmsKey key, byte[] plaintext, String algorithm, Optional<Integer> version) {}

    private Decrypted decrypt(Invocation in, String keyId, SdkBytes blobBytes, Map<String, String> context, String requestedAlgorithm, String operation)
    {
        byte[] blob = bytes(blobBytes, "ciphertextBlob");
        Optional<Ciphertexts.Header> header = Ciphertexts.parse(blob);
        Optional<KmsKey> named = keyId == null ? Optional.empty() : Optional.of(wire.key(in, keyId, true));
        if (named.isPresent() && !named.get().isSymmetricEncryption()) {
            KmsKey key = KmsWire.usable(named.get());
            KmsWire.requireUsage(key, KeySpecs.ENCRYPT_DECRYPT, operation);
            if (requestedAlgorithm == null || requestedAlgorithm.equals(SYMMETRIC_DEFAULT)) {
                throw KmsErrors.invalidKeyUsage("The requested encryption algorithm " + algorithmOr(requestedAlgorithm)
                        + " is not supported by " + key.arn() + ".");
            }
            return new Decrypted(key, asymmetric.decrypt(in.transaction(), key, requestedAlgorithm, blob), requestedAlgorithm, Optional.empty());
        }
        if (header.isEmpty()) {
            throw KmsErrors.invalidCiphertext();
        }
        KmsKey key = kms.key(in.transaction(), header.get().keyId()).filter(found -> found.region().equals(in.region()))
                .orElseThrow(KmsErrors::invalidCiphertext);
        if (named.isPresent() && !named.get().keyId().equals(key.keyId())) {
            throw KmsErrors.incorrectKey();
        }
        KmsWire.usable(key);
        if (requestedAlgorithm != null && !requestedAlgorithm.equals(SYMMETRIC_DEFAULT)) {
            throw KmsErrors.invalidKeyUsage("The requested encryption algorithm " + requestedAlgorithm + " is not supported by " + key.arn() + ".");
        }
        KeyVault.MaterialRef ref = wire.ref(in.transaction(), key, header.get().version()).orElseThrow(KmsErrors::invalidCiphertext);
        byte[] plaintext = wire.vault().decryptSymmetric(ref, Ciphertexts.associatedData(header.get().header(), contextOf(context)), header.get().body())
                .orElseThrow(KmsErrors::invalidCiphertext);
        return new Decrypted(key, plaintext, SYMMETRIC_DEFAULT, Optional.of(header.get().version()));
    }

    /** A symmetric ciphertext blob of {@code plaintext} under the key's current material. */
    byte[] encryptSymmetric(Tx tx, KmsKey key, Map<String, String> context, byte[] plaintext)
    {
        KeyVault.MaterialRef ref = wire.current(tx, key);
        byte[] header = Ciphertexts.header(key.keyId(), ref.version());
        return Ciphertexts.blob(header, wire.vault().encryptSymmetric(ref, Ciphertexts.associatedData(header, contextOf(context)), plaintext));
    }

    private static Map<String, String> contextOf(Map<String, String> context)
    {
        return context == null ? Map.of() : context;
    }

    private static void checkSymmetricAlgorithm(KmsKey key, String algorithm)
    {
        if (!algorithm.equals(SYMMETRIC_DEFAULT)) {
            throw KmsErrors.invalidKeyUsage("The requested encryption algorithm " + algorithm + " is not supported by " + key.arn() + ".");
        }
    }

    private static void checkPlaintext(int length)
    {
        if (length < 1 || length > MAX_PLAINTEXT_BYTES) {
            throw KmsErrors.validation("1 validation error detected: Value at 'plaintext' failed to satisfy constraint: Member must have length "
                    + (length < 1 ? "greater than or equal to 1" : "less than or equal to " + MAX_PLAINTEXT_BYTES));
        }
    }

    static byte[] bytes(SdkBytes bytes, String member)
    {
        if (bytes == null) {
            throw KmsErrors.validation("1 validation error detected: Value null at '" + member + "' failed to satisfy constraint: Member must not be null");
        }
        return bytes.asByteArrayUnsafe();
    }

    // ---------------------------------------------------------------- data keys and random bytes

    private GenerateDataKeyResponse generateDataKey(Invocation in, GenerateDataKeyRequest request)
    {
        KmsKey key = dataKeyKey(in, request.keyId(), "GenerateDataKey");
        byte[] plaintext = randomBytes(in, dataKeyLength(request.numberOfBytes(), request.keySpecAsString()));
        KmsWire.checkDryRun(request.dryRun());
        byte[] blob = encryptSymmetric(in.transaction(), key, request.encryptionContext(), plaintext);
        return GenerateDataKeyResponse.builder().ciphertextBlob(SdkBytes.fromByteArrayUnsafe(blob)).plaintext(SdkBytes.fromByteArrayUnsafe(plaintext))
                .keyId(key.arn()).keyMaterialId(KmsWire.materialId(key.keyId(), key.currentVersion())).build();
    }

    private GenerateDataKeyWithoutPlaintextResponse generateDataKeyWithoutPlaintext(Invocation in, GenerateDataKeyWithoutPlaintextRequest request)
    {
        KmsKey key = dataKeyKey(in, request.keyId(), "GenerateDataKeyWithoutPlaintext");
        byte[] plaintext = randomBytes(in, dataKeyLength(request.numberOfBytes(), request.keySpecAsString()));
        try {
            KmsWire.checkDryRun(request.dryRun());
            byte[] blob = encryptSymmetric(in.transaction(), key, request.encryptionContext(), plaintext);
            return GenerateDataKeyWithoutPlaintextResponse.builder().ciphertextBlob(SdkBytes.fromByteArrayUnsafe(blob)).keyId(key.arn())
                    .keyMaterialId(KmsWire.materialId(key.keyId(), key.currentVersion())).build();
        }
        finally {
            Arrays.fill(plaintext, (byte) 0);
        }
    }

    /** Data keys come only from symmetric encryption keys. */
    KmsKey dataKeyKey(Invocation in, String keyId, String operation)
    {
        KmsKey key = KmsWire.usable(wire.key(in, keyId, true));
        KmsWire.requireUsage(key, KeySpecs.ENCRYPT_DECRYPT, operation);
        if (!key.isSymmetricEncryption()) {
            throw KmsErrors.invalidKeyUsage(key.arn() + " key usage is " + key.keyUsage() + " and key spec is " + key.keySpec()
                    + ", which is not valid for " + operation + ".");
        }
        return key;
    }

    private static int dataKeyLength(Integer numberOfBytes, String keySpec)
    {
        if (numberOfBytes != null && keySpec != null) {
            throw KmsErrors.validation("Please specify either number of bytes or key spec.");
        }
        if (keySpec != null) {
            return switch (keySpec) {
                case "AES_256" -> 32;
                case "AES_128" -> 16;
                default -> throw KmsErrors.validation(keySpec, "keySpec", "Member must satisfy enum value set: [AES_256, AES_128]");
            };
        }
        if (numberOfBytes == null) {
            throw KmsErrors.validation("Please specify either number of bytes or key spec.");
        }
        checkRandomLength(numberOfBytes);
        return numberOfBytes;
    }

    private static void checkRandomLength(int numberOfBytes)
    {
        if (numberOfBytes < 1) {
            throw KmsErrors.validation(numberOfBytes, "numberOfBytes", "Member must have value greater than or equal to 1");
        }
        if (numberOfBytes > MAX_RANDOM_BYTES) {
            throw KmsErrors.validation(numberOfBytes, "numberOfBytes", "Member must have value less than or equal to " + MAX_RANDOM_BYTES);
        }
    }

    private byte[] randomBytes(Invocation in, int length)
    {
        byte[] bytes = new byte[length];
        wire.random().nextBytes(bytes);
        return bytes;
    }

    private GenerateRandomResponse generateRandom(Invocation in, GenerateRandomRequest request)
    {
        if (request.customKeyStoreId() != null) {
            throw KmsErrors.unsupported("Custom key stores are not supported by this server.");
        }
        if (request.numberOfBytes() == null) {
            throw KmsErrors.validation("1 validation error detected: Value null at 'numberOfBytes' failed to satisfy constraint: Member must not be null");
        }
        checkRandomLength(request.numberOfBytes());
        return GenerateRandomResponse.builder().plaintext(SdkBytes.fromByteArrayUnsafe(randomBytes(in, request.numberOfBytes()))).build();
    }
}
