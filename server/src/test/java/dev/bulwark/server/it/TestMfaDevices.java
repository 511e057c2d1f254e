package dev.bulwark.server.it;

import dev.bulwark.server.store.StoreTarget;
import dev.bulwark.server.store.StoreTest;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AssignmentStatusType;
import software.amazon.awssdk.services.iam.model.DeleteConflictException;
import software.amazon.awssdk.services.iam.model.EntityAlreadyExistsException;
import software.amazon.awssdk.services.iam.model.IamException;
import software.amazon.awssdk.services.iam.model.InvalidAuthenticationCodeException;
import software.amazon.awssdk.services.iam.model.MFADevice;
import software.amazon.awssdk.services.iam.model.NoSuchEntityException;
import software.amazon.awssdk.services.iam.model.Tag;
import software.amazon.awssdk.services.iam.model.VirtualMFADevice;
import software.amazon.awssdk.services.sts.StsClient;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.OptionalInt;
import java.util.function.Consumer;

import static dev.bulwark.server.it.MfaCodesForTests.code;
import static dev.bulwark.server.it.TestIamManagedPolicies.userWithKey;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * IAM virtual MFA devices through the SDK on both stores: the seed and its QR code, enabling with two consecutive
 * codes, resync, deactivation and deletion, listings, tags, DeleteUser's conflict, authorization, and that the seed
 * is sealed at rest.
 */
final class TestMfaDevices
{
    @StoreTest
    void createdDeviceHasASerialArnASeedAndAQrCodeAnAppCanScan(StoreTarget target) throws Exception
    {
        try (RunningServer server = RunningServer.start(target); IamClient iam = server.iam(server.adminCredentials())) {
            String account = server.admin().accountId();
            VirtualMFADevice device = iam.createVirtualMFADevice(b -> b.path("/team/").virtualMFADeviceName("alice-phone")
                    .tags(Tag.builder().key("owner").value("alice").build())).virtualMFADevice();
            assertThat(device.serialNumber()).isEqualTo("arn:aws:iam::" + account + ":mfa/team/alice-phone");
            String seed = device.base32StringSeed().asUtf8String();
            assertThat(seed).hasSize(64).matches("[A-Z2-7]+");
            assertThat(device.tags()).extracting(Tag::key).containsExactly("owner");

            String uri = MfaCodesForTests.decodeQr(device.qrCodePNG().asByteArray());
            assertThat(uri).isEqualTo("otpauth://totp/Amazon%20Web%20Services:alice-phone@" + account + "?secret=" + seed
                    + "&issuer=Amazon%20Web%20Services");
            assertThat(URLDecoder.decode(uri.substring("otpauth://totp/".length(), uri.indexOf('?')), StandardCharsets.UTF_8))
                    .isEqualTo("Amazon Web Services:alice-phone@" + account);

            assertThatThrownBy(() -> iam.createVirtualMFADevice(b -> b.path("/team/").virtualMFADeviceName("ALICE-phone")))
                    .isInstanceOfSatisfying(EntityAlreadyExistsException.class, e -> {
                        assertThat(e.statusCode()).isEqualTo(409);
                        assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("MFADevice entity at the same path and name already exists.");
                    });
            // Another path is another device.
            iam.createVirtualMFADevice(b -> b.virtualMFADeviceName("alice-phone"));

            String sealed = server.server().store().readOnly(tx -> tx.queryOne("SELECT seed_sealed FROM iam_mfa_devices WHERE serial_number = ?",
                    row -> row.getString(1), device.serialNumber())).orElseThrow();
            assertThat(sealed).doesNotContain(seed);
            server.server().audit().flush();
            List<dev.bulwark.server.audit.AuditRecord> events = server.server().store().readOnly(tx -> new dev.bulwark.server.audit.AuditStore()
                    .recent(tx, account, 50));
            assertThat(events).filteredOn(event -> event.eventName().equals("CreateVirtualMFADevice")).hasSize(3)
                    .allSatisfy(event -> assertThat(event.json()).doesNotContain(seed).doesNotContain("qRCodePNG").doesNotContain("base32StringSeed"));
        }
    }

