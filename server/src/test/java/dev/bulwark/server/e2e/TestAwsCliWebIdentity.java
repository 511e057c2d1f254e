package dev.bulwark.server.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bulwark.server.it.LocalIdentityProvider;
import dev.bulwark.server.it.RunningServer;
import dev.bulwark.server.store.StoreTarget;
import dev.bulwark.server.store.StoreTest;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.iam.IamClient;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code aws sts assume-role-with-web-identity} with the stock CLI and no AWS credentials at all: the CLI sends the
 * call unsigned, as it does against AWS, and the ID token from a local issuer is the only credential.
 */
final class TestAwsCliWebIdentity
{
    private static final ObjectMapper JSON = new ObjectMapper();

    @StoreTest
    void cliAssumesRoleWithAnIdTokenAndNoCredentials(StoreTarget target, @TempDir Path dir) throws Exception
    {
        ExternalClients.requireTool(List.of("aws", "--version"), "the AWS CLI");
        try (RunningServer server = RunningServer.start(target); IamClient iam = server.iam(server.adminCredentials());
                LocalIdentityProvider idp = LocalIdentityProvider.start(dir.resolve("idp"))) {
            String account = server.admin().accountId();
            String thumbprint = idp.thumbprint();
            String providerArn = iam.createOpenIDConnectProvider(b -> b.url(idp.issuer()).clientIDList("cli-app").thumbprintList(thumbprint))
                    .openIDConnectProviderArn();
            iam.createRole(b -> b.roleName("CliFederated").assumeRolePolicyDocument("""
                    {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Federated":"%s"},
                      "Action":"sts:AssumeRoleWithWebIdentity","Condition":{"StringEquals":{"%s:sub":"ci-runner"}}}]}"""
                    .formatted(providerArn, idp.host())));
            String token = idp.rs256(idp.claims("cli-app", "ci-runner", Instant.now()));

            Map<String, String> noCredentials = Map.of(
                    "AWS_CONFIG_FILE", dir.resolve("no-config").toString(),
                    "AWS_SHARED_CREDENTIALS_FILE", dir.resolve("no-credentials").toString(),
                    "AWS_EC2_METADATA_DISABLED", "true");
            ExternalClients.Result result = ExternalClients.run(List.of("aws", "--endpoint-url", server.endpoint().toString(), "--region", "us-east-1",
                    "sts", "assume-role-with-web-identity", "--role-arn", "arn:aws:iam::" + account + ":role/CliFederated",
                    "--role-session-name", "runner", "--web-identity-token", token), noCredentials, dir);
            assertThat(result.exitCode()).as(result.stderr()).isZero();
            JsonNode response = JSON.readTree(result.stdout());
            assertThat(response.path("AssumedRoleUser").path("Arn").asText()).isEqualTo("arn:aws:sts::" + account + ":assumed-role/CliFederated/runner");
            assertThat(response.path("SubjectFromWebIdentityToken").asText()).isEqualTo("ci-runner");
            assertThat(response.path("Credentials").path("AccessKeyId").asText()).startsWith("ASIA");

            String otherSubject = idp.rs256(idp.claims("cli-app", "someone-else", Instant.now()));
            ExternalClients.Result denied = ExternalClients.run(List.of("aws", "--endpoint-url", server.endpoint().toString(), "--region", "us-east-1",
                    "sts", "assume-role-with-web-identity", "--role-arn", "arn:aws:iam::" + account + ":role/CliFederated",
                    "--role-session-name", "runner", "--web-identity-token", otherSubject), noCredentials, dir);
            assertThat(denied.exitCode()).isNotZero();
            assertThat(denied.stderr()).contains("(AccessDenied)").contains("Not authorized to perform sts:AssumeRoleWithWebIdentity");
        }
    }
}
