package dev.bulwark.server;

import dev.bulwark.server.audit.AuditRecord;
import dev.bulwark.server.audit.AuditStore;
import dev.bulwark.server.audit.EventResource;
import dev.bulwark.server.services.iam.IamStore;
import dev.bulwark.server.services.iam.model.Account;
import dev.bulwark.server.services.iam.model.IamIds;
import dev.bulwark.server.services.iam.model.Role;
import dev.bulwark.server.services.kms.KmsHousekeeping;
import dev.bulwark.server.services.kms.KmsStore;
import dev.bulwark.server.services.kms.SoftwareKeyVault;
import dev.bulwark.server.store.SecretBox;
import dev.bulwark.server.store.Store;
import dev.bulwark.server.store.StoreTest;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Expired role sessions are forgotten only after the retention, so a just-expired one still reads as expired. */
final class TestHousekeeping
{
    private static final Instant NOW = Instant.parse("2026-11-23T12:00:00Z");

    @StoreTest
    void sessionsLongPastExpirationArePurgedRecentOnesKept(Store store)
    {
        IamStore iam = new IamStore(SecretBox.withKey(new byte[32]), IamIds.secure(), Clock.fixed(NOW, ZoneOffset.UTC));
        String[] keys = store.inTransaction(tx -> {
            Account account = iam.createAccount(tx, "test", "test@example.com", null);
            Role role = iam.createRole(tx, account.id(), "Deployer", "/", "{}", null, 3600, null);
            String longGone = iam.sessions().create(tx, role, "old", null, List.of(), null, NOW.minus(Duration.ofDays(3)), NOW.minus(Duration.ofDays(2))).accessKeyId();
            String justExpired = iam.sessions().create(tx, role, "recent", null, List.of(), null, NOW.minus(Duration.ofHours(2)), NOW.minus(Duration.ofHours(1))).accessKeyId();
            String live = iam.sessions().create(tx, role, "live", null, List.of(), null, NOW, NOW.plus(Duration.ofHours(1))).accessKeyId();
            return new String[] {longGone, justExpired, live};
        });
        try (Housekeeping housekeeping = housekeeping(store, iam)) {
            assertThat(housekeeping.run()).isEqualTo(1);
        }
        store.readOnly(tx -> {
            assertThat(iam.sessions().find(tx, keys[0])).isEmpty();
            assertThat(iam.sessions().find(tx, keys[1])).isPresent();
            assertThat(iam.sessions().find(tx, keys[2])).isPresent();
            return null;
        });
    }

    @StoreTest
    void eventHistoryKeepsNinetyDays(Store store)
    {
        IamStore iam = new IamStore(SecretBox.withKey(new byte[32]), IamIds.secure(), Clock.fixed(NOW, ZoneOffset.UTC));
        AuditStore events = new AuditStore();
        EventResource user = EventResource.fromArn("arn:aws:iam::111122223333:user/alice").orElseThrow();
        store.inTransaction(tx -> {
            events.append(tx, new AuditRecord("old", NOW.minus(Duration.ofDays(91)), "111122223333", "iam.amazonaws.com", "CreateUser", false, null, "{}",
                    "alice", "AKIAEXAMPLE", List.of(user)));
            events.append(tx, new AuditRecord("kept", NOW.minus(Duration.ofDays(89)), "111122223333", "iam.amazonaws.com", "CreateUser", false, null, "{}",
                    "alice", "AKIAEXAMPLE", List.of(user)));
            return null;
        });
        try (Housekeeping housekeeping = housekeeping(store, iam)) {
            assertThat(housekeeping.purgeEventHistory()).isEqualTo(1);
        }
        store.readOnly(tx -> {
            AuditStore.Query byName = new AuditStore.Query(NOW.minus(Duration.ofDays(365)), NOW, null, null, null, null, null, null, null, "alice");
            assertThat(events.lookup(tx, "111122223333", byName, null, 50).events()).extracting(AuditRecord::eventId).containsExactly("kept");
            assertThat(events.find(tx, "111122223333", "old")).isEmpty();
            assertThat(tx.queryLong("SELECT COUNT(*) FROM audit_event_lookups WHERE event_id = 'old'")).isZero();
            assertThat(tx.queryLong("SELECT COUNT(*) FROM audit_event_resources WHERE event_id = 'old'")).isZero();
            return null;
        });
    }

    private static Housekeeping housekeeping(Store store, IamStore iam)
    {
        KmsHousekeeping kms = new KmsHousekeeping(new KmsStore(), new SoftwareKeyVault(SecretBox.withKey(new byte[32]), new java.security.SecureRandom()));
        return new Housekeeping(store, iam, kms, Clock.fixed(NOW, ZoneOffset.UTC));
    }
}
