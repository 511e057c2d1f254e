package dev.bulwark.server.it;

import dev.bulwark.server.store.StoreTarget;
import dev.bulwark.server.store.StoreTest;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AccessKey;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ObjectCannedACL;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.ServerSideEncryption;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;
import software.amazon.awssdk.services.s3control.S3ControlClient;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * S3 authorization through the policy engine: identity policies with S3 condition keys, bucket policies (deny
 * applies to the owner too, cross-account needs both sides, anonymous only by policy), Block Public Access at
 * bucket and account level, ACLs disabled by default, SSE-KMS refused until KMS is wired, presigned URLs.
 */
final class TestS3Access
{
    private static final String PUBLIC_READ = """
            {"Version":"2012-10-17","Statement":[{"Sid":"PublicRead","Effect":"Allow","Principal":"*","Action":"s3:GetObject",
             "Resource":"arn:aws:s3:::menu-board/*"}]}""";

    @StoreTest
    void identityPoliciesDecideWithS3ConditionKeys(StoreTarget target) throws Exception
    {
        try (RunningServer server = RunningServer.start(target); S3Client admin = S3Clients.s3(server, server.adminCredentials());
                IamClient iam = server.iam(server.adminCredentials())) {
            admin.createBucket(b -> b.bucket("awsdoc-example-bucket"));
            admin.createBucket(b -> b.bucket("payroll"));
            admin.putObject(b -> b.bucket("awsdoc-example-bucket").key("home/alice/r1").tagging("visibility=shared"), RequestBody.fromString("r1"));
            admin.putObject(b -> b.bucket("awsdoc-example-bucket").key("home/bob/r2"), RequestBody.fromString("r2"));
            iam.createUser(b -> b.userName("alice"));
            iam.putUserPolicy(b -> b.userName("alice").policyName("home").policyDocument("""
                    {"Version":"2012-10-17","Statement":[
                     {"Effect":"Allow","Action":"s3:ListBucket","Resource":"arn:aws:s3:::awsdoc-example-bucket",
                      "Condition":{"StringLike":{"s3:prefix":["home/${aws:username}/*"]}}},
                     {"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::awsdoc-example-bucket/*",
                      "Condition":{"StringEquals":{"s3:ExistingObjectTag/visibility":"shared"}}},
                     {"Effect":"Allow","Action":"s3:PutObject","Resource":"arn:aws:s3:::awsdoc-example-bucket/home/alice/*",
                      "Condition":{"StringEquals":{"s3:x-amz-server-side-encryption":"AES256"}}}]}"""));
            AccessKey key = iam.createAccessKey(b -> b.userName("alice")).accessKey();
            try (S3Client alice = S3Clients.s3(server, key)) {
                assertThat(alice.listObjectsV2(b -> b.bucket("awsdoc-example-bucket").prefix("home/alice/")).contents()).hasSize(1);
                assertDenied(() -> alice.listObjectsV2(b -> b.bucket("awsdoc-example-bucket").prefix("home/bob/")));
                assertDenied(() -> alice.listObjectsV2(b -> b.bucket("awsdoc-example-bucket")));
                assertDenied(() -> alice.listObjectsV2(b -> b.bucket("payroll")));
                assertDenied(alice::listBuckets);
                assertThat(alice.getObjectAsBytes(b -> b.bucket("awsdoc-example-bucket").key("home/alice/r1")).asUtf8String()).isEqualTo("r1");
                assertDenied(() -> alice.getObjectAsBytes(b -> b.bucket("awsdoc-example-bucket").key("home/bob/r2")));
                alice.putObject(b -> b.bucket("awsdoc-example-bucket").key("home/alice/r3").serverSideEncryption(ServerSideEncryption.AES256),
                        RequestBody.fromString("r3"));
                assertDenied(() -> alice.putObject(b -> b.bucket("awsdoc-example-bucket").key("home/alice/r4"), RequestBody.fromString("r4")));
            }
        }
    }

