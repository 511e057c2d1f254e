package dev.bulwark.server.it;

import dev.bulwark.server.store.StoreTarget;
import dev.bulwark.server.store.StoreTest;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AccessKey;
import software.amazon.awssdk.services.iam.model.IamException;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.AssumeRoleRequest;
import software.amazon.awssdk.services.sts.model.AssumeRoleResponse;
import software.amazon.awssdk.services.sts.model.Credentials;
import software.amazon.awssdk.services.sts.model.GetCallerIdentityResponse;
import software.amazon.awssdk.services.sts.model.PackedPolicyTooLargeException;
import software.amazon.awssdk.services.sts.model.StsException;

import java.time.Duration;
import java.time.Instant;
import java.util.OptionalInt;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * STS role sessions end to end through a real server and the AWS SDK, on both stores: AssumeRole's authorization
 * (identity policy and trust policy), the temporary credentials, and what a session may then do.
 */
final class TestRoleSessions
{
    private static final String LIST_USERS = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"iam:ListUsers\",\"Resource\":\"*\"}]}";
    private static final String ADMINISTRATOR_ACCESS = "arn:aws:iam::aws:policy/AdministratorAccess";

    @StoreTest
    void sessionIsTheAssumedRoleAndMayDoWhatTheRolePolicyAllows(StoreTarget target) throws Exception
    {
        try (RunningServer server = RunningServer.start(target); IamClient admin = server.iam(server.adminCredentials());
                StsClient adminSts = server.sts(server.adminCredentials())) {
            String account = server.admin().accountId();
            String roleId = admin.createRole(b -> b.roleName("Reader").path("/app/").assumeRolePolicyDocument(TestIamRoles.trustAccount(account))).role().roleId();
            admin.putRolePolicy(b -> b.roleName("Reader").policyName("list").policyDocument(LIST_USERS));

            AssumeRoleResponse assumed = adminSts.assumeRole(b -> b.roleArn("arn:aws:iam::" + account + ":role/app/Reader").roleSessionName("alice@ci"));
            Credentials credentials = assumed.credentials();
            assertThat(credentials.accessKeyId()).startsWith("ASIA").hasSize(20);
            assertThat(credentials.secretAccessKey()).hasSize(40);
            assertThat(credentials.sessionToken()).isNotBlank();
            assertThat(Duration.between(Instant.now(), credentials.expiration())).isBetween(Duration.ofMinutes(58), Duration.ofMinutes(61));
            String sessionArn = "arn:aws:sts::" + account + ":assumed-role/Reader/alice@ci";
            assertThat(assumed.assumedRoleUser().arn()).isEqualTo(sessionArn);
            assertThat(assumed.assumedRoleUser().assumedRoleId()).isEqualTo(roleId + ":alice@ci");
            assertThat(assumed.packedPolicySize()).isNull();

            try (StsClient sts = server.sts(session(credentials)); IamClient iam = server.iam(session(credentials))) {
                GetCallerIdentityResponse identity = sts.getCallerIdentity();
                assertThat(identity.arn()).isEqualTo(sessionArn);
                assertThat(identity.userId()).isEqualTo(roleId + ":alice@ci");
                assertThat(identity.account()).isEqualTo(account);

                assertThat(iam.listUsers().users()).isNotEmpty();
                assertThatThrownBy(() -> iam.createUser(b -> b.userName("mallory")))
                        .isInstanceOfSatisfying(IamException.class, e -> {
                            assertThat(e.statusCode()).isEqualTo(403);
                            assertThat(e.awsErrorDetails().errorCode()).isEqualTo("AccessDenied");
                            assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("User: " + sessionArn + " is not authorized to perform: iam:CreateUser "
                                    + "on resource: arn:aws:iam::" + account + ":user/mallory because no identity-based policy allows the iam:CreateUser action");
                        });
            }
        }
    }

    @StoreTest
    void rolePolicyChangesApplyToLiveSessions(StoreTarget target) throws Exception
    {
        try (RunningServer server = RunningServer.start(target); IamClient admin = server.iam(server.adminCredentials());
                StsClient adminSts = server.sts(server.adminCredentials())) {
            String account = server.admin().accountId();
            admin.createRole(b -> b.roleName("App").assumeRolePolicyDocument(TestIamRoles.trustAccount(account)));
            Credentials credentials = adminSts.assumeRole(b -> b.roleArn("arn:aws:iam::" + account + ":role/App").roleSessionName("s1")).credentials();
            try (IamClient iam = server.iam(session(credentials))) {
                assertThatThrownBy(iam::listUsers).isInstanceOf(IamException.class);
                admin.attachRolePolicy(b -> b.roleName("App").policyArn(ADMINISTRATOR_ACCESS));
                assertThat(iam.listUsers().users()).isNotEmpty();
            }
        }
    }

