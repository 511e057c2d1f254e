package dev.bulwark.server.it;

import dev.bulwark.server.services.iam.AccessKeyUsage;
import dev.bulwark.server.services.iam.IamStore;
import dev.bulwark.server.services.iam.TestKeyMaterial;
import dev.bulwark.server.services.iam.model.IamIds;
import dev.bulwark.server.store.SecretBox;
import dev.bulwark.server.store.StoreTarget;
import dev.bulwark.server.store.StoreTest;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.CredentialReportExpiredException;
import software.amazon.awssdk.services.iam.model.CredentialReportNotPresentException;
import software.amazon.awssdk.services.iam.model.EntityType;
import software.amazon.awssdk.services.iam.model.GetAccountAuthorizationDetailsResponse;
import software.amazon.awssdk.services.iam.model.GetCredentialReportResponse;
import software.amazon.awssdk.services.iam.model.GroupDetail;
import software.amazon.awssdk.services.iam.model.ManagedPolicyDetail;
import software.amazon.awssdk.services.iam.model.ReportFormatType;
import software.amazon.awssdk.services.iam.model.ReportStateType;
import software.amazon.awssdk.services.iam.model.RoleDetail;
import software.amazon.awssdk.services.iam.model.UserDetail;
import software.amazon.awssdk.core.SdkBytes;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.function.Function;
import java.util.stream.Collectors;

import static dev.bulwark.server.it.TestIamManagedPolicies.userWithKey;
import static dev.bulwark.server.it.TestIamPolicySimulator.assertAccessDenied;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** GetAccountAuthorizationDetails and the credential report through the SDK on both stores. */
final class TestIamReports
{
    private static final String AWS_COLUMNS = "user,arn,user_creation_time,password_enabled,password_last_used,password_last_changed,"
            + "password_next_rotation,mfa_active,access_key_1_active,access_key_1_last_rotated,access_key_1_last_used_date,"
            + "access_key_1_last_used_region,access_key_1_last_used_service,access_key_2_active,access_key_2_last_rotated,"
            + "access_key_2_last_used_date,access_key_2_last_used_region,access_key_2_last_used_service,cert_1_active,cert_1_last_rotated,"
            + "cert_2_active,cert_2_last_rotated";
    private static final String READ = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"s3:Get*\",\"Resource\":\"*\"}]}";

