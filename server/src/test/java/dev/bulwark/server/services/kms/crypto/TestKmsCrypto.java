package dev.bulwark.server.services.kms.crypto;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** KMS's key specs, signatures, RSA encryption, HMAC and ECDH on generated material, each checked against an independent path. */
final class TestKmsCrypto
{
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final byte[] MESSAGE = "Hello, KMS".getBytes(StandardCharsets.UTF_8);

    @Test
    void specsOfferTheUsagesAndAlgorithmsKmsDocuments()
    {
        assertThat(KeySpec.SYMMETRIC_DEFAULT.allowedUsages()).containsExactly(KeyUsage.ENCRYPT_DECRYPT);
        assertThat(KeySpec.SYMMETRIC_DEFAULT.encryptionAlgorithms(KeyUsage.ENCRYPT_DECRYPT)).containsExactly("SYMMETRIC_DEFAULT");
        assertThat(KeySpec.RSA_3072.allowedUsages()).containsExactlyInAnyOrder(KeyUsage.ENCRYPT_DECRYPT, KeyUsage.SIGN_VERIFY);
        assertThat(KeySpec.RSA_3072.encryptionAlgorithms(KeyUsage.SIGN_VERIFY)).isEmpty();
        assertThat(KeySpec.RSA_3072.signingAlgorithms(KeyUsage.SIGN_VERIFY)).hasSize(6).contains("RSASSA_PSS_SHA_384");
        assertThat(KeySpec.ECC_NIST_P384.signingAlgorithms(KeyUsage.SIGN_VERIFY)).containsExactly("ECDSA_SHA_384");
        assertThat(KeySpec.ECC_NIST_P521.keyAgreementAlgorithms(KeyUsage.KEY_AGREEMENT)).containsExactly("ECDH");
        assertThat(KeySpec.ECC_SECG_P256K1.allowedUsages()).containsExactly(KeyUsage.SIGN_VERIFY);
        assertThat(KeySpec.HMAC_384.macAlgorithms(KeyUsage.GENERATE_VERIFY_MAC)).containsExactly("HMAC_SHA_384");
        assertThat(KeySpec.parse("RSA_1024")).isEmpty();
        assertThat(KeyUsage.parse("SIGN_VERIFY")).contains(KeyUsage.SIGN_VERIFY);
    }

    @Test
    void materialHasTheSizeOfItsSpec() throws Exception
    {
        assertThat(KeyMaterial.generate(KeySpec.SYMMETRIC_DEFAULT, RANDOM)).hasSize(32);
        assertThat(KeyMaterial.generate(KeySpec.HMAC_224, RANDOM)).hasSize(28);
        assertThat(KeyMaterial.generate(KeySpec.HMAC_512, RANDOM)).hasSize(64);
        byte[] rsa = KeyMaterial.generate(KeySpec.RSA_2048, RANDOM);
        assertThat(((java.security.interfaces.RSAPublicKey) Keys.publicKey(KeySpec.RSA_2048, KeyMaterial.publicKey(KeySpec.RSA_2048, rsa)))
                .getModulus().bitLength()).isEqualTo(2048);
    }

    @ParameterizedTest
    @EnumSource(value = KeySpec.class, names = {"RSA_2048", "ECC_NIST_P256", "ECC_NIST_P384", "ECC_NIST_P521", "ECC_SECG_P256K1"})
    void everySigningAlgorithmSignsRawMessagesAndDigestsAlike(KeySpec spec) throws Exception
    {
        byte[] material = KeyMaterial.generate(spec, RANDOM);
        for (String algorithm : spec.signingAlgorithms(KeyUsage.SIGN_VERIFY)) {
            byte[] raw = Asymmetric.sign(spec, material, algorithm, false, MESSAGE);
            assertThat(Asymmetric.verify(spec, material, algorithm, false, MESSAGE, raw)).as(algorithm).isTrue();
            byte[] digest = MessageDigest.getInstance("SHA-" + algorithm.substring(algorithm.length() - 3)).digest(MESSAGE);
            // A signature over the caller's digest is a signature over the message: both modes verify either.
            byte[] overDigest = Asymmetric.sign(spec, material, algorithm, true, digest);
            assertThat(Asymmetric.verify(spec, material, algorithm, false, MESSAGE, overDigest)).as(algorithm).isTrue();
            assertThat(Asymmetric.verify(spec, material, algorithm, true, digest, raw)).as(algorithm).isTrue();
            assertThat(Asymmetric.verify(spec, material, algorithm, false, "Hello, KMS!".getBytes(StandardCharsets.UTF_8), raw)).as(algorithm).isFalse();
            assertThat(Asymmetric.verify(spec, material, algorithm, false, MESSAGE, new byte[] {1, 2, 3})).as(algorithm).isFalse();
            assertThatThrownBy(() -> Asymmetric.sign(spec, material, algorithm, true, MESSAGE))
                    .isInstanceOfSatisfying(KmsCryptoException.class, e -> assertThat(e.reason()).isEqualTo(KmsCryptoException.Reason.INVALID_SIGNATURE_INPUT));
        }
        assertThatThrownBy(() -> Asymmetric.sign(spec, material, "HMAC_SHA_256", false, MESSAGE))
                .isInstanceOfSatisfying(KmsCryptoException.class, e -> assertThat(e.reason()).isEqualTo(KmsCryptoException.Reason.UNSUPPORTED));
    }