    @StoreTest
    void bucketPoliciesBlockPublicAccessAndAnonymousCallers(StoreTarget target) throws Exception
    {
        try (RunningServer server = RunningServer.start(target); S3Client admin = S3Clients.s3(server, server.adminCredentials());
                S3Client anonymous = S3Clients.anonymous(server);
                S3ControlClient control = S3Clients.s3control(server, server.adminCredentials())) {
            String account = server.admin().accountId();
            admin.createBucket(b -> b.bucket("menu-board"));
            admin.putObject(b -> b.bucket("menu-board").key("today.txt"), RequestBody.fromString("espresso 2.50"));
            assertDenied(() -> anonymous.getObjectAsBytes(b -> b.bucket("menu-board").key("today.txt")));

            // A public policy is refused while Block Public Access is on (the default for new buckets).
            assertDenied(() -> admin.putBucketPolicy(b -> b.bucket("menu-board").policy(PUBLIC_READ)));
            assertThatThrownBy(() -> admin.putBucketPolicy(b -> b.bucket("menu-board").policy(PUBLIC_READ.replace("menu-board/*", "other-bucket/*"))))
                    .isInstanceOfSatisfying(S3Exception.class, e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("MalformedPolicy"));
            admin.deletePublicAccessBlock(b -> b.bucket("menu-board"));
            admin.putBucketPolicy(b -> b.bucket("menu-board").policy(PUBLIC_READ));
            assertThat(admin.getBucketPolicyStatus(b -> b.bucket("menu-board")).policyStatus().isPublic()).isTrue();
            assertThat(anonymous.getObjectAsBytes(b -> b.bucket("menu-board").key("today.txt")).asUtf8String()).isEqualTo("espresso 2.50");
            assertDenied(() -> anonymous.listObjectsV2(b -> b.bucket("menu-board")));
            assertDenied(() -> anonymous.putObject(b -> b.bucket("menu-board").key("x"), RequestBody.fromString("x")));
            assertThat(virtualHostedGet(server, "menu-board", "/today.txt")).startsWith("HTTP/1.1 200").endsWith("espresso 2.50");

            // The account-level setting (s3control) restricts the public policy to the owner's account.
            control.putPublicAccessBlock(b -> b.accountId(account).publicAccessBlockConfiguration(c -> c.restrictPublicBuckets(true)));
            assertThat(control.getPublicAccessBlock(b -> b.accountId(account)).publicAccessBlockConfiguration().restrictPublicBuckets()).isTrue();
            assertDenied(() -> anonymous.getObjectAsBytes(b -> b.bucket("menu-board").key("today.txt")));
            assertThat(admin.getObjectAsBytes(b -> b.bucket("menu-board").key("today.txt")).asUtf8String()).isEqualTo("espresso 2.50");
            control.deletePublicAccessBlock(b -> b.accountId(account));
            assertThat(anonymous.getObjectAsBytes(b -> b.bucket("menu-board").key("today.txt")).asUtf8String()).isEqualTo("espresso 2.50");

            // A policy limited to a CIDR is not public; a deny binds the owner's own administrator.
            admin.putBucketPolicy(b -> b.bucket("menu-board").policy("""
                    {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::menu-board/*",
                     "Condition":{"IpAddress":{"aws:SourceIp":"10.0.0.0/8"}}},
                     {"Effect":"Deny","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::menu-board/*",
                     "Condition":{"Bool":{"aws:SecureTransport":"false"}}}]}"""));
            assertThat(admin.getBucketPolicyStatus(b -> b.bucket("menu-board")).policyStatus().isPublic()).isFalse();
            assertDenied(() -> admin.getObjectAsBytes(b -> b.bucket("menu-board").key("today.txt")));
            assertDenied(() -> anonymous.getObjectAsBytes(b -> b.bucket("menu-board").key("today.txt")));
            admin.deleteBucketPolicy(b -> b.bucket("menu-board"));
            assertThat(admin.getObjectAsBytes(b -> b.bucket("menu-board").key("today.txt")).asUtf8String()).isEqualTo("espresso 2.50");

            // ACLs are disabled (BucketOwnerEnforced); SSE-KMS waits for KMS.
            assertThatThrownBy(() -> admin.putObject(b -> b.bucket("menu-board").key("acl").acl(ObjectCannedACL.PUBLIC_READ), RequestBody.fromString("x")))
                    .isInstanceOfSatisfying(S3Exception.class, e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("AccessControlListNotSupported"));
            assertThatThrownBy(() -> admin.putObject(b -> b.bucket("menu-board").key("kms").serverSideEncryption(ServerSideEncryption.AWS_KMS)
                    .ssekmsKeyId("alias/menu"), RequestBody.fromString("x")))
                    .isInstanceOfSatisfying(S3Exception.class, e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("KMS.NotFoundException"));
        }
    }

