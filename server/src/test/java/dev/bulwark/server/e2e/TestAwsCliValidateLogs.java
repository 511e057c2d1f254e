package dev.bulwark.server.e2e;

import dev.bulwark.server.it.RunningServer;
import dev.bulwark.server.services.cloudtrail.delivery.TrailDelivery;
import dev.bulwark.server.store.StoreKind;
import dev.bulwark.server.store.StoreKinds;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A trail delivering into Bulwark's own S3 bucket, validated by the stock {@code aws cloudtrail validate-logs} (which
 * reads the trail, its public keys, and the digests and logs from S3, all through {@code AWS_ENDPOINT_URL}): valid
 * while untouched, and reported when a log file is modified, when one is deleted and when a digest is altered. A
 * bucket whose policy does not let CloudTrail write gets nothing, and the trail says why.
 */
final class TestAwsCliValidateLogs
{
    private static final String BUCKET = "trail-logs";

    @BeforeAll
    static void requireCli()
    {
        ExternalClients.requireTool(List.of("aws", "--version"), "the AWS CLI");
    }

    @Test
    void validateLogsAcceptsDeliveredFilesAndReportsTampering() throws Exception
    {
        // Log files by hand (runOnce), digests due after a second, so the test decides when each is written.
        TrailDelivery.Settings settings = new TrailDelivery.Settings(Duration.ofHours(1), Duration.ofSeconds(1), Duration.ZERO);
        try (RunningServer server = RunningServer.start(StoreKinds.freshTarget(StoreKind.SQLITE), settings)) {
            AwsCli cli = new AwsCli(server);
            Map<String, String> admin = cli.keys(server.admin().accessKeyId(), server.admin().secretAccessKey());
            String account = server.admin().accountId();
            String trailArn = "arn:aws:cloudtrail:us-east-1:" + account + ":trail/audit";
            cli.ok(admin, "s3api", "create-bucket", "--bucket", BUCKET);
            cli.ok(admin, "s3api", "create-bucket", "--bucket", "no-policy");
            // AWS's bucket policy for a trail (CloudTrail User Guide, "Amazon S3 bucket policy for CloudTrail").
            cli.ok(admin, "s3api", "put-bucket-policy", "--bucket", BUCKET, "--policy", """
                    {"Version":"2012-10-17","Statement":[
                      {"Sid":"AWSCloudTrailAclCheck","Effect":"Allow","Principal":{"Service":"cloudtrail.amazonaws.com"},
                       "Action":"s3:GetBucketAcl","Resource":"arn:aws:s3:::%1$s","Condition":{"StringEquals":{"aws:SourceArn":"%2$s"}}},
                      {"Sid":"AWSCloudTrailWrite","Effect":"Allow","Principal":{"Service":"cloudtrail.amazonaws.com"},
                       "Action":"s3:PutObject","Resource":"arn:aws:s3:::%1$s/AWSLogs/%3$s/*",
                       "Condition":{"StringEquals":{"s3:x-amz-acl":"bucket-owner-full-control","aws:SourceArn":"%2$s"}}}]}""".formatted(BUCKET, trailArn, account));
            cli.ok(admin, "cloudtrail", "create-trail", "--name", "audit", "--s3-bucket-name", BUCKET, "--enable-log-file-validation");
            cli.ok(admin, "cloudtrail", "create-trail", "--name", "refused", "--s3-bucket-name", "no-policy");
            cli.ok(admin, "cloudtrail", "start-logging", "--name", "audit");
            cli.ok(admin, "cloudtrail", "start-logging", "--name", "refused");
            Instant started = Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(60);
            for (int round = 0; round < 3; round++) {
                cli.ok(admin, "iam", "create-user", "--user-name", "audited-" + round);
                server.server().audit().flush();
                Thread.sleep(1_100);
                server.server().trailDelivery().runOnce();
            }
            Thread.sleep(1_100);
            server.server().trailDelivery().runOnce();
            String end = DateTimeFormatter.ISO_INSTANT.format(Instant.now().plusSeconds(60).truncatedTo(ChronoUnit.SECONDS));
            String start = DateTimeFormatter.ISO_INSTANT.format(started);

            ExternalClients.Result valid = cli.ok(admin, "cloudtrail", "validate-logs", "--trail-arn", trailArn, "--start-time", start, "--end-time", end,
                    "--verbose");
            assertThat(valid.stdout()).contains("digest files valid").contains("log files valid").doesNotContain("INVALID");
            assertThat(cli.json(admin, "cloudtrail", "get-trail-status", "--name", "refused").get("LatestDeliveryError").asText()).isEqualTo("AccessDenied");
            assertThat(cli.json(admin, "s3api", "list-objects-v2", "--bucket", "no-policy").path("Contents").size()).isZero();

            List<String> logs = keys(cli, admin, "AWSLogs/" + account + "/CloudTrail/");
            List<String> digests = keys(cli, admin, "AWSLogs/" + account + "/CloudTrail-Digest/");
            assertThat(logs).isNotEmpty();
            assertThat(digests).isNotEmpty();

            Path forged = Files.createTempFile("forged", ".json.gz");
            Files.write(forged, new byte[] {31, -117, 8, 0, 0, 0, 0, 0, 0, 3, 3, 0, 0, 0, 0, 0, 0, 0, 0, 0});
            cli.ok(admin, "s3api", "put-object", "--bucket", BUCKET, "--key", logs.get(0), "--body", forged.toString());
            ExternalClients.Result modified = cli.run(admin, "cloudtrail", "validate-logs", "--trail-arn", trailArn, "--start-time", start, "--end-time", end);
            assertThat(modified.exitCode()).isNotZero();
            assertThat(modified.stdout() + modified.stderr()).contains("INVALID").contains("hash value doesn't match");

            cli.ok(admin, "s3api", "delete-object", "--bucket", BUCKET, "--key", logs.get(0));
            ExternalClients.Result deleted = cli.run(admin, "cloudtrail", "validate-logs", "--trail-arn", trailArn, "--start-time", start, "--end-time", end);
            assertThat(deleted.exitCode()).isNotZero();
            assertThat(deleted.stdout() + deleted.stderr()).contains("INVALID").contains("not found");

            String digest = digests.get(digests.size() - 1);
            cli.ok(admin, "s3api", "put-object", "--bucket", BUCKET, "--key", digest, "--body", forged.toString(), "--metadata", "signature=00,signature-algorithm=SHA256withRSA");
            ExternalClients.Result altered = cli.run(admin, "cloudtrail", "validate-logs", "--trail-arn", trailArn, "--start-time", start, "--end-time", end);
            assertThat(altered.exitCode()).isNotZero();
            assertThat(altered.stdout() + altered.stderr()).contains("INVALID");
        }
    }

    private static List<String> keys(AwsCli cli, Map<String, String> env, String prefix) throws Exception
    {
        List<String> keys = new java.util.ArrayList<>();
        cli.json(env, "s3api", "list-objects-v2", "--bucket", BUCKET, "--prefix", prefix).path("Contents").forEach(object -> keys.add(object.get("Key").asText()));
        return keys;
    }
}
