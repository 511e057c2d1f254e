package dev.bulwark.server.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bulwark.server.auth.Caller;
import dev.bulwark.server.auth.FederatedIdentity;
import dev.bulwark.server.services.iam.model.User;
import dev.bulwark.server.services.iam.model.UserSession;
import dev.bulwark.server.services.iam.model.Role;
import dev.bulwark.server.services.iam.model.RoleSession;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.services.iam.model.AccessKey;
import software.amazon.awssdk.services.iam.model.CreateAccessKeyRequest;
import software.amazon.awssdk.services.iam.model.CreateAccessKeyResponse;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** The CloudTrail record's shape: userIdentity per principal type, camel-case parameters, secrets left out. */
final class TestCloudTrailEvent
{
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant NOW = Instant.parse("2026-11-23T10:15:30.123Z");

    @Test
    void iamUserEventLeavesTheSecretKeyOutOfResponseElements() throws Exception
    {
        Caller alice = Caller.user("111122223333", "arn:aws:iam::111122223333:user/alice", "AIDAEXAMPLEEXAMPLE01", "alice", "AKIAEXAMPLEEXAMPLE01");
        JsonNode record = JSON.readTree(event(alice, CreateAccessKeyRequest.builder().userName("bob").build(),
                CreateAccessKeyResponse.builder().accessKey(AccessKey.builder().userName("bob").accessKeyId("AKIABOBEXAMPLE000001")
                        .secretAccessKey("wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY").status("Active").build()).build()).toJson());

        assertThat(record.get("eventVersion").asText()).isEqualTo("1.11");
        assertThat(record.get("eventTime").asText()).isEqualTo("2026-11-23T10:15:30Z");
        assertThat(record.at("/userIdentity/type").asText()).isEqualTo("IAMUser");
        assertThat(record.at("/userIdentity/userName").asText()).isEqualTo("alice");
        assertThat(record.at("/requestParameters/userName").asText()).isEqualTo("bob");
        assertThat(record.at("/responseElements/accessKey/accessKeyId").asText()).isEqualTo("AKIABOBEXAMPLE000001");
        assertThat(record.toString()).doesNotContain("wJalrXUtnFEMI").doesNotContainIgnoringCase("secretAccessKey");
    }

    @Test
    void assumedRoleEventCarriesTheSessionContext() throws Exception
    {
        Role role = new Role("111122223333", "Deployer", "/", "AROAEXAMPLEEXAMPLE01", NOW.minusSeconds(3600), "{}", null, 3600, null);
        RoleSession session = new RoleSession("ASIAEXAMPLEEXAMPLE01", "secret", "token", role, "ci-run", null, List.of(), null, NOW.minusSeconds(60), NOW.plusSeconds(3540));
        JsonNode identity = JSON.readTree(event(Caller.assumedRole(session), CreateAccessKeyRequest.builder().build(), null).toJson()).get("userIdentity");

        assertThat(identity.get("type").asText()).isEqualTo("AssumedRole");
        assertThat(identity.get("arn").asText()).isEqualTo("arn:aws:sts::111122223333:assumed-role/Deployer/ci-run");
        assertThat(identity.get("principalId").asText()).isEqualTo("AROAEXAMPLEEXAMPLE01:ci-run");
        assertThat(identity.at("/sessionContext/sessionIssuer/arn").asText()).isEqualTo("arn:aws:iam::111122223333:role/Deployer");
        assertThat(identity.at("/sessionContext/sessionIssuer/userName").asText()).isEqualTo("Deployer");
        assertThat(identity.at("/sessionContext/attributes/creationDate").asText()).isEqualTo("2026-11-23T10:14:30Z");
        assertThat(identity.at("/sessionContext/attributes/mfaAuthenticated").asText()).isEqualTo("false");
    }

    @Test
    void rootEventNamesTheAccountAndLooksUpAsRoot() throws Exception
    {
        CloudTrailEvent event = event(Caller.root("111122223333", Optional.of("AKIAROOTEXAMPLE00001")), CreateAccessKeyRequest.builder().build(), null);
        JsonNode identity = JSON.readTree(event.toJson()).get("userIdentity");

        assertThat(identity.get("type").asText()).isEqualTo("Root");
        assertThat(identity.get("principalId").asText()).isEqualTo("111122223333");
        assertThat(identity.get("arn").asText()).isEqualTo("arn:aws:iam::111122223333:root");
        assertThat(identity.get("accountId").asText()).isEqualTo("111122223333");
        assertThat(identity.get("accessKeyId").asText()).isEqualTo("AKIAROOTEXAMPLE00001");
        assertThat(identity.has("userName")).isFalse();
        assertThat(event.lookupUsername()).contains("root");
        assertThat(event.lookupAccessKeyId()).contains("AKIAROOTEXAMPLE00001");
    }

