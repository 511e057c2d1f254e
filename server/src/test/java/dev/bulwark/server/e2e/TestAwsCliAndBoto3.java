package dev.bulwark.server.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bulwark.server.cli.AwsConfigFiles;
import dev.bulwark.server.it.RunningServer;
import dev.bulwark.server.store.StoreTarget;
import dev.bulwark.server.store.StoreTest;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The stock AWS CLI and boto3 against a fresh server, the way users meet Bulwark: the {@code bulwark} profile
 * that init writes, then IAM and STS calls, denials and signature errors as those clients report them.
 */
final class TestAwsCliAndBoto3
{
    private static final ObjectMapper JSON = new ObjectMapper();

    @StoreTest
    void awsCliWorksThroughTheProfileInitWrites(StoreTarget target) throws Exception
    {
        ExternalClients.requireTool(List.of("aws", "--version"), "the AWS CLI");
        try (RunningServer server = RunningServer.start(target)) {
            Path home = Files.createTempDirectory("bulwark-aws-home");
            AwsConfigFiles files = new AwsConfigFiles(home.resolve("credentials"), home.resolve("config"));
            Files.writeString(files.configFile(), "[profile other]\nregion = eu-west-1\n");
            files.writeProfile("bulwark", server.admin().accessKeyId(), server.admin().secretAccessKey(), server.endpoint().toString(), "us-east-1");
            Map<String, String> env = Map.of(
                    "AWS_SHARED_CREDENTIALS_FILE", files.credentialsFile().toString(),
                    "AWS_CONFIG_FILE", files.configFile().toString());

            JsonNode identity = JSON.readTree(aws(env, home, "sts", "get-caller-identity").stdout());
            assertThat(identity.get("Arn").asText()).isEqualTo(server.admin().adminArn());

            aws(env, home, "iam", "create-user", "--user-name", "cli-user");
            JsonNode users = JSON.readTree(aws(env, home, "iam", "list-users").stdout());
            assertThat(users.get("Users").findValuesAsText("UserName")).contains("admin", "cli-user");

            ExternalClients.Result missing = ExternalClients.run(List.of("aws", "--profile", "bulwark", "iam", "get-user", "--user-name", "nobody"), env, home);
            assertThat(missing.exitCode()).isNotZero();
            assertThat(missing.stderr()).contains("(NoSuchEntity)").contains("The user with name nobody cannot be found.");

            assertThat(Files.readString(files.configFile())).contains("[profile other]").contains("region = eu-west-1");
        }
    }

    @StoreTest
    void boto3SeesAwsBehaviour(StoreTarget target) throws Exception
    {
        ExternalClients.requireTool(List.of("python3", "-c", "import boto3"), "Python with boto3");
        try (RunningServer server = RunningServer.start(target)) {
            Path work = Files.createTempDirectory("bulwark-boto3");
            Path script = work.resolve("boto3_checks.py");
            try (InputStream in = TestAwsCliAndBoto3.class.getResourceAsStream("/e2e/boto3_checks.py")) {
                Files.copy(in, script);
            }
            ExternalClients.Result result = ExternalClients.run(List.of("python3", script.toString()), Map.of(
                    "BULWARK_ENDPOINT", server.endpoint().toString(),
                    "ADMIN_KEY", server.admin().accessKeyId(),
                    "ADMIN_SECRET", server.admin().secretAccessKey()), work);
            assertThat(result.exitCode()).as(result.stderr()).isZero();
            JsonNode out = JSON.readTree(result.stdout());

            assertThat(out.get("callerArn").asText()).isEqualTo(server.admin().adminArn());
            assertThat(JSON.convertValue(out.get("pagedUsers"), List.class)).containsExactly("b3-one", "b3-three", "b3-two");
            assertThat(out.get("daveDenied").get("code").asText()).isEqualTo("AccessDenied");
            assertThat(out.get("daveDenied").get("status").asInt()).isEqualTo(403);
            assertThat(out.get("daveDenied").get("message").asText()).isEqualTo("User: arn:aws:iam::" + server.admin().accountId()
                    + ":user/b3-dave is not authorized to perform: iam:ListUsers on resource: * because no identity-based policy allows the iam:ListUsers action");
            assertThat(out.get("daveAllowedCount").asInt()).isGreaterThanOrEqualTo(5);
            assertThat(out.get("wrongSecret").get("code").asText()).isEqualTo("SignatureDoesNotMatch");
            assertThat(out.get("userPolicy").get("Statement").get(0).get("Action").asText()).isEqualTo("iam:ListUsers");
        }
    }

    private static ExternalClients.Result aws(Map<String, String> env, Path directory, String... args) throws IOException
    {
        List<String> command = new java.util.ArrayList<>(List.of("aws", "--profile", "bulwark"));
        command.addAll(List.of(args));
        ExternalClients.Result result = ExternalClients.run(command, env, directory);
        assertThat(result.exitCode()).as("aws %s: %s", String.join(" ", args), result.stderr()).isZero();
        return result;
    }
}
