package dev.bulwark.server.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bulwark.server.it.RunningServer;
import dev.bulwark.server.store.StoreKind;
import dev.bulwark.server.store.StoreKinds;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * CloudTrail with the stock AWS CLI: who tried to create a user without permission, found by their name in event
 * history with the error they got; and turning a trail off leaves a record of who did it.
 */
final class TestAwsCliCloudTrail
{
    private static final ObjectMapper JSON = new ObjectMapper();

    @BeforeAll
    static void requireCli()
    {
        ExternalClients.requireTool(List.of("aws", "--version"), "the AWS CLI");
    }

    @Test
    void lookupEventsFindsADeniedCreateUserAndStopLogging() throws Exception
    {
        try (RunningServer server = RunningServer.start(StoreKinds.freshTarget(StoreKind.SQLITE))) {
            AwsCli cli = new AwsCli(server);
            Map<String, String> admin = cli.keys(server.admin().accessKeyId(), server.admin().secretAccessKey());
            cli.ok(admin, "iam", "create-user", "--user-name", "intern");
            JsonNode key = cli.json(admin, "iam", "create-access-key", "--user-name", "intern").get("AccessKey");
            Map<String, String> intern = cli.keys(key.get("AccessKeyId").asText(), key.get("SecretAccessKey").asText());

            ExternalClients.Result denied = cli.run(intern, "iam", "create-user", "--user-name", "shadow-admin");
            assertThat(denied.exitCode()).isNotZero();
            assertThat(denied.stderr()).contains("AccessDenied");

            JsonNode events = eventually(cli, admin, "Username", "intern");
            assertThat(events).hasSize(1);
            JsonNode event = events.get(0);
            assertThat(event.get("EventName").asText()).isEqualTo("CreateUser");
            assertThat(event.get("Username").asText()).isEqualTo("intern");
            assertThat(event.get("AccessKeyId").asText()).isEqualTo(key.get("AccessKeyId").asText());
            JsonNode record = JSON.readTree(event.get("CloudTrailEvent").asText());
            assertThat(record.get("errorCode").asText()).isEqualTo("AccessDenied");
            assertThat(record.at("/requestParameters/userName").asText()).isEqualTo("shadow-admin");
            assertThat(record.get("userAgent").asText()).startsWith("aws-cli/");

            cli.ok(admin, "cloudtrail", "create-trail", "--name", "main", "--s3-bucket-name", "main-trail-bucket");
            cli.ok(admin, "cloudtrail", "start-logging", "--name", "main");
            assertThat(cli.json(admin, "cloudtrail", "get-trail-status", "--name", "main").get("IsLogging").asBoolean()).isTrue();
            cli.ok(admin, "cloudtrail", "stop-logging", "--name", "main");
            JsonNode stops = eventually(cli, admin, "EventName", "StopLogging");
            assertThat(stops).hasSize(1);
            JsonNode stop = JSON.readTree(stops.get(0).get("CloudTrailEvent").asText());
            assertThat(stop.at("/userIdentity/arn").asText()).isEqualTo(server.admin().adminArn());
            assertThat(stop.at("/requestParameters/name").asText()).isEqualTo("main");
            assertThat(stop.get("eventSource").asText()).isEqualTo("cloudtrail.amazonaws.com");
            assertThat(cli.json(admin, "cloudtrail", "get-trail-status", "--name", "main").get("IsLogging").asBoolean()).isFalse();
        }
    }

    private static JsonNode eventually(AwsCli cli, Map<String, String> env, String key, String value) throws Exception
    {
        JsonNode events = null;
        for (int attempt = 0; attempt < 20; attempt++) {
            events = cli.json(env, "cloudtrail", "lookup-events", "--lookup-attributes", "AttributeKey=" + key + ",AttributeValue=" + value).get("Events");
            if (!events.isEmpty()) {
                return events;
            }
            Thread.sleep(100);
        }
        return events;
    }
}
