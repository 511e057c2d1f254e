package dev.bulwark.server.services.kms;

import dev.bulwark.server.services.Invocation;
import dev.bulwark.server.services.Operation;
import dev.bulwark.server.services.ServiceOperations;
import dev.bulwark.server.services.kms.crypto.KeyMaterial;
import dev.bulwark.server.services.kms.crypto.KeySpec;
import dev.bulwark.server.services.kms.crypto.KmsCryptoException;
import dev.bulwark.server.services.kms.model.KmsKey;
import dev.bulwark.server.services.kms.model.MaterialVersion;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kms.model.*;

import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static dev.bulwark.server.services.kms.KmsWire.use;
import static java.util.Objects.requireNonNull;

/**
 * Asymmetric and HMAC keys: Sign/Verify (RSASSA-PSS, RSASSA-PKCS1-v1_5, ECDSA; RAW or DIGEST messages), GetPublicKey,
 * GenerateMac/VerifyMac, DeriveSharedSecret (ECDH), and data key pairs made under a symmetric key
 * (GenerateDataKeyPair and its WithoutPlaintext form).
 */
final class SigningOperations implements ServiceOperations
{
    /** AWS: Sign, Verify and the MAC operations take messages of up to 4096 bytes. */
    static final int MAX_MESSAGE_BYTES = 4096;

    private final KmsWire wire;
    private final CryptoOperations crypto;

    SigningOperations(KmsWire wire, CryptoOperations crypto)
    {
        this.wire = requireNonNull(wire, "wire is null");
        this.crypto = requireNonNull(crypto, "crypto is null");
    }

    @Override
    public List<Operation<?, ?>> operations()
    {
        return List.of(
                use("Sign", SignRequest.class, (in, r) -> List.of(wire.keyAccess(in, "kms:Sign", r.keyId(),
                        signingKeys(r.signingAlgorithmAsString(), r.messageTypeAsString()), true)), this::sign),
                use("Verify", VerifyRequest.class, (in, r) -> List.of(wire.keyAccess(in, "kms:Verify", r.keyId(),
                        signingKeys(r.signingAlgorithmAsString(), r.messageTypeAsString()), true)), this::verify),
                use("GetPublicKey", GetPublicKeyRequest.class, (in, r) -> List.of(wire.keyAccess(in, "kms:GetPublicKey", r.keyId(), Map.of(), true)),
                        this::publicKey),
                use("GenerateMac", GenerateMacRequest.class, (in, r) -> List.of(wire.keyAccess(in, "kms:GenerateMac", r.keyId(),
                        KmsWire.with(Map.of(), "kms:MacAlgorithm", r.macAlgorithmAsString()), true)), this::generateMac),
                use("VerifyMac", VerifyMacRequest.class, (in, r) -> List.of(wire.keyAccess(in, "kms:VerifyMac", r.keyId(),
                        KmsWire.with(Map.of(), "kms:MacAlgorithm", r.macAlgorithmAsString()), true)), this::verifyMac),
                use("DeriveSharedSecret", DeriveSharedSecretRequest.class, (in, r) -> List.of(wire.keyAccess(in, "kms:DeriveSharedSecret", r.keyId(),
                        KmsWire.with(Map.of(), "kms:KeyAgreementAlgorithm", r.keyAgreementAlgorithmAsString()), true)), this::deriveSharedSecret),
                use("GenerateDataKeyPair", GenerateDataKeyPairRequest.class, (in, r) -> List.of(wire.keyAccess(in, "kms:GenerateDataKeyPair", r.keyId(),
                        pairKeys(r.encryptionContext(), r.keyPairSpecAsString()), true)), this::generateDataKeyPair),
                use("GenerateDataKeyPairWithoutPlaintext", GenerateDataKeyPairWithoutPlaintextRequest.class, (in, r) -> List.of(wire.keyAccess(in,
                        "kms:GenerateDataKeyPairWithoutPlaintext", r.keyId(), pairKeys(r.encryptionContext(), r.keyPairSpecAsString()), true)),
                        this::generateDataKeyPairWithoutPlaintext));
    }

