package dev.bulwark.server.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bulwark.server.audit.AuditRecord;
import dev.bulwark.server.audit.AuditStore;
import dev.bulwark.server.services.iam.IamStore;
import dev.bulwark.server.services.iam.model.IamIds;
import dev.bulwark.server.services.iam.model.MfaDevice;
import dev.bulwark.server.store.SecretBox;
import dev.bulwark.server.store.StoreTarget;
import dev.bulwark.server.store.StoreTest;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.IamException;
import software.amazon.awssdk.services.iam.model.VirtualMFADevice;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.Credentials;
import software.amazon.awssdk.services.sts.model.GetFederationTokenResponse;
import software.amazon.awssdk.services.sts.model.StsException;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.OptionalInt;

import static dev.bulwark.server.it.MfaCodesForTests.code;
import static dev.bulwark.server.it.TestIamManagedPolicies.userWithKey;
import static dev.bulwark.server.it.TestRoleSessions.session;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * STS GetSessionToken and GetFederationToken, and AssumeRole with MFA, through the SDK on both stores: MFA-protected
 * API access ({@code aws:MultiFactorAuthPresent}, {@code aws:MultiFactorAuthAge}), what session credentials may
 * call, expiry and tampering, root's sessions, federated users, and the CloudTrail record of MFA.
 */
final class TestSessionTokens
{
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String INVALID_CODE = "MultiFactorAuthentication failed with invalid MFA one time pass code.";
    private static final String UNKNOWN_DEVICE = "MultiFactorAuthentication failed, unable to validate MFA code.  Please verify your MFA serial number is "
            + "valid and associated with this user.";

