package dev.bulwark.server.it;

import dev.bulwark.server.audit.AuditRecord;
import dev.bulwark.server.audit.AuditStore;
import dev.bulwark.server.services.kms.KmsHousekeeping;
import dev.bulwark.server.services.kms.KmsStore;
import dev.bulwark.server.services.kms.SoftwareKeyVault;
import dev.bulwark.server.store.SecretBox;
import dev.bulwark.server.store.StoreTarget;
import dev.bulwark.server.store.StoreTest;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.*;

import javax.crypto.Cipher;
import javax.crypto.spec.OAEPParameterSpec;
import javax.crypto.spec.PSource;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** KMS cryptography with the SDK: symmetric encryption and data keys, rotation, RSA/ECC/HMAC keys, imported material, grants, and what CloudTrail records. */
final class TestKmsCrypto
{
    private static final SdkBytes SECRET = SdkBytes.fromUtf8String("the eagle lands at dawn");

    @StoreTest
    void symmetricEncryptionHonoursContextStateAndRotation(StoreTarget target) throws Exception
    {
        try (RunningServer server = RunningServer.start(target); KmsClient kms = KmsClients.kms(server, server.adminCredentials())) {
            KeyMetadata key = kms.createKey(b -> {}).keyMetadata();
            Map<String, String> context = Map.of("purpose", "test", "tenant", "a");
            EncryptResponse encrypted = kms.encrypt(b -> b.keyId(key.keyId()).plaintext(SECRET).encryptionContext(context));
            assertThat(encrypted.keyId()).isEqualTo(key.arn());
            assertThat(new String(encrypted.ciphertextBlob().asByteArray(), StandardCharsets.ISO_8859_1)).doesNotContain(SECRET.asUtf8String());
            // Decrypt needs no KeyId: the blob names its key.
            DecryptResponse decrypted = kms.decrypt(b -> b.ciphertextBlob(encrypted.ciphertextBlob()).encryptionContext(context));
            assertThat(decrypted.plaintext()).isEqualTo(SECRET);
            assertThat(decrypted.keyId()).isEqualTo(key.arn());
            assertThat(decrypted.encryptionAlgorithm()).isEqualTo(EncryptionAlgorithmSpec.SYMMETRIC_DEFAULT);
            assertThatThrownBy(() -> kms.decrypt(b -> b.ciphertextBlob(encrypted.ciphertextBlob()).encryptionContext(Map.of("purpose", "test"))))
                    .isInstanceOf(InvalidCiphertextException.class);
            assertThatThrownBy(() -> kms.decrypt(b -> b.ciphertextBlob(encrypted.ciphertextBlob()))).isInstanceOf(InvalidCiphertextException.class);
            byte[] tampered = encrypted.ciphertextBlob().asByteArray();
            tampered[tampered.length - 1] ^= 1;
            assertThatThrownBy(() -> kms.decrypt(b -> b.ciphertextBlob(SdkBytes.fromByteArray(tampered)).encryptionContext(context)))
                    .isInstanceOf(InvalidCiphertextException.class);
            String other = kms.createKey(b -> {}).keyMetadata().keyId();
            assertThatThrownBy(() -> kms.decrypt(b -> b.ciphertextBlob(encrypted.ciphertextBlob()).encryptionContext(context).keyId(other)))
                    .isInstanceOf(IncorrectKeyException.class);

            // Disabled: DisabledException with AWS's wording; enabled again: works.
            kms.disableKey(b -> b.keyId(key.keyId()));
            assertThatThrownBy(() -> kms.decrypt(b -> b.ciphertextBlob(encrypted.ciphertextBlob()).encryptionContext(context)))
                    .isInstanceOfSatisfying(DisabledException.class, e -> assertThat(e.awsErrorDetails().errorMessage()).isEqualTo(key.arn() + " is disabled."));
            kms.enableKey(b -> b.keyId(key.keyId()));
            assertThat(kms.decrypt(b -> b.ciphertextBlob(encrypted.ciphertextBlob()).encryptionContext(context)).plaintext()).isEqualTo(SECRET);

            // ReEncrypt moves a ciphertext to another key without the caller seeing the plaintext.
            ReEncryptResponse moved = kms.reEncrypt(b -> b.ciphertextBlob(encrypted.ciphertextBlob()).sourceEncryptionContext(context)
                    .destinationKeyId(other));
            assertThat(moved.sourceKeyId()).isEqualTo(key.arn());
            assertThat(kms.decrypt(b -> b.ciphertextBlob(moved.ciphertextBlob())).keyId()).endsWith(other);

            // Data keys: the plaintext key decrypts from its blob; without plaintext only the blob comes back.
            GenerateDataKeyResponse dataKey = kms.generateDataKey(b -> b.keyId(key.keyId()).keySpec(DataKeySpec.AES_256).encryptionContext(context));
            assertThat(dataKey.plaintext().asByteArray()).hasSize(32);
            assertThat(kms.decrypt(b -> b.ciphertextBlob(dataKey.ciphertextBlob()).encryptionContext(context)).plaintext()).isEqualTo(dataKey.plaintext());
            GenerateDataKeyWithoutPlaintextResponse blobOnly = kms.generateDataKeyWithoutPlaintext(b -> b.keyId(key.keyId()).numberOfBytes(16));
            assertThat(kms.decrypt(b -> b.ciphertextBlob(blobOnly.ciphertextBlob())).plaintext().asByteArray()).hasSize(16);
            assertThatThrownBy(() -> kms.generateDataKey(b -> b.keyId(key.keyId()))).isInstanceOfSatisfying(KmsException.class,
                    e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationException"));
            byte[] random = kms.generateRandom(b -> b.numberOfBytes(64)).plaintext().asByteArray();
            assertThat(random).hasSize(64).isNotEqualTo(kms.generateRandom(b -> b.numberOfBytes(64)).plaintext().asByteArray());

            // Rotation: a new material version; what was encrypted before still decrypts.
            kms.enableKeyRotation(b -> b.keyId(key.keyId()).rotationPeriodInDays(90));
            GetKeyRotationStatusResponse status = kms.getKeyRotationStatus(b -> b.keyId(key.keyId()));
            assertThat(status.keyRotationEnabled()).isTrue();
            assertThat(status.rotationPeriodInDays()).isEqualTo(90);
            assertThatThrownBy(() -> kms.enableKeyRotation(b -> b.keyId(key.keyId()).rotationPeriodInDays(89)))
                    .isInstanceOfSatisfying(KmsException.class, e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationException"));
            String before = kms.describeKey(b -> b.keyId(key.keyId())).keyMetadata().currentKeyMaterialId();
            kms.rotateKeyOnDemand(b -> b.keyId(key.keyId()));
            assertThat(kms.describeKey(b -> b.keyId(key.keyId())).keyMetadata().currentKeyMaterialId()).isNotEqualTo(before);
            KmsHousekeeping housekeeping = new KmsHousekeeping(new KmsStore(), new SoftwareKeyVault(SecretBox.openOrCreate(target.dataDir()), new SecureRandom()));
            int rotated = server.server().store().inTransaction(tx -> housekeeping.run(tx, Instant.now().plus(Duration.ofDays(91))));
            assertThat(rotated).isEqualTo(1);
            assertThat(kms.listKeyRotations(b -> b.keyId(key.keyId())).rotations()).extracting(RotationsListEntry::rotationType)
                    .containsExactly(RotationType.ON_DEMAND, RotationType.AUTOMATIC);
            assertThat(kms.decrypt(b -> b.ciphertextBlob(encrypted.ciphertextBlob()).encryptionContext(context)).plaintext()).isEqualTo(SECRET);
            EncryptResponse after = kms.encrypt(b -> b.keyId(key.keyId()).plaintext(SECRET));
            assertThat(kms.decrypt(b -> b.ciphertextBlob(after.ciphertextBlob())).keyMaterialId()).isNotEqualTo(decrypted.keyMaterialId());
            kms.disableKeyRotation(b -> b.keyId(key.keyId()));
            assertThat(kms.getKeyRotationStatus(b -> b.keyId(key.keyId())).keyRotationEnabled()).isFalse();

            // CloudTrail shows key ids and context, never plaintext or data keys.
            server.server().audit().flush();
            List<AuditRecord> events = server.server().store().readOnly(tx -> new AuditStore().recent(tx, server.admin().accountId(), 500));
            String base64Secret = Base64.getEncoder().encodeToString(SECRET.asByteArray());
            String dataKeyBase64 = Base64.getEncoder().encodeToString(dataKey.plaintext().asByteArray());
            assertThat(events).extracting(AuditRecord::eventName).contains("Encrypt", "Decrypt", "GenerateDataKey", "ReEncrypt");
            for (AuditRecord event : events) {
                assertThat(event.json()).doesNotContain(base64Secret).doesNotContain(dataKeyBase64).doesNotContain(SECRET.asUtf8String());
            }
            assertThat(events.stream().filter(e -> e.eventName().equals("Encrypt")).map(AuditRecord::json).toList())
                    .anySatisfy(json -> assertThat(json).contains(key.keyId()).contains("\"tenant\":\"a\""));
        }
    }

    @StoreTest
    void asymmetricAndHmacKeysSignVerifyEncryptAndMac(StoreTarget target) throws Exception
    {
        try (RunningServer server = RunningServer.start(target); KmsClient kms = KmsClients.kms(server, server.adminCredentials())) {
            byte[] message = "release 1.2.3".getBytes(StandardCharsets.UTF_8);
            // RSA signatures verify with the JDK and the public key KMS hands out.
            KeyMetadata rsa = kms.createKey(b -> b.keySpec(KeySpec.RSA_2048).keyUsage(KeyUsageType.SIGN_VERIFY)).keyMetadata();
            assertThat(rsa.signingAlgorithms()).contains(SigningAlgorithmSpec.RSASSA_PSS_SHA_256, SigningAlgorithmSpec.RSASSA_PKCS1_V1_5_SHA_256);
            PublicKey rsaPublic = KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(
                    kms.getPublicKey(b -> b.keyId(rsa.keyId())).publicKey().asByteArray()));
            byte[] pkcs1 = kms.sign(b -> b.keyId(rsa.keyId()).message(SdkBytes.fromByteArray(message)).signingAlgorithm(SigningAlgorithmSpec.RSASSA_PKCS1_V1_5_SHA_256))
                    .signature().asByteArray();
            Signature jdk = Signature.getInstance("SHA256withRSA");
            jdk.initVerify(rsaPublic);
            jdk.update(message);
            assertThat(jdk.verify(pkcs1)).isTrue();
            assertThat(kms.verify(b -> b.keyId(rsa.keyId()).message(SdkBytes.fromByteArray(message)).signature(SdkBytes.fromByteArray(pkcs1))
                    .signingAlgorithm(SigningAlgorithmSpec.RSASSA_PKCS1_V1_5_SHA_256)).signatureValid()).isTrue();
            assertThatThrownBy(() -> kms.verify(b -> b.keyId(rsa.keyId()).message(SdkBytes.fromUtf8String("tampered")).signature(SdkBytes.fromByteArray(pkcs1))
                    .signingAlgorithm(SigningAlgorithmSpec.RSASSA_PKCS1_V1_5_SHA_256))).isInstanceOf(KmsInvalidSignatureException.class);
            assertThatThrownBy(() -> kms.encrypt(b -> b.keyId(rsa.keyId()).plaintext(SECRET))).isInstanceOf(InvalidKeyUsageException.class);

            // ECDSA over a digest.
            KeyMetadata ecc = kms.createKey(b -> b.keySpec(KeySpec.ECC_NIST_P256).keyUsage(KeyUsageType.SIGN_VERIFY)).keyMetadata();
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(message);
            byte[] ecdsa = kms.sign(b -> b.keyId(ecc.keyId()).message(SdkBytes.fromByteArray(digest)).messageType(MessageType.DIGEST)
                    .signingAlgorithm(SigningAlgorithmSpec.ECDSA_SHA_256)).signature().asByteArray();
            Signature ecVerifier = Signature.getInstance("SHA256withECDSA");
            ecVerifier.initVerify(KeyFactory.getInstance("EC").generatePublic(new X509EncodedKeySpec(kms.getPublicKey(b -> b.keyId(ecc.keyId())).publicKey().asByteArray())));
            ecVerifier.update(message);
            assertThat(ecVerifier.verify(ecdsa)).isTrue();

            // RSA-OAEP: encrypt locally with the public key, decrypt in KMS (KeyId and algorithm required).
            KeyMetadata rsaEncrypt = kms.createKey(b -> b.keySpec(KeySpec.RSA_3072).keyUsage(KeyUsageType.ENCRYPT_DECRYPT)).keyMetadata();
            assertThat(rsaEncrypt.encryptionAlgorithms()).containsExactly(EncryptionAlgorithmSpec.RSAES_OAEP_SHA_1, EncryptionAlgorithmSpec.RSAES_OAEP_SHA_256);
            Cipher oaep = Cipher.getInstance("RSA/ECB/OAEPPadding");
            oaep.init(Cipher.ENCRYPT_MODE, KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(
                    kms.getPublicKey(b -> b.keyId(rsaEncrypt.keyId())).publicKey().asByteArray())),
                    new OAEPParameterSpec("SHA-256", "MGF1", MGF1ParameterSpec.SHA256, PSource.PSpecified.DEFAULT));
            byte[] local = oaep.doFinal(SECRET.asByteArray());
            assertThat(kms.decrypt(b -> b.keyId(rsaEncrypt.keyId()).ciphertextBlob(SdkBytes.fromByteArray(local))
                    .encryptionAlgorithm(EncryptionAlgorithmSpec.RSAES_OAEP_SHA_256)).plaintext()).isEqualTo(SECRET);
            SdkBytes remote = kms.encrypt(b -> b.keyId(rsaEncrypt.keyId()).plaintext(SECRET).encryptionAlgorithm(EncryptionAlgorithmSpec.RSAES_OAEP_SHA_1))
                    .ciphertextBlob();
            assertThat(kms.decrypt(b -> b.keyId(rsaEncrypt.keyId()).ciphertextBlob(remote).encryptionAlgorithm(EncryptionAlgorithmSpec.RSAES_OAEP_SHA_1))
                    .plaintext()).isEqualTo(SECRET);

            // HMAC.
            KeyMetadata hmac = kms.createKey(b -> b.keySpec(KeySpec.HMAC_256).keyUsage(KeyUsageType.GENERATE_VERIFY_MAC)).keyMetadata();
            assertThat(hmac.macAlgorithms()).containsExactly(MacAlgorithmSpec.HMAC_SHA_256);
            SdkBytes mac = kms.generateMac(b -> b.keyId(hmac.keyId()).message(SdkBytes.fromByteArray(message)).macAlgorithm(MacAlgorithmSpec.HMAC_SHA_256)).mac();
            assertThat(mac.asByteArray()).hasSize(32);
            assertThat(kms.verifyMac(b -> b.keyId(hmac.keyId()).message(SdkBytes.fromByteArray(message)).mac(mac).macAlgorithm(MacAlgorithmSpec.HMAC_SHA_256))
                    .macValid()).isTrue();
            assertThatThrownBy(() -> kms.verifyMac(b -> b.keyId(hmac.keyId()).message(SdkBytes.fromUtf8String("other")).mac(mac)
                    .macAlgorithm(MacAlgorithmSpec.HMAC_SHA_256))).isInstanceOf(KmsInvalidMacException.class);
            assertThatThrownBy(() -> kms.createKey(b -> b.keySpec(KeySpec.HMAC_256))).isInstanceOfSatisfying(KmsException.class,
                    e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationException"));

            // ECDH between two KMS keys gives both sides the same secret.
            String left = kms.createKey(b -> b.keySpec(KeySpec.ECC_NIST_P384).keyUsage(KeyUsageType.KEY_AGREEMENT)).keyMetadata().keyId();
            String right = kms.createKey(b -> b.keySpec(KeySpec.ECC_NIST_P384).keyUsage(KeyUsageType.KEY_AGREEMENT)).keyMetadata().keyId();
            SdkBytes leftSecret = kms.deriveSharedSecret(b -> b.keyId(left).keyAgreementAlgorithm(KeyAgreementAlgorithmSpec.ECDH)
                    .publicKey(kms.getPublicKey(p -> p.keyId(right)).publicKey())).sharedSecret();
            SdkBytes rightSecret = kms.deriveSharedSecret(b -> b.keyId(right).keyAgreementAlgorithm(KeyAgreementAlgorithmSpec.ECDH)
                    .publicKey(kms.getPublicKey(p -> p.keyId(left)).publicKey())).sharedSecret();
            assertThat(leftSecret).isEqualTo(rightSecret);

            // Data key pairs under a symmetric key: the private key decrypts from its blob.
            String symmetric = kms.createKey(b -> {}).keyMetadata().keyId();
            GenerateDataKeyPairResponse pair = kms.generateDataKeyPair(b -> b.keyId(symmetric).keyPairSpec(DataKeyPairSpec.ECC_NIST_P256));
            assertThat(kms.decrypt(b -> b.ciphertextBlob(pair.privateKeyCiphertextBlob())).plaintext()).isEqualTo(pair.privateKeyPlaintext());
            KeyFactory.getInstance("EC").generatePublic(new X509EncodedKeySpec(pair.publicKey().asByteArray()));
            GenerateDataKeyPairWithoutPlaintextResponse noPlain = kms.generateDataKeyPairWithoutPlaintext(b -> b.keyId(symmetric).keyPairSpec(DataKeyPairSpec.RSA_2048));
            assertThat(noPlain.publicKey().asByteArray()).isNotEmpty();
            assertThatThrownBy(() -> kms.generateDataKeyPair(b -> b.keyId(rsa.keyId()).keyPairSpec(DataKeyPairSpec.RSA_2048)))
                    .isInstanceOf(InvalidKeyUsageException.class);
        }
    }

    @StoreTest
    void importedMaterialIsUnwrappedUsedDeletedAndOnlyTheSameMaterialComesBack(StoreTarget target) throws Exception
    {
        try (RunningServer server = RunningServer.start(target); KmsClient kms = KmsClients.kms(server, server.adminCredentials())) {
            KeyMetadata key = kms.createKey(b -> b.origin(OriginType.EXTERNAL)).keyMetadata();
            assertThat(key.keyState()).isEqualTo(KeyState.PENDING_IMPORT);
            assertThatThrownBy(() -> kms.encrypt(b -> b.keyId(key.keyId()).plaintext(SECRET)))
                    .isInstanceOfSatisfying(KmsInvalidStateException.class, e -> assertThat(e.awsErrorDetails().errorMessage()).isEqualTo(key.arn() + " is pending import."));
            byte[] material = new byte[32];
            new SecureRandom().nextBytes(material);
            SdkBytes wrapped = wrap(kms, key.keyId(), material);
            GetParametersForImportResponse parameters = kms.getParametersForImport(b -> b.keyId(key.keyId())
                    .wrappingAlgorithm(AlgorithmSpec.RSAES_OAEP_SHA_256).wrappingKeySpec(WrappingKeySpec.RSA_2048));
            assertThat(Duration.between(Instant.now(), parameters.parametersValidTo())).isBetween(Duration.ofHours(23), Duration.ofHours(24).plusMinutes(1));
            // The earlier token was replaced by the later GetParametersForImport.
            assertThatThrownBy(() -> kms.importKeyMaterial(b -> b.keyId(key.keyId()).importToken(SdkBytes.fromUtf8String("nope"))
                    .encryptedKeyMaterial(wrapped).expirationModel(ExpirationModelType.KEY_MATERIAL_DOES_NOT_EXPIRE))).isInstanceOf(InvalidImportTokenException.class);
            byte[] wrappedAgain = oaepSha256(parameters.publicKey().asByteArray(), material);
            kms.importKeyMaterial(b -> b.keyId(key.keyId()).importToken(parameters.importToken()).encryptedKeyMaterial(SdkBytes.fromByteArray(wrappedAgain))
                    .expirationModel(ExpirationModelType.KEY_MATERIAL_DOES_NOT_EXPIRE));
            assertThat(kms.describeKey(b -> b.keyId(key.keyId())).keyMetadata().keyState()).isEqualTo(KeyState.ENABLED);
            SdkBytes blob = kms.encrypt(b -> b.keyId(key.keyId()).plaintext(SECRET)).ciphertextBlob();

            kms.deleteImportedKeyMaterial(b -> b.keyId(key.keyId()));
            assertThat(kms.describeKey(b -> b.keyId(key.keyId())).keyMetadata().keyState()).isEqualTo(KeyState.PENDING_IMPORT);
            assertThatThrownBy(() -> kms.decrypt(b -> b.ciphertextBlob(blob))).isInstanceOf(KmsInvalidStateException.class);

            byte[] different = new byte[32];
            new SecureRandom().nextBytes(different);
            SdkBytes wrappedDifferent = wrap(kms, key.keyId(), different);
            GetParametersForImportResponse latest = lastParameters;
            assertThatThrownBy(() -> kms.importKeyMaterial(b -> b.keyId(key.keyId()).importToken(latest.importToken()).encryptedKeyMaterial(wrappedDifferent)
                    .expirationModel(ExpirationModelType.KEY_MATERIAL_DOES_NOT_EXPIRE))).isInstanceOf(IncorrectKeyMaterialException.class);
            SdkBytes wrappedSame = wrap(kms, key.keyId(), material);
            GetParametersForImportResponse forSame = lastParameters;
            kms.importKeyMaterial(b -> b.keyId(key.keyId()).importToken(forSame.importToken()).encryptedKeyMaterial(wrappedSame)
                    .expirationModel(ExpirationModelType.KEY_MATERIAL_EXPIRES).validTo(Instant.now().plus(Duration.ofDays(2))));
            assertThat(kms.decrypt(b -> b.ciphertextBlob(blob)).plaintext()).isEqualTo(SECRET);
            assertThat(kms.describeKey(b -> b.keyId(key.keyId())).keyMetadata().expirationModel()).isEqualTo(ExpirationModelType.KEY_MATERIAL_EXPIRES);

            // Past ValidTo the housekeeping pass deletes the material.
            KmsHousekeeping housekeeping = new KmsHousekeeping(new KmsStore(), new SoftwareKeyVault(SecretBox.openOrCreate(target.dataDir()), new SecureRandom()));
            int expired = server.server().store().inTransaction(tx -> housekeeping.run(tx, Instant.now().plus(Duration.ofDays(3))));
            assertThat(expired).isEqualTo(1);
            assertThat(kms.describeKey(b -> b.keyId(key.keyId())).keyMetadata().keyState()).isEqualTo(KeyState.PENDING_IMPORT);
            String aws = kms.createKey(b -> {}).keyMetadata().keyId();
            assertThatThrownBy(() -> kms.getParametersForImport(b -> b.keyId(aws).wrappingAlgorithm(AlgorithmSpec.RSAES_OAEP_SHA_256)
                    .wrappingKeySpec(WrappingKeySpec.RSA_2048))).isInstanceOf(software.amazon.awssdk.services.kms.model.UnsupportedOperationException.class);
        }
    }

    private GetParametersForImportResponse lastParameters;

    private SdkBytes wrap(KmsClient kms, String keyId, byte[] material) throws Exception
    {
        lastParameters = kms.getParametersForImport(b -> b.keyId(keyId).wrappingAlgorithm(AlgorithmSpec.RSAES_OAEP_SHA_256).wrappingKeySpec(WrappingKeySpec.RSA_2048));
        return SdkBytes.fromByteArray(oaepSha256(lastParameters.publicKey().asByteArray(), material));
    }

    private static byte[] oaepSha256(byte[] publicKey, byte[] material) throws Exception
    {
        Cipher cipher = Cipher.getInstance("RSA/ECB/OAEPPadding");
        cipher.init(Cipher.ENCRYPT_MODE, KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(publicKey)),
                new OAEPParameterSpec("SHA-256", "MGF1", MGF1ParameterSpec.SHA256, PSource.PSpecified.DEFAULT));
        return cipher.doFinal(material);
    }

