package dev.bulwark.server.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.zxing.BinaryBitmap;
import com.google.zxing.RGBLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import dev.bulwark.server.cli.AwsConfigFiles;
import dev.bulwark.server.it.RunningServer;
import dev.bulwark.server.services.iam.mfa.Base32;
import dev.bulwark.server.services.iam.mfa.Totp;
import dev.bulwark.server.store.StoreTarget;
import dev.bulwark.server.store.StoreTest;

import javax.imageio.ImageIO;

import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * MFA with the stock AWS CLI: the seed and QR code files {@code create-virtual-mfa-device} writes, enabling the
 * device, {@code get-session-token} with a code, and the MFA session allowed what a policy grants only with MFA.
 */
final class TestAwsCliMfa
{
    private static final ObjectMapper JSON = new ObjectMapper();

    @StoreTest
    void cliEnablesAVirtualDeviceAndGetsAnMfaSession(StoreTarget target) throws Exception
    {
        ExternalClients.requireTool(List.of("aws", "--version"), "the AWS CLI");
        try (RunningServer server = RunningServer.start(target)) {
            String account = server.admin().accountId();
            Path home = Files.createTempDirectory("bulwark-aws-home");
            AwsConfigFiles files = new AwsConfigFiles(home.resolve("credentials"), home.resolve("config"));
            files.writeProfile("bulwark", server.admin().accessKeyId(), server.admin().secretAccessKey(), server.endpoint().toString(), "us-east-1");
            Map<String, String> env = Map.of("AWS_SHARED_CREDENTIALS_FILE", files.credentialsFile().toString(), "AWS_CONFIG_FILE", files.configFile().toString());

            ok(aws(env, home, "--profile", "bulwark", "iam", "create-user", "--user-name", "cli-user"));
            ok(aws(env, home, "--profile", "bulwark", "iam", "put-user-policy", "--user-name", "cli-user", "--policy-name", "mfa",
                    "--policy-document", "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"iam:ListUsers\",\"Resource\":\"*\","
                            + "\"Condition\":{\"Bool\":{\"aws:MultiFactorAuthPresent\":\"true\"}}}]}"));
            JsonNode key = JSON.readTree(ok(aws(env, home, "--profile", "bulwark", "iam", "create-access-key", "--user-name", "cli-user")).stdout())
                    .get("AccessKey");

            Path seedFile = home.resolve("seed.txt");
            JsonNode created = JSON.readTree(ok(aws(env, home, "--profile", "bulwark", "iam", "create-virtual-mfa-device", "--virtual-mfa-device-name",
                    "cli-user", "--outfile", seedFile.toString(), "--bootstrap-method", "Base32StringSeed")).stdout());
            String serial = created.at("/VirtualMFADevice/SerialNumber").asText();
            assertThat(serial).isEqualTo("arn:aws:iam::" + account + ":mfa/cli-user");
            String seed = Files.readString(seedFile, StandardCharsets.US_ASCII).trim();
            assertThat(seed).hasSize(64);

            Path qrFile = home.resolve("qr.png");
            ok(aws(env, home, "--profile", "bulwark", "iam", "create-virtual-mfa-device", "--virtual-mfa-device-name", "spare",
                    "--outfile", qrFile.toString(), "--bootstrap-method", "QRCodePNG"));
            BufferedImage image = ImageIO.read(qrFile.toFile());
            int[] pixels = image.getRGB(0, 0, image.getWidth(), image.getHeight(), null, 0, image.getWidth());
            String uri = new QRCodeReader().decode(new BinaryBitmap(new HybridBinarizer(new RGBLuminanceSource(image.getWidth(), image.getHeight(), pixels))))
                    .getText();
            assertThat(uri).startsWith("otpauth://totp/Amazon%20Web%20Services:spare@" + account + "?secret=");

            Totp totp = Totp.iam(Base32.decode(seed));
            long step = Totp.step(Instant.now());
            ok(aws(env, home, "--profile", "bulwark", "iam", "enable-mfa-device", "--user-name", "cli-user", "--serial-number", serial,
                    "--authentication-code1", totp.code(step - 1), "--authentication-code2", totp.code(step)));
            JsonNode devices = JSON.readTree(ok(aws(env, home, "--profile", "bulwark", "iam", "list-mfa-devices", "--user-name", "cli-user")).stdout());
            assertThat(devices.get("MFADevices").findValuesAsText("SerialNumber")).containsExactly(serial);

            Map<String, String> userEnv = Map.of(
                    "AWS_ACCESS_KEY_ID", key.get("AccessKeyId").asText(),
                    "AWS_SECRET_ACCESS_KEY", key.get("SecretAccessKey").asText(),
                    "AWS_CONFIG_FILE", home.resolve("no-config").toString(),
                    "AWS_SHARED_CREDENTIALS_FILE", home.resolve("no-credentials").toString());
            ExternalClients.Result plain = aws(userEnv, home, "--endpoint-url", server.endpoint().toString(), "--region", "us-east-1", "iam", "list-users");
            assertThat(plain.exitCode()).isNotZero();
            assertThat(plain.stderr()).contains("(AccessDenied)");

            JsonNode session = JSON.readTree(ok(aws(userEnv, home, "--endpoint-url", server.endpoint().toString(), "--region", "us-east-1",
                    "sts", "get-session-token", "--serial-number", serial, "--token-code", totp.code(step + 1))).stdout()).get("Credentials");
            Map<String, String> sessionEnv = Map.of(
                    "AWS_ACCESS_KEY_ID", session.get("AccessKeyId").asText(),
                    "AWS_SECRET_ACCESS_KEY", session.get("SecretAccessKey").asText(),
                    "AWS_SESSION_TOKEN", session.get("SessionToken").asText(),
                    "AWS_CONFIG_FILE", home.resolve("no-config").toString(),
                    "AWS_SHARED_CREDENTIALS_FILE", home.resolve("no-credentials").toString());
            assertThat(JSON.readTree(ok(aws(sessionEnv, home, "--endpoint-url", server.endpoint().toString(), "--region", "us-east-1",
                    "iam", "list-users")).stdout()).get("Users").findValuesAsText("UserName")).contains("cli-user");

            ExternalClients.Result reused = aws(userEnv, home, "--endpoint-url", server.endpoint().toString(), "--region", "us-east-1",
                    "sts", "get-session-token", "--serial-number", serial, "--token-code", totp.code(step + 1));
            assertThat(reused.exitCode()).isNotZero();
            assertThat(reused.stderr()).contains("(AccessDenied)").contains("MultiFactorAuthentication failed with invalid MFA one time pass code.");
        }
    }

    private static ExternalClients.Result aws(Map<String, String> env, Path directory, String... args)
    {
        List<String> command = new ArrayList<>(List.of("aws"));
        command.addAll(List.of(args));
        return ExternalClients.run(command, env, directory);
    }

    private static ExternalClients.Result ok(ExternalClients.Result result)
    {
        assertThat(result.exitCode()).as(result.stderr()).isZero();
        return result;
    }
}
