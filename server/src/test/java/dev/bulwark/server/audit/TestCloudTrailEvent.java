package dev.bulwark.server.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bulwark.server.auth.Caller;
import dev.bulwark.server.services.iam.model.Role;
import dev.bulwark.server.services.iam.model.RoleSession;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.services.iam.model.AccessKey;
import software.amazon.awssdk.services.iam.model.CreateAccessKeyRequest;
import software.amazon.awssdk.services.iam.model.CreateAccessKeyResponse;

import java.time.Instant;
import java.util.List;
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

    private static CloudTrailEvent event(Caller caller, SdkPojo request, SdkPojo response)
    {
        return new CloudTrailEvent("e-1", NOW, Optional.of(caller), caller.accessKeyId(), "iam", "CreateAccessKey", "us-east-1",
                "127.0.0.1", "aws-cli/1.45.11", Optional.of(request), Optional.ofNullable(response), Optional.empty(), Optional.empty(),
                "r-1", false, caller.accountId(), Optional.empty());
    }
}
