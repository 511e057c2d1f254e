package dev.bulwark.server.e2e;

import dev.bulwark.server.it.RunningServer;
import dev.bulwark.server.services.cloudtrail.delivery.DirectorySink;
import dev.bulwark.server.services.cloudtrail.delivery.TrailDelivery;
import dev.bulwark.server.store.StoreTarget;
import dev.bulwark.server.store.StoreTest;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudtrail.CloudTrailClient;
import software.amazon.awssdk.services.iam.IamClient;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Log files and digests a trail delivers pass the stock AWS CLI's own validation code (its digest traverser, RSA
 * signature check and chain following, with ListPublicKeys answered by Bulwark); a modified log, a deleted log and an
 * altered digest are each reported. S3 is stood in for by the directory sink until Bulwark has S3.
 */
final class TestCloudTrailLogValidation
{
    private static final String BUCKET = "audit-logs";

    @StoreTest
    void theAwsCliValidatorAcceptsDeliveredLogsAndCatchesTampering(StoreTarget target) throws Exception
    {
        ExternalClients.requireTool(List.of("python3", "-c", "import awscli.customizations.cloudtrail.validation, botocore, dateutil"),
                "Python with the AWS CLI");
        Path root = Files.createTempDirectory("bulwark-trail-sink");
        DirectorySink sink = new DirectorySink(root);
        sink.createBucket(BUCKET);
        Instant started = Instant.now().minusSeconds(5);
        TrailDelivery.Settings settings = new TrailDelivery.Settings(Duration.ofHours(1), Duration.ofSeconds(1), Duration.ZERO);
        try (RunningServer server = RunningServer.start(target, sink, settings); IamClient iam = server.iam(server.adminCredentials());
                CloudTrailClient cloudTrail = cloudTrail(server)) {
            String trailArn = cloudTrail.createTrail(b -> b.name("org-audit").s3BucketName(BUCKET).s3KeyPrefix("audit").enableLogFileValidation(true))
                    .trailARN();
            cloudTrail.startLogging(b -> b.name("org-audit"));
            for (int round = 0; round < 3; round++) {
                int n = round;
                iam.createUser(b -> b.userName("validated-" + n));
                iam.listUsers();
                server.server().audit().flush();
                Thread.sleep(1_100);
                server.server().trailDelivery().runOnce();
            }
            List<Path> logs = objects(root, "/CloudTrail/");
            List<Path> digests = objects(root, "/CloudTrail-Digest/");
            assertThat(logs).isNotEmpty();
            assertThat(digests).hasSizeGreaterThanOrEqualTo(2);
            assertThat(logs.get(0).toString()).matches(".*/audit/AWSLogs/\\d{12}/CloudTrail/us-east-1/\\d{4}/\\d{2}/\\d{2}/"
                    + "\\d{12}_CloudTrail_us-east-1_\\d{8}T\\d{4}Z_[A-Za-z0-9]{16}\\.json\\.gz");
            assertThat(digests.get(0).toString()).matches(".*/audit/AWSLogs/\\d{12}/CloudTrail-Digest/us-east-1/\\d{4}/\\d{2}/\\d{2}/"
                    + "\\d{12}_CloudTrail-Digest_us-east-1_org-audit_us-east-1_\\d{8}T\\d{6}Z\\.json\\.gz");
            assertThat(gunzip(Files.readAllBytes(logs.get(0)))).startsWith("{\"Records\":[");

            Map<String, String> env = Map.of(
                    "BULWARK_ENDPOINT", server.endpoint().toString(),
                    "ADMIN_KEY", server.admin().accessKeyId(),
                    "ADMIN_SECRET", server.admin().secretAccessKey(),
                    "ROOT", root.toString(),
                    "TRAIL_ARN", trailArn,
                    "BUCKET", BUCKET,
                    "PREFIX", "audit",
                    "ACCOUNT", server.admin().accountId(),
                    "REGION", "us-east-1",
                    "START", started.toString());
            Path script = root.resolve("cloudtrail_validate.py");
            try (var in = TestCloudTrailLogValidation.class.getResourceAsStream("/e2e/cloudtrail_validate.py")) {
                Files.copy(in, script);
            }
            ExternalClients.Result clean = ExternalClients.run(List.of("python3", script.toString()), env, root);
            assertThat(clean.exitCode()).as(clean.stdout() + clean.stderr()).isZero();
            assertThat(clean.stdout()).contains("Digest file\ts3://" + BUCKET + "/audit/AWSLogs/").doesNotContain("INVALID");
            assertThat(validCount(clean.stdout(), "Digest file")).isEqualTo(digests.size());
            assertThat(validCount(clean.stdout(), "Log file")).isEqualTo(logs.size());

            // A modified log file: its SHA-256 no longer matches the digest.
            Path victim = logs.get(0);
            byte[] original = Files.readAllBytes(victim);
            Files.write(victim, gzip(gunzip(original).replace("validated-", "tampered--")));
            ExternalClients.Result modified = ExternalClients.run(List.of("python3", script.toString()), env, root);
            assertThat(modified.exitCode()).isEqualTo(1);
            assertThat(modified.stdout()).contains("Log file\ts3://" + BUCKET + "/" + key(root, victim) + "\tINVALID: hash value doesn't match");

            // A deleted log file.
            Files.delete(victim);
            ExternalClients.Result deleted = ExternalClients.run(List.of("python3", script.toString()), env, root);
            assertThat(deleted.exitCode()).isEqualTo(1);
            assertThat(deleted.stdout()).contains("Log file\ts3://" + BUCKET + "/" + key(root, victim) + "\tINVALID: not found");
            Files.write(victim, original);

            // An altered digest: its signature no longer verifies.
            Path digest = digests.get(digests.size() - 1);
            byte[] originalDigest = Files.readAllBytes(digest);
            Files.write(digest, gzip(gunzip(originalDigest).replace("\"SHA-256\"", "\"SHA-256\" ")));
            ExternalClients.Result altered = ExternalClients.run(List.of("python3", script.toString()), env, root);
            assertThat(altered.exitCode()).isEqualTo(1);
            assertThat(altered.stdout()).contains("Digest file\ts3://" + BUCKET + "/" + key(root, digest) + "\tINVALID: signature verification failed");
            Files.write(digest, originalDigest);

            ExternalClients.Result restored = ExternalClients.run(List.of("python3", script.toString()), env, root);
            assertThat(restored.exitCode()).as(restored.stdout()).isZero();
        }
    }

    private static CloudTrailClient cloudTrail(RunningServer server)
    {
        return CloudTrailClient.builder()
                .endpointOverride(server.endpoint())
                .region(Region.US_EAST_1)
                .credentialsProvider(server.adminCredentials())
                .httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(ClientOverrideConfiguration.builder().retryStrategy(b -> b.maxAttempts(1)).build())
                .build();
    }

    private static List<Path> objects(Path root, String kind) throws IOException
    {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(Files::isRegularFile)
                    .filter(path -> path.toString().endsWith(".json.gz") && path.toString().contains(kind))
                    .sorted()
                    .toList();
        }
    }

    private static String key(Path root, Path object)
    {
        return root.resolve(BUCKET).relativize(object).toString();
    }

    private static long validCount(String output, String kind)
    {
        return output.lines().filter(line -> line.startsWith(kind + "\t") && line.endsWith("\tvalid")).count();
    }

    private static String gunzip(byte[] bytes) throws IOException
    {
        try (GZIPInputStream in = new GZIPInputStream(new java.io.ByteArrayInputStream(bytes))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static byte[] gzip(String text) throws IOException
    {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
            gzip.write(text.getBytes(StandardCharsets.UTF_8));
        }
        return out.toByteArray();
    }
}
