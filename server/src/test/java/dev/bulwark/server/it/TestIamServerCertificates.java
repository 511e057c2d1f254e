package dev.bulwark.server.it;

import dev.bulwark.server.services.iam.TestKeyMaterial;
import dev.bulwark.server.store.StoreTarget;
import dev.bulwark.server.store.StoreTest;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.EntityAlreadyExistsException;
import software.amazon.awssdk.services.iam.model.IamException;
import software.amazon.awssdk.services.iam.model.ListServerCertificatesResponse;
import software.amazon.awssdk.services.iam.model.MalformedCertificateException;
import software.amazon.awssdk.services.iam.model.NoSuchEntityException;
import software.amazon.awssdk.services.iam.model.ServerCertificate;
import software.amazon.awssdk.services.iam.model.ServerCertificateMetadata;
import software.amazon.awssdk.services.iam.model.Tag;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

import static dev.bulwark.server.it.TestIamCredentials.assertDenied;
import static dev.bulwark.server.it.TestIamManagedPolicies.userWithKey;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Server certificates through the SDK on both stores: certificate, chain and private key checked for real (RSA and
 * EC, key must match, chain must sign in order), the key sealed and never returned, paths, renames, tags, paging,
 * AWS's wording, and authorization with the request's tags.
 */
final class TestIamServerCertificates
{
    @StoreTest
    void serverCertificatesKeepTheirChainSealTheirKeyAndAreListedRenamedAndDeleted(StoreTarget target) throws Exception
    {
        try (RunningServer server = RunningServer.start(target); IamClient iam = server.iam(server.adminCredentials())) {
            String account = server.admin().accountId();
            TestKeyMaterial.Issued root = TestKeyMaterial.selfSigned("Example Root", TestKeyMaterial.rsa(2048), Duration.ofDays(3650));
            TestKeyMaterial.Issued intermediate = TestKeyMaterial.issuedBy(root, "Example Intermediate", TestKeyMaterial.rsa(2048), Duration.ofDays(1000));
            TestKeyMaterial.Issued leaf = TestKeyMaterial.issuedBy(intermediate, "www.example.com", TestKeyMaterial.rsa(2048), Duration.ofDays(90));
            String chain = intermediate.certificatePem() + root.certificatePem();

            ServerCertificateMetadata uploaded = iam.uploadServerCertificate(b -> b.serverCertificateName("www").path("/cloudfront/")
                    .certificateBody(leaf.certificatePem()).privateKey(leaf.privateKeyPem()).certificateChain(chain)
                    .tags(Tag.builder().key("team").value("web").build())).serverCertificateMetadata();
            assertThat(uploaded.serverCertificateId()).matches("ASCA[A-Z2-7]{17}");
            assertThat(uploaded.arn()).isEqualTo("arn:aws:iam::" + account + ":server-certificate/cloudfront/www");
            assertThat(uploaded.path()).isEqualTo("/cloudfront/");
            assertThat(uploaded.expiration()).isEqualTo(leaf.certificate().getNotAfter().toInstant().truncatedTo(ChronoUnit.SECONDS));
            assertThat(uploaded.uploadDate()).isNotNull();

            ServerCertificate fetched = iam.getServerCertificate(b -> b.serverCertificateName("www")).serverCertificate();
            assertThat(fetched.serverCertificateMetadata()).isEqualTo(uploaded);
            assertThat(fetched.certificateBody()).isEqualTo(leaf.certificatePem());
            assertThat(fetched.certificateChain()).isEqualTo(chain);
            assertThat(fetched.tags()).containsExactly(Tag.builder().key("team").value("web").build());
            String stored = server.server().store().readOnly(tx -> tx.queryOne("SELECT private_key_sealed FROM iam_server_certificates",
                    row -> row.getString(1))).orElseThrow();
            String keyLine = leaf.privateKeyPem().lines().skip(1).findFirst().orElseThrow();
            assertThat(stored).doesNotContain("PRIVATE KEY").doesNotContain(keyLine);
            List<String> events = server.server().store().readOnly(tx -> tx.query(
                    "SELECT record_json FROM audit_events WHERE event_name = 'UploadServerCertificate'", row -> row.getString(1)));
            assertThat(events).as("CloudTrail records the upload without its private key").singleElement().asString()
                    .contains("\"serverCertificateName\":\"www\"").doesNotContain("PRIVATE KEY").doesNotContain(keyLine);

            TestKeyMaterial.Issued ec = TestKeyMaterial.selfSigned("api.example.com", TestKeyMaterial.ec(), Duration.ofDays(30));
            iam.uploadServerCertificate(b -> b.serverCertificateName("api").certificateBody(ec.certificatePem()).privateKey(ec.privateKeyPem()));
            iam.uploadServerCertificate(b -> b.serverCertificateName("api-pkcs8").path("/cloudfront/").certificateBody(ec.certificatePem())
                    .privateKey(ec.pkcs8PrivateKeyPem()));

            assertThatThrownBy(() -> iam.uploadServerCertificate(b -> b.serverCertificateName("api").certificateBody(ec.certificatePem())
                    .privateKey(ec.privateKeyPem())))
                    .isInstanceOfSatisfying(EntityAlreadyExistsException.class, e -> {
                        assertThat(e.statusCode()).isEqualTo(409);
                        assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("The Server Certificate with name api already exists.");
                    });

            List<String> names = new ArrayList<>();
            ListServerCertificatesResponse page = iam.listServerCertificates(b -> b.maxItems(2));
            assertThat(page.isTruncated()).isTrue();
            page.serverCertificateMetadataList().forEach(m -> names.add(m.serverCertificateName()));
            String marker = page.marker();
            page = iam.listServerCertificates(b -> b.maxItems(2).marker(marker));
            assertThat(page.isTruncated()).isFalse();
            page.serverCertificateMetadataList().forEach(m -> names.add(m.serverCertificateName()));
            assertThat(names).containsExactly("api", "api-pkcs8", "www");
            assertThat(iam.listServerCertificates(b -> b.pathPrefix("/cloudfront/")).serverCertificateMetadataList())
                    .extracting(ServerCertificateMetadata::serverCertificateName).containsExactly("api-pkcs8", "www");

            iam.updateServerCertificate(b -> b.serverCertificateName("www").newServerCertificateName("www-2026").newPath("/elb/"));
            assertThatThrownBy(() -> iam.getServerCertificate(b -> b.serverCertificateName("www")))
                    .isInstanceOfSatisfying(NoSuchEntityException.class, e -> {
                        assertThat(e.statusCode()).isEqualTo(404);
                        assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("The Server Certificate with name www cannot be found.");
                    });
            ServerCertificateMetadata renamed = iam.getServerCertificate(b -> b.serverCertificateName("www-2026")).serverCertificate().serverCertificateMetadata();
            assertThat(renamed.serverCertificateId()).isEqualTo(uploaded.serverCertificateId());
            assertThat(renamed.arn()).isEqualTo("arn:aws:iam::" + account + ":server-certificate/elb/www-2026");
            assertThatThrownBy(() -> iam.updateServerCertificate(b -> b.serverCertificateName("www-2026").newServerCertificateName("API")))
                    .as("names are unique regardless of case").isInstanceOf(EntityAlreadyExistsException.class);

            assertThatThrownBy(() -> iam.tagServerCertificate(b -> b.serverCertificateName("www-2026").tags(Tag.builder().key("a").value("1").build(),
                    Tag.builder().key("A").value("2").build())))
                    .isInstanceOfSatisfying(IamException.class, e -> {
                        assertThat(e.statusCode()).isEqualTo(400);
                        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidInput");
                    });
            iam.tagServerCertificate(b -> b.serverCertificateName("www-2026").tags(Tag.builder().key("Team").value("edge").build(),
                    Tag.builder().key("cost-center").value("42").build()));
            assertThat(iam.listServerCertificateTags(b -> b.serverCertificateName("www-2026")).tags())
                    .containsExactly(Tag.builder().key("cost-center").value("42").build(), Tag.builder().key("Team").value("edge").build());
            iam.untagServerCertificate(b -> b.serverCertificateName("www-2026").tagKeys("TEAM"));
            assertThat(iam.listServerCertificateTags(b -> b.serverCertificateName("www-2026")).tags()).extracting(Tag::key).containsExactly("cost-center");

            iam.deleteServerCertificate(b -> b.serverCertificateName("www-2026"));
            assertThatThrownBy(() -> iam.deleteServerCertificate(b -> b.serverCertificateName("www-2026"))).isInstanceOf(NoSuchEntityException.class);
            assertThat(iam.listServerCertificates().serverCertificateMetadataList()).extracting(ServerCertificateMetadata::serverCertificateName)
                    .containsExactly("api", "api-pkcs8");
            long leftTags = server.server().store().readOnly(tx -> tx.queryLong("SELECT count(*) FROM iam_tags WHERE owner_kind = 'SERVER_CERTIFICATE'"));
            assertThat(leftTags)
                    .as("a deleted certificate's tags go with it").isZero();
        }
    }