    @StoreTest
    void crossAccountAccessNeedsBothTheBucketPolicyAndTheCallersIdentityPolicy(StoreTarget target) throws Exception
    {
        try (RunningServer server = RunningServer.start(target); S3Client admin = S3Clients.s3(server, server.adminCredentials());
                var orgs = OrgClients.organizations(server, server.adminCredentials())) {
            orgs.createOrganization(b -> b.featureSet("ALL"));
            String other = orgs.createAccount(b -> b.accountName("partner").email("partner@example.com")).createAccountStatus().accountId();
            AwsCredentialsProvider partnerAdmin = OrgClients.accessRole(server, other);
            AccessKey partnerUser;
            try (IamClient partnerIam = server.iam(partnerAdmin)) {
                partnerIam.createUser(b -> b.userName("reader"));
                partnerUser = partnerIam.createAccessKey(b -> b.userName("reader")).accessKey();
            }
            admin.createBucket(b -> b.bucket("supplier-invoices"));
            admin.putObject(b -> b.bucket("supplier-invoices").key("march.pdf"), RequestBody.fromString("invoice"));
            try (S3Client partner = S3Clients.s3(server, partnerAdmin); S3Client reader = S3Clients.s3(server, partnerUser)) {
                assertDenied(() -> partner.getObjectAsBytes(b -> b.bucket("supplier-invoices").key("march.pdf")));
                admin.putBucketPolicy(b -> b.bucket("supplier-invoices").policy("""
                        {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::%s:root"},"Action":"s3:GetObject",
                         "Resource":"arn:aws:s3:::supplier-invoices/*"}]}""".formatted(other)));
                assertThat(admin.getBucketPolicyStatus(b -> b.bucket("supplier-invoices")).policyStatus().isPublic()).isFalse();
                assertThat(partner.getObjectAsBytes(b -> b.bucket("supplier-invoices").key("march.pdf")).asUtf8String()).isEqualTo("invoice");
                // The bucket policy trusts the account, but the account has not given its user any permission.
                assertDenied(() -> reader.getObjectAsBytes(b -> b.bucket("supplier-invoices").key("march.pdf")));
                assertDenied(() -> partner.putObject(b -> b.bucket("supplier-invoices").key("x"), RequestBody.fromString("x")));
            }
        }
    }