    @StoreTest
    void sessionPolicyNarrowsWhatTheRoleAllows(StoreTarget target) throws Exception
    {
        try (RunningServer server = RunningServer.start(target); IamClient admin = server.iam(server.adminCredentials());
                StsClient adminSts = server.sts(server.adminCredentials())) {
            String account = server.admin().accountId();
            admin.createRole(b -> b.roleName("Admin").assumeRolePolicyDocument(TestIamRoles.trustAccount(account)));
            admin.attachRolePolicy(b -> b.roleName("Admin").policyArn(ADMINISTRATOR_ACCESS));
            String onlyListRoles = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"iam:ListRoles\",\"Resource\":\"*\"}]}";
            AssumeRoleResponse assumed = adminSts.assumeRole(b -> b.roleArn("arn:aws:iam::" + account + ":role/Admin").roleSessionName("narrow").policy(onlyListRoles));
            assertThat(assumed.packedPolicySize()).isBetween(1, 100);
            try (IamClient iam = server.iam(session(assumed.credentials()))) {
                assertThat(iam.listRoles().roles()).extracting(r -> r.roleName()).contains("Admin");
                assertThatThrownBy(iam::listUsers)
                        .isInstanceOfSatisfying(IamException.class, e -> assertThat(e.awsErrorDetails().errorMessage())
                                .endsWith("because no session policy allows the iam:ListUsers action"));
            }
        }
    }

    @StoreTest
    void managedSessionPolicyNarrowsToo(StoreTarget target) throws Exception
    {
        try (RunningServer server = RunningServer.start(target); IamClient admin = server.iam(server.adminCredentials());
                StsClient adminSts = server.sts(server.adminCredentials())) {
            String account = server.admin().accountId();
            admin.createRole(b -> b.roleName("Admin").assumeRolePolicyDocument(TestIamRoles.trustAccount(account)));
            admin.attachRolePolicy(b -> b.roleName("Admin").policyArn(ADMINISTRATOR_ACCESS));
            AssumeRoleResponse assumed = adminSts.assumeRole(b -> b.roleArn("arn:aws:iam::" + account + ":role/Admin").roleSessionName("ro")
                    .policyArns(p -> p.arn(TestIamRoles.READ_ONLY)));
            try (IamClient iam = server.iam(session(assumed.credentials()))) {
                assertThat(iam.listUsers().users()).isNotEmpty();
                assertThatThrownBy(() -> iam.createUser(b -> b.userName("x")))
                        .isInstanceOfSatisfying(IamException.class, e -> assertThat(e.awsErrorDetails().errorMessage())
                                .endsWith("because no session policy allows the iam:CreateUser action"));
            }
        }
    }

    @StoreTest
    void trustPolicyThatDoesNotTrustTheCallerIsAccessDeniedWithStsWording(StoreTarget target) throws Exception
    {
        try (RunningServer server = RunningServer.start(target); IamClient admin = server.iam(server.adminCredentials());
                StsClient adminSts = server.sts(server.adminCredentials())) {
            String account = server.admin().accountId();
            String trustsBob = TestIamRoles.trustAccount(account).replace(":root", ":user/bob");
            admin.createUser(b -> b.userName("bob"));
            admin.createRole(b -> b.roleName("BobOnly").assumeRolePolicyDocument(trustsBob));
            assertThatThrownBy(() -> adminSts.assumeRole(b -> b.roleArn("arn:aws:iam::" + account + ":role/BobOnly").roleSessionName("s1")))
                    .isInstanceOfSatisfying(StsException.class, e -> {
                        assertThat(e.statusCode()).isEqualTo(403);
                        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("AccessDenied");
                        assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("User: " + server.admin().adminArn()
                                + " is not authorized to perform: sts:AssumeRole on resource: arn:aws:iam::" + account + ":role/BobOnly");
                    });
        }
    }

