package dev.bulwark.server.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bulwark.server.store.StoreTarget;
import dev.bulwark.server.store.StoreTest;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AccessKey;
import software.amazon.awssdk.services.iam.model.FeatureDisabledException;
import software.amazon.awssdk.services.iam.model.FeatureEnabledException;
import software.amazon.awssdk.services.iam.model.GetOutboundWebIdentityFederationInfoResponse;
import software.amazon.awssdk.services.iam.model.GlobalEndpointTokenVersion;
import software.amazon.awssdk.services.iam.model.IamException;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.Credentials;
import software.amazon.awssdk.services.sts.model.GetWebIdentityTokenRequest;
import software.amazon.awssdk.services.sts.model.GetWebIdentityTokenResponse;
import software.amazon.awssdk.services.sts.model.JwtPayloadSizeExceededException;
import software.amazon.awssdk.services.sts.model.OutboundWebIdentityFederationDisabledException;
import software.amazon.awssdk.services.sts.model.SessionDurationEscalationException;
import software.amazon.awssdk.services.sts.model.StsException;

import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.AlgorithmParameters;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.ECPublicKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Outbound web identity federation end to end, on both stores: the IAM feature switch, STS GetWebIdentityToken, and
 * tokens verified as an external service would — discovery document and JWKS fetched over HTTP from the running
 * server, signature checked with the JDK against the published key (ES384 with the JDK's own P1363 verifier, so the
 * server's DER-to-JOSE conversion is checked independently).
 */
final class TestOutboundFederation
{
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String AUDIENCE = "https://api.example.com";
    private static final String TOKEN_POLICY = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
            + "\"Action\":[\"sts:GetWebIdentityToken\",\"sts:TagGetWebIdentityToken\"],\"Resource\":\"*\"}]}";

    @StoreTest
    void enabledAccountVendsTokensThatVerifyWithTheServedJwks(StoreTarget target) throws Exception
    {
        try (RunningServer server = RunningServer.start(target); IamClient admin = server.iam(server.adminCredentials());
                StsClient adminSts = server.sts(server.adminCredentials())) {
            String account = server.admin().accountId();
            assertThatThrownBy(() -> admin.getOutboundWebIdentityFederationInfo(b -> { }))
                    .isInstanceOfSatisfying(FeatureDisabledException.class, e -> {
                        assertThat(e.statusCode()).isEqualTo(404);
                        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("FeatureDisabled");
                        assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("Outbound identity federation is disabled for account " + account);
                    });

            String issuer = admin.enableOutboundWebIdentityFederation(b -> { }).issuerIdentifier();
            assertThat(issuer).matches("http://127\\.0\\.0\\.1:" + server.server().port() + "/_bulwark/oidc/[0-9a-f-]{36}");
            assertThatThrownBy(() -> admin.enableOutboundWebIdentityFederation(b -> { }))
                    .isInstanceOfSatisfying(FeatureEnabledException.class, e -> {
                        assertThat(e.statusCode()).isEqualTo(409);
                        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("FeatureEnabled");
                        assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("Outbound identity federation is already enabled for account " + account);
                    });
            GetOutboundWebIdentityFederationInfoResponse info = admin.getOutboundWebIdentityFederationInfo(b -> { });
            assertThat(info.issuerIdentifier()).isEqualTo(issuer);
            assertThat(info.jwtVendingEnabled()).isTrue();

            admin.createUser(b -> b.userName("deployer").path("/ci/").tags(t -> t.key("team").value("platform")));
            admin.putUserPolicy(b -> b.userName("deployer").policyName("tokens").policyDocument(TOKEN_POLICY));
            try (StsClient sts = server.sts(userCredentials(admin, "deployer"))) {
                for (String algorithm : List.of("RS256", "ES384")) {
                    GetWebIdentityTokenResponse response = sts.getWebIdentityToken(b -> b.audience(AUDIENCE).signingAlgorithm(algorithm)
                            .durationSeconds(120).tags(t -> t.key("job").value("42")));
                    Jwt jwt = Jwt.parse(response.webIdentityToken());
                    assertThat(jwt.header.get("alg").asText()).isEqualTo(algorithm);
                    assertThat(jwt.header.get("typ").asText()).isEqualTo("JWT");

                    PublicKey key = publishedKey(issuer, jwt.header.get("kid").asText());
                    assertThat(jwt.verifies(key)).as("%s signature verifies with the published key", algorithm).isTrue();
                    assertThat(jwt.tampered().verifies(key)).as("%s signature covers the payload", algorithm).isFalse();

                    JsonNode claims = jwt.claims;
                    String userArn = "arn:aws:iam::" + account + ":user/ci/deployer";
                    assertThat(claims.get("iss").asText()).isEqualTo(issuer);
                    assertThat(claims.get("sub").asText()).isEqualTo(userArn);
                    assertThat(claims.get("aud").asText()).isEqualTo(AUDIENCE);
                    assertThat(claims.get("exp").asLong() - claims.get("iat").asLong()).isEqualTo(120);
                    assertThat(claims.get("exp").asLong()).isEqualTo(response.expiration().getEpochSecond());
                    assertThat(claims.get("jti").asText()).matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
                    JsonNode aws = claims.get("https://sts.amazonaws.com/");
                    assertThat(aws.get("aws_account").asText()).isEqualTo(account);
                    assertThat(aws.get("source_region").asText()).isEqualTo("us-east-1");
                    assertThat(aws.get("principal_id").asText()).isEqualTo(userArn);
                    assertThat(aws.get("principal_tags").get("team").asText()).isEqualTo("platform");
                    assertThat(aws.get("request_tags").get("job").asText()).isEqualTo("42");
                    assertThat(aws.has("original_session_exp")).isFalse();
                }
                Jwt defaults = Jwt.parse(sts.getWebIdentityToken(b -> b.audience("one", "two", "one").signingAlgorithm("RS256")).webIdentityToken());
                assertThat(defaults.claims.get("exp").asLong() - defaults.claims.get("iat").asLong()).isEqualTo(300);
                assertThat(defaults.claims.get("aud").isArray()).isTrue();
                List<String> audiences = new ArrayList<>();
                defaults.claims.get("aud").forEach(node -> audiences.add(node.asText()));
                assertThat(audiences).containsExactly("one", "two", "one");
                assertThat(defaults.claims.get("https://sts.amazonaws.com/").has("request_tags")).isFalse();
            }
            // the administrator (AdministratorAccess) may ask with its own identity
            Jwt rootToken = Jwt.parse(adminSts.getWebIdentityToken(b -> b.audience(AUDIENCE).signingAlgorithm("ES384")).webIdentityToken());
            assertThat(rootToken.claims.get("sub").asText()).isEqualTo("arn:aws:iam::" + account + ":user/admin");
            assertThat(rootToken.verifies(publishedKey(issuer, "EC384_0"))).isTrue();
        }
    }

    @StoreTest
    void disabledFeatureRefusesTokensButKeepsIssuerAndKeys(StoreTarget target) throws Exception
    {
        try (RunningServer server = RunningServer.start(target); IamClient admin = server.iam(server.adminCredentials());
                StsClient sts = server.sts(server.adminCredentials())) {
            String account = server.admin().accountId();
            Consumer<GetWebIdentityTokenRequest.Builder> request = b -> b.audience(AUDIENCE).signingAlgorithm("RS256");
            assertThatThrownBy(() -> sts.getWebIdentityToken(request)).satisfies(disabled());
            assertThatThrownBy(() -> admin.disableOutboundWebIdentityFederation(b -> { }))
                    .isInstanceOfSatisfying(FeatureDisabledException.class, e -> assertThat(e.statusCode()).isEqualTo(404));

            String issuer = admin.enableOutboundWebIdentityFederation(b -> { }).issuerIdentifier();
            String before = sts.getWebIdentityToken(request).webIdentityToken();
            admin.disableOutboundWebIdentityFederation(b -> { });

            assertThatThrownBy(() -> sts.getWebIdentityToken(request)).satisfies(disabled());
            assertThatThrownBy(() -> admin.disableOutboundWebIdentityFederation(b -> { }))
                    .isInstanceOfSatisfying(FeatureDisabledException.class, e -> {
                        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("FeatureDisabled");
                        assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("Outbound identity federation is disabled for account " + account);
                    });
            assertThatThrownBy(() -> admin.getOutboundWebIdentityFederationInfo(b -> { })).isInstanceOf(FeatureDisabledException.class);
            // tokens issued before the feature was disabled still verify against the published keys
            assertThat(Jwt.parse(before).verifies(publishedKey(issuer, "RSA_0"))).isTrue();

            assertThat(admin.enableOutboundWebIdentityFederation(b -> { }).issuerIdentifier()).isEqualTo(issuer);
            assertThat(Jwt.parse(sts.getWebIdentityToken(request).webIdentityToken()).verifies(publishedKey(issuer, "RSA_0"))).isTrue();
        }
    }

    @StoreTest
    void tokensAndSettingsNeedTheirPermissionsAndConditionKeys(StoreTarget target) throws Exception
    {
        try (RunningServer server = RunningServer.start(target); IamClient admin = server.iam(server.adminCredentials())) {
            String account = server.admin().accountId();
            admin.enableOutboundWebIdentityFederation(b -> { });
            admin.createUser(b -> b.userName("nobody"));
            AwsCredentialsProvider nobody = userCredentials(admin, "nobody");
            try (StsClient sts = server.sts(nobody); IamClient iam = server.iam(nobody)) {
                assertThatThrownBy(() -> sts.getWebIdentityToken(b -> b.audience(AUDIENCE).signingAlgorithm("RS256")))
                        .satisfies(accessDenied("User: arn:aws:iam::" + account + ":user/nobody is not authorized to perform: sts:GetWebIdentityToken on resource: "
                                + "arn:aws:sts::" + account + ":self because no identity-based policy allows the sts:GetWebIdentityToken action"));
                for (Runnable call : List.<Runnable>of(() -> iam.enableOutboundWebIdentityFederation(b -> { }), () -> iam.disableOutboundWebIdentityFederation(b -> { }),
                        () -> iam.getOutboundWebIdentityFederationInfo(b -> { }),
                        () -> iam.setSecurityTokenServicePreferences(b -> b.globalEndpointTokenVersion(GlobalEndpointTokenVersion.V2_TOKEN)))) {
                    assertThatThrownBy(call::run).isInstanceOfSatisfying(IamException.class, e -> {
                        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("AccessDenied");
                        assertThat(e.awsErrorDetails().errorMessage()).startsWith("User: arn:aws:iam::" + account + ":user/nobody is not authorized to perform: iam:")
                                .contains(" on resource: * because no identity-based policy allows");
                    });
                }
            }

            // allowed only for one audience, RS256 and at most 300 seconds; tags need sts:TagGetWebIdentityToken
            String conditioned = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"sts:GetWebIdentityToken\",\"Resource\":"
                    + "\"arn:aws:sts::" + account + ":self\",\"Condition\":{\"ForAllValues:StringEquals\":{\"sts:IdentityTokenAudience\":[\"" + AUDIENCE + "\"]},"
                    + "\"StringEquals\":{\"sts:SigningAlgorithm\":\"RS256\"},\"NumericLessThanEquals\":{\"sts:DurationSeconds\":\"300\"}}}]}";
            admin.createUser(b -> b.userName("scoped"));
            admin.putUserPolicy(b -> b.userName("scoped").policyName("tokens").policyDocument(conditioned));
            try (StsClient sts = server.sts(userCredentials(admin, "scoped"))) {
                assertThat(sts.getWebIdentityToken(b -> b.audience(AUDIENCE).signingAlgorithm("RS256")).webIdentityToken()).isNotBlank();
                String denied = "User: arn:aws:iam::" + account + ":user/scoped is not authorized to perform: sts:GetWebIdentityToken on resource: arn:aws:sts::"
                        + account + ":self because no identity-based policy allows the sts:GetWebIdentityToken action";
                assertThatThrownBy(() -> sts.getWebIdentityToken(b -> b.audience(AUDIENCE).signingAlgorithm("ES384"))).satisfies(accessDenied(denied));
                assertThatThrownBy(() -> sts.getWebIdentityToken(b -> b.audience(AUDIENCE, "https://other.example").signingAlgorithm("RS256")))
                        .satisfies(accessDenied(denied));
                assertThatThrownBy(() -> sts.getWebIdentityToken(b -> b.audience(AUDIENCE).signingAlgorithm("RS256").durationSeconds(301)))
                        .satisfies(accessDenied(denied));
                assertThatThrownBy(() -> sts.getWebIdentityToken(b -> b.audience(AUDIENCE).signingAlgorithm("RS256").tags(t -> t.key("k").value("v"))))
                        .satisfies(accessDenied("User: arn:aws:iam::" + account + ":user/scoped is not authorized to perform: sts:TagGetWebIdentityToken on resource: "
                                + "arn:aws:sts::" + account + ":self because no identity-based policy allows the sts:TagGetWebIdentityToken action"));
            }
        }
    }

    @StoreTest
    void roleSessionTokenMayNotOutliveTheSession(StoreTarget target) throws Exception
    {
        try (RunningServer server = RunningServer.start(target); IamClient admin = server.iam(server.adminCredentials());
                StsClient adminSts = server.sts(server.adminCredentials())) {
            String account = server.admin().accountId();
            String issuer = admin.enableOutboundWebIdentityFederation(b -> { }).issuerIdentifier();
            admin.createRole(b -> b.roleName("Worker").path("/jobs/").assumeRolePolicyDocument(TestIamRoles.trustAccount(account))
                    .tags(t -> t.key("tier").value("batch")));
            admin.putRolePolicy(b -> b.roleName("Worker").policyName("tokens").policyDocument(TOKEN_POLICY));
            Credentials credentials = adminSts.assumeRole(b -> b.roleArn("arn:aws:iam::" + account + ":role/jobs/Worker").roleSessionName("run-7")
                    .durationSeconds(900)).credentials();
            try (StsClient sts = server.sts(StaticCredentialsProvider.create(AwsSessionCredentials.create(credentials.accessKeyId(),
                    credentials.secretAccessKey(), credentials.sessionToken())))) {
                assertThatThrownBy(() -> sts.getWebIdentityToken(b -> b.audience(AUDIENCE).signingAlgorithm("RS256").durationSeconds(3600)))
                        .isInstanceOfSatisfying(SessionDurationEscalationException.class, e -> {
                            assertThat(e.statusCode()).isEqualTo(403);
                            assertThat(e.awsErrorDetails().errorCode()).isEqualTo("SessionDurationEscalationException");
                            assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("Requested token expiry time must be before the original session's expiry time.");
                        });
                Jwt jwt = Jwt.parse(sts.getWebIdentityToken(b -> b.audience(AUDIENCE).signingAlgorithm("ES384").durationSeconds(600)).webIdentityToken());
                assertThat(jwt.verifies(publishedKey(issuer, "EC384_0"))).isTrue();
                String roleArn = "arn:aws:iam::" + account + ":role/jobs/Worker";
                assertThat(jwt.claims.get("sub").asText()).isEqualTo(roleArn);
                JsonNode aws = jwt.claims.get("https://sts.amazonaws.com/");
                assertThat(aws.get("principal_id").asText()).isEqualTo(roleArn);
                assertThat(aws.get("principal_tags").get("tier").asText()).isEqualTo("batch");
                assertThat(aws.get("original_session_exp").asText()).isEqualTo(credentials.expiration().truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString());
            }
        }
    }

    @StoreTest
    void requestsAwsRefusesAreRefusedWithItsWording(StoreTarget target) throws Exception
    {
        try (RunningServer server = RunningServer.start(target); IamClient admin = server.iam(server.adminCredentials());
                StsClient sts = server.sts(server.adminCredentials())) {
            admin.enableOutboundWebIdentityFederation(b -> { });
            assertThatThrownBy(() -> sts.getWebIdentityToken(b -> b.audience(AUDIENCE).signingAlgorithm("RS384")))
                    .isInstanceOfSatisfying(StsException.class, e -> {
                        assertThat(e.statusCode()).isEqualTo(400);
                        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationError");
                        assertThat(e.awsErrorDetails().errorMessage())
                                .isEqualTo("Requested SigningAlgorithm is not supported. See the GetWebIdentityToken documentation for supported algorithms");
                    });
            assertThatThrownBy(() -> sts.getWebIdentityToken(b -> b.audience(AUDIENCE).signingAlgorithm("RS256").durationSeconds(59)))
                    .isInstanceOfSatisfying(StsException.class, e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationError"));
            assertThatThrownBy(() -> sts.getWebIdentityToken(b -> b.audience(AUDIENCE).signingAlgorithm("RS256")
                    .tags(t -> t.key("team").value("a"), t -> t.key("Team").value("b"))))
                    .isInstanceOfSatisfying(StsException.class, e -> {
                        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidParameterValue");
                        assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("Duplicate tag keys found. Please note that Tag keys are case insensitive.");
                    });

            // ten 1000-character audiences and twenty full-size tags make a payload over AWS's 14,984 bytes
            List<String> audiences = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                audiences.add(Integer.toString(i).repeat(1000));
            }
            List<software.amazon.awssdk.services.sts.model.Tag> tags = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                tags.add(software.amazon.awssdk.services.sts.model.Tag.builder().key(String.format("%03d", i) + "k".repeat(125)).value("v".repeat(256)).build());
            }
            assertThatThrownBy(() -> sts.getWebIdentityToken(b -> b.audience(audiences).signingAlgorithm("ES384").tags(tags)))
                    .isInstanceOfSatisfying(JwtPayloadSizeExceededException.class, e -> {
                        assertThat(e.statusCode()).isEqualTo(400);
                        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("JWTPayloadSizeExceededException");
                    });
            // the audiences alone fit
            assertThat(sts.getWebIdentityToken(b -> b.audience(audiences).signingAlgorithm("ES384")).webIdentityToken()).isNotBlank();
        }
    }

    @StoreTest
    void securityTokenServicePreferencesShowInTheAccountSummary(StoreTarget target) throws Exception
    {
        try (RunningServer server = RunningServer.start(target); IamClient admin = server.iam(server.adminCredentials())) {
            assertThat(admin.getAccountSummary().summaryMapAsStrings()).containsEntry("GlobalEndpointTokenVersion", 1);
            admin.setSecurityTokenServicePreferences(b -> b.globalEndpointTokenVersion(GlobalEndpointTokenVersion.V2_TOKEN));
            assertThat(admin.getAccountSummary().summaryMapAsStrings()).containsEntry("GlobalEndpointTokenVersion", 2);
            admin.setSecurityTokenServicePreferences(b -> b.globalEndpointTokenVersion(GlobalEndpointTokenVersion.V1_TOKEN));
            assertThat(admin.getAccountSummary().summaryMapAsStrings()).containsEntry("GlobalEndpointTokenVersion", 1);
            assertThatThrownBy(() -> admin.setSecurityTokenServicePreferences(b -> b.globalEndpointTokenVersion("v3Token")))
                    .isInstanceOfSatisfying(IamException.class, e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationError"));
        }
    }

    @StoreTest
    void issuerDocumentsArePublicAndUnknownIssuersAreNotFound(StoreTarget target) throws Exception
    {
        try (RunningServer server = RunningServer.start(target); IamClient admin = server.iam(server.adminCredentials())) {
            String issuer = admin.enableOutboundWebIdentityFederation(b -> { }).issuerIdentifier();
            JsonNode discovery = getJson(issuer + "/.well-known/openid-configuration");
            assertThat(discovery.get("issuer").asText()).isEqualTo(issuer);
            assertThat(discovery.get("jwks_uri").asText()).isEqualTo(issuer + "/.well-known/jwks.json");
            assertThat(discovery.get("id_token_signing_alg_values_supported").toString()).isEqualTo("[\"RS256\",\"ES384\"]");
            assertThat(discovery.get("subject_types_supported").toString()).isEqualTo("[\"public\"]");
            JsonNode keys = getJson(discovery.get("jwks_uri").asText()).get("keys");
            assertThat(keys).hasSize(2);
            assertThat(keys.get(0).get("kty").asText()).isEqualTo("RSA");
            assertThat(keys.get(1).get("crv").asText()).isEqualTo("P-384");
            assertThat(keys.toString()).doesNotContain("\"d\"");

            HttpClient http = HttpClient.newHttpClient();
            String unknown = server.endpoint() + "/_bulwark/oidc/00000000-0000-0000-0000-000000000000/.well-known/jwks.json";
            assertThat(http.send(HttpRequest.newBuilder(URI.create(unknown)).build(), HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(404);
        }
    }

    private static Consumer<Throwable> disabled()
    {
        return thrown -> assertThat(thrown).isInstanceOfSatisfying(OutboundWebIdentityFederationDisabledException.class, e -> {
            assertThat(e.statusCode()).isEqualTo(403);
            assertThat(e.awsErrorDetails().errorCode()).isEqualTo("OutboundWebIdentityFederationDisabledException");
            assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("OutboundWebIdentityFederation is disabled.");
        });
    }

    private static Consumer<Throwable> accessDenied(String message)
    {
        return thrown -> assertThat(thrown).isInstanceOfSatisfying(AwsServiceException.class, e -> {
            assertThat(e.statusCode()).isEqualTo(403);
            assertThat(e.awsErrorDetails().errorCode()).isEqualTo("AccessDenied");
            assertThat(e.awsErrorDetails().errorMessage()).isEqualTo(message);
        });
    }

    private static AwsCredentialsProvider userCredentials(IamClient admin, String userName)
    {
        AccessKey key = admin.createAccessKey(b -> b.userName(userName)).accessKey();
        return RunningServer.credentials(key.accessKeyId(), key.secretAccessKey());
    }

    /** What a relying party does: discovery document, then the JWKS it names, then the key with the token's kid. */
    private static PublicKey publishedKey(String issuer, String keyId) throws Exception
    {
        JsonNode discovery = getJson(issuer + "/.well-known/openid-configuration");
        assertThat(discovery.get("issuer").asText()).isEqualTo(issuer);
        for (JsonNode jwk : getJson(discovery.get("jwks_uri").asText()).get("keys")) {
            if (jwk.get("kid").asText().equals(keyId)) {
                return switch (jwk.get("kty").asText()) {
                    case "RSA" -> KeyFactory.getInstance("RSA").generatePublic(new RSAPublicKeySpec(unsigned(jwk.get("n")), unsigned(jwk.get("e"))));
                    case "EC" -> {
                        AlgorithmParameters parameters = AlgorithmParameters.getInstance("EC");
                        parameters.init(new ECGenParameterSpec("secp384r1"));
                        yield KeyFactory.getInstance("EC").generatePublic(new ECPublicKeySpec(
                                new ECPoint(unsigned(jwk.get("x")), unsigned(jwk.get("y"))), parameters.getParameterSpec(ECParameterSpec.class)));
                    }
                    default -> throw new AssertionError("unexpected key type " + jwk);
                };
            }
        }
        throw new AssertionError("no key " + keyId + " published by " + issuer);
    }

    private static JsonNode getJson(String url) throws Exception
    {
        HttpResponse<String> response = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build()
                .send(HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("GET %s", url).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
        return JSON.readTree(response.body());
    }

    private static BigInteger unsigned(JsonNode base64url)
    {
        return new BigInteger(1, Base64.getUrlDecoder().decode(base64url.asText()));
    }

    /** A compact JWS, decoded and verified here with the JDK only. */
    private record Jwt(String encodedHeader, String encodedPayload, String encodedSignature, JsonNode header, JsonNode claims)
    {
        static Jwt parse(String token) throws Exception
        {
            String[] parts = token.split("\\.", -1);
            assertThat(parts).hasSize(3);
            return new Jwt(parts[0], parts[1], parts[2], JSON.readTree(Base64.getUrlDecoder().decode(parts[0])),
                    JSON.readTree(Base64.getUrlDecoder().decode(parts[1])));
        }

        boolean verifies(PublicKey key) throws Exception
        {
            String algorithm = header.get("alg").asText();
            byte[] signature = Base64.getUrlDecoder().decode(encodedSignature);
            Signature verifier = switch (algorithm) {
                case "RS256" -> Signature.getInstance("SHA256withRSA");
                case "ES384" -> {
                    assertThat(signature).as("JOSE ES384 signatures are R || S, 48 bytes each").hasSize(96);
                    yield Signature.getInstance("SHA384withECDSAinP1363Format");
                }
                default -> throw new AssertionError("unexpected alg " + algorithm);
            };
            verifier.initVerify(key);
            verifier.update((encodedHeader + "." + encodedPayload).getBytes(StandardCharsets.US_ASCII));
            return verifier.verify(signature);
        }

        /** The same signature over a payload with one claim changed. */
        Jwt tampered() throws Exception
        {
            String changed = claims.toString().replace("\"iat\":", "\"iat\":1");
            return new Jwt(encodedHeader, Base64.getUrlEncoder().withoutPadding().encodeToString(changed.getBytes(StandardCharsets.UTF_8)),
                    encodedSignature, header, JSON.readTree(changed));
        }
    }
}