    @StoreTest
    void badBodiesKeysAndChainsAreRefusedAsMalformed(StoreTarget target) throws Exception
    {
        try (RunningServer server = RunningServer.start(target); IamClient iam = server.iam(server.adminCredentials())) {
            TestKeyMaterial.Issued root = TestKeyMaterial.selfSigned("Root", TestKeyMaterial.rsa(2048), Duration.ofDays(3650));
            TestKeyMaterial.Issued intermediate = TestKeyMaterial.issuedBy(root, "Intermediate", TestKeyMaterial.rsa(2048), Duration.ofDays(1000));
            TestKeyMaterial.Issued leaf = TestKeyMaterial.issuedBy(intermediate, "leaf.example.com", TestKeyMaterial.ec(), Duration.ofDays(90));
            String otherKey = TestKeyMaterial.traditionalPem(TestKeyMaterial.ec());

            assertMalformed(() -> iam.uploadServerCertificate(b -> b.serverCertificateName("c").certificateBody("not a certificate")
                    .privateKey(leaf.privateKeyPem())), "Unable to parse certificate. Please ensure the certificate is in PEM format.");
            assertMalformed(() -> iam.uploadServerCertificate(b -> b.serverCertificateName("c").certificateBody(leaf.certificatePem())
                    .privateKey(otherKey)), "The private key does not match the public key in the certificate.");
            assertThatThrownBy(() -> iam.uploadServerCertificate(b -> b.serverCertificateName("c").certificateBody(leaf.certificatePem())
                    .privateKey("-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----"))).isInstanceOf(MalformedCertificateException.class);
            assertThatThrownBy(() -> iam.uploadServerCertificate(b -> b.serverCertificateName("c").certificateBody(leaf.certificatePem())
                    .privateKey(leaf.privateKeyPem()).certificateChain(root.certificatePem() + intermediate.certificatePem())))
                    .as("chain out of order").isInstanceOfSatisfying(MalformedCertificateException.class, e -> {
                        assertThat(e.statusCode()).isEqualTo(400);
                        assertThat(e.awsErrorDetails().errorMessage()).startsWith("Unable to validate certificate chain. The certificate chain must start with "
                                + "the immediate signing certificate, followed by any intermediaries in order.");
                    });
            TestKeyMaterial.Issued expired = TestKeyMaterial.selfSigned("old", TestKeyMaterial.rsa(2048), Instant.now().minus(Duration.ofDays(30)),
                    Instant.now().minus(Duration.ofDays(1)));
            assertThatThrownBy(() -> iam.uploadServerCertificate(b -> b.serverCertificateName("c").certificateBody(expired.certificatePem())
                    .privateKey(expired.privateKeyPem()))).isInstanceOf(MalformedCertificateException.class);
            assertThatThrownBy(() -> iam.uploadServerCertificate(b -> b.serverCertificateName("c").path("no-slashes").certificateBody(leaf.certificatePem())
                    .privateKey(leaf.privateKeyPem()))).isInstanceOfSatisfying(IamException.class, e -> {
                        assertThat(e.statusCode()).isEqualTo(400);
                        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationError");
                        assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("1 validation error detected: Value 'no-slashes' at 'path' failed to satisfy "
                                + "constraint: Member must satisfy regular expression pattern: (\\u002F)|(\\u002F[\\u0021-\\u007E]+\\u002F)");
                    });
            assertThatThrownBy(() -> iam.uploadServerCertificate(b -> b.serverCertificateName("has space").certificateBody(leaf.certificatePem())
                    .privateKey(leaf.privateKeyPem()))).isInstanceOfSatisfying(IamException.class, e ->
                            assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationError"));
            assertThat(iam.listServerCertificates().serverCertificateMetadataList()).as("nothing was stored").isEmpty();

            iam.uploadServerCertificate(b -> b.serverCertificateName("c").certificateBody(leaf.certificatePem()).privateKey(leaf.privateKeyPem())
                    .certificateChain(intermediate.certificatePem() + root.certificatePem()));
            assertThatThrownBy(() -> iam.getServerCertificate(b -> b.serverCertificateName("nonexistent-certificate")))
                    .isInstanceOfSatisfying(NoSuchEntityException.class, e ->
                            assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("The Server Certificate with name nonexistent-certificate cannot be found."));
        }
    }

    @StoreTest
    void uploadingAndReadingNeedPermissionAndTagConditionsApply(StoreTarget target) throws Exception
    {
        try (RunningServer server = RunningServer.start(target); IamClient admin = server.iam(server.adminCredentials())) {
            String account = server.admin().accountId();
            AwsCredentialsProvider hank = userWithKey(admin, "hank");
            TestKeyMaterial.Issued certificate = TestKeyMaterial.selfSigned("hank.example.com", TestKeyMaterial.rsa(2048), Duration.ofDays(30));
            try (IamClient iam = server.iam(hank)) {
                assertDenied(() -> iam.uploadServerCertificate(b -> b.serverCertificateName("web").certificateBody(certificate.certificatePem())
                        .privateKey(certificate.privateKeyPem())), account, "iam:UploadServerCertificate", "server-certificate/web");
                denied(iam::listServerCertificates, "iam:ListServerCertificates");

                admin.putUserPolicy(b -> b.userName("hank").policyName("web-certificates").policyDocument("""
                        {"Version":"2012-10-17","Statement":[
                          {"Effect":"Allow","Action":"iam:UploadServerCertificate","Resource":"arn:aws:iam::*:server-certificate/*",
                           "Condition":{"StringEquals":{"aws:RequestTag/team":"web"}}},
                          {"Effect":"Allow","Action":["iam:GetServerCertificate","iam:ListServerCertificates"],"Resource":"*"}]}"""));
                denied(() -> iam.uploadServerCertificate(b -> b.serverCertificateName("web").certificateBody(certificate.certificatePem())
                        .privateKey(certificate.privateKeyPem())), "iam:UploadServerCertificate");
                denied(() -> iam.uploadServerCertificate(b -> b.serverCertificateName("web").certificateBody(certificate.certificatePem())
                        .privateKey(certificate.privateKeyPem()).tags(Tag.builder().key("team").value("ops").build())), "iam:UploadServerCertificate");
                iam.uploadServerCertificate(b -> b.serverCertificateName("web").certificateBody(certificate.certificatePem())
                        .privateKey(certificate.privateKeyPem()).tags(Tag.builder().key("team").value("web").build()));
                assertThat(iam.getServerCertificate(b -> b.serverCertificateName("web")).serverCertificate().certificateBody())
                        .isEqualTo(certificate.certificatePem());
                assertThat(iam.listServerCertificates().serverCertificateMetadataList()).hasSize(1);
                assertDenied(() -> iam.deleteServerCertificate(b -> b.serverCertificateName("web")), account, "iam:DeleteServerCertificate",
                        "server-certificate/web");
                assertDenied(() -> iam.tagServerCertificate(b -> b.serverCertificateName("web").tags(Tag.builder().key("a").value("b").build())), account,
                        "iam:TagServerCertificate", "server-certificate/web");

                admin.putUserPolicy(b -> b.userName("hank").policyName("delete-web-team").policyDocument("""
                        {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"iam:DeleteServerCertificate","Resource":"*",
                         "Condition":{"StringEquals":{"aws:ResourceTag/team":"web"}}}]}"""));
                admin.uploadServerCertificate(b -> b.serverCertificateName("ops").certificateBody(certificate.certificatePem())
                        .privateKey(certificate.privateKeyPem()).tags(Tag.builder().key("team").value("ops").build()));
                denied(() -> iam.deleteServerCertificate(b -> b.serverCertificateName("ops")), "iam:DeleteServerCertificate");
                iam.deleteServerCertificate(b -> b.serverCertificateName("web"));
                assertThat(admin.listServerCertificates().serverCertificateMetadataList()).extracting(ServerCertificateMetadata::serverCertificateName)
                        .containsExactly("ops");
            }
        }
    }

    private static void assertMalformed(org.assertj.core.api.ThrowableAssert.ThrowingCallable call, String message)
    {
        assertThatThrownBy(call).isInstanceOfSatisfying(MalformedCertificateException.class, e -> {
            assertThat(e.statusCode()).isEqualTo(400);
            assertThat(e.awsErrorDetails().errorCode()).isEqualTo("MalformedCertificate");
            assertThat(e.awsErrorDetails().errorMessage()).isEqualTo(message);
        });
    }

    static void denied(org.assertj.core.api.ThrowableAssert.ThrowingCallable call, String action)
    {
        assertThatThrownBy(call).isInstanceOfSatisfying(IamException.class, e -> {
            assertThat(e.statusCode()).isEqualTo(403);
            assertThat(e.awsErrorDetails().errorMessage()).contains("is not authorized to perform: " + action + " ");
        });
    }
}