    @StoreTest
    void trustingTheAccountStillNeedsAnIdentityPolicyButNamingTheUserDoesNot(StoreTarget target) throws Exception
    {
        try (RunningServer server = RunningServer.start(target); IamClient admin = server.iam(server.adminCredentials())) {
            String account = server.admin().accountId();
            AwsCredentialsProvider alice = newUserWithKey(admin, "alice");
            admin.createRole(b -> b.roleName("AccountTrusted").assumeRolePolicyDocument(TestIamRoles.trustAccount(account)));
            admin.createRole(b -> b.roleName("AliceTrusted").assumeRolePolicyDocument(TestIamRoles.trustAccount(account).replace(":root", ":user/alice")));
            try (StsClient sts = server.sts(alice)) {
                assertThatThrownBy(() -> sts.assumeRole(b -> b.roleArn("arn:aws:iam::" + account + ":role/AccountTrusted").roleSessionName("s1")))
                        .isInstanceOfSatisfying(StsException.class, e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("AccessDenied"));
                assertThat(sts.assumeRole(b -> b.roleArn("arn:aws:iam::" + account + ":role/AliceTrusted").roleSessionName("s1")).assumedRoleUser().arn())
                        .endsWith(":assumed-role/AliceTrusted/s1");
            }
        }
    }

    @StoreTest
    void missingRoleIsAccessDeniedNotNoSuchEntity(StoreTarget target) throws Exception
    {
        try (RunningServer server = RunningServer.start(target); StsClient adminSts = server.sts(server.adminCredentials())) {
            String roleArn = "arn:aws:iam::" + server.admin().accountId() + ":role/Ghost";
            assertThatThrownBy(() -> adminSts.assumeRole(b -> b.roleArn(roleArn).roleSessionName("s1")))
                    .isInstanceOfSatisfying(StsException.class, e -> assertThat(e.awsErrorDetails().errorMessage())
                            .isEqualTo("User: " + server.admin().adminArn() + " is not authorized to perform: sts:AssumeRole on resource: " + roleArn));
        }
    }