    private static Map<String, List<String>> signingKeys(String algorithm, String messageType)
    {
        Map<String, List<String>> keys = new HashMap<>(KmsWire.with(Map.of(), "kms:SigningAlgorithm", algorithm));
        keys.put("kms:MessageType", List.of(messageType == null ? "RAW" : messageType));
        return keys;
    }

    private static Map<String, List<String>> pairKeys(Map<String, String> context, String keyPairSpec)
    {
        return KmsWire.with(KmsWire.contextKeys(context), "kms:DataKeyPairSpec", keyPairSpec);
    }

    // ---------------------------------------------------------------- signatures

    private KmsKey signingKey(Invocation in, String keyId, String algorithm, String operation)
    {
        KmsKey key = KmsWire.usable(wire.key(in, keyId, true));
        KmsWire.requireUsage(key, KeySpecs.SIGN_VERIFY, operation);
        if (algorithm == null || !KeySpecs.signingAlgorithms(key.keySpec(), key.keyUsage()).contains(algorithm)) {
            throw KmsErrors.invalidKeyUsage("The requested signing algorithm " + algorithm + " is not supported by " + key.arn() + ".");
        }
        return key;
    }

    private static boolean isDigest(String messageType)
    {
        if (messageType == null || messageType.equals("RAW")) {
            return false;
        }
        if (messageType.equals("DIGEST")) {
            return true;
        }
        throw KmsErrors.validation(messageType, "messageType", "Member must satisfy enum value set: [RAW, DIGEST, EXTERNAL_MU]");
    }

    private static byte[] message(SdkBytes message)
    {
        byte[] bytes = CryptoOperations.bytes(message, "message");
        if (bytes.length < 1 || bytes.length > MAX_MESSAGE_BYTES) {
            throw KmsErrors.validation("1 validation error detected: Value at 'message' failed to satisfy constraint: Member must have length "
                    + (bytes.length < 1 ? "greater than or equal to 1" : "less than or equal to " + MAX_MESSAGE_BYTES));
        }
        return bytes;
    }

    private SignResponse sign(Invocation in, SignRequest request)
    {
        KmsKey key = signingKey(in, request.keyId(), request.signingAlgorithmAsString(), "Sign");
        boolean digest = isDigest(request.messageTypeAsString());
        byte[] message = message(request.message());
        KmsWire.checkDryRun(request.dryRun());
        try {
            byte[] signature = wire.vault().sign(wire.current(in.transaction(), key), request.signingAlgorithmAsString(), digest, message);
            return SignResponse.builder().keyId(key.arn()).signature(SdkBytes.fromByteArrayUnsafe(signature))
                    .signingAlgorithm(request.signingAlgorithmAsString()).build();
        }
        catch (KmsCryptoException e) {
            throw KmsErrors.crypto(e);
        }
    }

    private VerifyResponse verify(Invocation in, VerifyRequest request)
    {
        KmsKey key = signingKey(in, request.keyId(), request.signingAlgorithmAsString(), "Verify");
        boolean digest = isDigest(request.messageTypeAsString());
        byte[] message = message(request.message());
        byte[] signature = CryptoOperations.bytes(request.signature(), "signature");
        KmsWire.checkDryRun(request.dryRun());
        boolean valid;
        try {
            valid = wire.vault().verify(wire.current(in.transaction(), key), request.signingAlgorithmAsString(), digest, message, signature);
        }
        catch (KmsCryptoException e) {
            if (e.reason() == KmsCryptoException.Reason.INVALID_SIGNATURE_INPUT && !digest) {
                throw KmsErrors.invalidSignature();
            }
            throw KmsErrors.crypto(e);
        }
        if (!valid) {
            throw KmsErrors.invalidSignature();
        }
        return VerifyResponse.builder().keyId(key.arn()).signatureValid(true).signingAlgorithm(request.signingAlgorithmAsString()).build();
    }

