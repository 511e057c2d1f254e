package dev.bulwark.server.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bulwark.server.it.RunningServer;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The stock AWS CLI with credentials in its environment only, as a user exports them, against a running server. */
final class AwsCli
{
    private static final ObjectMapper JSON = new ObjectMapper();

    private final RunningServer server;
    private final Path home;

    AwsCli(RunningServer server) throws Exception
    {
        this.server = server;
        this.home = Files.createTempDirectory("bulwark-walkthrough");
    }

    Map<String, String> keys(String accessKeyId, String secretAccessKey)
    {
        Map<String, String> env = new HashMap<>();
        env.put("AWS_ACCESS_KEY_ID", accessKeyId);
        env.put("AWS_SECRET_ACCESS_KEY", secretAccessKey);
        env.put("AWS_CONFIG_FILE", home.resolve("no-config").toString());
        env.put("AWS_SHARED_CREDENTIALS_FILE", home.resolve("no-credentials").toString());
        env.put("AWS_ENDPOINT_URL", server.endpoint().toString());
        env.put("AWS_DEFAULT_REGION", "us-east-1");
        return env;
    }

    Map<String, String> session(JsonNode credentials)
    {
        Map<String, String> env = keys(credentials.get("AccessKeyId").asText(), credentials.get("SecretAccessKey").asText());
        env.put("AWS_SESSION_TOKEN", credentials.get("SessionToken").asText());
        return env;
    }

    ExternalClients.Result run(Map<String, String> env, String... args)
    {
        List<String> command = new ArrayList<>(List.of("aws"));
        command.addAll(List.of(args));
        return ExternalClients.run(command, env, home);
    }

    ExternalClients.Result ok(Map<String, String> env, String... args)
    {
        ExternalClients.Result result = run(env, args);
        assertThat(result.exitCode()).as(String.join(" ", args) + ": " + result.stderr()).isZero();
        return result;
    }

    JsonNode json(Map<String, String> env, String... args) throws Exception
    {
        return JSON.readTree(ok(env, args).stdout());
    }
}
