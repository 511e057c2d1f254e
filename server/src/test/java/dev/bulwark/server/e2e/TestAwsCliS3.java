package dev.bulwark.server.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bulwark.server.it.RunningServer;
import dev.bulwark.server.store.StoreKind;
import dev.bulwark.server.store.StoreKinds;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * S3 with the stock AWS CLI: AWS's coffee-shop example (a cashier may list the receipts bucket and nothing else,
 * whether the permission is the user's or the Cashiers group's; a public bucket policy is refused while Block
 * Public Access is on), then large files (the CLI switches to multipart above 8 MiB), sync and presigned URLs.
 */
final class TestAwsCliS3
{
    private static final String LIST_RECEIPTS = """
            {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:ListBucket","Resource":"arn:aws:s3:::awsdoc-example-bucket"}]}""";

    @BeforeAll
    static void requireCli()
    {
        ExternalClients.requireTool(List.of("aws", "--version"), "the AWS CLI");
    }

    @Test
    void coffeeShopCashierListsOnlyTheReceiptsBucket() throws Exception
    {
        try (RunningServer server = RunningServer.start(StoreKinds.freshTarget(StoreKind.SQLITE))) {
            AwsCli cli = new AwsCli(server);
            Map<String, String> admin = cli.keys(server.admin().accessKeyId(), server.admin().secretAccessKey());
            Path receipt = Files.createTempFile("receipt", ".txt");
            Files.writeString(receipt, "1 latte, 1 croissant");
            cli.ok(admin, "s3", "mb", "s3://awsdoc-example-bucket");
            cli.ok(admin, "s3", "mb", "s3://payroll-data");
            cli.ok(admin, "s3", "cp", receipt.toString(), "s3://awsdoc-example-bucket/2026/11/receipt-001.txt");
            cli.ok(admin, "s3", "cp", receipt.toString(), "s3://payroll-data/salaries.csv");

            cli.ok(admin, "iam", "create-user", "--user-name", "cashier");
            cli.ok(admin, "iam", "put-user-policy", "--user-name", "cashier", "--policy-name", "list-receipts", "--policy-document", LIST_RECEIPTS);
            JsonNode key = cli.json(admin, "iam", "create-access-key", "--user-name", "cashier").get("AccessKey");
            Map<String, String> cashier = cli.keys(key.get("AccessKeyId").asText(), key.get("SecretAccessKey").asText());
            cashierCanListReceiptsOnly(cli, cashier);

            // The same permission through the Cashiers group instead of the user.
            cli.ok(admin, "iam", "delete-user-policy", "--user-name", "cashier", "--policy-name", "list-receipts");
            assertDenied(cli.run(cashier, "s3", "ls", "s3://awsdoc-example-bucket"));
            cli.ok(admin, "iam", "create-group", "--group-name", "Cashiers");
            cli.ok(admin, "iam", "put-group-policy", "--group-name", "Cashiers", "--policy-name", "list-receipts", "--policy-document", LIST_RECEIPTS);
            cli.ok(admin, "iam", "add-user-to-group", "--user-name", "cashier", "--group-name", "Cashiers");
            cashierCanListReceiptsOnly(cli, cashier);

            // Making the bucket public by policy is refused while Block Public Access is on.
            String publicPolicy = """
                    {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::awsdoc-example-bucket/*"}]}""";
            assertDenied(cli.run(admin, "s3api", "put-bucket-policy", "--bucket", "awsdoc-example-bucket", "--policy", publicPolicy));
            JsonNode block = cli.json(admin, "s3api", "get-public-access-block", "--bucket", "awsdoc-example-bucket");
            assertThat(block.at("/PublicAccessBlockConfiguration/BlockPublicPolicy").asBoolean()).isTrue();
            ExternalClients.Result status = cli.run(admin, "s3api", "get-bucket-policy-status", "--bucket", "awsdoc-example-bucket");
            assertThat(status.stderr()).contains("(NoSuchBucketPolicy)");
        }
    }

    private static void cashierCanListReceiptsOnly(AwsCli cli, Map<String, String> cashier)
    {
        assertThat(cli.ok(cashier, "s3", "ls", "s3://awsdoc-example-bucket", "--recursive").stdout()).contains("2026/11/receipt-001.txt");
        assertDenied(cli.run(cashier, "s3", "ls"));
        assertDenied(cli.run(cashier, "s3", "ls", "s3://payroll-data"));
        assertDenied(cli.run(cashier, "s3api", "get-object", "--bucket", "payroll-data", "--key", "salaries.csv", "/dev/null"));
        assertDenied(cli.run(cashier, "s3api", "get-object", "--bucket", "awsdoc-example-bucket", "--key", "2026/11/receipt-001.txt", "/dev/null"));
    }