    private GetPublicKeyResponse publicKey(Invocation in, GetPublicKeyRequest request)
    {
        KmsKey key = KmsWire.usable(wire.key(in, request.keyId(), true));
        KeySpec spec = KeySpecs.of(key.keySpec());
        if (!spec.isRsa() && !spec.isEcc()) {
            throw KmsErrors.unsupported(key.arn() + " key spec " + key.keySpec() + " has no public key.");
        }
        MaterialVersion material = wire.kms().material(in.transaction(), key.keyId(), key.currentVersion()).orElseThrow(() -> KmsErrors.pendingImport(key.arn()));
        GetPublicKeyResponse.Builder response = GetPublicKeyResponse.builder().keyId(key.arn())
                .publicKey(SdkBytes.fromByteArray(Base64.getDecoder().decode(material.publicKey().orElseThrow())))
                .customerMasterKeySpec(key.keySpec()).keySpec(key.keySpec()).keyUsage(key.keyUsage());
        List<String> encryption = KeySpecs.encryptionAlgorithms(key.keySpec(), key.keyUsage());
        if (!encryption.isEmpty()) {
            response.encryptionAlgorithmsWithStrings(encryption);
        }
        List<String> signing = KeySpecs.signingAlgorithms(key.keySpec(), key.keyUsage());
        if (!signing.isEmpty()) {
            response.signingAlgorithmsWithStrings(signing);
        }
        List<String> agreement = KeySpecs.keyAgreementAlgorithms(key.keySpec(), key.keyUsage());
        if (!agreement.isEmpty()) {
            response.keyAgreementAlgorithmsWithStrings(agreement);
        }
        return response.build();
    }

    // ---------------------------------------------------------------- MACs and key agreement

    private KmsKey macKey(Invocation in, String keyId, String algorithm, String operation)
    {
        KmsKey key = KmsWire.usable(wire.key(in, keyId, true));
        KmsWire.requireUsage(key, KeySpecs.GENERATE_VERIFY_MAC, operation);
        if (algorithm == null || !KeySpecs.macAlgorithms(key.keySpec(), key.keyUsage()).contains(algorithm)) {
            throw KmsErrors.invalidKeyUsage("The requested MAC algorithm " + algorithm + " is not supported by " + key.arn() + ".");
        }
        return key;
    }

    private GenerateMacResponse generateMac(Invocation in, GenerateMacRequest request)
    {
        KmsKey key = macKey(in, request.keyId(), request.macAlgorithmAsString(), "GenerateMac");
        byte[] message = message(request.message());
        KmsWire.checkDryRun(request.dryRun());
        try {
            byte[] mac = wire.vault().generateMac(wire.current(in.transaction(), key), request.macAlgorithmAsString(), message);
            return GenerateMacResponse.builder().keyId(key.arn()).mac(SdkBytes.fromByteArrayUnsafe(mac)).macAlgorithm(request.macAlgorithmAsString()).build();
        }
        catch (KmsCryptoException e) {
            throw KmsErrors.crypto(e);
        }
    }

    private VerifyMacResponse verifyMac(Invocation in, VerifyMacRequest request)
    {
        KmsKey key = macKey(in, request.keyId(), request.macAlgorithmAsString(), "VerifyMac");
        byte[] message = message(request.message());
        byte[] mac = CryptoOperations.bytes(request.mac(), "mac");
        KmsWire.checkDryRun(request.dryRun());
        boolean valid;
        try {
            valid = wire.vault().verifyMac(wire.current(in.transaction(), key), request.macAlgorithmAsString(), message, mac);
        }
        catch (KmsCryptoException e) {
            throw KmsErrors.crypto(e);
        }
        if (!valid) {
            throw KmsErrors.invalidMac();
        }
        return VerifyMacResponse.builder().keyId(key.arn()).macValid(true).macAlgorithm(request.macAlgorithmAsString()).build();
    }