    @StoreTest
    void grantsAllowTheirOperationsWithinTheirConstraintsUntilRetiredOrRevoked(StoreTarget target) throws Exception
    {
        try (RunningServer server = RunningServer.start(target); KmsClient admin = KmsClients.kms(server, server.adminCredentials())) {
            String account = server.admin().accountId();
            String keyId = admin.createKey(b -> {}).keyMetadata().keyId();
            String worker = "arn:aws:iam::" + account + ":user/worker";
            try (KmsClient workerKms = KmsClients.kms(server, KmsClients.user(server, "worker", null))) {
                assertThatThrownBy(() -> workerKms.encrypt(b -> b.keyId(keyId).plaintext(SECRET))).isInstanceOfSatisfying(KmsException.class,
                        e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("AccessDeniedException"));
                CreateGrantResponse grant = admin.createGrant(b -> b.keyId(keyId).granteePrincipal(worker).retiringPrincipal(worker)
                        .operations(GrantOperation.ENCRYPT, GrantOperation.DECRYPT, GrantOperation.RETIRE_GRANT)
                        .constraints(c -> c.encryptionContextSubset(Map.of("project", "alpha"))));
                assertThat(grant.grantId()).matches("[0-9a-f]{64}");
                // Usable at once, within the constraint only.
                SdkBytes blob = workerKms.encrypt(b -> b.keyId(keyId).plaintext(SECRET).encryptionContext(Map.of("project", "alpha", "run", "1"))
                        .grantTokens(grant.grantToken())).ciphertextBlob();
                assertThat(workerKms.decrypt(b -> b.ciphertextBlob(blob).encryptionContext(Map.of("project", "alpha", "run", "1"))).plaintext()).isEqualTo(SECRET);
                assertThatThrownBy(() -> workerKms.encrypt(b -> b.keyId(keyId).plaintext(SECRET).encryptionContext(Map.of("project", "beta"))))
                        .isInstanceOfSatisfying(KmsException.class, e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("AccessDeniedException"));
                assertThatThrownBy(() -> workerKms.generateDataKey(b -> b.keyId(keyId).numberOfBytes(32).encryptionContext(Map.of("project", "alpha"))))
                        .isInstanceOfSatisfying(KmsException.class, e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("AccessDeniedException"));

                GrantListEntry listed = admin.listGrants(b -> b.keyId(keyId)).grants().get(0);
                assertThat(listed.granteePrincipal()).isEqualTo(worker);
                assertThat(listed.operations()).containsExactly(GrantOperation.ENCRYPT, GrantOperation.DECRYPT, GrantOperation.RETIRE_GRANT);
                assertThat(listed.constraints().encryptionContextSubset()).containsEntry("project", "alpha");
                assertThat(admin.listRetirableGrants(b -> b.retiringPrincipal(worker)).grants()).extracting(GrantListEntry::grantId).containsExactly(grant.grantId());

                workerKms.retireGrant(b -> b.grantToken(grant.grantToken()));
                assertThat(admin.listGrants(b -> b.keyId(keyId)).grants()).isEmpty();
                assertThatThrownBy(() -> workerKms.encrypt(b -> b.keyId(keyId).plaintext(SECRET).encryptionContext(Map.of("project", "alpha"))))
                        .isInstanceOfSatisfying(KmsException.class, e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("AccessDeniedException"));

                String second = admin.createGrant(b -> b.keyId(keyId).granteePrincipal(worker).operations(GrantOperation.DESCRIBE_KEY)).grantId();
                assertThat(workerKms.describeKey(b -> b.keyId(keyId)).keyMetadata().keyId()).isEqualTo(keyId);
                admin.revokeGrant(b -> b.keyId(keyId).grantId(second));
                assertThatThrownBy(() -> workerKms.describeKey(b -> b.keyId(keyId))).isInstanceOfSatisfying(KmsException.class,
                        e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("AccessDeniedException"));
                assertThatThrownBy(() -> admin.revokeGrant(b -> b.keyId(keyId).grantId(second))).isInstanceOf(InvalidGrantIdException.class);
            }
        }
    }
}