    @StoreTest
    void durationBeyondTheRolesMaximumIsValidationError(StoreTarget target) throws Exception
    {
        try (RunningServer server = RunningServer.start(target); IamClient admin = server.iam(server.adminCredentials());
                StsClient adminSts = server.sts(server.adminCredentials())) {
            String account = server.admin().accountId();
            admin.createRole(b -> b.roleName("App").assumeRolePolicyDocument(TestIamRoles.trustAccount(account)));
            Consumer<AssumeRoleRequest.Builder> twoHours = b -> b.roleArn("arn:aws:iam::" + account + ":role/App").roleSessionName("s1").durationSeconds(7200);
            assertThatThrownBy(() -> adminSts.assumeRole(twoHours))
                    .isInstanceOfSatisfying(StsException.class, e -> {
                        assertThat(e.statusCode()).isEqualTo(400);
                        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationError");
                        assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("The requested DurationSeconds exceeds the MaxSessionDuration set for this role.");
                    });
            admin.updateRole(b -> b.roleName("App").maxSessionDuration(7200));
            assertThat(Duration.between(Instant.now(), adminSts.assumeRole(twoHours).credentials().expiration())).isGreaterThan(Duration.ofMinutes(115));
            assertThatThrownBy(() -> adminSts.assumeRole(b -> b.roleArn("arn:aws:iam::" + account + ":role/App").roleSessionName("s1").durationSeconds(600)))
                    .isInstanceOfSatisfying(StsException.class, e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationError"));
        }
    }

    @StoreTest
    void oversizedSessionPolicyIsPackedPolicyTooLarge(StoreTarget target) throws Exception
    {
        try (RunningServer server = RunningServer.start(target); IamClient admin = server.iam(server.adminCredentials());
                StsClient adminSts = server.sts(server.adminCredentials())) {
            String account = server.admin().accountId();
            admin.createRole(b -> b.roleName("App").assumeRolePolicyDocument(TestIamRoles.trustAccount(account)));
            String big = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"iam:ListUsers\",\"Resource\":\"arn:aws:iam::*:user/"
                    + "x".repeat(2100) + "\"}]}";
            assertThatThrownBy(() -> adminSts.assumeRole(b -> b.roleArn("arn:aws:iam::" + account + ":role/App").roleSessionName("s1").policy(big)))
                    .isInstanceOfSatisfying(PackedPolicyTooLargeException.class, e -> assertThat(e.awsErrorDetails().errorMessage())
                            .matches("Packed policy consumes \\d+% of allotted space, please use smaller policy\\."));
        }
    }

    @StoreTest
    void principalArnOfASessionIsItsRole(StoreTarget target) throws Exception
    {
        try (RunningServer server = RunningServer.start(target); IamClient admin = server.iam(server.adminCredentials());
                StsClient adminSts = server.sts(server.adminCredentials())) {
            String account = server.admin().accountId();
            String roleArn = "arn:aws:iam::" + account + ":role/App";
            admin.createRole(b -> b.roleName("App").assumeRolePolicyDocument(TestIamRoles.trustAccount(account)));
            admin.putRolePolicy(b -> b.roleName("App").policyName("by-principal").policyDocument("""
                    {"Version":"2012-10-17","Statement":[
                      {"Effect":"Allow","Action":"iam:ListUsers","Resource":"*","Condition":{"StringEquals":{"aws:PrincipalArn":"%s","aws:PrincipalType":"AssumedRole"}}},
                      {"Effect":"Allow","Action":"iam:ListRoles","Resource":"*","Condition":{"StringLike":{"aws:userid":"*:named"}}},
                      {"Effect":"Allow","Action":"iam:ListGroups","Resource":"*","Condition":{"Bool":{"aws:MultiFactorAuthPresent":"true"}}}]}"""
                    .formatted(roleArn)));
            Credentials credentials = adminSts.assumeRole(b -> b.roleArn(roleArn).roleSessionName("named")).credentials();
            try (IamClient iam = server.iam(session(credentials))) {
                assertThat(iam.listUsers().users()).isNotEmpty();
                assertThat(iam.listRoles().roles()).isNotEmpty();
                assertThatThrownBy(iam::listGroups).isInstanceOf(IamException.class);
            }
        }
    }

    @StoreTest
    void sessionPastItsExpirationIsExpiredToken(StoreTarget target) throws Exception
    {
        MovableClock clock = new MovableClock();
        try (RunningServer server = RunningServer.start(target, clock, false, OptionalInt.empty()); IamClient admin = server.iam(server.adminCredentials());
                StsClient adminSts = server.sts(server.adminCredentials())) {
            String account = server.admin().accountId();
            admin.createRole(b -> b.roleName("App").assumeRolePolicyDocument(TestIamRoles.trustAccount(account)));
            // Issued 10 minutes in the past for 15 minutes, it expires 5 minutes from now; moving the server 6 minutes
            // ahead passes that while every signature stays within SigV4's 15-minute skew window.
            clock.setOffset(Duration.ofMinutes(-10));
            Credentials credentials = adminSts.assumeRole(b -> b.roleArn("arn:aws:iam::" + account + ":role/App").roleSessionName("s1").durationSeconds(900))
                    .credentials();
            try (StsClient sts = server.sts(session(credentials))) {
                assertThat(sts.getCallerIdentity().arn()).endsWith(":assumed-role/App/s1");
                clock.setOffset(Duration.ofMinutes(6));
                assertThatThrownBy(sts::getCallerIdentity)
                        .isInstanceOfSatisfying(StsException.class, e -> {
                            assertThat(e.statusCode()).isEqualTo(403);
                            assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ExpiredToken");
                            assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("The security token included in the request is expired");
                        });
            }
        }
    }

    @StoreTest
    void wrongSessionTokenIsRejected(StoreTarget target) throws Exception
    {
        try (RunningServer server = RunningServer.start(target); IamClient admin = server.iam(server.adminCredentials());
                StsClient adminSts = server.sts(server.adminCredentials())) {
            String account = server.admin().accountId();
            admin.createRole(b -> b.roleName("App").assumeRolePolicyDocument(TestIamRoles.trustAccount(account)));
            Credentials credentials = adminSts.assumeRole(b -> b.roleArn("arn:aws:iam::" + account + ":role/App").roleSessionName("s1")).credentials();
            Credentials forged = credentials.toBuilder().sessionToken(credentials.sessionToken().substring(1) + "A").build();
            try (StsClient sts = server.sts(session(forged))) {
                assertThatThrownBy(sts::getCallerIdentity)
                        .isInstanceOfSatisfying(StsException.class, e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidClientTokenId"));
            }
        }
    }

    @StoreTest
    void rootCannotAssumeRoles(StoreTarget target) throws Exception
    {
        // In dev mode a key the server never issued acts as the default account's root user.
        try (RunningServer server = RunningServer.start(target, java.time.Clock.systemUTC(), true, OptionalInt.empty())) {
            AwsCredentialsProvider root = RunningServer.credentials("AKIAIOSFODNN7EXAMPLE", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY");
            try (IamClient iam = server.iam(root); StsClient sts = server.sts(root)) {
                String account = sts.getCallerIdentity().account();
                String roleArn = iam.createRole(b -> b.roleName("App").assumeRolePolicyDocument(TestIamRoles.trustAccount(account))).role().arn();
                assertThatThrownBy(() -> sts.assumeRole(b -> b.roleArn(roleArn).roleSessionName("s1")))
                        .isInstanceOfSatisfying(StsException.class, e -> {
                            assertThat(e.statusCode()).isEqualTo(403);
                            assertThat(e.awsErrorDetails().errorCode()).isEqualTo("AccessDenied");
                            assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("Roles may not be assumed by root accounts.");
                        });
            }
        }
    }

    @StoreTest
    void deletingTheRoleEndsItsSessions(StoreTarget target) throws Exception
    {
        try (RunningServer server = RunningServer.start(target); IamClient admin = server.iam(server.adminCredentials());
                StsClient adminSts = server.sts(server.adminCredentials())) {
            String account = server.admin().accountId();
            admin.createRole(b -> b.roleName("App").assumeRolePolicyDocument(TestIamRoles.trustAccount(account)));
            Credentials credentials = adminSts.assumeRole(b -> b.roleArn("arn:aws:iam::" + account + ":role/App").roleSessionName("s1")).credentials();
            try (StsClient sts = server.sts(session(credentials))) {
                assertThat(sts.getCallerIdentity().arn()).endsWith(":assumed-role/App/s1");
                admin.deleteRole(b -> b.roleName("App"));
                assertThatThrownBy(sts::getCallerIdentity)
                        .isInstanceOfSatisfying(StsException.class, e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidClientTokenId"));
            }
        }
    }

    @StoreTest
    void crossAccountRoleNeedsTheOtherAccountsTrust(StoreTarget target) throws Exception
    {
        // Dev mode: the admin's key is verified in its own account; an unknown key is the default account's root.
        try (RunningServer server = RunningServer.start(target, java.time.Clock.systemUTC(), true, OptionalInt.empty());
                StsClient adminSts = server.sts(server.adminCredentials())) {
            AwsCredentialsProvider otherRoot = RunningServer.credentials("AKIAIOSFODNN7EXAMPLE", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY");
            String adminAccount = server.admin().accountId();
            try (IamClient other = server.iam(otherRoot); StsClient otherSts = server.sts(otherRoot)) {
                String otherAccount = otherSts.getCallerIdentity().account();
                assertThat(otherAccount).isNotEqualTo(adminAccount);
                String trusting = other.createRole(b -> b.roleName("Partner").assumeRolePolicyDocument(TestIamRoles.trustAccount(adminAccount))).role().arn();
                String notTrusting = other.createRole(b -> b.roleName("Private").assumeRolePolicyDocument(TestIamRoles.trustAccount(otherAccount))).role().arn();

                AssumeRoleResponse assumed = adminSts.assumeRole(b -> b.roleArn(trusting).roleSessionName("partner"));
                assertThat(assumed.assumedRoleUser().arn()).isEqualTo("arn:aws:sts::" + otherAccount + ":assumed-role/Partner/partner");
                try (StsClient sts = server.sts(session(assumed.credentials()))) {
                    assertThat(sts.getCallerIdentity().account()).isEqualTo(otherAccount);
                }
                assertThatThrownBy(() -> adminSts.assumeRole(b -> b.roleArn(notTrusting).roleSessionName("partner")))
                        .isInstanceOfSatisfying(StsException.class, e -> assertThat(e.awsErrorDetails().errorMessage())
                                .isEqualTo("User: " + server.admin().adminArn() + " is not authorized to perform: sts:AssumeRole on resource: " + notTrusting));
            }
        }
    }

    @StoreTest
    void sessionNameMustMatchStsConstraints(StoreTarget target) throws Exception
    {
        try (RunningServer server = RunningServer.start(target); StsClient adminSts = server.sts(server.adminCredentials())) {
            String roleArn = "arn:aws:iam::" + server.admin().accountId() + ":role/App";
            assertThatThrownBy(() -> adminSts.assumeRole(b -> b.roleArn(roleArn).roleSessionName("has space")))
                    .isInstanceOfSatisfying(StsException.class, e -> {
                        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationError");
                        assertThat(e.awsErrorDetails().errorMessage()).contains("'roleSessionName'");
                    });
        }
    }

    @StoreTest
    void rolePermissionsBoundaryLimitsItsSessions(StoreTarget target) throws Exception
    {
        try (RunningServer server = RunningServer.start(target); IamClient admin = server.iam(server.adminCredentials());
                StsClient adminSts = server.sts(server.adminCredentials())) {
            String account = server.admin().accountId();
            admin.createRole(b -> b.roleName("Bounded").permissionsBoundary(TestIamRoles.READ_ONLY).assumeRolePolicyDocument(TestIamRoles.trustAccount(account)));
            admin.attachRolePolicy(b -> b.roleName("Bounded").policyArn(ADMINISTRATOR_ACCESS));
            Credentials credentials = adminSts.assumeRole(b -> b.roleArn("arn:aws:iam::" + account + ":role/Bounded").roleSessionName("b1")).credentials();
            try (IamClient iam = server.iam(session(credentials))) {
                assertThat(iam.listUsers().users()).isNotEmpty();
                assertThatThrownBy(() -> iam.createUser(b -> b.userName("x")))
                        .isInstanceOfSatisfying(IamException.class, e -> assertThat(e.awsErrorDetails().errorMessage())
                                .endsWith("because no permissions boundary allows the iam:CreateUser action"));
            }
        }
    }

    @StoreTest
    void externalIdConditionInTheTrustPolicyIsEnforced(StoreTarget target) throws Exception
    {
        try (RunningServer server = RunningServer.start(target); IamClient admin = server.iam(server.adminCredentials());
                StsClient adminSts = server.sts(server.adminCredentials())) {
            String account = server.admin().accountId();
            String roleArn = "arn:aws:iam::" + account + ":role/Vendor";
            admin.createRole(b -> b.roleName("Vendor").assumeRolePolicyDocument("""
                    {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::%s:root"},"Action":"sts:AssumeRole",
                      "Condition":{"StringEquals":{"sts:ExternalId":"secret-handshake"}}}]}""".formatted(account)));
            assertThatThrownBy(() -> adminSts.assumeRole(b -> b.roleArn(roleArn).roleSessionName("v1")))
                    .isInstanceOfSatisfying(StsException.class, e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("AccessDenied"));
            assertThatThrownBy(() -> adminSts.assumeRole(b -> b.roleArn(roleArn).roleSessionName("v1").externalId("guess")))
                    .isInstanceOfSatisfying(StsException.class, e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("AccessDenied"));
            assertThat(adminSts.assumeRole(b -> b.roleArn(roleArn).roleSessionName("v1").externalId("secret-handshake")).credentials()).isNotNull();
        }
    }

    @StoreTest
    void updatedTrustPolicyDecidesTheNextAssumeRole(StoreTarget target) throws Exception
    {
        try (RunningServer server = RunningServer.start(target); IamClient admin = server.iam(server.adminCredentials());
                StsClient adminSts = server.sts(server.adminCredentials())) {
            String account = server.admin().accountId();
            String roleArn = "arn:aws:iam::" + account + ":role/App";
            admin.createRole(b -> b.roleName("App").assumeRolePolicyDocument(TestIamRoles.trustAccount(account)));
            assertThat(adminSts.assumeRole(b -> b.roleArn(roleArn).roleSessionName("first")).credentials()).isNotNull();
            admin.updateAssumeRolePolicy(b -> b.roleName("App").policyDocument(TestIamRoles.trustAccount(account).replace(":root", ":user/nobody-else")));
            assertThatThrownBy(() -> adminSts.assumeRole(b -> b.roleArn(roleArn).roleSessionName("second")))
                    .isInstanceOfSatisfying(StsException.class, e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("AccessDenied"));
        }
    }

    @StoreTest
    void roleChainingIsLimitedToOneHour(StoreTarget target) throws Exception
    {
        try (RunningServer server = RunningServer.start(target); IamClient admin = server.iam(server.adminCredentials());
                StsClient adminSts = server.sts(server.adminCredentials())) {
            String account = server.admin().accountId();
            admin.createRole(b -> b.roleName("First").assumeRolePolicyDocument(TestIamRoles.trustAccount(account)));
            admin.attachRolePolicy(b -> b.roleName("First").policyArn(ADMINISTRATOR_ACCESS));
            admin.createRole(b -> b.roleName("Second").maxSessionDuration(43200).assumeRolePolicyDocument(TestIamRoles.trustAccount(account)));
            Credentials first = adminSts.assumeRole(b -> b.roleArn("arn:aws:iam::" + account + ":role/First").roleSessionName("c1")).credentials();
            try (StsClient sts = server.sts(session(first))) {
                assertThatThrownBy(() -> sts.assumeRole(b -> b.roleArn("arn:aws:iam::" + account + ":role/Second").roleSessionName("c2").durationSeconds(7200)))
                        .isInstanceOfSatisfying(StsException.class, e -> assertThat(e.awsErrorDetails().errorMessage())
                                .isEqualTo("The requested DurationSeconds exceeds the 1 hour session limit for roles assumed by role chaining."));
                AssumeRoleResponse chained = sts.assumeRole(b -> b.roleArn("arn:aws:iam::" + account + ":role/Second").roleSessionName("c2"));
                assertThat(chained.assumedRoleUser().arn()).isEqualTo("arn:aws:sts::" + account + ":assumed-role/Second/c2");
            }
        }
    }

    @StoreTest
    void trustPolicyNamingARoleTrustsThatRolesSessions(StoreTarget target) throws Exception
    {
        try (RunningServer server = RunningServer.start(target); IamClient admin = server.iam(server.adminCredentials());
                StsClient adminSts = server.sts(server.adminCredentials())) {
            String account = server.admin().accountId();
            String firstArn = "arn:aws:iam::" + account + ":role/First";
            admin.createRole(b -> b.roleName("First").assumeRolePolicyDocument(TestIamRoles.trustAccount(account)));
            admin.putRolePolicy(b -> b.roleName("First").policyName("assume").policyDocument(
                    "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"sts:AssumeRole\",\"Resource\":\"*\"}]}"));
            admin.createRole(b -> b.roleName("TrustsFirst").assumeRolePolicyDocument(TestIamRoles.trustAccount(account).replace(":root", ":role/First")));
            Credentials first = adminSts.assumeRole(b -> b.roleArn(firstArn).roleSessionName("hop")).credentials();
            try (StsClient sts = server.sts(session(first))) {
                assertThat(sts.assumeRole(b -> b.roleArn("arn:aws:iam::" + account + ":role/TrustsFirst").roleSessionName("hop2")).assumedRoleUser().arn())
                        .endsWith(":assumed-role/TrustsFirst/hop2");
            }
            // The admin user is not the role named in the trust policy.
            assertThatThrownBy(() -> adminSts.assumeRole(b -> b.roleArn("arn:aws:iam::" + account + ":role/TrustsFirst").roleSessionName("direct")))
                    .isInstanceOfSatisfying(StsException.class, e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("AccessDenied"));
        }
    }

    @StoreTest
    void malformedSessionPolicyIsMalformedPolicyDocument(StoreTarget target) throws Exception
    {
        try (RunningServer server = RunningServer.start(target); IamClient admin = server.iam(server.adminCredentials());
                StsClient adminSts = server.sts(server.adminCredentials())) {
            String account = server.admin().accountId();
            admin.createRole(b -> b.roleName("App").assumeRolePolicyDocument(TestIamRoles.trustAccount(account)));
            assertThatThrownBy(() -> adminSts.assumeRole(b -> b.roleArn("arn:aws:iam::" + account + ":role/App").roleSessionName("m1").policy("{\"Statement\":")))
                    .isInstanceOfSatisfying(software.amazon.awssdk.services.sts.model.MalformedPolicyDocumentException.class, e -> {
                        assertThat(e.statusCode()).isEqualTo(400);
                        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("MalformedPolicyDocument");
                    });
        }
    }

    static AwsCredentialsProvider session(Credentials credentials)
    {
        return StaticCredentialsProvider.create(AwsSessionCredentials.create(credentials.accessKeyId(), credentials.secretAccessKey(), credentials.sessionToken()));
    }

    private static AwsCredentialsProvider newUserWithKey(IamClient admin, String name)
    {
        admin.createUser(b -> b.userName(name));
        AccessKey key = admin.createAccessKey(b -> b.userName(name)).accessKey();
        return RunningServer.credentials(key.accessKeyId(), key.secretAccessKey());
    }
}
