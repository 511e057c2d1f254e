package dev.bulwark.server.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bulwark.server.cli.RootAccessKeyCommand;
import dev.bulwark.server.it.RunningServer;
import dev.bulwark.server.store.StoreKind;
import dev.bulwark.server.store.StoreKinds;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The two walk-throughs a new user follows with the stock AWS CLI: AWS's recommended first steps for a new
 * account (work as root only to create an administrator, then lock root's keys away), and AWS's coffee-shop
 * training example (permissions follow group membership; an employee moving between workstations assumes a role
 * for each and loses the previous one's permissions). Run on the embedded store: the SDK suites cover both stores.
 */
final class TestAwsCliWalkthroughs
{
    private static final ObjectMapper JSON = new ObjectMapper();

    @BeforeAll
    static void requireCli()
    {
        ExternalClients.requireTool(List.of("aws", "--version"), "the AWS CLI");
    }

    @Test
    void securingANewAccountAsAwsRecommends() throws Exception
    {
        try (RunningServer server = RunningServer.start(StoreKinds.freshTarget(StoreKind.SQLITE))) {
            AwsCli cli = new AwsCli(server);
            String account = server.admin().accountId();

            // Root signs in with its email and password (the console step) and creates an access key.
            JsonNode rootKey = rootAccessKey(server, server.admin().rootPassword());
            Map<String, String> root = cli.keys(rootKey.at("/AccessKey/AccessKeyId").asText(), rootKey.at("/AccessKey/SecretAccessKey").asText());
            assertThat(cli.json(root, "sts", "get-caller-identity").get("Arn").asText()).isEqualTo("arn:aws:iam::" + account + ":root");
            assertThat(cli.json(root, "iam", "get-account-summary").at("/SummaryMap/AccountAccessKeysPresent").asInt()).isEqualTo(1);

            // As root: an IAM user for yourself, an administrators group with AdministratorAccess, the user in it.
            cli.ok(root, "iam", "create-user", "--user-name", "Me");
            cli.ok(root, "iam", "create-group", "--group-name", "Admins");
            cli.ok(root, "iam", "attach-group-policy", "--group-name", "Admins", "--policy-arn", "arn:aws:iam::aws:policy/AdministratorAccess");
            cli.ok(root, "iam", "add-user-to-group", "--user-name", "Me", "--group-name", "Admins");
            JsonNode myKey = cli.json(root, "iam", "create-access-key", "--user-name", "Me").get("AccessKey");
            Map<String, String> me = cli.keys(myKey.get("AccessKeyId").asText(), myKey.get("SecretAccessKey").asText());

            // A password policy, enforced when the user's console password is set.
            cli.ok(root, "iam", "update-account-password-policy", "--minimum-password-length", "14", "--require-symbols", "--require-numbers",
                    "--require-uppercase-characters", "--require-lowercase-characters", "--allow-users-to-change-password", "--password-reuse-prevention", "24");
            ExternalClients.Result weak = cli.run(root, "iam", "create-login-profile", "--user-name", "Me", "--password", "short1!A");
            assertThat(weak.exitCode()).isNotZero();
            assertThat(weak.stderr()).contains("(PasswordPolicyViolation)");
            cli.ok(root, "iam", "create-login-profile", "--user-name", "Me", "--password", "Correct-Horse-Battery-9", "--password-reset-required");
            assertThat(cli.json(root, "iam", "get-account-password-policy").at("/PasswordPolicy/MinimumPasswordLength").asInt()).isEqualTo(14);

            // Signed in as the new user (its keys): an administrator.
            assertThat(cli.json(me, "sts", "get-caller-identity").get("Arn").asText()).isEqualTo("arn:aws:iam::" + account + ":user/Me");
            assertThat(cli.json(me, "iam", "list-groups-for-user", "--user-name", "Me").get("Groups").findValuesAsText("GroupName")).containsExactly("Admins");

            // Root's access key removed; root's credentials no longer work and are no longer needed.
            cli.ok(root, "iam", "delete-access-key", "--access-key-id", rootKey.at("/AccessKey/AccessKeyId").asText());
            ExternalClients.Result rootAgain = cli.run(root, "sts", "get-caller-identity");
            assertThat(rootAgain.exitCode()).isNotZero();
            assertThat(rootAgain.stderr()).contains("(InvalidClientTokenId)");
            assertThat(cli.json(me, "iam", "get-account-summary").at("/SummaryMap/AccountAccessKeysPresent").asInt()).isZero();
            cli.ok(me, "iam", "create-user", "--user-name", "Colleague");
            assertThat(cli.json(me, "iam", "list-users").get("Users").findValuesAsText("UserName")).contains("Me", "Colleague");
        }
    }

    @Test
    void coffeeShopGroupsAndWorkstationRoles() throws Exception
    {
        try (RunningServer server = RunningServer.start(StoreKinds.freshTarget(StoreKind.SQLITE))) {
            AwsCli cli = new AwsCli(server);
            String account = server.admin().accountId();
            Map<String, String> admin = cli.keys(server.admin().accessKeyId(), server.admin().secretAccessKey());

            // The job functions as groups: cashiers may read users, inventory specialists roles.
            cli.ok(admin, "iam", "create-group", "--group-name", "Cashiers");
            cli.ok(admin, "iam", "put-group-policy", "--group-name", "Cashiers", "--policy-name", "register",
                    "--policy-document", allow("iam:ListUsers"));
            cli.ok(admin, "iam", "create-group", "--group-name", "InventorySpecialists");
            cli.ok(admin, "iam", "put-group-policy", "--group-name", "InventorySpecialists", "--policy-name", "stock",
                    "--policy-document", allow("iam:ListRoles"));
            cli.ok(admin, "iam", "create-user", "--user-name", "mary");
            cli.ok(admin, "iam", "add-user-to-group", "--user-name", "mary", "--group-name", "Cashiers");
            JsonNode key = cli.json(admin, "iam", "create-access-key", "--user-name", "mary").get("AccessKey");
            Map<String, String> mary = cli.keys(key.get("AccessKeyId").asText(), key.get("SecretAccessKey").asText());

            cli.ok(mary, "iam", "list-users");
            assertDenied(cli.run(mary, "iam", "list-roles"), "arn:aws:iam::" + account + ":user/mary", "iam:ListRoles");

            // Mary moves to inventory: her permissions follow, on the next request.
            cli.ok(admin, "iam", "remove-user-from-group", "--user-name", "mary", "--group-name", "Cashiers");
            cli.ok(admin, "iam", "add-user-to-group", "--user-name", "mary", "--group-name", "InventorySpecialists");
            cli.ok(mary, "iam", "list-roles");
            assertDenied(cli.run(mary, "iam", "list-users"), "arn:aws:iam::" + account + ":user/mary", "iam:ListUsers");

            // Workstations as roles: an employee rotates by assuming each one's role.
            String trust = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"arn:aws:iam::" + account
                    + ":root\"},\"Action\":\"sts:AssumeRole\"}]}";
            cli.ok(admin, "iam", "create-role", "--role-name", "Register", "--assume-role-policy-document", trust);
            cli.ok(admin, "iam", "put-role-policy", "--role-name", "Register", "--policy-name", "p", "--policy-document", allow("iam:ListUsers", "sts:AssumeRole"));
            cli.ok(admin, "iam", "create-role", "--role-name", "Storeroom", "--assume-role-policy-document", trust);
            cli.ok(admin, "iam", "put-role-policy", "--role-name", "Storeroom", "--policy-name", "p", "--policy-document", allow("iam:ListGroups"));
            cli.ok(admin, "iam", "put-user-policy", "--user-name", "mary", "--policy-name", "workstations", "--policy-document",
                    "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"sts:AssumeRole\",\"Resource\":\"arn:aws:iam::"
                            + account + ":role/*\"}]}");

            Map<String, String> register = cli.session(cli.json(mary, "sts", "assume-role", "--role-arn", "arn:aws:iam::" + account + ":role/Register",
                    "--role-session-name", "mary").get("Credentials"));
            String registerArn = "arn:aws:sts::" + account + ":assumed-role/Register/mary";
            assertThat(cli.json(register, "sts", "get-caller-identity").get("Arn").asText()).isEqualTo(registerArn);
            cli.ok(register, "iam", "list-users");
            assertDenied(cli.run(register, "iam", "list-roles"), registerArn, "iam:ListRoles");

            // From the register to the storeroom: the register's permissions are gone, only the storeroom's remain.
            Map<String, String> storeroom = cli.session(cli.json(register, "sts", "assume-role", "--role-arn", "arn:aws:iam::" + account + ":role/Storeroom",
                    "--role-session-name", "mary").get("Credentials"));
            String storeroomArn = "arn:aws:sts::" + account + ":assumed-role/Storeroom/mary";
            cli.ok(storeroom, "iam", "list-groups");
            assertDenied(cli.run(storeroom, "iam", "list-users"), storeroomArn, "iam:ListUsers");
            assertDenied(cli.run(storeroom, "iam", "list-roles"), storeroomArn, "iam:ListRoles");
        }
    }

    private static JsonNode rootAccessKey(RunningServer server, String password) throws Exception
    {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = RootAccessKeyCommand.run(new String[] {"--endpoint", server.endpoint().toString(), "--email", server.admin().rootEmail()},
                new ByteArrayInputStream((password + "\n").getBytes(StandardCharsets.UTF_8)), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(exit).as(err.toString(StandardCharsets.UTF_8)).isZero();
        return JSON.readTree(out.toByteArray());
    }

    private static String allow(String... actions)
    {
        return "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":" + JSON.valueToTree(actions) + ",\"Resource\":\"*\"}]}";
    }

    private static void assertDenied(ExternalClients.Result result, String principalArn, String action)
    {
        assertThat(result.exitCode()).isNotZero();
        assertThat(result.stderr()).contains("(AccessDenied)").contains("User: " + principalArn + " is not authorized to perform: " + action);
    }
}
