package dev.bulwark.server.services.kms;

import dev.bulwark.server.services.Invocation;
import dev.bulwark.server.services.Operation;
import dev.bulwark.server.services.ServiceOperations;
import dev.bulwark.server.services.kms.crypto.ImportWrapping;
import dev.bulwark.server.services.kms.crypto.KeyMaterial;
import dev.bulwark.server.services.kms.crypto.KmsCryptoException;
import dev.bulwark.server.services.kms.model.ImportToken;
import dev.bulwark.server.services.kms.model.KeyState;
import dev.bulwark.server.services.kms.model.KmsKey;
import dev.bulwark.server.services.kms.model.MaterialVersion;
import dev.bulwark.server.store.SecretBox;
import dev.bulwark.server.store.Tx;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kms.model.*;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static dev.bulwark.server.services.kms.KmsWire.write;
import static java.util.Objects.requireNonNull;

/**
 * Imported key material (Origin EXTERNAL): GetParametersForImport issues an RSA wrapping key and an import token
 * valid for 24 hours; ImportKeyMaterial unwraps the material, checks it fits the key spec (and is the same material
 * as any earlier import) and enables the key; DeleteImportedKeyMaterial returns the key to PendingImport.
 */
final class ImportOperations implements ServiceOperations
{
    static final Duration TOKEN_LIFETIME = Duration.ofHours(24);
    static final Set<String> WRAPPING_ALGORITHMS = Set.of("RSAES_OAEP_SHA_1", "RSAES_OAEP_SHA_256", "RSA_AES_KEY_WRAP_SHA_1", "RSA_AES_KEY_WRAP_SHA_256");
    static final Set<String> WRAPPING_KEY_SPECS = Set.of("RSA_2048", "RSA_3072", "RSA_4096");
    static final String EXPIRES = "KEY_MATERIAL_EXPIRES";
    static final String DOES_NOT_EXPIRE = "KEY_MATERIAL_DOES_NOT_EXPIRE";

    private final KmsWire wire;
    private final KmsStore kms;
    private final SecretBox box;

    ImportOperations(KmsWire wire, SecretBox box)
    {
        this.wire = requireNonNull(wire, "wire is null");
        this.kms = wire.kms();
        this.box = requireNonNull(box, "box is null");
    }

    @Override
    public List<Operation<?, ?>> operations()
    {
        return List.of(
                write("GetParametersForImport", GetParametersForImportRequest.class, (in, r) -> List.of(wire.keyAccess(in, "kms:GetParametersForImport",
                        r.keyId(), parameterKeys(r))), this::parameters),
                write("ImportKeyMaterial", ImportKeyMaterialRequest.class, (in, r) -> List.of(wire.keyAccess(in, "kms:ImportKeyMaterial", r.keyId(),
                        importKeys(r))), this::importMaterial),
                write("DeleteImportedKeyMaterial", DeleteImportedKeyMaterialRequest.class,
                        (in, r) -> List.of(wire.keyAccess(in, "kms:DeleteImportedKeyMaterial", r.keyId())), this::deleteImported));
    }

    private static Map<String, List<String>> parameterKeys(GetParametersForImportRequest request)
    {
        Map<String, List<String>> keys = new HashMap<>();
        if (request.wrappingAlgorithmAsString() != null) {
            keys.put("kms:WrappingAlgorithm", List.of(request.wrappingAlgorithmAsString()));
        }
        if (request.wrappingKeySpecAsString() != null) {
            keys.put("kms:WrappingKeySpec", List.of(request.wrappingKeySpecAsString()));
        }
        return keys;
    }

    private static Map<String, List<String>> importKeys(ImportKeyMaterialRequest request)
    {
        Map<String, List<String>> keys = new HashMap<>();
        keys.put("kms:ExpirationModel", List.of(expirationModel(request)));
        if (request.validTo() != null) {
            keys.put("kms:ValidTo", List.of(String.valueOf(request.validTo().getEpochSecond())));
        }
        return keys;
    }

    private static String expirationModel(ImportKeyMaterialRequest request)
    {
        if (request.expirationModelAsString() != null) {
            return request.expirationModelAsString();
        }
        return request.validTo() != null ? EXPIRES : DOES_NOT_EXPIRE;
    }

    private KmsKey external(Invocation in, String keyId)
    {
        KmsKey key = KmsWire.notPendingDeletion(wire.key(in, keyId));
        if (!key.isExternal()) {
            throw KmsErrors.unsupported(key.arn() + " origin is " + key.origin() + " which is not valid for this operation.");
        }
        return key;
    }

    private GetParametersForImportResponse parameters(Invocation in, GetParametersForImportRequest request)
    {
        String algorithm = request.wrappingAlgorithmAsString();
        if (algorithm == null || !WRAPPING_ALGORITHMS.contains(algorithm)) {
            throw KmsErrors.validation(algorithm, "wrappingAlgorithm", "Member must satisfy enum value set: " + WRAPPING_ALGORITHMS.stream().sorted().toList());
        }
        String spec = request.wrappingKeySpecAsString();
        if (spec == null || !WRAPPING_KEY_SPECS.contains(spec)) {
            throw KmsErrors.validation(spec, "wrappingKeySpec", "Member must satisfy enum value set: [RSA_2048, RSA_3072, RSA_4096]");
        }
        KmsKey key = external(in, request.keyId());
        ImportWrapping.WrappingKey wrapping = ImportWrapping.generate(spec, wire.random());
        byte[] token = new byte[64];
        wire.random().nextBytes(token);
        String tokenText = Base64.getEncoder().encodeToString(token);
        Instant expires = in.now().plus(TOKEN_LIFETIME);
        try {
            kms.putImportToken(in.transaction(), new ImportToken(key.keyId(), tokenText, algorithm, spec,
                    box.sealBytes(wrapping.privateKeyPkcs8(), importContext(key)), Base64.getEncoder().encodeToString(wrapping.publicKeySpki()), expires));
        }
        finally {
            Arrays.fill(wrapping.privateKeyPkcs8(), (byte) 0);
        }
        return GetParametersForImportResponse.builder().keyId(key.arn()).importToken(SdkBytes.fromByteArray(token))
                .publicKey(SdkBytes.fromByteArray(wrapping.publicKeySpki())).parametersValidTo(expires).build();
    }

