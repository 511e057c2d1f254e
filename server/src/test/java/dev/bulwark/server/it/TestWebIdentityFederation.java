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
import software.amazon.awssdk.services.sts.model.AssumeRoleWithWebIdentityResponse;
import software.amazon.awssdk.services.sts.model.ExpiredTokenException;
import software.amazon.awssdk.services.sts.model.InvalidIdentityTokenException;
import software.amazon.awssdk.services.sts.model.StsException;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * STS AssumeRoleWithWebIdentity end to end: a real issuer on a local HTTPS server publishes its JWKS, tokens are
 * signed with the JDK, the SDK calls STS unsigned, and the role's trust policy decides with the provider's keys.
 */
final class TestWebIdentityFederation
{
    static final String CLIENT_ID = "bulwark-app";
    static final String SUBJECT = "repo:acme/app:ref:refs/heads/main";

    static String trustPolicy(String providerArn, String host, String subject)
    {
        return """
                {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Federated":"%s"},"Action":"sts:AssumeRoleWithWebIdentity",
                  "Condition":{"StringEquals":{"%s:aud":"%s"},"StringLike":{"%s:sub":"%s"}}}]}""".formatted(providerArn, host, CLIENT_ID, host, subject);
    }

    /** An issuer registered in the account (its self-signed certificate trusted by thumbprint) and a role trusting it. */
    static String setUp(IamClient iam, LocalIdentityProvider idp, String account) throws Exception
    {
        String thumbprint = idp.thumbprint();
        String providerArn = iam.createOpenIDConnectProvider(b -> b.url(idp.issuer()).clientIDList(CLIENT_ID).thumbprintList(thumbprint))
                .openIDConnectProviderArn();
        assertThat(providerArn).isEqualTo("arn:aws:iam::" + account + ":oidc-provider/" + idp.host());
        iam.createRole(b -> b.roleName("Deployer").assumeRolePolicyDocument(trustPolicy(providerArn, idp.host(), "repo:acme/app:*")));
        iam.attachRolePolicy(b -> b.roleName("Deployer").policyArn("arn:aws:iam::aws:policy/ReadOnlyAccess"));
        return providerArn;
    }

    static StsClient unsigned(RunningServer server)
    {
        return server.sts(AnonymousCredentialsProvider.create());
    }

    @StoreTest
    void rs256AndEs256TokensAssumeTheRoleAndTheSessionWorks(StoreTarget target, @TempDir Path dir) throws Exception
    {
        try (RunningServer server = RunningServer.start(target); IamClient iam = server.iam(server.adminCredentials());
                LocalIdentityProvider idp = LocalIdentityProvider.start(dir.resolve("idp")); StsClient sts = unsigned(server)) {
            String account = server.admin().accountId();
            String providerArn = setUp(iam, idp, account);
            String roleArn = "arn:aws:iam::" + account + ":role/Deployer";

            String token = idp.rs256(idp.claims(CLIENT_ID, SUBJECT, Instant.now()));
            AssumeRoleWithWebIdentityResponse response = sts.assumeRoleWithWebIdentity(b -> b.roleArn(roleArn).roleSessionName("ci").webIdentityToken(token));
            assertThat(response.subjectFromWebIdentityToken()).isEqualTo(SUBJECT);
            assertThat(response.audience()).isEqualTo(CLIENT_ID);
            assertThat(response.provider()).isEqualTo(providerArn);
            assertThat(response.assumedRoleUser().arn()).isEqualTo("arn:aws:sts::" + account + ":assumed-role/Deployer/ci");
            assertThat(response.credentials().accessKeyId()).startsWith("ASIA");
            assertThat(response.credentials().expiration()).isAfter(Instant.now().plus(Duration.ofMinutes(55)));

            var session = StaticCredentialsProvider.create(AwsSessionCredentials.create(response.credentials().accessKeyId(),
                    response.credentials().secretAccessKey(), response.credentials().sessionToken()));
            try (StsClient asSession = server.sts(session); IamClient iamAsSession = server.iam(session)) {
                assertThat(asSession.getCallerIdentity().arn()).isEqualTo(response.assumedRoleUser().arn());
                assertThat(iamAsSession.listRoles().roles()).isNotEmpty();
                assertThatThrownBy(() -> iamAsSession.createUser(b -> b.userName("mallory")))
                        .isInstanceOfSatisfying(software.amazon.awssdk.services.iam.model.IamException.class,
                                e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("AccessDenied"));
            }

            String ecToken = idp.es256(idp.claims(CLIENT_ID, SUBJECT, Instant.now()));
            assertThat(sts.assumeRoleWithWebIdentity(b -> b.roleArn(roleArn).roleSessionName("ec").webIdentityToken(ecToken).durationSeconds(900))
                    .credentials().expiration()).isBefore(Instant.now().plus(Duration.ofMinutes(16)));
        }
    }