    @StoreTest
    void deviceIsEnabledResyncedDeactivatedAndDeletedAsAwsDoes(StoreTarget target) throws Exception
    {
        MovableClock clock = new MovableClock();
        try (RunningServer server = RunningServer.start(target, clock, false, OptionalInt.empty()); IamClient iam = server.iam(server.adminCredentials())) {
            String account = server.admin().accountId();
            iam.createUser(b -> b.userName("bob").path("/staff/"));
            VirtualMFADevice device = iam.createVirtualMFADevice(b -> b.virtualMFADeviceName("bob")).virtualMFADevice();
            String serial = device.serialNumber();
            SdkBytes seed = device.base32StringSeed();

            assertThatThrownBy(() -> iam.enableMFADevice(b -> b.userName("bob").serialNumber(serial)
                    .authenticationCode1(code(seed, clock, -1)).authenticationCode2(code(seed, clock, -1))))
                    .isInstanceOfSatisfying(InvalidAuthenticationCodeException.class, e -> {
                        assertThat(e.statusCode()).isEqualTo(403);
                        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidAuthenticationCode");
                        assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("Authentication code for device is not valid.");
                    });
            assertThatThrownBy(() -> iam.enableMFADevice(b -> b.userName("bob").serialNumber(serial)
                    .authenticationCode1(code(seed, clock, -40)).authenticationCode2(code(seed, clock, -39))))
                    .as("codes from twenty minutes ago").isInstanceOf(InvalidAuthenticationCodeException.class);
            assertThatThrownBy(() -> iam.enableMFADevice(b -> b.userName("nobody").serialNumber(serial)
                    .authenticationCode1(code(seed, clock, -1)).authenticationCode2(code(seed, clock, 0))))
                    .isInstanceOfSatisfying(NoSuchEntityException.class, e -> assertThat(e.awsErrorDetails().errorMessage())
                            .isEqualTo("The user with name nobody cannot be found."));
            String missing = "arn:aws:iam::" + account + ":mfa/missing";
            assertThatThrownBy(() -> iam.enableMFADevice(b -> b.userName("bob").serialNumber(missing)
                    .authenticationCode1("123456").authenticationCode2("654321")))
                    .isInstanceOfSatisfying(NoSuchEntityException.class, e -> assertThat(e.awsErrorDetails().errorMessage())
                            .isEqualTo("VirtualMFADevice with serial number " + missing + " doesn't exist."));

            Instant beforeEnable = clock.instant().minusSeconds(1);
            iam.enableMFADevice(b -> b.userName("bob").serialNumber(serial).authenticationCode1(code(seed, clock, -1)).authenticationCode2(code(seed, clock, 0)));

            List<MFADevice> bobs = iam.listMFADevices(b -> b.userName("bob")).mfaDevices();
            assertThat(bobs).singleElement().satisfies(mfa -> {
                assertThat(mfa.userName()).isEqualTo("bob");
                assertThat(mfa.serialNumber()).isEqualTo(serial);
                assertThat(mfa.enableDate()).isAfterOrEqualTo(beforeEnable.truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
            });
            assertThat(iam.getMFADevice(b -> b.serialNumber(serial).userName("bob")).userName()).isEqualTo("bob");
            iam.createVirtualMFADevice(b -> b.virtualMFADeviceName("spare"));
            assertThat(iam.listVirtualMFADevices(b -> b.assignmentStatus(AssignmentStatusType.ASSIGNED)).virtualMFADevices())
                    .singleElement().satisfies(listed -> {
                        assertThat(listed.serialNumber()).isEqualTo(serial);
                        assertThat(listed.user().arn()).isEqualTo("arn:aws:iam::" + account + ":user/staff/bob");
                        assertThat(listed.base32StringSeed()).as("the seed is shown once, at creation").isNull();
                        assertThat(listed.qrCodePNG()).isNull();
                    });
            assertThat(iam.listVirtualMFADevices(b -> b.assignmentStatus(AssignmentStatusType.UNASSIGNED)).virtualMFADevices())
                    .extracting(VirtualMFADevice::serialNumber).containsExactly("arn:aws:iam::" + account + ":mfa/spare");
            assertThat(iam.listVirtualMFADevices().virtualMFADevices()).hasSize(2);
            // A marker the server never issued is the caller's error, as for every IAM list.
            assertThatThrownBy(() -> iam.listVirtualMFADevices(b -> b.marker("100")))
                    .isInstanceOfSatisfying(software.amazon.awssdk.services.iam.model.IamException.class, e -> {
                        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationError");
                        assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("Invalid Marker.");
                    });
            String marker = iam.listVirtualMFADevices(b -> b.maxItems(1)).marker();
            assertThat(iam.listVirtualMFADevices(b -> b.maxItems(1).marker(marker)).virtualMFADevices()).hasSize(1);
            assertThat(iam.listVirtualMFADevices(b -> b.maxItems(1)).isTruncated()).isTrue();

            assertThat(iam.getAccountSummary().summaryMapAsStrings())
                    .containsEntry("MFADevices", 2).containsEntry("MFADevicesInUse", 1).containsEntry("AccountMFAEnabled", 0);

            iam.createUser(b -> b.userName("carol"));
            assertThatThrownBy(() -> iam.enableMFADevice(b -> b.userName("carol").serialNumber(serial)
                    .authenticationCode1(code(seed, clock, 0)).authenticationCode2(code(seed, clock, 1))))
                    .isInstanceOf(EntityAlreadyExistsException.class);
            assertThatThrownBy(() -> iam.deleteVirtualMFADevice(b -> b.serialNumber(serial)))
                    .isInstanceOfSatisfying(DeleteConflictException.class, e -> assertThat(e.statusCode()).isEqualTo(409));
            assertThatThrownBy(() -> iam.deleteUser(b -> b.userName("bob")))
                    .isInstanceOfSatisfying(DeleteConflictException.class, e -> assertThat(e.awsErrorDetails().errorMessage())
                            .isEqualTo("Cannot delete entity, must delete MFA device first."));
            assertThatThrownBy(() -> iam.deactivateMFADevice(b -> b.userName("carol").serialNumber(serial)))
                    .as("the device is bob's, not carol's").isInstanceOf(NoSuchEntityException.class);

            // The device's clock runs 10 steps ahead: resync learns the drift from two consecutive codes.
            iam.resyncMFADevice(b -> b.userName("bob").serialNumber(serial).authenticationCode1(code(seed, clock, 10)).authenticationCode2(code(seed, clock, 11)));
            assertThatThrownBy(() -> iam.resyncMFADevice(b -> b.userName("bob").serialNumber(serial)
                    .authenticationCode1(code(seed, clock, 10)).authenticationCode2(code(seed, clock, 11))))
                    .as("the same codes twice").isInstanceOf(InvalidAuthenticationCodeException.class);

            iam.deactivateMFADevice(b -> b.userName("bob").serialNumber(serial));
            assertThat(iam.listMFADevices(b -> b.userName("bob")).mfaDevices()).isEmpty();
            assertThatThrownBy(() -> iam.deactivateMFADevice(b -> b.userName("bob").serialNumber(serial))).isInstanceOf(NoSuchEntityException.class);
            iam.deleteVirtualMFADevice(b -> b.serialNumber(serial));
            assertThatThrownBy(() -> iam.deleteVirtualMFADevice(b -> b.serialNumber(serial)))
                    .isInstanceOfSatisfying(NoSuchEntityException.class, e -> assertThat(e.awsErrorDetails().errorMessage())
                            .isEqualTo("VirtualMFADevice with serial number " + serial + " doesn't exist."));
            iam.deleteUser(b -> b.userName("bob"));
        }
    }

    @StoreTest
    void devicesAreTaggedUntaggedAndListed(StoreTarget target) throws Exception
    {
        try (RunningServer server = RunningServer.start(target); IamClient iam = server.iam(server.adminCredentials())) {
            String serial = iam.createVirtualMFADevice(b -> b.virtualMFADeviceName("tagged")).virtualMFADevice().serialNumber();
            iam.tagMFADevice(b -> b.serialNumber(serial).tags(Tag.builder().key("team").value("a").build(), Tag.builder().key("Env").value("prod").build()));
            iam.tagMFADevice(b -> b.serialNumber(serial).tags(Tag.builder().key("TEAM").value("b").build()));
            assertThat(iam.listMFADeviceTags(b -> b.serialNumber(serial)).tags())
                    .extracting(Tag::key, Tag::value).containsExactly(org.assertj.core.groups.Tuple.tuple("Env", "prod"),
                            org.assertj.core.groups.Tuple.tuple("TEAM", "b"));
            iam.untagMFADevice(b -> b.serialNumber(serial).tagKeys("team"));
            assertThat(iam.listMFADeviceTags(b -> b.serialNumber(serial)).tags()).extracting(Tag::key).containsExactly("Env");
            String missing = serial + "-gone";
            assertThatThrownBy(() -> iam.tagMFADevice(b -> b.serialNumber(missing).tags(Tag.builder().key("k").value("v").build())))
                    .isInstanceOf(NoSuchEntityException.class);
            assertThatThrownBy(() -> iam.listMFADeviceTags(b -> b.serialNumber(missing))).isInstanceOf(NoSuchEntityException.class);
            assertThatThrownBy(() -> iam.untagMFADevice(b -> b.serialNumber(missing).tagKeys("k"))).isInstanceOf(NoSuchEntityException.class);
            iam.deleteVirtualMFADevice(b -> b.serialNumber(serial));
            long remaining = server.server().store().readOnly(tx -> tx.queryLong("SELECT count(*) FROM iam_tags WHERE owner_id = ?", serial));
            assertThat(remaining).isZero();
        }
    }

    @StoreTest
    void everyOperationNeedsItsPermission(StoreTarget target) throws Exception
    {
        MovableClock clock = new MovableClock();
        try (RunningServer server = RunningServer.start(target, clock, false, OptionalInt.empty()); IamClient admin = server.iam(server.adminCredentials())) {
            String account = server.admin().accountId();
            AwsCredentialsProvider mallory = userWithKey(admin, "mallory");
            VirtualMFADevice device = admin.createVirtualMFADevice(b -> b.virtualMFADeviceName("shared")).virtualMFADevice();
            String serial = device.serialNumber();
            String userArn = "arn:aws:iam::" + account + ":user/mallory";
            try (IamClient iam = server.iam(mallory)) {
                denied(iam, c -> c.createVirtualMFADevice(b -> b.virtualMFADeviceName("m")), "iam:CreateVirtualMFADevice", "arn:aws:iam::" + account + ":mfa/m");
                denied(iam, c -> c.enableMFADevice(b -> b.userName("mallory").serialNumber(serial).authenticationCode1("123456").authenticationCode2("234567")),
                        "iam:EnableMFADevice", userArn);
                denied(iam, c -> c.resyncMFADevice(b -> b.userName("mallory").serialNumber(serial).authenticationCode1("123456").authenticationCode2("234567")),
                        "iam:ResyncMFADevice", userArn);
                denied(iam, c -> c.deactivateMFADevice(b -> b.serialNumber(serial)), "iam:DeactivateMFADevice", userArn);
                denied(iam, c -> c.deleteVirtualMFADevice(b -> b.serialNumber(serial)), "iam:DeleteVirtualMFADevice", serial);
                denied(iam, c -> c.listMFADevices(), "iam:ListMFADevices", userArn);
                denied(iam, c -> c.listVirtualMFADevices(), "iam:ListVirtualMFADevices", "*");
                denied(iam, c -> c.getMFADevice(b -> b.serialNumber(serial)), "iam:GetMFADevice", userArn);
                denied(iam, c -> c.tagMFADevice(b -> b.serialNumber(serial).tags(Tag.builder().key("k").value("v").build())), "iam:TagMFADevice", serial);
                denied(iam, c -> c.untagMFADevice(b -> b.serialNumber(serial).tagKeys("k")), "iam:UntagMFADevice", serial);
                denied(iam, c -> c.listMFADeviceTags(b -> b.serialNumber(serial)), "iam:ListMFADeviceTags", serial);
            }

            // AWS's self-service pattern: a user manages its own device, named like itself, and nothing else.
            admin.putUserPolicy(b -> b.userName("mallory").policyName("own-mfa").policyDocument("{\"Version\":\"2012-10-17\",\"Statement\":["
                    + "{\"Effect\":\"Allow\",\"Action\":[\"iam:CreateVirtualMFADevice\",\"iam:DeleteVirtualMFADevice\",\"iam:TagMFADevice\"],"
                    + "\"Resource\":\"arn:aws:iam::" + account + ":mfa/${aws:username}\"},"
                    + "{\"Effect\":\"Allow\",\"Action\":[\"iam:EnableMFADevice\",\"iam:ListMFADevices\",\"iam:DeactivateMFADevice\"],"
                    + "\"Resource\":\"arn:aws:iam::" + account + ":user/${aws:username}\"}]}"));
            try (IamClient iam = server.iam(mallory)) {
                VirtualMFADevice own = iam.createVirtualMFADevice(b -> b.virtualMFADeviceName("mallory")).virtualMFADevice();
                iam.enableMFADevice(b -> b.userName("mallory").serialNumber(own.serialNumber())
                        .authenticationCode1(code(own.base32StringSeed(), clock, -1)).authenticationCode2(code(own.base32StringSeed(), clock, 0)));
                assertThat(iam.listMFADevices().mfaDevices()).extracting(MFADevice::serialNumber).containsExactly(own.serialNumber());
                denied(iam, c -> c.createVirtualMFADevice(b -> b.virtualMFADeviceName("other")), "iam:CreateVirtualMFADevice",
                        "arn:aws:iam::" + account + ":mfa/other");
                denied(iam, c -> c.enableMFADevice(b -> b.userName("admin").serialNumber(serial).authenticationCode1("123456").authenticationCode2("234567")),
                        "iam:EnableMFADevice", "arn:aws:iam::" + account + ":user/admin");
                iam.deactivateMFADevice(b -> b.serialNumber(own.serialNumber()));
                iam.deleteVirtualMFADevice(b -> b.serialNumber(own.serialNumber()));
            }
        }
    }

    private static void denied(IamClient iam, Consumer<IamClient> call, String action, String resource)
    {
        assertThatThrownBy(() -> call.accept(iam))
                .isInstanceOfSatisfying(IamException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(403);
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("AccessDenied");
                    assertThat(e.awsErrorDetails().errorMessage()).contains("is not authorized to perform: " + action + " on resource: " + resource + " ");
                });
    }
}
