package dev.bulwark.server.it;

import dev.bulwark.server.audit.AuditRecord;
import dev.bulwark.server.audit.AuditStore;
import dev.bulwark.server.store.StoreTarget;
import dev.bulwark.server.store.StoreTest;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.AssumeRoleWithSamlResponse;
import software.amazon.awssdk.services.sts.model.IdpRejectedClaimException;
import software.amazon.awssdk.services.sts.model.InvalidIdentityTokenException;
import software.amazon.awssdk.services.sts.model.StsException;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * STS AssumeRoleWithSAML end to end: a SAML provider registered with the IdP's metadata, responses signed with the
 * JDK's XML DSig, the SDK calling STS unsigned, and the role's trust policy deciding on {@code saml:*} keys.
 */
final class TestSamlFederation
{
    static final String AWS = "https://signin.aws.amazon.com/saml";

    private static String trust(String providerArn)
    {
        return """
                {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Federated":"%s"},"Action":"sts:AssumeRoleWithSAML",
                  "Condition":{"StringEquals":{"saml:aud":"https://signin.aws.amazon.com/saml","saml:iss":"%s"},"StringLike":{"saml:sub":"alice*"}}}]}"""
                .formatted(providerArn, LocalIdentityProvider.SAML_ENTITY_ID);
    }

    private record Fixture(String account, String providerArn, String roleArn, String rolePair) {}

    private static Fixture setUp(IamClient iam, LocalIdentityProvider idp, String account) throws Exception
    {
        String metadata = idp.samlMetadata();
        String providerArn = iam.createSAMLProvider(b -> b.name("Corp").samlMetadataDocument(metadata)).samlProviderArn();
        iam.createRole(b -> b.roleName("Analyst").assumeRolePolicyDocument(trust(providerArn)));
        iam.attachRolePolicy(b -> b.roleName("Analyst").policyArn("arn:aws:iam::aws:policy/ReadOnlyAccess"));
        String roleArn = "arn:aws:iam::" + account + ":role/Analyst";
        return new Fixture(account, providerArn, roleArn, roleArn + "," + providerArn);
    }

    private static LocalIdentityProvider.Assertion assertion(String subject, List<String> roles, String sessionName)
    {
        return new LocalIdentityProvider.Assertion(subject, roles, sessionName, Instant.now().plus(Duration.ofMinutes(5)), AWS, AWS);
    }

