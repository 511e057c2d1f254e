package dev.bulwark.server.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bulwark.server.http.TlsMaterial;
import dev.bulwark.server.store.StoreTarget;
import dev.bulwark.server.store.StoreTest;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudtrail.CloudTrailClient;
import software.amazon.awssdk.services.cloudtrail.model.Event;
import software.amazon.awssdk.services.cloudtrail.model.LookupAttributeKey;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.organizations.OrganizationsClient;
import software.amazon.awssdk.services.organizations.model.OrganizationFeatureSet;
import software.amazon.awssdk.services.sts.StsClient;

import javax.net.ssl.TrustManagerFactory;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.List;
import java.util.OptionalInt;

import static dev.bulwark.server.it.TestCloudTrailEventHistory.eventually;
import static dev.bulwark.server.it.TestCloudTrailEventHistory.lookup;
import static org.assertj.core.api.Assertions.assertThat;

/** Event records as real calls produce them: TLS details, cross-account copies, role sessions, and CloudTrail's own calls. */
final class TestCloudTrailRecords
{
    private static final ObjectMapper JSON = new ObjectMapper();

    @StoreTest
    void httpsCallsRecordTheNegotiatedTls(StoreTarget target) throws Exception
    {
        try (RunningServer server = RunningServer.start(target, Clock.systemUTC(), false, OptionalInt.of(0));
                CloudTrailClient trail = CloudTrailClients.cloudTrail(server, server.adminCredentials())) {
            try (StsClient sts = StsClient.builder().endpointOverride(URI.create("https://localhost:" + server.server().tlsPort())).region(Region.US_EAST_1)
                    .credentialsProvider(server.adminCredentials()).httpClient(trusting(server)).build()) {
                sts.getCallerIdentity();
            }
            JsonNode record = JSON.readTree(eventually(() -> lookup(trail, LookupAttributeKey.EVENT_NAME, "GetCallerIdentity"), events -> !events.isEmpty())
                    .get(0).cloudTrailEvent());
            assertThat(record.at("/tlsDetails/tlsVersion").asText()).matches("TLSv1\\.[23]");
            assertThat(record.at("/tlsDetails/cipherSuite").asText()).isNotEmpty();
            assertThat(record.at("/tlsDetails/clientProvidedHostHeader").asText()).isEqualTo("localhost:" + server.server().tlsPort());

            // Plain HTTP calls carry none.
            JsonNode plain = JSON.readTree(eventually(() -> lookup(trail, LookupAttributeKey.EVENT_NAME, "LookupEvents"), events -> !events.isEmpty())
                    .get(0).cloudTrailEvent());
            assertThat(plain.has("tlsDetails")).isFalse();
        }
    }