    @StoreTest
    void mfaConditionDeniesPlainKeysAndAllowsTheMfaSession(StoreTarget target) throws Exception
    {
        MovableClock clock = new MovableClock();
        try (RunningServer server = RunningServer.start(target, clock, false, OptionalInt.empty()); IamClient admin = server.iam(server.adminCredentials())) {
            String account = server.admin().accountId();
            AwsCredentialsProvider carol = userWithKey(admin, "carol");
            admin.putUserPolicy(b -> b.userName("carol").policyName("mfa-only").policyDocument("{\"Version\":\"2012-10-17\",\"Statement\":["
                    + "{\"Effect\":\"Allow\",\"Action\":\"iam:ListUsers\",\"Resource\":\"*\",\"Condition\":{\"Bool\":{\"aws:MultiFactorAuthPresent\":\"true\"}}},"
                    + "{\"Effect\":\"Allow\",\"Action\":\"iam:ListGroups\",\"Resource\":\"*\","
                    + "\"Condition\":{\"NumericLessThan\":{\"aws:MultiFactorAuthAge\":\"300\"}}}]}"));
            String serial = enabledDevice(admin, clock, "carol");
            SdkBytes seed = seeds.remove(serial);

            try (IamClient plain = server.iam(carol); StsClient sts = server.sts(carol)) {
                assertThatThrownBy(plain::listUsers)
                        .isInstanceOfSatisfying(IamException.class, e -> {
                            assertThat(e.statusCode()).isEqualTo(403);
                            assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("User: arn:aws:iam::" + account + ":user/carol is not authorized to "
                                    + "perform: iam:ListUsers on resource: * because no identity-based policy allows the "
                                    + "iam:ListUsers action");
                        });

                assertThatThrownBy(() -> sts.getSessionToken(b -> b.serialNumber(serial).tokenCode(code(seed, clock, 0))))
                        .as("the code EnableMFADevice used").isInstanceOfSatisfying(StsException.class, e -> {
                            assertThat(e.statusCode()).isEqualTo(403);
                            assertThat(e.awsErrorDetails().errorCode()).isEqualTo("AccessDenied");
                            assertThat(e.awsErrorDetails().errorMessage()).isEqualTo(INVALID_CODE);
                        });
                assertThatThrownBy(() -> sts.getSessionToken(b -> b.serialNumber("arn:aws:iam::" + account + ":mfa/other").tokenCode(code(seed, clock, 1))))
                        .isInstanceOfSatisfying(StsException.class, e -> assertThat(e.awsErrorDetails().errorMessage()).isEqualTo(UNKNOWN_DEVICE));

                String nextCode = code(seed, clock, 1);
                Credentials mfa = sts.getSessionToken(b -> b.serialNumber(serial).tokenCode(nextCode)).credentials();
                assertThat(mfa.accessKeyId()).startsWith("ASIA");
                assertThat(Duration.between(Instant.now(), mfa.expiration())).isBetween(Duration.ofHours(11).plusMinutes(58), Duration.ofHours(12).plusMinutes(1));
                assertThatThrownBy(() -> sts.getSessionToken(b -> b.serialNumber(serial).tokenCode(nextCode)))
                        .as("a code is accepted once").isInstanceOfSatisfying(StsException.class,
                                e -> assertThat(e.awsErrorDetails().errorMessage()).isEqualTo(INVALID_CODE));

                try (IamClient withMfa = server.iam(session(mfa)); StsClient mfaSts = server.sts(session(mfa))) {
                    assertThat(mfaSts.getCallerIdentity().arn()).isEqualTo("arn:aws:iam::" + account + ":user/carol");
                    assertThat(withMfa.listUsers().users()).isNotEmpty();
                    withMfa.listGroups();
                    // aws:MultiFactorAuthAge is computed at each request: six minutes on, the 300-second condition fails.
                    clock.setOffset(Duration.ofMinutes(6));
                    assertThat(withMfa.listUsers().users()).isNotEmpty();
                    assertThatThrownBy(withMfa::listGroups).isInstanceOfSatisfying(IamException.class,
                            e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("AccessDenied"));
                    assertThatThrownBy(() -> mfaSts.getSessionToken())
                            .isInstanceOfSatisfying(StsException.class, e -> {
                                assertThat(e.statusCode()).isEqualTo(403);
                                assertThat(e.awsErrorDetails().errorCode()).isEqualTo("AccessDenied");
                                assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("Cannot call GetSessionToken with session credentials");
                            });
                }

                Credentials noMfa = sts.getSessionToken(b -> b.durationSeconds(900)).credentials();
                try (IamClient withoutMfa = server.iam(session(noMfa)); StsClient noMfaSts = server.sts(session(noMfa))) {
                    assertThat(noMfaSts.getCallerIdentity().arn()).isEqualTo("arn:aws:iam::" + account + ":user/carol");
                    assertThatThrownBy(withoutMfa::listUsers)
                            .as("IAM takes GetSessionToken credentials only with MFA").isInstanceOfSatisfying(IamException.class, e -> {
                                assertThat(e.statusCode()).isEqualTo(403);
                                assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidClientTokenId");
                                assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("The security token included in the request is invalid.");
                            });
                }
            }

            server.server().audit().flush();
            List<AuditRecord> events = server.server().store().readOnly(tx -> new AuditStore().recent(tx, account, 200));
            JsonNode withMfa = userIdentityOf(events, "ListUsers", mfa -> mfa.get("accessKeyId").asText().startsWith("ASIA"));
            assertThat(withMfa.get("type").asText()).isEqualTo("IAMUser");
            assertThat(withMfa.get("userName").asText()).isEqualTo("carol");
            assertThat(withMfa.at("/sessionContext/attributes/mfaAuthenticated").asText()).isEqualTo("true");
            JsonNode plainKeys = userIdentityOf(events, "ListUsers", identity -> identity.get("accessKeyId").asText().startsWith("AKIA")
                    && identity.path("userName").asText().equals("carol"));
            assertThat(plainKeys.has("sessionContext")).isFalse();
        }
    }

