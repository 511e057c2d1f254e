package dev.bulwark.server.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bulwark.server.it.RunningServer;
import dev.bulwark.server.store.StoreKind;
import dev.bulwark.server.store.StoreKinds;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * AWS's classic SCP example with the stock CLI: an OU for accounts that may only use services meeting a regulation,
 * an SCP on it denying every other service, accounts moved in whose administrator (and even whose root user) is then
 * refused a blocked service and allowed a permitted one, and moving them out restoring access. Dev mode supplies a
 * member account whose root the CLI can act as (keys the server never issued are that account's root).
 */
final class TestAwsCliOrganizations
{
    /** Only IAM and STS "meet the regulation"; everything else (here: Organizations itself) is blocked. */
    private static final String REGULATED_SERVICES_ONLY = """
            {"Version":"2012-10-17","Statement":[{"Sid":"DenyAllOutsideRegulatedServices","Effect":"Deny","NotAction":["iam:*","sts:*"],"Resource":"*"}]}""";

    @BeforeAll
    static void requireCli()
    {
        ExternalClients.requireTool(List.of("aws", "--version"), "the AWS CLI");
    }

    @Test
    void scpOnAnOuBlocksServicesForAdministratorsAndRootUntilTheAccountLeavesIt() throws Exception
    {
        try (RunningServer server = RunningServer.start(StoreKinds.freshTarget(StoreKind.SQLITE), Clock.systemUTC(), true, OptionalInt.empty())) {
            AwsCli cli = new AwsCli(server);
            Map<String, String> management = cli.keys(server.admin().accessKeyId(), server.admin().secretAccessKey());

            cli.ok(management, "organizations", "create-organization", "--feature-set", "ALL");
            String root = cli.json(management, "organizations", "list-roots").at("/Roots/0/Id").asText();
            cli.ok(management, "organizations", "enable-policy-type", "--root-id", root, "--policy-type", "SERVICE_CONTROL_POLICY");
            String ou = cli.json(management, "organizations", "create-organizational-unit", "--parent-id", root, "--name", "Regulated")
                    .at("/OrganizationalUnit/Id").asText();
            String policy = cli.json(management, "organizations", "create-policy", "--name", "RegulatedServicesOnly", "--type", "SERVICE_CONTROL_POLICY",
                    "--description", "only services that meet the regulation", "--content", REGULATED_SERVICES_ONLY).at("/Policy/PolicySummary/Id").asText();
            cli.ok(management, "organizations", "attach-policy", "--policy-id", policy, "--target-id", ou);

            // A new member account, administered through OrganizationAccountAccessRole.
            String member = cli.json(management, "organizations", "create-account", "--email", "regulated@example.com", "--account-name", "regulated")
                    .at("/CreateAccountStatus/AccountId").asText();
            Map<String, String> admin = cli.session(cli.json(management, "sts", "assume-role", "--role-arn",
                    "arn:aws:iam::" + member + ":role/OrganizationAccountAccessRole", "--role-session-name", "admin").get("Credentials"));
            // An existing account joins by invitation; its root user signs with keys the dev-mode server maps to it.
            String devAccount = server.server().config().defaultAccount();
            Map<String, String> devRoot = cli.keys("AKIAIOSFODNN7EXAMPLE", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY");
            String handshake = cli.json(management, "organizations", "invite-account-to-organization", "--target", "Type=ACCOUNT,Id=" + devAccount)
                    .at("/Handshake/Id").asText();
            cli.ok(devRoot, "organizations", "accept-handshake", "--handshake-id", handshake);

            // Outside the OU both may use Organizations.
            cli.ok(admin, "organizations", "describe-organization");
            cli.ok(devRoot, "organizations", "describe-organization");

            for (String account : List.of(member, devAccount)) {
                cli.ok(management, "organizations", "move-account", "--account-id", account, "--source-parent-id", root, "--destination-parent-id", ou);
            }
            String adminArn = "arn:aws:sts::" + member + ":assumed-role/OrganizationAccountAccessRole/admin";
            assertDeniedBySCP(cli.run(admin, "organizations", "describe-organization"), adminArn, "organizations:DescribeOrganization");
            assertDeniedBySCP(cli.run(devRoot, "organizations", "describe-organization"), "arn:aws:iam::" + devAccount + ":root",
                    "organizations:DescribeOrganization");
            JsonNode users = cli.json(admin, "iam", "list-users");
            assertThat(users.has("Users")).isTrue();
            cli.ok(devRoot, "iam", "create-user", "--user-name", "still-allowed");

            for (String account : List.of(member, devAccount)) {
                cli.ok(management, "organizations", "move-account", "--account-id", account, "--source-parent-id", ou, "--destination-parent-id", root);
            }
            cli.ok(admin, "organizations", "describe-organization");
            cli.ok(devRoot, "organizations", "describe-organization");
        }
    }

    private static void assertDeniedBySCP(ExternalClients.Result result, String principalArn, String action)
    {
        assertThat(result.exitCode()).isNotZero();
        assertThat(result.stderr()).contains("(AccessDeniedException)")
                .contains("User: " + principalArn + " is not authorized to perform: " + action)
                .contains("with an explicit deny in a service control policy");
    }
}