    @StoreTest
    void signedResponseAssumesTheRoleNamedInItsRoleAttribute(StoreTarget target, @TempDir Path dir) throws Exception
    {
        try (RunningServer server = RunningServer.start(target); IamClient iam = server.iam(server.adminCredentials());
                LocalIdentityProvider idp = LocalIdentityProvider.start(dir.resolve("idp")); StsClient sts = server.sts(AnonymousCredentialsProvider.create())) {
            Fixture f = setUp(iam, idp, server.admin().accountId());
            String response = idp.samlResponse(assertion("alice@example.com", List.of("arn:aws:iam::" + f.account() + ":role/Other," + f.providerArn(),
                    f.providerArn() + "," + f.roleArn()), "alice"));
            AssumeRoleWithSamlResponse result = sts.assumeRoleWithSAML(b -> b.roleArn(f.roleArn()).principalArn(f.providerArn()).samlAssertion(response));
            assertThat(result.assumedRoleUser().arn()).isEqualTo("arn:aws:sts::" + f.account() + ":assumed-role/Analyst/alice");
            assertThat(result.subject()).isEqualTo("alice@example.com");
            assertThat(result.subjectType()).isEqualTo("persistent");
            assertThat(result.issuer()).isEqualTo(LocalIdentityProvider.SAML_ENTITY_ID);
            assertThat(result.audience()).isEqualTo(AWS);
            String expectedQualifier = Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-1")
                    .digest((LocalIdentityProvider.SAML_ENTITY_ID + f.account() + "/Corp").getBytes(StandardCharsets.UTF_8)));
            assertThat(result.nameQualifier()).isEqualTo(expectedQualifier);

            var session = StaticCredentialsProvider.create(AwsSessionCredentials.create(result.credentials().accessKeyId(),
                    result.credentials().secretAccessKey(), result.credentials().sessionToken()));
            try (StsClient asSession = server.sts(session)) {
                assertThat(asSession.getCallerIdentity().arn()).isEqualTo(result.assumedRoleUser().arn());
            }

            server.server().audit().flush();
            List<AuditRecord> events = server.server().store().readOnly(tx -> new AuditStore().recent(tx, f.account(), 100));
            assertThat(events).filteredOn(event -> event.eventName().equals("AssumeRoleWithSAML")).singleElement()
                    .satisfies(event -> assertThat(event.json()).contains("\"type\":\"SAMLUser\"").contains("\"userName\":\"alice@example.com\"")
                            .contains("\"identityProvider\":\"" + expectedQualifier + "\"").doesNotContain(response));
        }
    }

    @StoreTest
    void forgedTamperedExpiredOrMisdirectedResponsesAreRefused(StoreTarget target, @TempDir Path dir) throws Exception
    {
        try (RunningServer server = RunningServer.start(target); IamClient iam = server.iam(server.adminCredentials());
                LocalIdentityProvider idp = LocalIdentityProvider.start(dir.resolve("idp")); StsClient sts = server.sts(AnonymousCredentialsProvider.create())) {
            Fixture f = setUp(iam, idp, server.admin().accountId());
            LocalIdentityProvider.Assertion good = assertion("alice", List.of(f.rolePair()), "alice");

            String forged = idp.samlResponse(good, LocalIdentityProvider.rsaKeyPair().getPrivate(), false);
            assertThatThrownBy(() -> sts.assumeRoleWithSAML(b -> b.roleArn(f.roleArn()).principalArn(f.providerArn()).samlAssertion(forged)))
                    .isInstanceOfSatisfying(InvalidIdentityTokenException.class, e -> assertThat(e.statusCode()).isEqualTo(400));
            String tampered = idp.tamperedSamlResponse(good);
            assertThatThrownBy(() -> sts.assumeRoleWithSAML(b -> b.roleArn(f.roleArn()).principalArn(f.providerArn()).samlAssertion(tampered)))
                    .isInstanceOf(InvalidIdentityTokenException.class);
            String expired = idp.samlResponse(new LocalIdentityProvider.Assertion("alice", List.of(f.rolePair()), "alice",
                    Instant.now().minus(Duration.ofMinutes(1)), AWS, AWS));
            assertThatThrownBy(() -> sts.assumeRoleWithSAML(b -> b.roleArn(f.roleArn()).principalArn(f.providerArn()).samlAssertion(expired)))
                    .isInstanceOf(InvalidIdentityTokenException.class);
            String otherAudience = idp.samlResponse(good.withAudience("https://app.example.com"));
            assertThatThrownBy(() -> sts.assumeRoleWithSAML(b -> b.roleArn(f.roleArn()).principalArn(f.providerArn()).samlAssertion(otherAudience)))
                    .isInstanceOf(InvalidIdentityTokenException.class);
            assertThatThrownBy(() -> sts.assumeRoleWithSAML(b -> b.roleArn(f.roleArn()).principalArn(f.providerArn())
                    .samlAssertion(Base64.getEncoder().encodeToString("<not-saml/>".getBytes(StandardCharsets.UTF_8)))))
                    .isInstanceOf(InvalidIdentityTokenException.class);
            // Signature wrapping: the signed assertion stays (its signature still verifies) next to a forged one.
            String signedXml = new String(Base64.getDecoder().decode(idp.samlResponse(good)), StandardCharsets.UTF_8);
            int start = signedXml.indexOf("<saml:Assertion");
            String forgedAssertion = signedXml.substring(start, signedXml.indexOf("</saml:Assertion>") + "</saml:Assertion>".length())
                    .replace("ID=\"_a1\"", "ID=\"_evil\"").replace(">alice<", ">alice-admin<");
            String wrapped = Base64.getEncoder().encodeToString((signedXml.substring(0, start) + forgedAssertion + signedXml.substring(start))
                    .getBytes(StandardCharsets.UTF_8));
            assertThatThrownBy(() -> sts.assumeRoleWithSAML(b -> b.roleArn(f.roleArn()).principalArn(f.providerArn()).samlAssertion(wrapped)))
                    .isInstanceOf(InvalidIdentityTokenException.class);
            String missingProvider = f.providerArn().replace("/Corp", "/Nope");
            String valid = idp.samlResponse(good);
            assertThatThrownBy(() -> sts.assumeRoleWithSAML(b -> b.roleArn(f.roleArn()).principalArn(missingProvider).samlAssertion(valid)))
                    .isInstanceOf(InvalidIdentityTokenException.class);
        }
    }

    @StoreTest
    void roleAttributeSessionNameAndTrustConditionsDecide(StoreTarget target, @TempDir Path dir) throws Exception
    {
        try (RunningServer server = RunningServer.start(target); IamClient iam = server.iam(server.adminCredentials());
                LocalIdentityProvider idp = LocalIdentityProvider.start(dir.resolve("idp")); StsClient sts = server.sts(AnonymousCredentialsProvider.create())) {
            Fixture f = setUp(iam, idp, server.admin().accountId());
            String otherRoleOnly = idp.samlResponse(assertion("alice", List.of("arn:aws:iam::" + f.account() + ":role/Other," + f.providerArn()), "alice"));
            assertThatThrownBy(() -> sts.assumeRoleWithSAML(b -> b.roleArn(f.roleArn()).principalArn(f.providerArn()).samlAssertion(otherRoleOnly)))
                    .isInstanceOfSatisfying(IdpRejectedClaimException.class, e -> assertThat(e.statusCode()).isEqualTo(403));
            String noSessionName = idp.samlResponse(assertion("alice", List.of(f.rolePair()), null));
            assertThatThrownBy(() -> sts.assumeRoleWithSAML(b -> b.roleArn(f.roleArn()).principalArn(f.providerArn()).samlAssertion(noSessionName)))
                    .isInstanceOf(IdpRejectedClaimException.class);
            String badName = idp.samlResponse(assertion("alice", List.of(f.rolePair()), "has space"));
            assertThatThrownBy(() -> sts.assumeRoleWithSAML(b -> b.roleArn(f.roleArn()).principalArn(f.providerArn()).samlAssertion(badName)))
                    .isInstanceOf(IdpRejectedClaimException.class);
            String bob = idp.samlResponse(assertion("bob", List.of(f.rolePair()), "bob"));
            assertThatThrownBy(() -> sts.assumeRoleWithSAML(b -> b.roleArn(f.roleArn()).principalArn(f.providerArn()).samlAssertion(bob)))
                    .isInstanceOfSatisfying(StsException.class, e -> {
                        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("AccessDenied");
                        assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("Not authorized to perform sts:AssumeRoleWithSAML");
                    });
            // The metadata's certificate is what counts: after rotating it, responses signed with the old key fail.
            String rotated = LocalIdentityProvider.samlMetadata(LocalIdentityProvider.selfSigned(LocalIdentityProvider.rsaKeyPair(), "CN=rotated"));
            iam.updateSAMLProvider(b -> b.samlProviderArn(f.providerArn()).samlMetadataDocument(rotated));
            String alice = idp.samlResponse(assertion("alice", List.of(f.rolePair()), "alice"));
            assertThatThrownBy(() -> sts.assumeRoleWithSAML(b -> b.roleArn(f.roleArn()).principalArn(f.providerArn()).samlAssertion(alice)))
                    .isInstanceOf(InvalidIdentityTokenException.class);
        }
    }
}