    @Test
    void openSslVerifiesSignaturesWithThePublicKeyKmsHandsOut(@TempDir Path dir) throws Exception
    {
        Files.write(dir.resolve("message"), MESSAGE);
        for (var signing : List.of(
                new Object[] {KeySpec.RSA_2048, "RSASSA_PKCS1_V1_5_SHA_256", "-sha256", List.<String>of()},
                new Object[] {KeySpec.RSA_3072, "RSASSA_PSS_SHA_384", "-sha384", List.of("-sigopt", "rsa_padding_mode:pss", "-sigopt", "rsa_pss_saltlen:-1")},
                new Object[] {KeySpec.ECC_NIST_P256, "ECDSA_SHA_256", "-sha256", List.<String>of()},
                new Object[] {KeySpec.ECC_NIST_P521, "ECDSA_SHA_512", "-sha512", List.<String>of()},
                new Object[] {KeySpec.ECC_SECG_P256K1, "ECDSA_SHA_256", "-sha256", List.<String>of()})) {
            KeySpec spec = (KeySpec) signing[0];
            byte[] material = KeyMaterial.generate(spec, RANDOM);
            Files.write(dir.resolve("public.der"), KeyMaterial.publicKey(spec, material));
            Files.write(dir.resolve("signature"), Asymmetric.sign(spec, material, (String) signing[1], false, MESSAGE));
            List<String> command = new java.util.ArrayList<>(List.of("openssl", "dgst", (String) signing[2], "-verify", "public.der", "-keyform", "DER"));
            @SuppressWarnings("unchecked")
            List<String> options = (List<String>) signing[3];
            command.addAll(options);
            command.addAll(List.of("-signature", "signature", "message"));
            assertThat(run(dir, command)).as(spec + " " + signing[1]).contains("Verified OK");
        }
    }

    @Test
    void rsaEncryptionRoundTripsAndRefusesTooLongPlaintexts() throws Exception
    {
        byte[] material = KeyMaterial.generate(KeySpec.RSA_2048, RANDOM);
        assertThat(Asymmetric.maxPlaintextBytes(KeySpec.RSA_2048, "RSAES_OAEP_SHA_1")).isEqualTo(214);
        assertThat(Asymmetric.maxPlaintextBytes(KeySpec.RSA_4096, "RSAES_OAEP_SHA_256")).isEqualTo(446);
        for (String algorithm : List.of("RSAES_OAEP_SHA_1", "RSAES_OAEP_SHA_256")) {
            byte[] ciphertext = Asymmetric.encrypt(KeySpec.RSA_2048, material, algorithm, MESSAGE);
            assertThat(ciphertext).hasSize(256);
            assertThat(Asymmetric.decrypt(KeySpec.RSA_2048, material, algorithm, ciphertext)).isEqualTo(MESSAGE);
            assertThatThrownBy(() -> Asymmetric.encrypt(KeySpec.RSA_2048, material, algorithm, new byte[Asymmetric.maxPlaintextBytes(KeySpec.RSA_2048, algorithm) + 1]))
                    .isInstanceOf(KmsCryptoException.class);
        }
        byte[] sha1 = Asymmetric.encrypt(KeySpec.RSA_2048, material, "RSAES_OAEP_SHA_1", MESSAGE);
        assertThatThrownBy(() -> Asymmetric.decrypt(KeySpec.RSA_2048, material, "RSAES_OAEP_SHA_256", sha1))
                .isInstanceOfSatisfying(KmsCryptoException.class, e -> assertThat(e.reason()).isEqualTo(KmsCryptoException.Reason.INVALID_CIPHERTEXT));
    }