    @Test
    void iamUserLooksUpByNameAndKey() throws Exception
    {
        Caller alice = Caller.user("111122223333", "arn:aws:iam::111122223333:user/alice", "AIDAEXAMPLEEXAMPLE01", "alice", "AKIAEXAMPLEEXAMPLE01");
        CloudTrailEvent event = event(alice, CreateAccessKeyRequest.builder().build(), null);
        JsonNode identity = JSON.readTree(event.toJson()).get("userIdentity");

        assertThat(identity.get("principalId").asText()).isEqualTo("AIDAEXAMPLEEXAMPLE01");
        assertThat(identity.get("arn").asText()).isEqualTo("arn:aws:iam::111122223333:user/alice");
        assertThat(identity.get("accessKeyId").asText()).isEqualTo("AKIAEXAMPLEEXAMPLE01");
        assertThat(identity.has("sessionContext")).isFalse();
        assertThat(event.lookupUsername()).contains("alice");
    }

    @Test
    void assumedRoleWithMfaAndSourceIdentityLooksUpBySessionName() throws Exception
    {
        Role role = new Role("111122223333", "Deployer", "/", "AROAEXAMPLEEXAMPLE01", NOW.minusSeconds(3600), "{}", null, 3600, null);
        RoleSession session = new RoleSession("ASIAEXAMPLEEXAMPLE02", "secret", "token", role, "release", null, List.of(), "alice@example.com",
                NOW.minusSeconds(60), NOW.plusSeconds(3540), NOW.minusSeconds(60));
        CloudTrailEvent event = event(Caller.assumedRole(session), CreateAccessKeyRequest.builder().build(), null);
        JsonNode identity = JSON.readTree(event.toJson()).get("userIdentity");

        assertThat(identity.at("/sessionContext/attributes/mfaAuthenticated").asText()).isEqualTo("true");
        assertThat(identity.at("/sessionContext/sessionIssuer/type").asText()).isEqualTo("Role");
        assertThat(identity.at("/sessionContext/sessionIssuer/principalId").asText()).isEqualTo("AROAEXAMPLEEXAMPLE01");
        assertThat(identity.at("/sessionContext/sessionIssuer/accountId").asText()).isEqualTo("111122223333");
        assertThat(identity.at("/sessionContext/sourceIdentity").asText()).isEqualTo("alice@example.com");
        assertThat(identity.get("accessKeyId").asText()).isEqualTo("ASIAEXAMPLEEXAMPLE02");
        assertThat(event.lookupUsername()).contains("release");
    }

    @Test
    void federatedUserIsIssuedByTheIamUserWhoseKeysAskedForIt() throws Exception
    {
        User bob = new User("111122223333", "bob", "/", "AIDABOBEXAMPLE000001", NOW.minusSeconds(86400), null);
        UserSession session = new UserSession("ASIAFEDEXAMPLE000001", "secret", "token", "111122223333", bob, "contractor", null, List.of(), null,
                NOW.minusSeconds(30), NOW.plusSeconds(3600));
        CloudTrailEvent event = event(Caller.of(session), CreateAccessKeyRequest.builder().build(), null);
        JsonNode identity = JSON.readTree(event.toJson()).get("userIdentity");

        assertThat(identity.get("type").asText()).isEqualTo("FederatedUser");
        assertThat(identity.get("arn").asText()).isEqualTo("arn:aws:sts::111122223333:federated-user/contractor");
        assertThat(identity.get("principalId").asText()).isEqualTo("111122223333:contractor");
        assertThat(identity.at("/sessionContext/sessionIssuer/type").asText()).isEqualTo("IAMUser");
        assertThat(identity.at("/sessionContext/sessionIssuer/userName").asText()).isEqualTo("bob");
        assertThat(identity.at("/sessionContext/sessionIssuer/principalId").asText()).isEqualTo("AIDABOBEXAMPLE000001");
        assertThat(identity.at("/sessionContext/attributes/mfaAuthenticated").asText()).isEqualTo("false");
        assertThat(identity.at("/sessionContext/attributes/creationDate").asText()).isEqualTo("2026-11-23T10:15:00Z");
        assertThat(event.lookupUsername()).contains("contractor");
    }

