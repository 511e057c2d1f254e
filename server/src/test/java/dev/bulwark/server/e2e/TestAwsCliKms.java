package dev.bulwark.server.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bulwark.server.it.RunningServer;
import dev.bulwark.server.store.StoreKind;
import dev.bulwark.server.store.StoreKinds;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * KMS with the tools users reach for: the stock CLI's encrypt/decrypt round trip through files (fileb:// and
 * {@code --query CiphertextBlob --output text}, base64), a Sign signature verified by {@code openssl dgst -verify}
 * with the GetPublicKey output, and envelope encryption in boto3 with the {@code cryptography} package's AES-GCM.
 */
final class TestAwsCliKms
{
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void cliEncryptsAndDecryptsThroughFiles() throws Exception
    {
        ExternalClients.requireTool(List.of("aws", "--version"), "the AWS CLI");
        try (RunningServer server = RunningServer.start(StoreKinds.freshTarget(StoreKind.SQLITE))) {
            AwsCli cli = new AwsCli(server);
            Map<String, String> admin = cli.keys(server.admin().accessKeyId(), server.admin().secretAccessKey());
            Path work = Files.createTempDirectory("bulwark-kms-cli");
            String keyId = cli.json(admin, "kms", "create-key", "--description", "cli").at("/KeyMetadata/KeyId").asText();
            cli.ok(admin, "kms", "create-alias", "--alias-name", "alias/cli", "--target-key-id", keyId);
            Path plain = work.resolve("secret.txt");
            Files.writeString(plain, "database password: hunter2\n");

            String blob = cli.ok(admin, "kms", "encrypt", "--key-id", "alias/cli", "--plaintext", "fileb://" + plain, "--encryption-context", "app=billing",
                    "--query", "CiphertextBlob", "--output", "text").stdout().strip();
            Path cipher = work.resolve("secret.enc");
            Files.write(cipher, Base64.getDecoder().decode(blob));
            String decrypted = cli.ok(admin, "kms", "decrypt", "--ciphertext-blob", "fileb://" + cipher, "--encryption-context", "app=billing",
                    "--query", "Plaintext", "--output", "text").stdout().strip();
            assertThat(new String(Base64.getDecoder().decode(decrypted), StandardCharsets.UTF_8)).isEqualTo("database password: hunter2\n");

            ExternalClients.Result wrongContext = cli.run(admin, "kms", "decrypt", "--ciphertext-blob", "fileb://" + cipher);
            assertThat(wrongContext.exitCode()).isNotZero();
            assertThat(wrongContext.stderr()).contains("InvalidCiphertextException");
            cli.ok(admin, "kms", "disable-key", "--key-id", keyId);
            ExternalClients.Result disabled = cli.run(admin, "kms", "decrypt", "--ciphertext-blob", "fileb://" + cipher, "--encryption-context", "app=billing");
            assertThat(disabled.stderr()).contains("DisabledException").contains(keyId + " is disabled.");
        }
    }

    @Test
    void opensslVerifiesAKmsSignatureWithTheKmsPublicKey() throws Exception
    {
        ExternalClients.requireTool(List.of("aws", "--version"), "the AWS CLI");
        ExternalClients.requireTool(List.of("openssl", "version"), "OpenSSL");
        try (RunningServer server = RunningServer.start(StoreKinds.freshTarget(StoreKind.SQLITE))) {
            AwsCli cli = new AwsCli(server);
            Map<String, String> admin = cli.keys(server.admin().accessKeyId(), server.admin().secretAccessKey());
            Path work = Files.createTempDirectory("bulwark-kms-openssl");
            for (String[] spec : List.of(new String[] {"RSA_2048", "RSASSA_PSS_SHA_256", "-sha256"}, new String[] {"ECC_NIST_P384", "ECDSA_SHA_384", "-sha384"})) {
                String keyId = cli.json(admin, "kms", "create-key", "--key-spec", spec[0], "--key-usage", "SIGN_VERIFY").at("/KeyMetadata/KeyId").asText();
                Path message = work.resolve("release-" + spec[0] + ".txt");
                Files.writeString(message, "bulwark release artifact\n");
                String signature = cli.ok(admin, "kms", "sign", "--key-id", keyId, "--message", "fileb://" + message, "--message-type", "RAW",
                        "--signing-algorithm", spec[1], "--query", "Signature", "--output", "text").stdout().strip();
                Path signatureFile = work.resolve("sig-" + spec[0] + ".bin");
                Files.write(signatureFile, Base64.getDecoder().decode(signature));
                String publicKey = cli.ok(admin, "kms", "get-public-key", "--key-id", keyId, "--query", "PublicKey", "--output", "text").stdout().strip();
                Path der = work.resolve("pub-" + spec[0] + ".der");
                Files.write(der, Base64.getDecoder().decode(publicKey));
                Path pem = work.resolve("pub-" + spec[0] + ".pem");
                ExternalClients.Result converted = ExternalClients.run(List.of("openssl", "pkey", "-pubin", "-inform", "DER", "-in", der.toString(), "-out", pem.toString()),
                        Map.of(), work);
                assertThat(converted.exitCode()).as(converted.stderr()).isZero();
                List<String> verify = spec[0].startsWith("RSA")
                        ? List.of("openssl", "dgst", spec[2], "-sigopt", "rsa_padding_mode:pss", "-sigopt", "rsa_pss_saltlen:-1", "-verify", pem.toString(),
                                "-signature", signatureFile.toString(), message.toString())
                        : List.of("openssl", "dgst", spec[2], "-verify", pem.toString(), "-signature", signatureFile.toString(), message.toString());
                ExternalClients.Result verified = ExternalClients.run(verify, Map.of(), work);
                assertThat(verified.stdout()).as(verified.stderr()).contains("Verified OK");
                Files.writeString(message, "tampered\n");
                assertThat(ExternalClients.run(verify, Map.of(), work).stdout()).doesNotContain("Verified OK");
            }
        }
    }

    @Test
    void boto3EnvelopeEncryptionRoundTrips() throws Exception
    {
        ExternalClients.requireTool(List.of("python3", "-c", "import boto3, cryptography"), "Python with boto3 and cryptography");
        try (RunningServer server = RunningServer.start(StoreKinds.freshTarget(StoreKind.SQLITE))) {
            Path work = Files.createTempDirectory("bulwark-kms-boto3");
            Path script = work.resolve("kms_envelope.py");
            try (InputStream in = TestAwsCliKms.class.getResourceAsStream("/e2e/kms_envelope.py")) {
                Files.copy(in, script);
            }
            ExternalClients.Result result = ExternalClients.run(List.of("python3", script.toString()), Map.of(
                    "BULWARK_ENDPOINT", server.endpoint().toString(),
                    "ADMIN_KEY", server.admin().accessKeyId(),
                    "ADMIN_SECRET", server.admin().secretAccessKey()), work);
            assertThat(result.exitCode()).as(result.stderr()).isZero();
            JsonNode out = JSON.readTree(result.stdout());
            assertThat(out.get("roundTrip").asBoolean()).isTrue();
            assertThat(out.get("sealedDiffers").asBoolean()).isTrue();
            assertThat(out.get("decryptKeyId").asText()).endsWith(":key/" + out.get("keyId").asText());
            assertThat(out.get("wrongContext").asText()).isEqualTo("InvalidCiphertextException");
        }
    }
}
