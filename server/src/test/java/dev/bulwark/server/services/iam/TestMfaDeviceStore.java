package dev.bulwark.server.services.iam;

import dev.bulwark.server.services.iam.mfa.Totp;
import dev.bulwark.server.services.iam.model.MfaDevice;
import dev.bulwark.server.services.iam.model.Page;
import dev.bulwark.server.services.iam.model.User;
import dev.bulwark.server.services.iam.model.UserSession;
import dev.bulwark.server.store.DuplicateKeyException;
import dev.bulwark.server.store.Store;
import dev.bulwark.server.store.StoreTest;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** MFA devices and user sessions on both stores: uniqueness, assignment, the once-only code rule, paging, lifetime. */
final class TestMfaDeviceStore
{
    private static final String SEED = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP";
    private static final Instant NOW = Instant.parse("2026-01-02T03:04:05.678Z");

    private static MfaDevice create(IamFixture f, String path, String name)
    {
        return f.store.inTransaction(tx -> f.iam.mfaDevices().create(tx, f.accountId, path, name, SEED, NOW));
    }

    private static Optional<MfaDevice> find(IamFixture f, String serial)
    {
        return f.store.readOnly(tx -> f.iam.mfaDevices().find(tx, f.accountId, serial));
    }

    private static MfaCodes.Outcome verify(IamFixture f, String assignee, String serial, String code)
    {
        return f.store.inTransaction(tx -> MfaCodes.verify(tx, f.iam.mfaDevices(), f.accountId, assignee, serial, code, NOW.plusSeconds(60)));
    }

    private static Optional<UserSession> findSession(IamFixture f, String accessKeyId)
    {
        return f.store.readOnly(tx -> f.iam.userSessions().find(tx, accessKeyId));
    }

    private static List<String> names(IamFixture f, Boolean assigned)
    {
        return f.store.readOnly(tx -> f.iam.mfaDevices().list(tx, f.accountId, assigned, null, 10)).items().stream().map(MfaDevice::name).toList();
    }

    @StoreTest
    void devicesAreUniqueByPathAndNameIgnoringCaseAndKeepTheirSeedSealed(Store store)
    {
        IamFixture f = new IamFixture(store);
        MfaDevice device = create(f, "/ops/", "Pager");
        assertThat(device.serialNumber()).isEqualTo("arn:aws:iam::" + f.accountId + ":mfa/ops/Pager");
        assertThat(find(f, device.serialNumber().toLowerCase(java.util.Locale.ROOT))).contains(device);
        assertThatThrownBy(() -> create(f, "/ops/", "PAGER")).isInstanceOf(DuplicateKeyException.class);
        create(f, "/", "Pager");
        String sealed = store.readOnly(tx -> tx.queryOne("SELECT seed_sealed FROM iam_mfa_devices WHERE serial_number = ?", row -> row.getString(1),
                device.serialNumber())).orElseThrow();
        assertThat(sealed).doesNotContain(SEED);
        assertThat(find(f, "arn:aws:iam::" + f.otherAccount() + ":mfa/ops/Pager")).isEmpty();
    }

