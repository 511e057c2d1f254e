package dev.bulwark.server.it;

import dev.bulwark.server.http.TlsMaterial;
import dev.bulwark.server.store.StoreTarget;
import dev.bulwark.server.store.StoreTest;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.IamException;
import software.amazon.awssdk.services.sts.StsClient;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.OptionalInt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The HTTP front (health, HTTPS, 100-continue, size limit) and dev mode (unknown keys, reset). */
final class TestFrontAndDevMode
{
    @StoreTest
    void healthAnswersWithoutAuthenticationAndResetsAreHiddenOutsideDevMode(StoreTarget target) throws Exception
    {
        try (RunningServer server = RunningServer.start(target)) {
            HttpClient http = HttpClient.newHttpClient();
            HttpResponse<String> health = http.send(HttpRequest.newBuilder(server.endpoint().resolve("/_bulwark/health")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(health.statusCode()).isEqualTo(200);
            assertThat(health.body()).contains("\"status\":\"ok\"").contains("\"devMode\":false");
            HttpResponse<String> reset = http.send(HttpRequest.newBuilder(server.endpoint().resolve("/_bulwark/reset"))
                    .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(reset.statusCode()).isEqualTo(404);
            HttpResponse<String> motoReset = http.send(HttpRequest.newBuilder(server.endpoint().resolve("/moto-api/reset"))
                    .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(motoReset.statusCode()).isNotEqualTo(200);
            assertThat(motoReset.body()).doesNotContain("\"reset\"");
            try (IamClient iam = server.iam(server.adminCredentials())) {
                assertThat(iam.getUser(b -> b.userName("admin")).user().userName()).isEqualTo("admin");
            }
        }
    }

    @StoreTest
    void devModeTreatsUnknownKeysAsTheDefaultRootButStillChecksKnownKeys(StoreTarget target) throws Exception
    {
        try (RunningServer server = RunningServer.start(target, Clock.systemUTC(), true, OptionalInt.empty())) {
            try (StsClient sts = server.sts(RunningServer.credentials("test", "test")); IamClient iam = server.iam(RunningServer.credentials("test", "test"))) {
                assertThat(sts.getCallerIdentity().arn()).isEqualTo("arn:aws:iam::123456789012:root");
                iam.createUser(b -> b.userName("from-a-localstack-suite"));
                assertThat(iam.getUser(b -> b.userName("from-a-localstack-suite")).user().arn())
                        .isEqualTo("arn:aws:iam::123456789012:user/from-a-localstack-suite");
            }
            try (StsClient wrong = server.sts(RunningServer.credentials(server.admin().accessKeyId(), "wrong"))) {
                assertThatThrownBy(wrong::getCallerIdentity).isInstanceOfSatisfying(software.amazon.awssdk.services.sts.model.StsException.class,
                        e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("SignatureDoesNotMatch"));
            }
            HttpResponse<String> reset = HttpClient.newHttpClient().send(HttpRequest.newBuilder(server.endpoint().resolve("/_bulwark/reset"))
                    .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(reset.statusCode()).isEqualTo(200);
            try (IamClient iam = server.iam(RunningServer.credentials("test", "test"))) {
                assertThatThrownBy(() -> iam.getUser(b -> b.userName("from-a-localstack-suite")))
                        .isInstanceOfSatisfying(IamException.class, e -> assertThat(e.statusCode()).isEqualTo(404));
                iam.attachUserPolicy(b -> b.userName(iam.createUser(c -> c.userName("again")).user().userName())
                        .policyArn("arn:aws:iam::aws:policy/AdministratorAccess"));
            }
        }
    }

    @StoreTest
    void motoResetPathIsAnAliasOfTheResetOnlyInDevMode(StoreTarget target) throws Exception
    {
        HttpClient http = HttpClient.newHttpClient();
        try (RunningServer server = RunningServer.start(target, Clock.systemUTC(), true, OptionalInt.empty())) {
            try (IamClient iam = server.iam(RunningServer.credentials("test", "test"))) {
                iam.createUser(b -> b.userName("from-a-moto-suite"));
            }
            HttpResponse<String> reset = http.send(HttpRequest.newBuilder(server.endpoint().resolve("/moto-api/reset"))
                    .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(reset.statusCode()).isEqualTo(200);
            assertThat(reset.body()).contains("\"reset\":true");
            try (IamClient iam = server.iam(RunningServer.credentials("test", "test"))) {
                assertThatThrownBy(() -> iam.getUser(b -> b.userName("from-a-moto-suite")))
                        .isInstanceOfSatisfying(IamException.class, e -> assertThat(e.statusCode()).isEqualTo(404));
            }
        }
    }

    @StoreTest
    void httpsListenerServesTheSdkWithTheSelfSignedCertificate(StoreTarget target) throws Exception
    {
        try (RunningServer server = RunningServer.start(target, Clock.systemUTC(), false, OptionalInt.of(0))) {
            X509Certificate certificate;
            try (InputStream in = Files.newInputStream(server.server().config().dataDir().resolve(TlsMaterial.CERT_FILE))) {
                certificate = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
            }
            KeyStore trust = KeyStore.getInstance("PKCS12");
            trust.load(null, null);
            trust.setCertificateEntry("bulwark", certificate);
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(trust);
            SdkHttpClient http = UrlConnectionHttpClient.builder().tlsTrustManagersProvider(factory::getTrustManagers).build();
            try (StsClient sts = StsClient.builder()
                    .endpointOverride(URI.create("https://localhost:" + server.server().tlsPort()))
                    .region(Region.US_EAST_1)
                    .credentialsProvider(server.adminCredentials())
                    .httpClient(http)
                    .build()) {
                assertThat(sts.getCallerIdentity().arn()).isEqualTo(server.admin().adminArn());
            }
        }
    }

    @StoreTest
    void expectContinueAndOversizedBodies(StoreTarget target) throws Exception
    {
        try (RunningServer server = RunningServer.start(target, Clock.systemUTC(), config -> config.withMaxBodyBytes(4096))) {
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            HttpResponse<String> continued = http.send(HttpRequest.newBuilder(server.endpoint().resolve("/"))
                    .expectContinue(true)
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString("Action=GetCallerIdentity&Version=2011-06-15"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(continued.statusCode()).isEqualTo(403);
            assertThat(continued.body()).contains("MissingAuthenticationToken");

            byte[] huge = new byte[4097];
            HttpResponse<String> tooLarge = http.send(HttpRequest.newBuilder(server.endpoint().resolve("/"))
                    .POST(HttpRequest.BodyPublishers.ofByteArray(huge))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(tooLarge.statusCode()).isEqualTo(413);
        }
    }
}