    private static void assertDenied(ExternalClients.Result result)
    {
        assertThat(result.exitCode()).as(result.stdout() + result.stderr()).isNotZero();
        assertThat(result.stderr()).contains("AccessDenied");
    }

    @Test
    void largeFilesSyncAndPresignedUrls() throws Exception
    {
        try (RunningServer server = RunningServer.start(StoreKinds.freshTarget(StoreKind.SQLITE))) {
            AwsCli cli = new AwsCli(server);
            Map<String, String> admin = cli.keys(server.admin().accessKeyId(), server.admin().secretAccessKey());
            Path work = Files.createTempDirectory("bulwark-s3-cli");
            byte[] data = new byte[50 * 1024 * 1024];
            new Random(50).nextBytes(data);
            byte[] marker = "COFFEE-PLAINTEXT-MARKER".getBytes(StandardCharsets.US_ASCII);
            for (int at = 0; at + marker.length < data.length; at += 4 * 1024 * 1024) {
                System.arraycopy(marker, 0, data, at, marker.length);
            }
            Path big = work.resolve("big.bin");
            Files.write(big, data);
            cli.ok(admin, "s3", "mb", "s3://media");

            long start = System.nanoTime();
            cli.ok(admin, "s3", "cp", big.toString(), "s3://media/big.bin");
            long uploaded = System.nanoTime();
            JsonNode head = cli.json(admin, "s3api", "head-object", "--bucket", "media", "--key", "big.bin");
            assertThat(head.get("ContentLength").asLong()).isEqualTo(data.length);
            assertThat(head.get("ETag").asText()).endsWith("-7\"");
            assertThat(head.get("ServerSideEncryption").asText()).isEqualTo("AES256");
            Path down = work.resolve("down.bin");
            long downStart = System.nanoTime();
            cli.ok(admin, "s3", "cp", "s3://media/big.bin", down.toString());
            long downloaded = System.nanoTime();
            assertThat(sha256(Files.readAllBytes(down))).isEqualTo(sha256(data));
            System.out.printf("aws s3 cp 50 MiB: up %d ms, down %d ms%n", (uploaded - start) / 1_000_000, (downloaded - downStart) / 1_000_000);

            try (Stream<Path> files = Files.walk(server.server().config().dataDir().resolve("s3").resolve("data"))) {
                List<Path> stored = files.filter(Files::isRegularFile).toList();
                assertThat(stored).hasSizeGreaterThanOrEqualTo(7);
                for (Path file : stored) {
                    assertThat(new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1)).doesNotContain("COFFEE-PLAINTEXT-MARKER");
                }
            }

            Path site = Files.createDirectories(work.resolve("site"));
            Files.writeString(site.resolve("index.html"), "<h1>menu</h1>");
            Files.createDirectories(site.resolve("css"));
            Files.writeString(site.resolve("css/site.css"), "h1{}");
            assertThat(cli.ok(admin, "s3", "sync", site.toString(), "s3://media/site/").stdout()).contains("upload:").contains("css/site.css");
            assertThat(cli.ok(admin, "s3", "sync", site.toString(), "s3://media/site/").stdout()).doesNotContain("upload:");
            Files.writeString(site.resolve("index.html"), "<h1>new menu</h1>");
            assertThat(cli.ok(admin, "s3", "sync", site.toString(), "s3://media/site/").stdout()).contains("index.html").doesNotContain("site.css");
            Path mirror = work.resolve("mirror");
            cli.ok(admin, "s3", "sync", "s3://media/site/", mirror.toString());
            assertThat(Files.readString(mirror.resolve("index.html"))).isEqualTo("<h1>new menu</h1>");

            String url = cli.ok(admin, "s3", "presign", "s3://media/site/index.html", "--expires-in", "300").stdout().trim();
            HttpResponse<String> fetched = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(fetched.statusCode()).isEqualTo(200);
            assertThat(fetched.body()).isEqualTo("<h1>new menu</h1>");
            HttpResponse<String> tampered = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url.replace("index.html", "css/site.css"))).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(tampered.statusCode()).isEqualTo(403);
        }
    }

    private static String sha256(byte[] data) throws Exception
    {
        return java.util.HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
    }
}
