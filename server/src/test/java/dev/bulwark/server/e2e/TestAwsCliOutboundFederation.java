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
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The stock AWS CLI's outbound federation commands against a fresh server: enable, read the issuer, get a token whose
 * {@code iss} is that issuer and whose {@code kid} the published JWKS (fetched by the CLI's own Python) names, and
 * the STS token-version preference as GetAccountSummary reports it.
 */
final class TestAwsCliOutboundFederation
{
    private static final ObjectMapper JSON = new ObjectMapper();

    @StoreTest
    void cliEnablesFederationAndGetsAWebIdentityToken(StoreTarget target) throws Exception
    {
        ExternalClients.requireTool(List.of("aws", "--version"), "the AWS CLI");
        try (RunningServer server = RunningServer.start(target)) {
            Path home = Files.createTempDirectory("bulwark-aws-home");
            AwsConfigFiles files = new AwsConfigFiles(home.resolve("credentials"), home.resolve("config"));
            files.writeProfile("bulwark", server.admin().accessKeyId(), server.admin().secretAccessKey(), server.endpoint().toString(), "us-east-1");
            Map<String, String> env = Map.of(
                    "AWS_SHARED_CREDENTIALS_FILE", files.credentialsFile().toString(),
                    "AWS_CONFIG_FILE", files.configFile().toString());

            ExternalClients.Result disabled = aws(env, home, "iam", "get-outbound-web-identity-federation-info");
            assertThat(disabled.exitCode()).isNotZero();
            assertThat(disabled.stderr()).contains("(FeatureDisabled)");

            String issuer = JSON.readTree(ok(aws(env, home, "iam", "enable-outbound-web-identity-federation")).stdout()).get("IssuerIdentifier").asText();
            assertThat(issuer).startsWith(server.endpoint() + "/_bulwark/oidc/");
            JsonNode info = JSON.readTree(ok(aws(env, home, "iam", "get-outbound-web-identity-federation-info")).stdout());
            assertThat(info.get("IssuerIdentifier").asText()).isEqualTo(issuer);
            assertThat(info.get("JwtVendingEnabled").asBoolean()).isTrue();

            // an audience without a scheme: the CLI (v1) would fetch an http(s):// parameter value as a remote file
            JsonNode token = JSON.readTree(ok(aws(env, home, "sts", "get-web-identity-token", "--audience", "consumer.example.test",
                    "--signing-algorithm", "ES384", "--duration-seconds", "60")).stdout());
            String[] parts = token.get("WebIdentityToken").asText().split("\\.");
            assertThat(parts).hasSize(3);
            JsonNode header = JSON.readTree(Base64.getUrlDecoder().decode(parts[0]));
            JsonNode claims = JSON.readTree(Base64.getUrlDecoder().decode(parts[1]));
            assertThat(claims.get("iss").asText()).isEqualTo(issuer);
            assertThat(claims.get("aud").asText()).isEqualTo("consumer.example.test");
            assertThat(token.get("Expiration").asText()).isNotBlank();

            ExternalClients.Result jwks = ExternalClients.run(List.of("python3", "-c",
                    "import json,sys,urllib.request;print(json.dumps([k['kid'] for k in json.load(urllib.request.urlopen(sys.argv[1]))['keys']]))",
                    issuer + "/.well-known/jwks.json"), Map.of(), home);
            assertThat(jwks.exitCode()).as(jwks.stderr()).isZero();
            assertThat(jwks.stdout()).contains("\"" + header.get("kid").asText() + "\"");

            ok(aws(env, home, "iam", "set-security-token-service-preferences", "--global-endpoint-token-version", "v2Token"));
            JsonNode summary = JSON.readTree(ok(aws(env, home, "iam", "get-account-summary")).stdout()).get("SummaryMap");
            assertThat(summary.get("GlobalEndpointTokenVersion").asInt()).isEqualTo(2);

            ok(aws(env, home, "iam", "disable-outbound-web-identity-federation"));
            ExternalClients.Result refused = aws(env, home, "sts", "get-web-identity-token", "--audience", "a", "--signing-algorithm", "RS256");
            assertThat(refused.exitCode()).isNotZero();
            assertThat(refused.stderr()).contains("(OutboundWebIdentityFederationDisabledException)");
        }
    }

    private static ExternalClients.Result aws(Map<String, String> env, Path directory, String... args)
    {
        List<String> command = new ArrayList<>(List.of("aws", "--profile", "bulwark"));
        command.addAll(List.of(args));
        return ExternalClients.run(command, env, directory);
    }

    private static ExternalClients.Result ok(ExternalClients.Result result)
    {
        assertThat(result.exitCode()).as(result.stderr()).isZero();
        return result;
    }
}
