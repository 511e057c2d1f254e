package dev.bulwark.server.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bulwark.server.audit.AuditRecord;
import dev.bulwark.server.audit.AuditStore;
import dev.bulwark.server.store.StoreKind;
import dev.bulwark.server.store.StoreKinds;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sts.StsClient;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The console stand-in for root: only the right email and password create a root access key, at most two exist,
 * the key works at once, and its creation is in the account's CloudTrail without the secret.
 */
final class TestRootConsole
{
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String FAILED = "Your authentication information is incorrect. Please try again.";

    @Test
    void onlyRootsEmailAndPasswordCreateRootKeysUpToTwo() throws Exception
    {
        try (RunningServer server = RunningServer.start(StoreKinds.freshTarget(StoreKind.SQLITE))) {
            String email = server.admin().rootEmail();
            String password = server.admin().rootPassword();

            assertFailure(post(server, body(email, password + "x")), 401, FAILED);
            assertFailure(post(server, body("nobody@example.com", password)), 401, FAILED);
            assertFailure(post(server, "{\"email\":\"" + email + "\"}"), 400, "The request body must be JSON with the root user's \"email\" and \"password\".");
            assertFailure(post(server, "not json"), 400, "The request body must be JSON with the root user's \"email\" and \"password\".");
            HttpResponse<String> get = HttpClient.newHttpClient().send(HttpRequest.newBuilder(uri(server)).GET().build(), HttpResponse.BodyHandlers.ofString());
            assertThat(get.statusCode()).isEqualTo(405);

            HttpResponse<String> first = post(server, body(email.toUpperCase(), password));
            assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
            JsonNode key = JSON.readTree(first.body()).get("AccessKey");
            assertThat(key.get("AccessKeyId").asText()).startsWith("AKIA");
            try (StsClient sts = server.sts(RunningServer.credentials(key.get("AccessKeyId").asText(), key.get("SecretAccessKey").asText()))) {
                assertThat(sts.getCallerIdentity().arn()).isEqualTo("arn:aws:iam::" + server.admin().accountId() + ":root");
            }
            assertThat(post(server, body(email, password)).statusCode()).isEqualTo(200);
            assertFailure(post(server, body(email, password)), 409, "Cannot exceed quota for AccessKeysPerUser: 2");

            server.server().audit().flush();
            List<AuditRecord> events = server.server().store().readOnly(tx -> new AuditStore().recent(tx, server.admin().accountId(), 100));
            assertThat(events).filteredOn(event -> event.eventName().equals("CreateAccessKey")).hasSize(2).allSatisfy(event -> {
                assertThat(event.json()).contains("\"type\":\"Root\"").contains("\"eventSource\":\"iam.amazonaws.com\"")
                        .doesNotContain(key.get("SecretAccessKey").asText());
            });
        }
    }

    private static void assertFailure(HttpResponse<String> response, int status, String message) throws Exception
    {
        assertThat(response.statusCode()).isEqualTo(status);
        assertThat(JSON.readTree(response.body()).get("Message").asText()).isEqualTo(message);
    }

    private static String body(String email, String password)
    {
        return JSON.createObjectNode().put("email", email).put("password", password).toString();
    }

    private static URI uri(RunningServer server)
    {
        return server.endpoint().resolve("/_bulwark/console/root-access-key");
    }

    private static HttpResponse<String> post(RunningServer server, String body) throws Exception
    {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(uri(server)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