    @StoreTest
    void authorizationDetailsDescribeEveryEntityAndRelationship(StoreTarget target) throws Exception
    {
        try (RunningServer server = RunningServer.start(target); IamClient admin = server.iam(server.adminCredentials())) {
            String account = server.admin().accountId();
            admin.createUser(b -> b.userName("ann").path("/eng/").tags(t -> t.key("team").value("blue")));
            admin.putUserPolicy(b -> b.userName("ann").policyName("read").policyDocument(READ));
            String boundary = admin.createPolicy(b -> b.policyName("boundary").policyDocument(READ)).policy().arn();
            admin.createPolicyVersion(b -> b.policyArn(boundary).policyDocument(READ.replace("s3:Get*", "s3:List*")).setAsDefault(true));
            admin.putUserPermissionsBoundary(b -> b.userName("ann").permissionsBoundary(boundary));
            admin.createGroup(b -> b.groupName("eng"));
            admin.addUserToGroup(b -> b.groupName("eng").userName("ann"));
            admin.putGroupPolicy(b -> b.groupName("eng").policyName("group-read").policyDocument(READ));
            admin.attachGroupPolicy(b -> b.groupName("eng").policyArn("arn:aws:iam::aws:policy/ReadOnlyAccess"));
            admin.createRole(b -> b.roleName("ci").assumeRolePolicyDocument(TestIamRoles.trustAccount(account)));
            admin.putRolePolicy(b -> b.roleName("ci").policyName("role-read").policyDocument(READ));

            GetAccountAuthorizationDetailsResponse all = admin.getAccountAuthorizationDetails();
            assertThat(all.isTruncated()).isFalse();
            UserDetail ann = all.userDetailList().stream().filter(user -> user.userName().equals("ann")).findFirst().orElseThrow();
            assertThat(ann.arn()).isEqualTo("arn:aws:iam::" + account + ":user/eng/ann");
            assertThat(ann.path()).isEqualTo("/eng/");
            assertThat(ann.groupList()).containsExactly("eng");
            assertThat(ann.userPolicyList()).singleElement().satisfies(policy -> {
                assertThat(policy.policyName()).isEqualTo("read");
                assertThat(policy.policyDocument()).as("documents come URL-encoded").isNotEqualTo(READ);
                assertThat(URLDecoder.decode(policy.policyDocument(), StandardCharsets.UTF_8)).isEqualTo(READ);
            });
            assertThat(ann.permissionsBoundary().permissionsBoundaryArn()).isEqualTo(boundary);
            assertThat(ann.tags()).singleElement().satisfies(tag -> assertThat(tag.key() + "=" + tag.value()).isEqualTo("team=blue"));
            GroupDetail eng = all.groupDetailList().stream().filter(group -> group.groupName().equals("eng")).findFirst().orElseThrow();
            assertThat(eng.groupPolicyList()).extracting(policy -> policy.policyName()).containsExactly("group-read");
            assertThat(eng.attachedManagedPolicies()).extracting(policy -> policy.policyArn()).containsExactly("arn:aws:iam::aws:policy/ReadOnlyAccess");
            RoleDetail ci = all.roleDetailList().stream().filter(role -> role.roleName().equals("ci")).findFirst().orElseThrow();
            assertThat(URLDecoder.decode(ci.assumeRolePolicyDocument(), StandardCharsets.UTF_8)).isEqualTo(TestIamRoles.trustAccount(account));
            assertThat(ci.rolePolicyList()).extracting(policy -> policy.policyName()).containsExactly("role-read");
            assertThat(ci.instanceProfileList()).isEmpty();
            Map<String, ManagedPolicyDetail> policies = all.policies().stream().collect(Collectors.toMap(ManagedPolicyDetail::arn, Function.identity()));
            assertThat(policies).containsKeys(boundary, "arn:aws:iam::aws:policy/ReadOnlyAccess", "arn:aws:iam::aws:policy/AdministratorAccess");
            assertThat(policies.get(boundary).permissionsBoundaryUsageCount()).isEqualTo(1);
            assertThat(policies.get(boundary).defaultVersionId()).isEqualTo("v2");
            assertThat(policies.get(boundary).policyVersionList()).extracting(version -> version.versionId() + ":" + version.isDefaultVersion())
                    .containsExactlyInAnyOrder("v1:false", "v2:true");
            assertThat(policies.values()).extracting(ManagedPolicyDetail::arn).as("only AWS managed policies in use are listed")
                    .doesNotContain("arn:aws:iam::aws:policy/IAMFullAccess");

            // Filter and paging
            GetAccountAuthorizationDetailsResponse onlyRoles = admin.getAccountAuthorizationDetails(b -> b.filter(EntityType.ROLE));
            assertThat(onlyRoles.userDetailList()).isEmpty();
            assertThat(onlyRoles.policies()).isEmpty();
            assertThat(onlyRoles.roleDetailList()).extracting(RoleDetail::roleName).contains("ci");
            List<String> paged = new ArrayList<>();
            String marker = null;
            int pages = 0;
            do {
                String from = marker;
                GetAccountAuthorizationDetailsResponse page = admin.getAccountAuthorizationDetails(b -> b.maxItems(2).marker(from)
                        .filter(EntityType.USER, EntityType.GROUP, EntityType.LOCAL_MANAGED_POLICY));
                page.userDetailList().forEach(user -> paged.add("user:" + user.userName()));
                page.groupDetailList().forEach(group -> paged.add("group:" + group.groupName()));
                page.policies().forEach(policy -> paged.add("policy:" + policy.policyName()));
                assertThat(page.userDetailList().size() + page.groupDetailList().size() + page.policies().size()).isLessThanOrEqualTo(2);
                marker = page.isTruncated() ? page.marker() : null;
                pages++;
            }
            while (marker != null);
            assertThat(paged).containsExactly("user:admin", "user:ann", "group:Administrators", "group:eng", "policy:boundary");
            assertThat(pages).isEqualTo(3);

            AwsCredentialsProvider nobody = userWithKey(admin, "nobody");
            try (IamClient iam = server.iam(nobody)) {
                assertAccessDenied(iam::getAccountAuthorizationDetails, "User: arn:aws:iam::" + account + ":user/nobody is not authorized to perform: "
                        + "iam:GetAccountAuthorizationDetails on resource: * because no identity-based policy allows the iam:GetAccountAuthorizationDetails action");
                admin.putUserPolicy(b -> b.userName("nobody").policyName("details").policyDocument(
                        "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"iam:GetAccountAuthorizationDetails\",\"Resource\":\"*\"}]}"));
                assertThat(iam.getAccountAuthorizationDetails().userDetailList()).extracting(UserDetail::userName).contains("nobody");
            }
        }
    }