    @StoreTest
    void trustPolicyConditionsOnSubjectAndAudienceDecide(StoreTarget target, @TempDir Path dir) throws Exception
    {
        try (RunningServer server = RunningServer.start(target); IamClient iam = server.iam(server.adminCredentials());
                LocalIdentityProvider idp = LocalIdentityProvider.start(dir.resolve("idp")); StsClient sts = unsigned(server)) {
            String account = server.admin().accountId();
            String providerArn = setUp(iam, idp, account);
            String roleArn = "arn:aws:iam::" + account + ":role/Deployer";

            String otherRepo = idp.rs256(idp.claims(CLIENT_ID, "repo:evil/app:ref:refs/heads/main", Instant.now()));
            assertThatThrownBy(() -> sts.assumeRoleWithWebIdentity(b -> b.roleArn(roleArn).roleSessionName("ci").webIdentityToken(otherRepo)))
                    .isInstanceOfSatisfying(StsException.class, e -> {
                        assertThat(e.statusCode()).isEqualTo(403);
                        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("AccessDenied");
                        assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("Not authorized to perform sts:AssumeRoleWithWebIdentity");
                    });

            // A second client ID the provider accepts, which the trust policy does not allow.
            iam.addClientIDToOpenIDConnectProvider(b -> b.openIDConnectProviderArn(providerArn).clientID("other-app"));
            String otherAudience = idp.rs256(idp.claims("other-app", SUBJECT, Instant.now()));
            assertThatThrownBy(() -> sts.assumeRoleWithWebIdentity(b -> b.roleArn(roleArn).roleSessionName("ci").webIdentityToken(otherAudience)))
                    .isInstanceOfSatisfying(StsException.class, e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("AccessDenied"));

            // A role that trusts only the account (no Federated principal) refuses any web identity.
            iam.createRole(b -> b.roleName("Internal").assumeRolePolicyDocument(TestIamRoles.trustAccount(account)));
            String good = idp.rs256(idp.claims(CLIENT_ID, SUBJECT, Instant.now()));
            assertThatThrownBy(() -> sts.assumeRoleWithWebIdentity(b -> b.roleArn("arn:aws:iam::" + account + ":role/Internal").roleSessionName("ci")
                    .webIdentityToken(good)))
                    .isInstanceOfSatisfying(StsException.class, e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("AccessDenied"));
            // Nor can the token be used for a role that does not exist.
            assertThatThrownBy(() -> sts.assumeRoleWithWebIdentity(b -> b.roleArn("arn:aws:iam::" + account + ":role/Nope").roleSessionName("ci")
                    .webIdentityToken(good)))
                    .isInstanceOfSatisfying(StsException.class, e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("AccessDenied"));
        }
    }