    @Test
    void openSslDecryptsWhatOaepSha256Encrypts(@TempDir Path dir) throws Exception
    {
        // RSAES_OAEP_SHA_256 means SHA-256 for MGF1 too, which the JDK does not do by default.
        byte[] material = KeyMaterial.generate(KeySpec.RSA_2048, RANDOM);
        Files.write(dir.resolve("private.der"), material);
        Files.write(dir.resolve("ciphertext"), Asymmetric.encrypt(KeySpec.RSA_2048, material, "RSAES_OAEP_SHA_256", MESSAGE));
        run(dir, List.of("openssl", "pkeyutl", "-decrypt", "-inkey", "private.der", "-keyform", "DER", "-in", "ciphertext", "-out", "plaintext",
                "-pkeyopt", "rsa_padding_mode:oaep", "-pkeyopt", "rsa_oaep_md:sha256", "-pkeyopt", "rsa_mgf1_md:sha256"));
        assertThat(Files.readAllBytes(dir.resolve("plaintext"))).isEqualTo(MESSAGE);
    }

    @Test
    void hmacMatchesRfc4231AndVerifiesInConstantTime() throws Exception
    {
        // RFC 4231 test case 2.
        byte[] key = "Jefe".getBytes(StandardCharsets.US_ASCII);
        byte[] data = "what do ya want for nothing?".getBytes(StandardCharsets.US_ASCII);
        byte[] mac = Macs.generate(KeySpec.HMAC_256, key, "HMAC_SHA_256", data);
        assertThat(HexFormat.of().formatHex(mac)).isEqualTo("5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
        assertThat(Macs.verify(KeySpec.HMAC_256, key, "HMAC_SHA_256", data, mac)).isTrue();
        mac[0] ^= 1;
        assertThat(Macs.verify(KeySpec.HMAC_256, key, "HMAC_SHA_256", data, mac)).isFalse();
        assertThatThrownBy(() -> Macs.generate(KeySpec.HMAC_256, key, "HMAC_SHA_512", data)).isInstanceOf(KmsCryptoException.class);
    }

    @Test
    void ecdhAgreesBothWaysAndRefusesAnotherCurve() throws Exception
    {
        byte[] alice = KeyMaterial.generate(KeySpec.ECC_NIST_P384, RANDOM);
        byte[] bob = KeyMaterial.generate(KeySpec.ECC_NIST_P384, RANDOM);
        byte[] secret = Asymmetric.deriveSharedSecret(KeySpec.ECC_NIST_P384, alice, KeyMaterial.publicKey(KeySpec.ECC_NIST_P384, bob));
        assertThat(secret).hasSize(48).isEqualTo(Asymmetric.deriveSharedSecret(KeySpec.ECC_NIST_P384, bob, KeyMaterial.publicKey(KeySpec.ECC_NIST_P384, alice)));
        byte[] other = KeyMaterial.publicKey(KeySpec.ECC_NIST_P256, KeyMaterial.generate(KeySpec.ECC_NIST_P256, RANDOM));
        assertThatThrownBy(() -> Asymmetric.deriveSharedSecret(KeySpec.ECC_NIST_P384, alice, other)).isInstanceOf(KmsCryptoException.class);
        assertThatThrownBy(() -> Asymmetric.deriveSharedSecret(KeySpec.ECC_SECG_P256K1, KeyMaterial.generate(KeySpec.ECC_SECG_P256K1, RANDOM), other))
                .isInstanceOfSatisfying(KmsCryptoException.class, e -> assertThat(e.reason()).isEqualTo(KmsCryptoException.Reason.UNSUPPORTED));
    }

    @Test
    void materialWrappedWithOpenSslAsAwsDocumentsUnwraps(@TempDir Path dir) throws Exception
    {
        // AWS's "Encrypt key material" steps: RSAES_OAEP_SHA_256 with pkeyutl, and RSA_AES_KEY_WRAP_SHA_256 with an
        // ephemeral AES key (pkeyutl) followed by the material under id-aes256-wrap-pad.
        ImportWrapping.WrappingKey wrapping = ImportWrapping.generate("RSA_2048", RANDOM);
        Files.write(dir.resolve("wrapping.der"), wrapping.publicKeySpki());
        byte[] material = KeyMaterial.generate(KeySpec.SYMMETRIC_DEFAULT, RANDOM);
        Files.write(dir.resolve("material.bin"), material);
        List<String> oaep = List.of("-pkeyopt", "rsa_padding_mode:oaep", "-pkeyopt", "rsa_oaep_md:sha256", "-pkeyopt", "rsa_mgf1_md:sha256");
        List<String> direct = new java.util.ArrayList<>(List.of("openssl", "pkeyutl", "-encrypt", "-in", "material.bin", "-out", "direct.bin",
                "-inkey", "wrapping.der", "-keyform", "DER", "-pubin"));
        direct.addAll(oaep);
        run(dir, direct);
        assertThat(ImportWrapping.unwrap("RSAES_OAEP_SHA_256", wrapping.privateKeyPkcs8(), Files.readAllBytes(dir.resolve("direct.bin")))).isEqualTo(material);

        byte[] rsaMaterial = KeyMaterial.generate(KeySpec.ECC_NIST_P256, RANDOM);
        Files.write(dir.resolve("ecc.der"), rsaMaterial);
        byte[] aesKey = new byte[32];
        RANDOM.nextBytes(aesKey);
        Files.write(dir.resolve("aes.bin"), aesKey);
        List<String> wrapKey = new java.util.ArrayList<>(List.of("openssl", "pkeyutl", "-encrypt", "-in", "aes.bin", "-out", "aes-wrapped.bin",
                "-inkey", "wrapping.der", "-keyform", "DER", "-pubin"));
        wrapKey.addAll(oaep);
        run(dir, wrapKey);
        run(dir, List.of("openssl", "enc", "-id-aes256-wrap-pad", "-K", HexFormat.of().formatHex(aesKey), "-iv", "A65959A6", "-in", "ecc.der",
                "-out", "material-wrapped.bin"));
        byte[] combined = concat(Files.readAllBytes(dir.resolve("aes-wrapped.bin")), Files.readAllBytes(dir.resolve("material-wrapped.bin")));
        byte[] unwrapped = ImportWrapping.unwrap("RSA_AES_KEY_WRAP_SHA_256", wrapping.privateKeyPkcs8(), combined);
        assertThat(unwrapped).isEqualTo(rsaMaterial);
        KeyMaterial.checkImported(KeySpec.ECC_NIST_P256, unwrapped);

        combined[combined.length - 1] ^= 1;
        assertThatThrownBy(() -> ImportWrapping.unwrap("RSA_AES_KEY_WRAP_SHA_256", wrapping.privateKeyPkcs8(), combined))
                .isInstanceOfSatisfying(KmsCryptoException.class, e -> assertThat(e.reason()).isEqualTo(KmsCryptoException.Reason.INVALID_CIPHERTEXT));
        assertThatThrownBy(() -> ImportWrapping.unwrap("RSAES_OAEP_SHA_1", wrapping.privateKeyPkcs8(), Files.readAllBytes(dir.resolve("direct.bin"))))
                .isInstanceOf(KmsCryptoException.class);
    }

    @Test
    void importedMaterialMustFitTheSpec() throws Exception
    {
        KeyMaterial.checkImported(KeySpec.SYMMETRIC_DEFAULT, new byte[32]);
        assertThatThrownBy(() -> KeyMaterial.checkImported(KeySpec.SYMMETRIC_DEFAULT, new byte[16])).isInstanceOf(KmsCryptoException.class);
        KeyMaterial.checkImported(KeySpec.HMAC_256, new byte[40]);
        assertThatThrownBy(() -> KeyMaterial.checkImported(KeySpec.HMAC_256, new byte[16])).isInstanceOf(KmsCryptoException.class);
        assertThatThrownBy(() -> KeyMaterial.checkImported(KeySpec.RSA_3072, KeyMaterial.generate(KeySpec.RSA_2048, RANDOM)))
                .isInstanceOfSatisfying(KmsCryptoException.class, e -> assertThat(e.reason()).isEqualTo(KmsCryptoException.Reason.INVALID_KEY_MATERIAL));
        assertThatThrownBy(() -> KeyMaterial.checkImported(KeySpec.ECC_NIST_P256, KeyMaterial.generate(KeySpec.ECC_SECG_P256K1, RANDOM)))
                .isInstanceOf(KmsCryptoException.class);
        assertThatThrownBy(() -> KeyMaterial.checkImported(KeySpec.ECC_NIST_P256, new byte[] {1, 2, 3})).isInstanceOf(KmsCryptoException.class);
    }

    private static byte[] concat(byte[] a, byte[] b)
    {
        byte[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private static String run(Path dir, List<String> command) throws Exception
    {
        Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor()).as(String.join(" ", command) + "\n" + output).isZero();
        return output;
    }
}