    @Test
    void webIdentityAndSamlUsersNameTheirProvider() throws Exception
    {
        FederatedIdentity web = new FederatedIdentity("accounts.example.com", "https://accounts.example.com", "user-42", "app-7", Map.of(),
                "arn:aws:iam::111122223333:role/Web", Optional.of("web"), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
        JsonNode webIdentity = JSON.readTree(event(Caller.federated(Caller.PrincipalKind.WEB_IDENTITY_USER, "111122223333", web),
                CreateAccessKeyRequest.builder().build(), null).toJson()).get("userIdentity");
        assertThat(webIdentity.get("type").asText()).isEqualTo("WebIdentityUser");
        assertThat(webIdentity.get("principalId").asText()).isEqualTo("accounts.example.com:app-7:user-42");
        assertThat(webIdentity.get("userName").asText()).isEqualTo("user-42");
        assertThat(webIdentity.get("identityProvider").asText()).isEqualTo("accounts.example.com");
        assertThat(webIdentity.has("arn")).isFalse();

        FederatedIdentity saml = new FederatedIdentity("arn:aws:iam::111122223333:saml-provider/Corp", "https://idp.example.com", "jdoe", "https://signin.aws.amazon.com/saml",
                Map.of(), "arn:aws:iam::111122223333:role/Saml", Optional.of("jdoe"), Optional.empty(), Optional.of("persistent"),
                Optional.of("QualifierExample="), Optional.empty());
        CloudTrailEvent samlEvent = event(Caller.federated(Caller.PrincipalKind.SAML_USER, "111122223333", saml), CreateAccessKeyRequest.builder().build(), null);
        JsonNode samlIdentity = JSON.readTree(samlEvent.toJson()).get("userIdentity");
        assertThat(samlIdentity.get("type").asText()).isEqualTo("SAMLUser");
        assertThat(samlIdentity.get("principalId").asText()).isEqualTo("QualifierExample=:jdoe");
        assertThat(samlIdentity.get("identityProvider").asText()).isEqualTo("QualifierExample=");
        assertThat(samlEvent.lookupUsername()).contains("jdoe");
    }

    @Test
    void resourceOwnersCopyShowsTheCallerAsAnotherAccount() throws Exception
    {
        Caller alice = Caller.user("111122223333", "arn:aws:iam::111122223333:user/alice", "AIDAEXAMPLEEXAMPLE01", "alice", "AKIAEXAMPLEEXAMPLE01");
        EventResource role = EventResource.fromArn("arn:aws:iam::444455556666:role/Shared").orElseThrow();
        CloudTrailEvent callers = new CloudTrailEvent("e-1", NOW, Optional.of(alice), alice.accessKeyId(), "sts", "AssumeRole", "us-east-1", "127.0.0.1",
                "aws-cli/1.45.11", Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), "r-1", true, "111122223333", Optional.empty(),
                List.of(role), Optional.of("shared-1"), false);
        CloudTrailEvent owners = callers.forResourceOwner("444455556666", "e-2");
        JsonNode callerRecord = JSON.readTree(callers.toJson());
        JsonNode ownerRecord = JSON.readTree(owners.toJson());

        assertThat(callerRecord.at("/userIdentity/type").asText()).isEqualTo("IAMUser");
        assertThat(ownerRecord.at("/userIdentity/type").asText()).isEqualTo("AWSAccount");
        assertThat(ownerRecord.at("/userIdentity/accountId").asText()).isEqualTo("111122223333");
        assertThat(ownerRecord.at("/userIdentity/principalId").asText()).isEqualTo("AIDAEXAMPLEEXAMPLE01");
        assertThat(ownerRecord.at("/userIdentity").has("accessKeyId")).isFalse();
        assertThat(ownerRecord.get("recipientAccountId").asText()).isEqualTo("444455556666");
        assertThat(ownerRecord.get("eventID").asText()).isEqualTo("e-2");
        assertThat(callerRecord.get("sharedEventID").asText()).isEqualTo("shared-1");
        assertThat(ownerRecord.get("sharedEventID").asText()).isEqualTo("shared-1");
        assertThat(ownerRecord.at("/resources/0/type").asText()).isEqualTo("AWS::IAM::Role");
        assertThat(ownerRecord.at("/resources/0/accountId").asText()).isEqualTo("444455556666");
        assertThat(owners.lookupUsername()).isEmpty();
        assertThat(owners.lookupAccessKeyId()).isEmpty();
    }