    private static String importContext(KmsKey key)
    {
        return "kms-import:" + key.keyId();
    }

    private ImportKeyMaterialResponse importMaterial(Invocation in, ImportKeyMaterialRequest request)
    {
        KmsKey key = external(in, request.keyId());
        byte[] tokenBytes = CryptoOperations.bytes(request.importToken(), "importToken");
        byte[] wrapped = CryptoOperations.bytes(request.encryptedKeyMaterial(), "encryptedKeyMaterial");
        String model = expirationModel(request);
        if (model.equals(EXPIRES) && request.validTo() == null) {
            throw KmsErrors.validation("A validTo date must be set if the ExpirationModel is KEY_MATERIAL_EXPIRES");
        }
        if (model.equals(DOES_NOT_EXPIRE) && request.validTo() != null) {
            throw KmsErrors.validation("A validTo date must not be set if the ExpirationModel is KEY_MATERIAL_DOES_NOT_EXPIRE");
        }
        if (!model.equals(EXPIRES) && !model.equals(DOES_NOT_EXPIRE)) {
            throw KmsErrors.validation(model, "expirationModel", "Member must satisfy enum value set: [KEY_MATERIAL_EXPIRES, KEY_MATERIAL_DOES_NOT_EXPIRE]");
        }
        if (request.validTo() != null && !request.validTo().isAfter(in.now())) {
            throw KmsErrors.validation("The validTo date must be in the future.");
        }
        ImportToken token = kms.importToken(in.transaction(), key.keyId()).orElseThrow(KmsErrors::invalidImportToken);
        if (!MessageDigest.isEqual(Base64.getDecoder().decode(token.token()), tokenBytes)) {
            throw KmsErrors.invalidImportToken();
        }
        if (!token.expires().isAfter(in.now())) {
            throw KmsErrors.expiredImportToken();
        }
        byte[] privateKey = box.openBytes(token.sealedPrivateKey(), importContext(key));
        byte[] material;
        try {
            material = ImportWrapping.unwrap(token.wrappingAlgorithm(), privateKey, wrapped);
        }
        catch (KmsCryptoException e) {
            throw KmsErrors.invalidCiphertext();
        }
        finally {
            Arrays.fill(privateKey, (byte) 0);
        }
        String digest;
        try {
            try {
                KeyMaterial.checkImported(KeySpecs.of(key.keySpec()), material);
            }
            catch (KmsCryptoException e) {
                throw KmsErrors.incorrectKeyMaterial();
            }
            digest = digest(material);
            if (key.importedDigest().isPresent() && !MessageDigest.isEqual(key.importedDigest().get().getBytes(), digest.getBytes())) {
                throw KmsErrors.incorrectKeyMaterial();
            }
            kms.deleteMaterials(in.transaction(), key.keyId());
            KeyVault.Created created = wire.vault().adopt(key.keyId(), 1, key.keySpec(), material);
            kms.insertMaterial(in.transaction(), new MaterialVersion(key.keyId(), 1, created.handle(),
                    created.publicKey().map(bytes -> Base64.getEncoder().encodeToString(bytes)), in.now(), Optional.empty()));
        }
        finally {
            Arrays.fill(material, (byte) 0);
        }
        KeyState state = key.state() == KeyState.PENDING_IMPORT ? KeyState.ENABLED : key.state();
        kms.updateKey(in.transaction(), key.withImport(state, Optional.ofNullable(request.validTo()), Optional.of(model), Optional.of(digest), 1));
        return ImportKeyMaterialResponse.builder().keyId(key.arn()).keyMaterialId(KmsWire.materialId(key.keyId(), 1)).build();
    }

    private static String digest(byte[] material)
    {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(material));
        }
        catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    private DeleteImportedKeyMaterialResponse deleteImported(Invocation in, DeleteImportedKeyMaterialRequest request)
    {
        KmsKey key = external(in, request.keyId());
        deleteMaterial(in.transaction(), kms, key);
        return DeleteImportedKeyMaterialResponse.builder().keyId(key.arn()).build();
    }

    /** Deletes a key's imported material; the key waits for a new import (its digest stays: only the same material may come back). */
    static void deleteMaterial(Tx tx, KmsStore kms, KmsKey key)
    {
        kms.deleteMaterials(tx, key.keyId());
        KeyState state = key.state() == KeyState.PENDING_DELETION ? KeyState.PENDING_DELETION : KeyState.PENDING_IMPORT;
        kms.updateKey(tx, key.withImport(state, Optional.empty(), Optional.empty(), key.importedDigest(), 0));
    }
}