    @StoreTest
    void credentialReportHasAwsColumnsAndRealData(StoreTarget target) throws Exception
    {
        try (RunningServer server = RunningServer.start(target); IamClient admin = server.iam(server.adminCredentials())) {
            String account = server.admin().accountId();
            assertThatThrownBy(admin::getCredentialReport)
                    .isInstanceOfSatisfying(CredentialReportNotPresentException.class, e -> {
                        assertThat(e.statusCode()).isEqualTo(410);
                        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ReportNotPresent");
                        assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("The request was rejected because the credential report does not exist. "
                                + "To generate a credential report, use GenerateCredentialReport.");
                    });

            admin.createUser(b -> b.userName("gina"));
            admin.createLoginProfile(b -> b.userName("gina").password("Sup3r-secret!pass"));
            String first = admin.createAccessKey(b -> b.userName("gina")).accessKey().accessKeyId();
            String second = admin.createAccessKey(b -> b.userName("gina")).accessKey().accessKeyId();
            admin.updateAccessKey(b -> b.userName("gina").accessKeyId(second).status("Inactive"));
            admin.updateAccountPasswordPolicy(b -> b.maxPasswordAge(90));
            IamStore store = new IamStore(SecretBox.openOrCreate(target.dataDir()), IamIds.secure(), Clock.systemUTC());
            Instant used = Instant.parse("2026-03-04T05:06:07.890Z");
            try (AccessKeyUsage usage = new AccessKeyUsage(server.server().store(), store)) {
                usage.used(first, "iam", "us-east-1", used);
            }

            assertThat(admin.generateCredentialReport().state()).isEqualTo(ReportStateType.STARTED);
            assertThat(admin.generateCredentialReport().state()).as("a fresh report exists").isEqualTo(ReportStateType.COMPLETE);
            GetCredentialReportResponse report = admin.getCredentialReport();
            assertThat(report.reportFormat()).isEqualTo(ReportFormatType.TEXT_CSV);
            assertThat(report.generatedTime()).isBetween(Instant.now().minus(Duration.ofMinutes(1)), Instant.now().plusSeconds(1));
            List<String> lines = report.content().asUtf8String().lines().toList();
            assertThat(lines.get(0)).isEqualTo(AWS_COLUMNS);
            List<String> columns = Arrays.asList(AWS_COLUMNS.split(","));
            Map<String, String> root = row(columns, lines.get(1));
            assertThat(root.get("user")).isEqualTo("<root_account>");
            assertThat(root.get("arn")).isEqualTo("arn:aws:iam::" + account + ":root");
            assertThat(root.get("password_enabled")).isEqualTo("not_supported");
            assertThat(root.get("password_last_changed")).isEqualTo("not_supported");
            assertThat(root.get("password_next_rotation")).isEqualTo("not_supported");
            assertThat(root.get("access_key_1_active")).as("init gives the root no keys").isEqualTo("false");
            assertThat(root.get("access_key_1_last_rotated")).isEqualTo("N/A");

            Map<String, String> gina = lines.stream().skip(2).map(line -> row(columns, line)).filter(row -> row.get("user").equals("gina"))
                    .findFirst().orElseThrow();
            assertThat(gina.get("arn")).isEqualTo("arn:aws:iam::" + account + ":user/gina");
            assertThat(gina.get("user_creation_time")).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\+00:00");
            assertThat(gina.get("password_enabled")).isEqualTo("true");
            assertThat(gina.get("password_last_used")).isEqualTo("no_information");
            Instant changed = Instant.parse(gina.get("password_last_changed").replace("+00:00", "Z"));
            assertThat(gina.get("password_next_rotation")).isEqualTo(changed.plus(90, ChronoUnit.DAYS).toString().replace("Z", "+00:00"));
            assertThat(gina.get("mfa_active")).isEqualTo("false");
            assertThat(gina.get("access_key_1_active")).isEqualTo("true");
            assertThat(gina.get("access_key_1_last_used_date")).isEqualTo("2026-03-04T05:06:07+00:00");
            assertThat(gina.get("access_key_1_last_used_region")).isEqualTo("us-east-1");
            assertThat(gina.get("access_key_1_last_used_service")).isEqualTo("iam");
            assertThat(gina.get("access_key_2_active")).isEqualTo("false");
            assertThat(gina.get("access_key_2_last_rotated")).isNotEqualTo("N/A");
            assertThat(gina.get("access_key_2_last_used_date")).isEqualTo("N/A");
            assertThat(gina.get("cert_1_active")).isEqualTo("false");
            assertThat(gina.get("cert_2_last_rotated")).isEqualTo("N/A");
            Map<String, String> adminRow = lines.stream().skip(2).map(line -> row(columns, line)).filter(row -> row.get("user").equals("admin"))
                    .findFirst().orElseThrow();
            assertThat(adminRow.get("password_enabled")).isEqualTo("false");
            assertThat(adminRow.get("password_last_used")).isEqualTo("N/A");

            // Four hours later the report has expired.
            server.server().store().inTransaction(tx -> tx.update("UPDATE iam_credential_reports SET generated = ?", Instant.now().minus(Duration.ofHours(5))));
            assertThatThrownBy(admin::getCredentialReport)
                    .isInstanceOfSatisfying(CredentialReportExpiredException.class, e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ReportExpired"));
            assertThat(admin.generateCredentialReport().state()).isEqualTo(ReportStateType.STARTED);
            assertThat(admin.getCredentialReport().content().asUtf8String()).startsWith(AWS_COLUMNS);

            AwsCredentialsProvider nobody = userWithKey(admin, "nobody");
            try (IamClient iam = server.iam(nobody)) {
                assertAccessDenied(iam::generateCredentialReport, null);
                assertAccessDenied(iam::getCredentialReport, null);
                admin.putUserPolicy(b -> b.userName("nobody").policyName("report").policyDocument(
                        "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":[\"iam:GenerateCredentialReport\",\"iam:GetCredentialReport\"],\"Resource\":\"*\"}]}"));
                assertThat(iam.generateCredentialReport().state()).isEqualTo(ReportStateType.COMPLETE);
                assertThat(iam.getCredentialReport().content().asUtf8String()).startsWith(AWS_COLUMNS);
            }
        }
    }

    @StoreTest
    void credentialReportShowsRealMfaDevicesAndSigningCertificates(StoreTarget target) throws Exception
    {
        Clock clock = Clock.systemUTC();
        try (RunningServer server = RunningServer.start(target, clock, true, OptionalInt.empty());
                IamClient root = server.iam(RunningServer.credentials("test", "test"))) {
            root.createUser(b -> b.userName("hal"));
            root.createUser(b -> b.userName("ivy"));
            enableMfa(root, clock, "hal", "hal-phone");
            // IAM's API enables devices for IAM users only; AWS assigns root's from the console. The store's
            // assignment stands in for that step (as in TestSessionTokens).
            var rootDevice = root.createVirtualMFADevice(b -> b.virtualMFADeviceName("root-phone")).virtualMFADevice();
            String account = root.getUser().user().arn().split(":")[4];
            IamStore store = new IamStore(SecretBox.openOrCreate(server.server().config().dataDir()), IamIds.secure(), clock);
            server.server().store().inTransaction(tx -> store.mfaDevices().assign(tx, store.mfaDevices().find(tx, account, rootDevice.serialNumber()).orElseThrow(),
                    dev.bulwark.server.services.iam.model.MfaDevice.ROOT, clock.instant(), dev.bulwark.server.services.iam.mfa.Totp.step(clock.instant())));
            TestKeyMaterial.Issued one = TestKeyMaterial.selfSigned("hal-1", TestKeyMaterial.rsa(2048), Duration.ofDays(30));
            TestKeyMaterial.Issued two = TestKeyMaterial.selfSigned("hal-2", TestKeyMaterial.ec(), Duration.ofDays(30));
            Instant firstUploaded = root.uploadSigningCertificate(b -> b.userName("hal").certificateBody(one.certificatePem())).certificate().uploadDate();
            String secondId = root.uploadSigningCertificate(b -> b.userName("hal").certificateBody(two.certificatePem())).certificate().certificateId();
            root.updateSigningCertificate(b -> b.userName("hal").certificateId(secondId).status("Inactive"));
            TestKeyMaterial.Issued rootCertificate = TestKeyMaterial.selfSigned("root", TestKeyMaterial.rsa(2048), Duration.ofDays(30));
            root.uploadSigningCertificate(b -> b.certificateBody(rootCertificate.certificatePem()));

            root.generateCredentialReport();
            List<String> lines = root.getCredentialReport().content().asUtf8String().lines().toList();
            List<String> columns = Arrays.asList(AWS_COLUMNS.split(","));
            Map<String, Map<String, String>> rows = lines.stream().skip(1).map(line -> row(columns, line))
                    .collect(Collectors.toMap(row -> row.get("user"), row -> row));

            Map<String, String> hal = rows.get("hal");
            assertThat(hal.get("mfa_active")).isEqualTo("true");
            assertThat(hal.get("cert_1_active")).isEqualTo("true");
            assertThat(hal.get("cert_1_last_rotated")).isEqualTo(firstUploaded.toString().replace("Z", "+00:00"));
            assertThat(hal.get("cert_2_active")).isEqualTo("false");
            assertThat(hal.get("cert_2_last_rotated")).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\+00:00");
            Map<String, String> ivy = rows.get("ivy");
            assertThat(ivy.get("mfa_active")).isEqualTo("false");
            assertThat(ivy.get("cert_1_active")).isEqualTo("false");
            assertThat(ivy.get("cert_1_last_rotated")).isEqualTo("N/A");
            Map<String, String> rootRow = rows.get("<root_account>");
            assertThat(rootRow.get("mfa_active")).isEqualTo("true");
            assertThat(rootRow.get("cert_1_active")).isEqualTo("true");
            assertThat(rootRow.get("cert_2_last_rotated")).isEqualTo("N/A");
        }
    }

    /** Creates a virtual MFA device and enables it for the user. */
    private static void enableMfa(IamClient iam, Clock clock, String userName, String deviceName)
    {
        var device = iam.createVirtualMFADevice(b -> b.virtualMFADeviceName(deviceName)).virtualMFADevice();
        SdkBytes seed = device.base32StringSeed();
        iam.enableMFADevice(b -> b.userName(userName).serialNumber(device.serialNumber())
                .authenticationCode1(MfaCodesForTests.code(seed, clock, -1)).authenticationCode2(MfaCodesForTests.code(seed, clock, 0)));
    }

    private static Map<String, String> row(List<String> columns, String line)
    {
        String[] values = line.split(",", -1);
        assertThat(values).hasSize(columns.size());
        Map<String, String> row = new java.util.LinkedHashMap<>();
        for (int i = 0; i < values.length; i++) {
            row.put(columns.get(i), values[i]);
        }
        return row;
    }
}
