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

/** Instance profiles, service-linked roles and account aliases as the stock AWS CLI shows them. */
final class TestAwsCliInstanceProfiles
{
    private static final ObjectMapper JSON = new ObjectMapper();

    @StoreTest
    void awsCliManagesProfilesServiceLinkedRolesAndAliases(StoreTarget target) throws Exception
    {
        ExternalClients.requireTool(List.of("aws", "--version"), "the AWS CLI");
        try (RunningServer server = RunningServer.start(target)) {
            Path home = Files.createTempDirectory("bulwark-aws-home");
            AwsConfigFiles files = new AwsConfigFiles(home.resolve("credentials"), home.resolve("config"));
            files.writeProfile("bulwark", server.admin().accessKeyId(), server.admin().secretAccessKey(), server.endpoint().toString(), "us-east-1");
            Map<String, String> env = Map.of(
                    "AWS_SHARED_CREDENTIALS_FILE", files.credentialsFile().toString(),
                    "AWS_CONFIG_FILE", files.configFile().toString());
            String account = server.admin().accountId();

            JsonNode created = JSON.readTree(aws(env, home, "iam", "create-instance-profile", "--instance-profile-name", "cli-profile")).get("InstanceProfile");
            assertThat(created.get("InstanceProfileId").asText()).matches("AIPA[A-Z2-7]{17}");
            assertThat(created.get("Arn").asText()).isEqualTo("arn:aws:iam::" + account + ":instance-profile/cli-profile");
            assertThat(created.get("Roles").isArray()).isTrue();
            assertThat(created.get("Roles")).isEmpty();

            aws(env, home, "iam", "create-role", "--role-name", "cli-role", "--assume-role-policy-document",
                    "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"Service\":\"ec2.amazonaws.com\"},\"Action\":\"sts:AssumeRole\"}]}");
            aws(env, home, "iam", "add-role-to-instance-profile", "--instance-profile-name", "cli-profile", "--role-name", "cli-role");
            JsonNode listed = JSON.readTree(aws(env, home, "iam", "list-instance-profiles-for-role", "--role-name", "cli-role"));
            JsonNode inside = listed.get("InstanceProfiles").get(0).get("Roles").get(0);
            assertThat(inside.get("RoleName").asText()).isEqualTo("cli-role");
            // the CLI decodes the URL-encoded trust policy into JSON
            assertThat(inside.get("AssumeRolePolicyDocument").get("Statement").get(0).get("Principal").get("Service").asText()).isEqualTo("ec2.amazonaws.com");

            ExternalClients.Result conflict = ExternalClients.run(List.of("aws", "--profile", "bulwark", "iam", "delete-role", "--role-name", "cli-role"), env, home);
            assertThat(conflict.exitCode()).isNotZero();
            assertThat(conflict.stderr()).contains("(DeleteConflict)").contains("Cannot delete entity, must remove roles from instance profile first.");

            JsonNode linked = JSON.readTree(aws(env, home, "iam", "create-service-linked-role", "--aws-service-name", "guardduty.amazonaws.com")).get("Role");
            assertThat(linked.get("Arn").asText())
                    .isEqualTo("arn:aws:iam::" + account + ":role/aws-service-role/guardduty.amazonaws.com/AWSServiceRoleForAmazonGuardDuty");
            String taskId = JSON.readTree(aws(env, home, "iam", "delete-service-linked-role", "--role-name", "AWSServiceRoleForAmazonGuardDuty"))
                    .get("DeletionTaskId").asText();
            assertThat(JSON.readTree(aws(env, home, "iam", "get-service-linked-role-deletion-status", "--deletion-task-id", taskId)).get("Status").asText())
                    .isEqualTo("SUCCEEDED");

            aws(env, home, "iam", "create-account-alias", "--account-alias", "cli-alias");
            assertThat(JSON.readTree(aws(env, home, "iam", "list-account-aliases")).get("AccountAliases").get(0).asText()).isEqualTo("cli-alias");
        }
    }

    private static String aws(Map<String, String> env, Path directory, String... args)
    {
        List<String> command = new ArrayList<>(List.of("aws", "--profile", "bulwark", "--output", "json"));
        command.addAll(List.of(args));
        ExternalClients.Result result = ExternalClients.run(command, env, directory);
        assertThat(result.exitCode()).as("aws %s: %s", String.join(" ", args), result.stderr()).isZero();
        return result.stdout();
    }
}