    @StoreTest
    void expiredAndTamperedSessionTokensAreRefused(StoreTarget target) throws Exception
    {
        MovableClock clock = new MovableClock();
        try (RunningServer server = RunningServer.start(target, clock, false, OptionalInt.empty()); IamClient admin = server.iam(server.adminCredentials())) {
            AwsCredentialsProvider dave = userWithKey(admin, "dave");
            try (StsClient sts = server.sts(dave)) {
                Credentials good = sts.getSessionToken().credentials();
                Credentials forged = good.toBuilder().sessionToken(good.sessionToken().substring(1) + "A").build();
                try (StsClient forgedSts = server.sts(session(forged))) {
                    assertThatThrownBy(forgedSts::getCallerIdentity)
                            .isInstanceOfSatisfying(StsException.class, e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidClientTokenId"));
                }
                Credentials missingToken = good.toBuilder().sessionToken(null).build();
                try (StsClient noToken = server.sts(RunningServer.credentials(missingToken.accessKeyId(), missingToken.secretAccessKey()))) {
                    assertThatThrownBy(noToken::getCallerIdentity).isInstanceOf(StsException.class);
                }

                clock.setOffset(Duration.ofMinutes(-10));
                Credentials shortLived = sts.getSessionToken(b -> b.durationSeconds(900)).credentials();
                try (StsClient shortSts = server.sts(session(shortLived))) {
                    assertThat(shortSts.getCallerIdentity().arn()).endsWith(":user/dave");
                    clock.setOffset(Duration.ofMinutes(6));
                    assertThatThrownBy(shortSts::getCallerIdentity)
                            .isInstanceOfSatisfying(StsException.class, e -> {
                                assertThat(e.statusCode()).isEqualTo(403);
                                assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ExpiredToken");
                                assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("The security token included in the request is expired");
                            });
                }
            }
            // Deleting the user ends its sessions.
            Credentials live;
            try (StsClient sts = server.sts(dave)) {
                live = sts.getSessionToken().credentials();
            }
            admin.listAccessKeys(b -> b.userName("dave")).accessKeyMetadata().forEach(key -> admin.deleteAccessKey(b -> b.userName("dave").accessKeyId(key.accessKeyId())));
            admin.deleteUser(b -> b.userName("dave"));
            try (StsClient orphan = server.sts(session(live))) {
                assertThatThrownBy(orphan::getCallerIdentity)
                        .isInstanceOfSatisfying(StsException.class, e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidClientTokenId"));
            }
        }
    }

    @StoreTest
    void rootSessionsLastAtMostAnHourAndActAsRoot(StoreTarget target) throws Exception
    {
        // In dev mode a key the server never issued acts as the default account's root user.
        try (RunningServer server = RunningServer.start(target, java.time.Clock.systemUTC(), true, OptionalInt.empty())) {
            AwsCredentialsProvider root = RunningServer.credentials("AKIAIOSFODNN7EXAMPLE", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY");
            try (StsClient sts = server.sts(root); IamClient iam = server.iam(root)) {
                String account = sts.getCallerIdentity().account();
                Credentials asked = sts.getSessionToken(b -> b.durationSeconds(43_200)).credentials();
                assertThat(Duration.between(Instant.now(), asked.expiration())).isBetween(Duration.ofMinutes(58), Duration.ofMinutes(61));
                Credentials byDefault = sts.getSessionToken().credentials();
                assertThat(Duration.between(Instant.now(), byDefault.expiration())).isBetween(Duration.ofMinutes(58), Duration.ofMinutes(61));
                try (StsClient rootSession = server.sts(session(asked))) {
                    assertThat(rootSession.getCallerIdentity().arn()).isEqualTo("arn:aws:iam::" + account + ":root");
                }
                assertThat(iam.listMFADevices().mfaDevices()).as("root's own devices").isEmpty();

                GetFederationTokenResponse federated = sts.getFederationToken(b -> b.name("root-broker").durationSeconds(7200)
                        .policy("{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"s3:*\",\"Resource\":\"*\"}]}"));
                assertThat(federated.federatedUser().arn()).isEqualTo("arn:aws:sts::" + account + ":federated-user/root-broker");
                assertThat(Duration.between(Instant.now(), federated.credentials().expiration())).isBetween(Duration.ofMinutes(58), Duration.ofMinutes(61));
            }
        }
    }

    @StoreTest
    void rootWithAnMfaDeviceGetsAnMfaSession(StoreTarget target) throws Exception
    {
        MovableClock clock = new MovableClock();
        try (RunningServer server = RunningServer.start(target, clock, true, OptionalInt.empty())) {
            AwsCredentialsProvider root = RunningServer.credentials("AKIAIOSFODNN7EXAMPLE", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY");
            try (StsClient sts = server.sts(root); IamClient iam = server.iam(root)) {
                String account = sts.getCallerIdentity().account();
                VirtualMFADevice device = iam.createVirtualMFADevice(b -> b.virtualMFADeviceName("root-account-mfa-device")).virtualMFADevice();
                // IAM's API enables devices for IAM users only (UserName is required); AWS assigns root's from the
                // console. The store's assignment stands in for that step.
                IamStore store = new IamStore(SecretBox.openOrCreate(server.server().config().dataDir()), IamIds.secure(), clock);
                long step = dev.bulwark.server.services.iam.mfa.Totp.step(clock.instant());
                server.server().store().inTransaction(tx -> store.mfaDevices().assign(tx,
                        store.mfaDevices().find(tx, account, device.serialNumber()).orElseThrow(), MfaDevice.ROOT, clock.instant(), step));

                assertThat(iam.listMFADevices().mfaDevices()).singleElement().satisfies(mfa -> {
                    assertThat(mfa.serialNumber()).isEqualTo("arn:aws:iam::" + account + ":mfa/root-account-mfa-device");
                    assertThat(mfa.userName()).isNull();
                });
                assertThat(iam.listVirtualMFADevices().virtualMFADevices()).singleElement()
                        .satisfies(listed -> assertThat(listed.user().arn()).isEqualTo("arn:aws:iam::" + account + ":root"));
                assertThat(iam.getAccountSummary().summaryMapAsStrings()).containsEntry("AccountMFAEnabled", 1).containsEntry("MFADevicesInUse", 1);

                Credentials session = sts.getSessionToken(b -> b.serialNumber(device.serialNumber()).tokenCode(code(device.base32StringSeed(), clock, 1)))
                        .credentials();
                try (IamClient rootSession = server.iam(session(session))) {
                    assertThat(rootSession.listMFADevices().mfaDevices()).hasSize(1);
                }
                iam.deactivateMFADevice(b -> b.serialNumber(device.serialNumber()));
                assertThat(iam.listMFADevices().mfaDevices()).isEmpty();
            }
        }
    }

    @StoreTest
    void assumeRoleWithMfaSatisfiesATrustPolicyThatRequiresIt(StoreTarget target) throws Exception
    {
        MovableClock clock = new MovableClock();
        try (RunningServer server = RunningServer.start(target, clock, false, OptionalInt.empty()); IamClient admin = server.iam(server.adminCredentials())) {
            String account = server.admin().accountId();
            AwsCredentialsProvider erin = userWithKey(admin, "erin");
            admin.putUserPolicy(b -> b.userName("erin").policyName("assume").policyDocument("{\"Version\":\"2012-10-17\",\"Statement\":["
                    + "{\"Effect\":\"Allow\",\"Action\":\"sts:AssumeRole\",\"Resource\":\"*\"}]}"));
            String roleArn = admin.createRole(b -> b.roleName("Breakglass").assumeRolePolicyDocument("{\"Version\":\"2012-10-17\",\"Statement\":[{"
                    + "\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"arn:aws:iam::" + account + ":root\"},\"Action\":\"sts:AssumeRole\","
                    + "\"Condition\":{\"Bool\":{\"aws:MultiFactorAuthPresent\":\"true\"}}}]}")).role().arn();
            admin.putRolePolicy(b -> b.roleName("Breakglass").policyName("list").policyDocument("{\"Version\":\"2012-10-17\",\"Statement\":["
                    + "{\"Effect\":\"Allow\",\"Action\":\"iam:ListUsers\",\"Resource\":\"*\",\"Condition\":{\"Bool\":{\"aws:MultiFactorAuthPresent\":\"true\"}}}]}"));
            String serial = enabledDevice(admin, clock, "erin");
            SdkBytes seed = seeds.remove(serial);

            try (StsClient sts = server.sts(erin)) {
                assertThatThrownBy(() -> sts.assumeRole(b -> b.roleArn(roleArn).roleSessionName("no-mfa")))
                        .isInstanceOfSatisfying(StsException.class, e -> {
                            assertThat(e.awsErrorDetails().errorCode()).isEqualTo("AccessDenied");
                            assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("User: arn:aws:iam::" + account + ":user/erin is not authorized to "
                                    + "perform: sts:AssumeRole on resource: " + roleArn);
                        });
                assertThatThrownBy(() -> sts.assumeRole(b -> b.roleArn(roleArn).roleSessionName("bad").serialNumber(serial).tokenCode(code(seed, clock, -5))))
                        .isInstanceOfSatisfying(StsException.class, e -> assertThat(e.awsErrorDetails().errorMessage()).isEqualTo(INVALID_CODE));

                Credentials role = sts.assumeRole(b -> b.roleArn(roleArn).roleSessionName("mfa").serialNumber(serial).tokenCode(code(seed, clock, 1)))
                        .credentials();
                try (IamClient iam = server.iam(session(role))) {
                    assertThat(iam.listUsers().users()).isNotEmpty();
                }
            }
            server.server().audit().flush();
            List<AuditRecord> events = server.server().store().readOnly(tx -> new AuditStore().recent(tx, account, 200));
            JsonNode identity = userIdentityOf(events, "ListUsers", id -> id.path("type").asText().equals("AssumedRole"));
            assertThat(identity.at("/sessionContext/attributes/mfaAuthenticated").asText()).isEqualTo("true");
        }
    }

    @StoreTest
    void federationTokenIssuesAFederatedUserForIamUsersLongTermKeysOnly(StoreTarget target) throws Exception
    {
        try (RunningServer server = RunningServer.start(target); IamClient admin = server.iam(server.adminCredentials())) {
            String account = server.admin().accountId();
            AwsCredentialsProvider broker = userWithKey(admin, "broker");
            try (StsClient sts = server.sts(broker)) {
                assertThatThrownBy(() -> sts.getFederationToken(b -> b.name("app")))
                        .isInstanceOfSatisfying(StsException.class, e -> {
                            assertThat(e.statusCode()).isEqualTo(403);
                            assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("User: arn:aws:iam::" + account + ":user/broker is not authorized to "
                                    + "perform: sts:GetFederationToken on resource: arn:aws:sts::" + account + ":federated-user/app because no identity-based "
                                    + "policy allows the sts:GetFederationToken action");
                        });
            }
            admin.putUserPolicy(b -> b.userName("broker").policyName("federate").policyDocument("{\"Version\":\"2012-10-17\",\"Statement\":["
                    + "{\"Effect\":\"Allow\",\"Action\":[\"sts:GetFederationToken\",\"iam:ListUsers\"],\"Resource\":\"*\"}]}"));
            try (StsClient sts = server.sts(broker)) {
                GetFederationTokenResponse response = sts.getFederationToken(b -> b.name("app").durationSeconds(3600)
                        .policy("{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"iam:ListUsers\",\"Resource\":\"*\"}]}"));
                assertThat(response.federatedUser().arn()).isEqualTo("arn:aws:sts::" + account + ":federated-user/app");
                assertThat(response.federatedUser().federatedUserId()).isEqualTo(account + ":app");
                assertThat(response.packedPolicySize()).isPositive();
                assertThat(Duration.between(Instant.now(), response.credentials().expiration())).isBetween(Duration.ofMinutes(58), Duration.ofMinutes(61));
                Credentials credentials = response.credentials();
                try (StsClient federated = server.sts(session(credentials)); IamClient federatedIam = server.iam(session(credentials))) {
                    assertThat(federated.getCallerIdentity().arn()).isEqualTo("arn:aws:sts::" + account + ":federated-user/app");
                    assertThat(federated.getCallerIdentity().userId()).isEqualTo(account + ":app");
                    assertThatThrownBy(federatedIam::listUsers).as("federated users cannot call IAM")
                            .isInstanceOfSatisfying(IamException.class, e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidClientTokenId"));
                    assertThatThrownBy(() -> federated.getFederationToken(b -> b.name("again")))
                            .isInstanceOfSatisfying(StsException.class, e -> assertThat(e.awsErrorDetails().errorMessage())
                                    .isEqualTo("Cannot call GetFederationToken with session credentials"));
                }
                assertThatThrownBy(() -> sts.getFederationToken(b -> b.name("bad").policy("{\"Version\":\"2012-10-17\"}")))
                        .isInstanceOfSatisfying(StsException.class, e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("MalformedPolicyDocument"));
            }
            server.server().audit().flush();
            List<AuditRecord> events = server.server().store().readOnly(tx -> new AuditStore().recent(tx, account, 200));
            JsonNode identity = userIdentityOf(events, "GetCallerIdentity", id -> id.path("type").asText().equals("FederatedUser"));
            assertThat(identity.get("arn").asText()).isEqualTo("arn:aws:sts::" + account + ":federated-user/app");
            assertThat(identity.at("/sessionContext/sessionIssuer/type").asText()).isEqualTo("IAMUser");
            assertThat(identity.at("/sessionContext/sessionIssuer/userName").asText()).isEqualTo("broker");
            assertThat(identity.at("/sessionContext/attributes/mfaAuthenticated").asText()).isEqualTo("false");
        }
    }

    // ---------------------------------------------------------------- helpers

    private final java.util.Map<String, SdkBytes> seeds = new java.util.HashMap<>();

    /** Creates a device named after the user and enables it with the codes of the previous and the current step. */
    private String enabledDevice(IamClient admin, MovableClock clock, String userName)
    {
        VirtualMFADevice device = admin.createVirtualMFADevice(b -> b.virtualMFADeviceName(userName)).virtualMFADevice();
        admin.enableMFADevice(b -> b.userName(userName).serialNumber(device.serialNumber())
                .authenticationCode1(code(device.base32StringSeed(), clock, -1)).authenticationCode2(code(device.base32StringSeed(), clock, 0)));
        seeds.put(device.serialNumber(), device.base32StringSeed());
        return device.serialNumber();
    }

    private static JsonNode userIdentityOf(List<AuditRecord> events, String eventName, java.util.function.Predicate<JsonNode> which) throws Exception
    {
        for (AuditRecord event : events) {
            if (event.eventName().equals(eventName)) {
                JsonNode identity = JSON.readTree(event.json()).get("userIdentity");
                if (identity.has("accessKeyId") && which.test(identity)) {
                    return identity;
                }
            }
        }
        throw new AssertionError("no " + eventName + " event matched");
    }
}