    @StoreTest
    void invalidTokensGetStsErrors(StoreTarget target, @TempDir Path dir) throws Exception
    {
        try (RunningServer server = RunningServer.start(target); IamClient iam = server.iam(server.adminCredentials());
                LocalIdentityProvider idp = LocalIdentityProvider.start(dir.resolve("idp")); StsClient sts = unsigned(server)) {
            String account = server.admin().accountId();
            String providerArn = setUp(iam, idp, account);
            String roleArn = "arn:aws:iam::" + account + ":role/Deployer";
            Instant now = Instant.now();

            assertThatThrownBy(() -> sts.assumeRoleWithWebIdentity(b -> b.roleArn(roleArn).roleSessionName("ci").webIdentityToken("not-a-jwt")))
                    .isInstanceOfSatisfying(InvalidIdentityTokenException.class, e -> {
                        assertThat(e.statusCode()).isEqualTo(400);
                        assertThat(e.awsErrorDetails().errorMessage()).startsWith("The ID Token provided is not a valid JWT.");
                    });
            String wrongAudience = idp.rs256(idp.claims("unknown-app", SUBJECT, now));
            assertThatThrownBy(() -> sts.assumeRoleWithWebIdentity(b -> b.roleArn(roleArn).roleSessionName("ci").webIdentityToken(wrongAudience)))
                    .isInstanceOfSatisfying(InvalidIdentityTokenException.class, e -> assertThat(e.awsErrorDetails().errorMessage())
                            .isEqualTo("Incorrect token audience"));
            String expired = idp.rs256(idp.claims(CLIENT_ID, SUBJECT, now.minus(Duration.ofHours(2))));
            long exp = now.minus(Duration.ofHours(1)).getEpochSecond();
            assertThatThrownBy(() -> sts.assumeRoleWithWebIdentity(b -> b.roleArn(roleArn).roleSessionName("ci").webIdentityToken(expired)))
                    .isInstanceOfSatisfying(ExpiredTokenException.class, e -> assertThat(e.awsErrorDetails().errorMessage())
                            .startsWith("Token expired: current date/time ").endsWith(" must be before the expiration date/time" + exp));
            String notYet = idp.rs256(idp.claims(CLIENT_ID, SUBJECT, now) + ",\"nbf\":" + now.plus(Duration.ofMinutes(30)).getEpochSecond());
            assertThatThrownBy(() -> sts.assumeRoleWithWebIdentity(b -> b.roleArn(roleArn).roleSessionName("ci").webIdentityToken(notYet)))
                    .isInstanceOf(InvalidIdentityTokenException.class);
            String forged = LocalIdentityProvider.rs256WithForeignKey(idp.claims(CLIENT_ID, SUBJECT, now));
            assertThatThrownBy(() -> sts.assumeRoleWithWebIdentity(b -> b.roleArn(roleArn).roleSessionName("ci").webIdentityToken(forged)))
                    .isInstanceOf(InvalidIdentityTokenException.class);
            String good = idp.rs256(idp.claims(CLIENT_ID, SUBJECT, now));
            String tampered = good.substring(0, good.indexOf('.') + 1)
                    + java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(("{" + idp.claims(CLIENT_ID, "repo:acme/app:x", now) + "}").getBytes())
                    + good.substring(good.lastIndexOf('.'));
            assertThatThrownBy(() -> sts.assumeRoleWithWebIdentity(b -> b.roleArn(roleArn).roleSessionName("ci").webIdentityToken(tampered)))
                    .isInstanceOf(InvalidIdentityTokenException.class);
            String unsignedToken = good.substring(0, good.lastIndexOf('.') + 1);
            assertThatThrownBy(() -> sts.assumeRoleWithWebIdentity(b -> b.roleArn(roleArn).roleSessionName("ci").webIdentityToken(unsignedToken)))
                    .isInstanceOf(InvalidIdentityTokenException.class);

            // The issuer's keys cannot be fetched: the certificate is no longer trusted, or the key set is garbage.
            iam.updateOpenIDConnectProviderThumbprint(b -> b.openIDConnectProviderArn(providerArn).thumbprintList("0".repeat(40)));
            String fresh = idp.rs256(idp.claims(CLIENT_ID, SUBJECT, now));
            // (a new issuer URL is not needed: the cache is per issuer and thumbprints)
            assertThatThrownBy(() -> sts.assumeRoleWithWebIdentity(b -> b.roleArn(roleArn).roleSessionName("ci").webIdentityToken(fresh)))
                    .isInstanceOfSatisfying(InvalidIdentityTokenException.class, e -> assertThat(e.awsErrorDetails().errorMessage())
                            .startsWith("Couldn't retrieve verification key from your identity provider"));

            iam.deleteOpenIDConnectProvider(b -> b.openIDConnectProviderArn(providerArn));
            assertThatThrownBy(() -> sts.assumeRoleWithWebIdentity(b -> b.roleArn(roleArn).roleSessionName("ci").webIdentityToken(fresh)))
                    .isInstanceOfSatisfying(InvalidIdentityTokenException.class, e -> assertThat(e.awsErrorDetails().errorMessage())
                            .isEqualTo("No OpenIDConnect provider found in your account for " + idp.issuer()));
        }
    }

    @StoreTest
    void webIdentityCallsAreAuditedAsWebIdentityUser(StoreTarget target, @TempDir Path dir) throws Exception
    {
        try (RunningServer server = RunningServer.start(target); IamClient iam = server.iam(server.adminCredentials());
                LocalIdentityProvider idp = LocalIdentityProvider.start(dir.resolve("idp")); StsClient sts = unsigned(server)) {
            String account = server.admin().accountId();
            String providerArn = setUp(iam, idp, account);
            String token = idp.rs256(idp.claims(CLIENT_ID, SUBJECT, Instant.now()));
            var credentials = sts.assumeRoleWithWebIdentity(b -> b.roleArn("arn:aws:iam::" + account + ":role/Deployer").roleSessionName("ci")
                    .webIdentityToken(token)).credentials();
            String denied = idp.rs256(idp.claims(CLIENT_ID, "repo:evil/x", Instant.now()));
            assertThatThrownBy(() -> sts.assumeRoleWithWebIdentity(b -> b.roleArn("arn:aws:iam::" + account + ":role/Deployer").roleSessionName("ci")
                    .webIdentityToken(denied))).isInstanceOf(StsException.class);
            server.server().audit().flush();
            List<AuditRecord> events = server.server().store().readOnly(tx -> new AuditStore().recent(tx, account, 100));
            List<AuditRecord> federated = events.stream().filter(event -> event.eventName().equals("AssumeRoleWithWebIdentity")).toList();
            assertThat(federated).hasSize(2);
            assertThat(federated).allSatisfy(event -> assertThat(event.json())
                    .contains("\"type\":\"WebIdentityUser\"")
                    .contains("\"identityProvider\":\"" + providerArn + "\"")
                    .doesNotContain(token).doesNotContain(denied));
            assertThat(federated).anySatisfy(event -> assertThat(event.json())
                    .contains("\"principalId\":\"" + providerArn + ":" + CLIENT_ID + ":" + SUBJECT + "\"")
                    .contains(credentials.accessKeyId()).doesNotContain(credentials.secretAccessKey()).doesNotContain(credentials.sessionToken()));
            assertThat(federated).anySatisfy(event -> assertThat(event.json()).contains("\"errorCode\":\"AccessDenied\""));
        }
    }
}