    @StoreTest
    void presignedUrlsWorkUntilTheyExpire(StoreTarget target) throws Exception
    {
        try (RunningServer server = RunningServer.start(target); S3Client admin = S3Clients.s3(server, server.adminCredentials());
                S3Presigner presigner = S3Presigner.builder().endpointOverride(server.endpoint()).region(software.amazon.awssdk.regions.Region.US_EAST_1)
                        .credentialsProvider(server.adminCredentials())
                        .serviceConfiguration(software.amazon.awssdk.services.s3.S3Configuration.builder().pathStyleAccessEnabled(true).build()).build()) {
            admin.createBucket(b -> b.bucket("shared-links"));
            HttpClient http = HttpClient.newHttpClient();
            URI put = presigner.presignPutObject(b -> b.signatureDuration(Duration.ofMinutes(5)).putObjectRequest(p -> p.bucket("shared-links").key("up.txt")))
                    .url().toURI();
            assertThat(http.send(HttpRequest.newBuilder(put).PUT(HttpRequest.BodyPublishers.ofString("uploaded")).build(),
                    HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
            URI get = presigner.presignGetObject(b -> b.signatureDuration(Duration.ofMinutes(5)).getObjectRequest(g -> g.bucket("shared-links").key("up.txt")))
                    .url().toURI();
            HttpResponse<String> fetched = http.send(HttpRequest.newBuilder(get).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(fetched.statusCode()).isEqualTo(200);
            assertThat(fetched.body()).isEqualTo("uploaded");

            URI shortLived = presigner.presignGetObject(b -> b.signatureDuration(Duration.ofSeconds(1))
                    .getObjectRequest(g -> g.bucket("shared-links").key("up.txt"))).url().toURI();
            Thread.sleep(2100);
            HttpResponse<String> expired = http.send(HttpRequest.newBuilder(shortLived).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(expired.statusCode()).isEqualTo(403);
            assertThat(expired.body()).contains("<Code>AccessDenied</Code>").contains("Request has expired");
        }
    }

    @StoreTest
    void cannedAclsGrantWhereOwnershipAndBlockPublicAccessAllowThem(StoreTarget target) throws Exception
    {
        try (RunningServer server = RunningServer.start(target); S3Client admin = S3Clients.s3(server, server.adminCredentials());
                S3Client anonymous = S3Clients.anonymous(server)) {
            admin.createBucket(b -> b.bucket("legacy-site"));
            assertThatThrownBy(() -> admin.putBucketAcl(b -> b.bucket("legacy-site").acl(software.amazon.awssdk.services.s3.model.BucketCannedACL.PUBLIC_READ)))
                    .isInstanceOfSatisfying(S3Exception.class, e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("AccessControlListNotSupported"));
            admin.putBucketOwnershipControls(b -> b.bucket("legacy-site").ownershipControls(o -> o.rules(r -> r.objectOwnership("ObjectWriter"))));
            // ACLs are enabled now, but Block Public Access still refuses public ones.
            assertDenied(() -> admin.putObject(b -> b.bucket("legacy-site").key("index.html").acl(ObjectCannedACL.PUBLIC_READ), RequestBody.fromString("hi")));
            admin.deletePublicAccessBlock(b -> b.bucket("legacy-site"));
            admin.putObject(b -> b.bucket("legacy-site").key("index.html").acl(ObjectCannedACL.PUBLIC_READ), RequestBody.fromString("hi"));
            admin.putObject(b -> b.bucket("legacy-site").key("private.html"), RequestBody.fromString("secret"));
            assertThat(admin.getObjectAcl(b -> b.bucket("legacy-site").key("index.html")).grants()).extracting(g -> g.permissionAsString())
                    .containsExactly("FULL_CONTROL", "READ");
            assertThat(anonymous.getObjectAsBytes(b -> b.bucket("legacy-site").key("index.html")).asUtf8String()).isEqualTo("hi");
            assertDenied(() -> anonymous.getObjectAsBytes(b -> b.bucket("legacy-site").key("private.html")));
            assertDenied(() -> anonymous.listObjectsV2(b -> b.bucket("legacy-site")));
            admin.putBucketAcl(b -> b.bucket("legacy-site").acl(software.amazon.awssdk.services.s3.model.BucketCannedACL.PUBLIC_READ));
            assertThat(anonymous.listObjectsV2(b -> b.bucket("legacy-site")).contents()).hasSize(2);

            // IgnorePublicAcls makes the public grants count for nothing, without changing them.
            admin.putPublicAccessBlock(b -> b.bucket("legacy-site").publicAccessBlockConfiguration(c -> c.ignorePublicAcls(true)));
            assertDenied(() -> anonymous.getObjectAsBytes(b -> b.bucket("legacy-site").key("index.html")));
            assertDenied(() -> anonymous.listObjectsV2(b -> b.bucket("legacy-site")));
        }
    }

    @StoreTest
    void devModeTakesUnknownKeysAsTheDefaultAccountsRootAndStillDecodesChunkedUploads(StoreTarget target) throws Exception
    {
        try (RunningServer server = RunningServer.start(target, java.time.Clock.systemUTC(), true, java.util.OptionalInt.empty());
                S3Client dev = S3Clients.s3(server, RunningServer.credentials("test", "test"))) {
            dev.createBucket(b -> b.bucket("dev-bucket"));
            byte[] data = new byte[300_000];
            new java.util.Random(3).nextBytes(data);
            dev.putObject(b -> b.bucket("dev-bucket").key("blob"), RequestBody.fromBytes(data));
            assertThat(dev.getObjectAsBytes(b -> b.bucket("dev-bucket").key("blob")).asByteArray()).isEqualTo(data);
            // Keys the server issued are still verified in dev mode.
            try (S3Client forged = S3Clients.s3(server, RunningServer.credentials(server.admin().accessKeyId(), "wrong-secret"))) {
                assertThatThrownBy(() -> forged.listBuckets()).isInstanceOfSatisfying(S3Exception.class,
                        e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("SignatureDoesNotMatch"));
            }
            try (S3Presigner forged = S3Presigner.builder().endpointOverride(server.endpoint()).region(software.amazon.awssdk.regions.Region.US_EAST_1)
                    .credentialsProvider(RunningServer.credentials(server.admin().accessKeyId(), "wrong-secret"))
                    .serviceConfiguration(software.amazon.awssdk.services.s3.S3Configuration.builder().pathStyleAccessEnabled(true).build()).build()) {
                URI url = forged.presignGetObject(b -> b.signatureDuration(Duration.ofMinutes(5)).getObjectRequest(g -> g.bucket("dev-bucket").key("blob")))
                        .url().toURI();
                HttpResponse<String> refused = HttpClient.newHttpClient().send(HttpRequest.newBuilder(url).build(), HttpResponse.BodyHandlers.ofString());
                // S3 tells the client what it should have signed, so a mismatch can be diagnosed.
                assertThat(refused.statusCode()).isEqualTo(403);
                assertThat(refused.body()).contains("<Code>SignatureDoesNotMatch</Code>").contains("<StringToSign>AWS4-HMAC-SHA256")
                        .contains("<CanonicalRequest>GET");
            }
        }
    }

    private static void assertDenied(org.assertj.core.api.ThrowableAssert.ThrowingCallable call)
    {
        assertThatThrownBy(call).isInstanceOfSatisfying(S3Exception.class, e -> {
            assertThat(e.statusCode()).isEqualTo(403);
            assertThat(e.awsErrorDetails().errorCode()).isEqualTo("AccessDenied");
            assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("Access Denied");
        });
    }

    /** An unsigned GET addressed virtual-hosted style ({@code Host: <bucket>.localhost}), as a browser would send it. */
    private static String virtualHostedGet(RunningServer server, String bucket, String path) throws Exception
    {
        try (Socket socket = new Socket("127.0.0.1", server.server().port())) {
            OutputStream out = socket.getOutputStream();
            out.write(("GET " + path + " HTTP/1.1\r\nHost: " + bucket + ".localhost:" + server.server().port() + "\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