    @StoreTest
    void crossAccountCallsAreRecordedInBothAccounts(StoreTarget target) throws Exception
    {
        try (RunningServer server = RunningServer.start(target); OrganizationsClient orgs = OrgClients.organizations(server, server.adminCredentials());
                CloudTrailClient managementTrail = CloudTrailClients.cloudTrail(server, server.adminCredentials())) {
            orgs.createOrganization(b -> b.featureSet(OrganizationFeatureSet.ALL));
            String member = orgs.createAccount(b -> b.accountName("member").email("member@example.com")).createAccountStatus().accountId();
            String management = server.admin().accountId();
            AwsCredentialsProvider session = OrgClients.accessRole(server, member);

            List<Event> callerSide = eventually(() -> lookup(managementTrail, LookupAttributeKey.EVENT_NAME, "AssumeRole"), events -> !events.isEmpty());
            JsonNode callers = JSON.readTree(callerSide.get(0).cloudTrailEvent());
            assertThat(callers.at("/userIdentity/type").asText()).isEqualTo("IAMUser");
            assertThat(callers.get("recipientAccountId").asText()).isEqualTo(management);
            assertThat(callers.at("/resources/0/ARN").asText()).isEqualTo("arn:aws:iam::" + member + ":role/OrganizationAccountAccessRole");

            try (CloudTrailClient memberTrail = CloudTrailClients.cloudTrail(server, session); IamClient memberIam = server.iam(session)) {
                List<Event> ownerSide = eventually(() -> lookup(memberTrail, LookupAttributeKey.EVENT_NAME, "AssumeRole"), events -> !events.isEmpty());
                JsonNode owners = JSON.readTree(ownerSide.get(0).cloudTrailEvent());
                assertThat(owners.at("/userIdentity/type").asText()).isEqualTo("AWSAccount");
                assertThat(owners.at("/userIdentity/accountId").asText()).isEqualTo(management);
                assertThat(owners.at("/userIdentity/principalId").asText()).isEqualTo(callers.at("/userIdentity/principalId").asText());
                assertThat(owners.get("recipientAccountId").asText()).isEqualTo(member);
                assertThat(owners.get("sharedEventID").asText()).isEqualTo(callers.get("sharedEventID").asText()).isNotEmpty();
                assertThat(owners.get("eventID").asText()).isNotEqualTo(callers.get("eventID").asText());
                assertThat(ownerSide.get(0).username()).isNull();

                // The role session acting in the member account: AssumedRole with its issuer.
                memberIam.createUser(b -> b.userName("made-by-session"));
                JsonNode made = JSON.readTree(lookup(memberTrail, LookupAttributeKey.EVENT_NAME, "CreateUser").get(0).cloudTrailEvent());
                assertThat(made.at("/userIdentity/type").asText()).isEqualTo("AssumedRole");
                assertThat(made.at("/userIdentity/arn").asText()).isEqualTo("arn:aws:sts::" + member + ":assumed-role/OrganizationAccountAccessRole/admin");
                assertThat(made.at("/userIdentity/sessionContext/sessionIssuer/type").asText()).isEqualTo("Role");
                assertThat(made.at("/userIdentity/sessionContext/sessionIssuer/arn").asText())
                        .isEqualTo("arn:aws:iam::" + member + ":role/OrganizationAccountAccessRole");
                assertThat(made.at("/userIdentity/sessionContext/sessionIssuer/userName").asText()).isEqualTo("OrganizationAccountAccessRole");
                assertThat(made.at("/userIdentity/sessionContext/attributes/mfaAuthenticated").asText()).isEqualTo("false");
                assertThat(lookup(memberTrail, LookupAttributeKey.USERNAME, "admin")).extracting(Event::eventName).contains("CreateUser");
                // The management account does not see the member's own calls.
                assertThat(lookup(managementTrail, LookupAttributeKey.EVENT_NAME, "CreateUser")).isEmpty();
            }
        }
    }

    @StoreTest
    void stopLoggingIsItselfRecorded(StoreTarget target) throws Exception
    {
        try (RunningServer server = RunningServer.start(target); CloudTrailClient trail = CloudTrailClients.cloudTrail(server, server.adminCredentials())) {
            trail.createTrail(b -> b.name("watched").s3BucketName("watched-bucket"));
            trail.startLogging(b -> b.name("watched"));
            trail.stopLogging(b -> b.name("watched"));
            List<Event> stops = lookup(trail, LookupAttributeKey.EVENT_NAME, "StopLogging");
            assertThat(stops).hasSize(1);
            assertThat(stops.get(0).readOnly()).isEqualTo("false");
            assertThat(stops.get(0).eventSource()).isEqualTo("cloudtrail.amazonaws.com");
            assertThat(stops.get(0).resources()).singleElement().satisfies(resource -> {
                assertThat(resource.resourceType()).isEqualTo("AWS::CloudTrail::Trail");
                assertThat(resource.resourceName()).isEqualTo("arn:aws:cloudtrail:us-east-1:" + server.admin().accountId() + ":trail/watched");
            });
            JsonNode record = JSON.readTree(stops.get(0).cloudTrailEvent());
            assertThat(record.at("/requestParameters/name").asText()).isEqualTo("watched");
            assertThat(lookup(trail, LookupAttributeKey.RESOURCE_TYPE, "AWS::CloudTrail::Trail")).extracting(Event::eventName)
                    .contains("CreateTrail", "StartLogging", "StopLogging");
        }
    }

    private static SdkHttpClient trusting(RunningServer server) throws Exception
    {
        X509Certificate certificate;
        try (InputStream in = Files.newInputStream(server.server().config().dataDir().resolve(TlsMaterial.CERT_FILE))) {
            certificate = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        }
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("bulwark", certificate);
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(trust);
        return UrlConnectionHttpClient.builder().tlsTrustManagersProvider(factory::getTrustManagers).build();
    }
}