    private DeriveSharedSecretResponse deriveSharedSecret(Invocation in, DeriveSharedSecretRequest request)
    {
        KmsKey key = KmsWire.usable(wire.key(in, request.keyId(), true));
        KmsWire.requireUsage(key, KeySpecs.KEY_AGREEMENT, "DeriveSharedSecret");
        if (!"ECDH".equals(request.keyAgreementAlgorithmAsString())) {
            throw KmsErrors.validation(request.keyAgreementAlgorithmAsString(), "keyAgreementAlgorithm", "Member must satisfy enum value set: [ECDH]");
        }
        if (request.recipient() != null) {
            throw KmsErrors.unsupported("Nitro Enclave attestation (Recipient) is not supported by this server.");
        }
        byte[] peer = CryptoOperations.bytes(request.publicKey(), "publicKey");
        KmsWire.checkDryRun(request.dryRun());
        try {
            byte[] secret = wire.vault().deriveSharedSecret(wire.current(in.transaction(), key), peer);
            return DeriveSharedSecretResponse.builder().keyId(key.arn()).sharedSecret(SdkBytes.fromByteArrayUnsafe(secret)).keyAgreementAlgorithm("ECDH")
                    .keyOrigin(key.origin()).build();
        }
        catch (KmsCryptoException e) {
            throw KmsErrors.crypto(e);
        }
    }

    // ---------------------------------------------------------------- data key pairs

    /** A fresh key pair: PKCS#8 private key and X.509 public key, as KMS returns them. */
    private record Pair(KeySpec spec, byte[] privateKey, byte[] publicKey) {}

    private Pair pair(String keyPairSpec)
    {
        KeySpec spec = KeySpecs.parse(keyPairSpec).filter(s -> s.isRsa() || s.isEcc())
                .orElseThrow(() -> KmsErrors.validation(keyPairSpec, "keyPairSpec",
                        "Member must satisfy enum value set: [RSA_2048, RSA_3072, RSA_4096, ECC_NIST_P256, ECC_NIST_P384, ECC_NIST_P521, ECC_SECG_P256K1, SM2]"));
        byte[] privateKey = KeyMaterial.generate(spec, wire.random());
        try {
            return new Pair(spec, privateKey, KeyMaterial.publicKey(spec, privateKey));
        }
        catch (KmsCryptoException e) {
            Arrays.fill(privateKey, (byte) 0);
            throw new IllegalStateException("a freshly generated key pair has a public key", e);
        }
    }

    private GenerateDataKeyPairResponse generateDataKeyPair(Invocation in, GenerateDataKeyPairRequest request)
    {
        KmsKey key = crypto.dataKeyKey(in, request.keyId(), "GenerateDataKeyPair");
        if (request.recipient() != null) {
            throw KmsErrors.unsupported("Nitro Enclave attestation (Recipient) is not supported by this server.");
        }
        KmsWire.checkDryRun(request.dryRun());
        Pair pair = pair(request.keyPairSpecAsString());
        byte[] blob = crypto.encryptSymmetric(in.transaction(), key, request.encryptionContext(), pair.privateKey());
        return GenerateDataKeyPairResponse.builder().keyId(key.arn()).keyPairSpec(pair.spec().name())
                .privateKeyCiphertextBlob(SdkBytes.fromByteArrayUnsafe(blob)).privateKeyPlaintext(SdkBytes.fromByteArrayUnsafe(pair.privateKey()))
                .publicKey(SdkBytes.fromByteArrayUnsafe(pair.publicKey())).keyMaterialId(KmsWire.materialId(key.keyId(), key.currentVersion())).build();
    }

    private GenerateDataKeyPairWithoutPlaintextResponse generateDataKeyPairWithoutPlaintext(Invocation in, GenerateDataKeyPairWithoutPlaintextRequest request)
    {
        KmsKey key = crypto.dataKeyKey(in, request.keyId(), "GenerateDataKeyPairWithoutPlaintext");
        KmsWire.checkDryRun(request.dryRun());
        Pair pair = pair(request.keyPairSpecAsString());
        try {
            byte[] blob = crypto.encryptSymmetric(in.transaction(), key, request.encryptionContext(), pair.privateKey());
            return GenerateDataKeyPairWithoutPlaintextResponse.builder().keyId(key.arn()).keyPairSpec(pair.spec().name())
                    .privateKeyCiphertextBlob(SdkBytes.fromByteArrayUnsafe(blob)).publicKey(SdkBytes.fromByteArrayUnsafe(pair.publicKey()))
                    .keyMaterialId(KmsWire.materialId(key.keyId(), key.currentVersion())).build();
        }
        finally {
            Arrays.fill(pair.privateKey(), (byte) 0);
        }
    }
}
