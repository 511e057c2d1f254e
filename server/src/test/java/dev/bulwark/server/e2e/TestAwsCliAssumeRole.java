package dev.bulwark.server.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bulwark.server.cli.AwsConfigFiles;
import dev.bulwark.server.it.RunningServer;
import dev.bulwark.server.store.StoreTarget;
import dev.bulwark.server.store.StoreTest;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code aws sts assume-role} with the stock CLI, then the returned temporary credentials used as the CLI takes
 * them from the environment: the session is the assumed role, allowed what the role policy allows and denied the rest.
 */
final class TestAwsCliAssumeRole
{
    private static final ObjectMapper JSON = new ObjectMapper();

    @StoreTest
    void cliAssumesRoleAndActsAsTheSession(StoreTarget target) throws Exception
    {
        ExternalClients.requireTool(List.of("aws", "--version"), "the AWS CLI");
        try (RunningServer server = RunningServer.start(target)) {
            String account = server.admin().accountId();
            Path home = Files.createTempDirectory("bulwark-aws-home");
            AwsConfigFiles files = new AwsConfigFiles(home.resolve("credentials"), home.resolve("config"));
            files.writeProfile("bulwark", server.admin().accessKeyId(), server.admin().secretAccessKey(), server.endpoint().toString(), "us-east-1");
            Map<String, String> profileEnv = Map.of(
                    "AWS_SHARED_CREDENTIALS_FILE", files.credentialsFile().toString(),
                    "AWS_CONFIG_FILE", files.configFile().toString());

            String trust = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"arn:aws:iam::" + account
                    + ":root\"},\"Action\":\"sts:AssumeRole\"}]}";
            ok(aws(profileEnv, home, "--profile", "bulwark", "iam", "create-role", "--role-name", "CliRole", "--assume-role-policy-document", trust));
            ok(aws(profileEnv, home, "--profile", "bulwark", "iam", "put-role-policy", "--role-name", "CliRole", "--policy-name", "list",
                    "--policy-document", "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"iam:ListUsers\",\"Resource\":\"*\"}]}"));
            JsonNode assumed = JSON.readTree(ok(aws(profileEnv, home, "--profile", "bulwark", "sts", "assume-role",
                    "--role-arn", "arn:aws:iam::" + account + ":role/CliRole", "--role-session-name", "cli-session")).stdout());
            JsonNode credentials = assumed.get("Credentials");
            assertThat(credentials.get("AccessKeyId").asText()).startsWith("ASIA");

            Map<String, String> sessionEnv = Map.of(
                    "AWS_ACCESS_KEY_ID", credentials.get("AccessKeyId").asText(),
                    "AWS_SECRET_ACCESS_KEY", credentials.get("SecretAccessKey").asText(),
                    "AWS_SESSION_TOKEN", credentials.get("SessionToken").asText(),
                    "AWS_CONFIG_FILE", home.resolve("no-config").toString(),
                    "AWS_SHARED_CREDENTIALS_FILE", home.resolve("no-credentials").toString());
            String sessionArn = "arn:aws:sts::" + account + ":assumed-role/CliRole/cli-session";
            JsonNode identity = JSON.readTree(ok(aws(sessionEnv, home, "--endpoint-url", server.endpoint().toString(), "--region", "us-east-1",
                    "sts", "get-caller-identity")).stdout());
            assertThat(identity.get("Arn").asText()).isEqualTo(sessionArn);
            assertThat(JSON.readTree(ok(aws(sessionEnv, home, "--endpoint-url", server.endpoint().toString(), "--region", "us-east-1",
                    "iam", "list-users")).stdout()).get("Users").findValuesAsText("UserName")).contains("admin");

            ExternalClients.Result denied = aws(sessionEnv, home, "--endpoint-url", server.endpoint().toString(), "--region", "us-east-1",
                    "iam", "create-user", "--user-name", "nope");
            assertThat(denied.exitCode()).isNotZero();
            assertThat(denied.stderr()).contains("(AccessDenied)").contains("User: " + sessionArn + " is not authorized to perform: iam:CreateUser");
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
