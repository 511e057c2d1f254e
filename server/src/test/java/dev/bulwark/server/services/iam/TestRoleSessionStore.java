package dev.bulwark.server.services.iam;

import dev.bulwark.server.services.iam.model.Role;
import dev.bulwark.server.services.iam.model.RoleSession;
import dev.bulwark.server.store.Store;
import dev.bulwark.server.store.StoreTest;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

final class TestRoleSessionStore
{
    private static final String TRUST = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"Service\":\"ec2.amazonaws.com\"},\"Action\":\"sts:AssumeRole\"}]}";
    private static final Instant ISSUED = Instant.parse("2026-01-02T03:04:05.678Z");

    private static Role role(IamFixture f, String name)
    {
        return f.store.inTransaction(tx -> f.iam.createRole(tx, f.accountId, name, "/team/", TRUST, null, Role.DEFAULT_MAX_SESSION_DURATION, null));
    }

    private static RoleSession issue(IamFixture f, Role role, Instant issued, Duration duration)
    {
        return f.store.inTransaction(tx -> f.iam.sessions().create(tx, role, "build-42", "{\"Version\":\"2012-10-17\",\"Statement\":[]}",
                List.of("arn:aws:iam::aws:policy/ReadOnlyAccess"), "alice", issued, issued.plus(duration)));
    }

    private static Optional<RoleSession> find(IamFixture f, String accessKeyId)
    {
        return f.store.readOnly(tx -> f.iam.sessions().find(tx, accessKeyId));
    }

    @StoreTest
    void issuedSessionIsFoundWithItsSecretTokenRoleAndPolicies(Store store)
    {
        IamFixture f = new IamFixture(store);
        Role role = role(f, "Builder");
        RoleSession issued = issue(f, role, ISSUED, Duration.ofHours(1));

        assertThat(issued.accessKeyId()).matches("ASIA[A-Z2-7]{16}");
        assertThat(issued.secretAccessKey()).hasSize(40);
        assertThat(issued.sessionToken()).hasSizeGreaterThan(100);
        assertThat(issued.assumedRoleArn()).isEqualTo("arn:aws:sts::" + f.accountId + ":assumed-role/Builder/build-42");
        assertThat(issued.assumedRoleId()).isEqualTo(role.roleId() + ":build-42");
        assertThat(find(f, issued.accessKeyId())).contains(issued);
        assertThat(find(f, "ASIAAAAAAAAAAAAAAAAA")).isEmpty();
    }

    @StoreTest
    void secretAndTokenAreStoredSealed(Store store)
    {
        IamFixture f = new IamFixture(store);
        RoleSession issued = issue(f, role(f, "Builder"), ISSUED, Duration.ofHours(1));

        List<String> stored = store.readOnly(tx -> tx.query("SELECT secret_sealed, token_sealed FROM sts_role_sessions WHERE access_key_id = ?",
                row -> row.getString("secret_sealed") + " " + row.getString("token_sealed"), issued.accessKeyId()));
        assertThat(stored).singleElement().satisfies(row -> assertThat(row).doesNotContain(issued.secretAccessKey()).doesNotContain(issued.sessionToken()));
    }

    @StoreTest
    void deletingTheRoleEndsItsSessions(Store store)
    {
        IamFixture f = new IamFixture(store);
        Role role = role(f, "Builder");
        RoleSession issued = issue(f, role, ISSUED, Duration.ofHours(1));

        store.inTransaction(tx -> f.iam.deleteRole(tx, role));
        assertThat(find(f, issued.accessKeyId())).isEmpty();

        Role recreated = role(f, "Builder");
        assertThat(recreated.roleId()).isNotEqualTo(role.roleId());
        assertThat(find(f, issued.accessKeyId())).isEmpty();
    }

    @StoreTest
    void deleteExpiredRemovesOnlySessionsPastTheCutoff(Store store)
    {
        IamFixture f = new IamFixture(store);
        Role role = role(f, "Builder");
        RoleSession old = issue(f, role, ISSUED, Duration.ofMinutes(15));
        RoleSession current = issue(f, role, ISSUED, Duration.ofHours(12));

        int deleted = store.inTransaction(tx -> f.iam.sessions().deleteExpired(tx, ISSUED.plus(Duration.ofHours(1))));
        assertThat(deleted).isEqualTo(1);
        assertThat(find(f, old.accessKeyId())).isEmpty();
        assertThat(find(f, current.accessKeyId())).isPresent();
    }
}