    @Test
    void httpsCallsCarryTlsDetailsAndEveryRecordItsCategory() throws Exception
    {
        Caller alice = Caller.user("111122223333", "arn:aws:iam::111122223333:user/alice", "AIDAEXAMPLEEXAMPLE01", "alice", "AKIAEXAMPLEEXAMPLE01");
        CloudTrailEvent event = new CloudTrailEvent("e-1", NOW, Optional.of(alice), alice.accessKeyId(), "iam", "ListUsers", "us-east-1", "127.0.0.1",
                "aws-cli/1.45.11", Optional.empty(), Optional.empty(), Optional.of("AccessDenied"), Optional.of("denied"), "r-1", true, "111122223333",
                Optional.of(new TlsDetails("TLSv1.3", "TLS_AES_128_GCM_SHA256", "iam.example.com")));
        JsonNode record = JSON.readTree(event.toJson());

        assertThat(record.at("/tlsDetails/tlsVersion").asText()).isEqualTo("TLSv1.3");
        assertThat(record.at("/tlsDetails/cipherSuite").asText()).isEqualTo("TLS_AES_128_GCM_SHA256");
        assertThat(record.at("/tlsDetails/clientProvidedHostHeader").asText()).isEqualTo("iam.example.com");
        assertThat(record.get("eventCategory").asText()).isEqualTo("Management");
        assertThat(record.get("managementEvent").asBoolean()).isTrue();
        assertThat(record.get("readOnly").asBoolean()).isTrue();
        assertThat(record.get("errorCode").asText()).isEqualTo("AccessDenied");
        assertThat(record.get("errorMessage").asText()).isEqualTo("denied");
        assertThat(record.get("recipientAccountId").asText()).isEqualTo("111122223333");
        assertThat(record.has("resources")).isFalse();
        assertThat(TlsDetails.cloudTrailCipherName("TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256")).isEqualTo("ECDHE-RSA-AES128-GCM-SHA256");
        assertThat(TlsDetails.cloudTrailCipherName("TLS_AES_256_GCM_SHA384")).isEqualTo("TLS_AES_256_GCM_SHA384");
    }

    @Test
    void secretsAreLeftOutOfRequestsAndResponses() throws Exception
    {
        Caller alice = Caller.user("111122223333", "arn:aws:iam::111122223333:user/alice", "AIDAEXAMPLEEXAMPLE01", "alice", "AKIAEXAMPLEEXAMPLE01");
        JsonNode login = JSON.readTree(event(alice, software.amazon.awssdk.services.iam.model.CreateLoginProfileRequest.builder().userName("bob")
                .password("Sup3r-Secret!").passwordResetRequired(true).build(), null).toJson());
        assertThat(login.at("/requestParameters/userName").asText()).isEqualTo("bob");
        assertThat(login.at("/requestParameters").has("password")).isFalse();
        assertThat(login.toString()).doesNotContain("Sup3r-Secret!");

        JsonNode session = JSON.readTree(event(alice, software.amazon.awssdk.services.sts.model.GetSessionTokenRequest.builder().build(),
                software.amazon.awssdk.services.sts.model.GetSessionTokenResponse.builder().credentials(c -> c.accessKeyId("ASIATEMPEXAMPLE00001")
                        .secretAccessKey("tempSecretValue").sessionToken("tokenValue").expiration(NOW)).build()).toJson());
        assertThat(session.at("/responseElements/credentials/accessKeyId").asText()).isEqualTo("ASIATEMPEXAMPLE00001");
        assertThat(session.toString()).doesNotContain("tempSecretValue").doesNotContain("tokenValue");
    }

    @Test
    void resourcesAreTypedFromTheirArns()
    {
        assertThat(EventResource.fromArn("arn:aws:iam::111122223333:user/dev/alice")).hasValueSatisfying(resource -> {
            assertThat(resource.type()).isEqualTo("AWS::IAM::User");
            assertThat(resource.name()).isEqualTo("alice");
            assertThat(resource.accountId()).isEqualTo("111122223333");
        });
        assertThat(EventResource.fromArn("arn:aws:iam::aws:policy/ReadOnlyAccess")).hasValueSatisfying(resource -> {
            assertThat(resource.type()).isEqualTo("AWS::IAM::Policy");
            assertThat(resource.accountId()).isEmpty();
        });
        assertThat(EventResource.fromArn("arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab")).hasValueSatisfying(resource -> {
            assertThat(resource.type()).isEqualTo("AWS::KMS::Key");
            assertThat(resource.name()).isEqualTo("arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab");
        });
        assertThat(EventResource.fromArn("arn:aws:s3:::my-bucket")).map(EventResource::type).contains("AWS::S3::Bucket");
        assertThat(EventResource.fromArn("arn:aws:s3:::my-bucket/key.txt")).map(EventResource::type).contains("AWS::S3::Object");
        assertThat(EventResource.fromArn("arn:aws:cloudtrail:us-east-1:111122223333:trail/main")).map(EventResource::type).contains("AWS::CloudTrail::Trail");
        assertThat(EventResource.fromArn("arn:aws:iam::111122223333:saml-provider/Corp")).map(EventResource::type).contains("AWS::IAM::SamlProvider");
        assertThat(EventResource.fromArn("*")).isEmpty();
        assertThat(EventResource.fromArn("arn:aws:iam::111122223333:user/*")).isEmpty();
    }

    private static CloudTrailEvent event(Caller caller, SdkPojo request, SdkPojo response)
    {
        return new CloudTrailEvent("e-1", NOW, Optional.of(caller), caller.accessKeyId(), "iam", "CreateAccessKey", "us-east-1",
                "127.0.0.1", "aws-cli/1.45.11", Optional.of(request), Optional.ofNullable(response), Optional.empty(), Optional.empty(),
                "r-1", false, caller.accountId(), Optional.empty());
    }
}