    @StoreTest
    void aCodeStepIsConsumedOnceAndOnlyForward(Store store)
    {
        IamFixture f = new IamFixture(store);
        User alice = f.user("alice");
        MfaDevice device = create(f, "/", "alice");
        long step = Totp.step(NOW);
        assertThat(f.changed(tx -> f.iam.mfaDevices().assign(tx, device, alice.userId(), NOW, step))).isTrue();
        assertThat(f.changed(tx -> f.iam.mfaDevices().assign(tx, device, "root", NOW, step))).as("already assigned").isFalse();
        MfaDevice assigned = find(f, device.serialNumber()).orElseThrow();
        assertThat(assigned.assignedTo()).isEqualTo(alice.userId());
        assertThat(assigned.lastStep()).isEqualTo(step);
        assertThat(f.changed(tx -> f.iam.mfaDevices().consume(tx, assigned, step, 0))).as("the enabling step").isFalse();
        assertThat(f.changed(tx -> f.iam.mfaDevices().consume(tx, assigned, step + 1, 0))).isTrue();
        assertThat(f.changed(tx -> f.iam.mfaDevices().consume(tx, assigned, step + 1, 0))).isFalse();
        assertThat(f.changed(tx -> f.iam.mfaDevices().consume(tx, assigned, step, 0))).as("an earlier step").isFalse();

        String code = Totp.iam(dev.bulwark.server.services.iam.mfa.Base32.decode(SEED)).code(step + 2);
        assertThat(verify(f, alice.userId(), device.serialNumber(), code)).isEqualTo(MfaCodes.Outcome.VERIFIED);
        assertThat(verify(f, alice.userId(), device.serialNumber(), code)).isEqualTo(MfaCodes.Outcome.INVALID_CODE);
        assertThat(verify(f, "root", device.serialNumber(), code)).as("someone else's device").isEqualTo(MfaCodes.Outcome.NO_SUCH_DEVICE);

        long count = store.readOnly(tx -> MfaDeviceStore.countAssignedTo(tx, alice));
        assertThat(count).isEqualTo(1);
        assertThat(f.changed(tx -> f.iam.mfaDevices().delete(tx, assigned))).as("assigned devices stay").isFalse();
        assertThat(f.changed(tx -> f.iam.mfaDevices().unassign(tx, assigned))).isTrue();
        assertThat(f.changed(tx -> f.iam.mfaDevices().delete(tx, assigned))).isTrue();
        assertThat(find(f, device.serialNumber())).isEmpty();
    }

    @StoreTest
    void listingFiltersByAssignmentAndPages(Store store)
    {
        IamFixture f = new IamFixture(store);
        User bob = f.user("bob");
        for (String name : List.of("a", "b", "c", "d")) {
            create(f, "/", name);
        }
        MfaDevice b = find(f, "arn:aws:iam::" + f.accountId + ":mfa/b").orElseThrow();
        f.changed(tx -> f.iam.mfaDevices().assign(tx, b, bob.userId(), NOW, 1));
        Page<MfaDevice> first = store.readOnly(tx -> f.iam.mfaDevices().list(tx, f.accountId, null, null, 3));
        assertThat(first.items()).extracting(MfaDevice::name).containsExactly("a", "b", "c");
        Page<MfaDevice> second = store.readOnly(tx -> f.iam.mfaDevices().list(tx, f.accountId, null, first.nextMarker(), 3));
        assertThat(second.items()).extracting(MfaDevice::name).containsExactly("d");
        assertThat(second.nextMarker()).isNull();
        assertThat(names(f, true)).containsExactly("b");
        assertThat(names(f, false)).containsExactly("a", "c", "d");
    }

    @StoreTest
    void userSessionsLiveAsLongAsTheirUser(Store store)
    {
        IamFixture f = new IamFixture(store);
        User carol = f.user("carol");
        UserSession session = store.inTransaction(tx -> f.iam.userSessions().create(tx, f.accountId, carol, null, null, List.of(), NOW, NOW,
                NOW.plusSeconds(900)));
        assertThat(session.accessKeyId()).startsWith("ASIA");
        assertThat(findSession(f, session.accessKeyId())).contains(session);
        UserSession root = store.inTransaction(tx -> f.iam.userSessions().create(tx, f.accountId, null, "broker", "{}", List.of("arn:x"), null, NOW,
                NOW.plusSeconds(900)));
        assertThat(findSession(f, root.accessKeyId())).contains(root);

        String sealed = store.readOnly(tx -> tx.queryOne("SELECT secret_sealed || token_sealed FROM sts_user_sessions WHERE access_key_id = ?",
                row -> row.getString(1), session.accessKeyId())).orElseThrow();
        assertThat(sealed).doesNotContain(session.secretAccessKey()).doesNotContain(session.sessionToken());

        f.changed(tx -> f.iam.deleteUser(tx, carol));
        assertThat(findSession(f, session.accessKeyId())).isEmpty();
        int purged = store.inTransaction(tx -> f.iam.userSessions().deleteExpired(tx, NOW.plusSeconds(901)));
        assertThat(purged).isEqualTo(2);
    }
}
