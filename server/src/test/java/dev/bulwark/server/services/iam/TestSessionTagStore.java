package dev.bulwark.server.services.iam;

import dev.bulwark.server.services.iam.model.Role;
import dev.bulwark.server.services.iam.model.RoleSession;
import dev.bulwark.server.services.iam.model.Tag;
import dev.bulwark.server.services.iam.model.User;
import dev.bulwark.server.services.iam.model.UserSession;
import dev.bulwark.server.store.Store;
import dev.bulwark.server.store.StoreTest;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Session tags and transitive keys are kept with role and user sessions (V014) and read back as issued. */
final class TestSessionTagStore
{
    private static final String TRUST = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"Service\":\"ec2.amazonaws.com\"},\"Action\":\"sts:AssumeRole\"}]}";
    private static final Instant ISSUED = Instant.parse("2026-01-02T03:04:05.678Z");

    @StoreTest
    void roleSessionKeepsItsTagsAndTransitiveKeys(Store store)
    {
        IamFixture f = new IamFixture(store);
        Role role = store.inTransaction(tx -> f.iam.createRole(tx, f.accountId, "Builder", "/", TRUST, null, Role.DEFAULT_MAX_SESSION_DURATION, null));
        List<Tag> tags = List.of(new Tag("Project", "Apollo 11"), new Tag("cost", ""), new Tag("quote\"d", "a\\b\nc"));
        RoleSession issued = store.inTransaction(tx -> f.iam.sessions().create(tx, role, "s1", null, List.of(), null, ISSUED, ISSUED.plusSeconds(3600), null,
                tags, List.of("project")));
        RoleSession found = store.readOnly(tx -> f.iam.sessions().find(tx, issued.accessKeyId())).orElseThrow();
        assertThat(found).isEqualTo(issued);
        assertThat(found.tags()).isEqualTo(tags);
        assertThat(found.transitiveTagKeys()).containsExactly("project");
        assertThat(found.transitiveTags()).as("keys match ignoring case").containsExactly(new Tag("Project", "Apollo 11"));

        RoleSession untagged = store.inTransaction(tx -> f.iam.sessions().create(tx, role, "s2", null, List.of(), null, ISSUED, ISSUED.plusSeconds(3600)));
        assertThat(store.readOnly(tx -> f.iam.sessions().find(tx, untagged.accessKeyId())).orElseThrow().tags()).isEmpty();
        long untaggedRows = store.readOnly(tx -> tx.queryLong("SELECT count(*) FROM sts_role_sessions WHERE session_tags IS NULL"));
        assertThat(untaggedRows).isEqualTo(1);
    }

    @StoreTest
    void federatedUserSessionKeepsItsTags(Store store)
    {
        IamFixture f = new IamFixture(store);
        User user = store.inTransaction(tx -> f.iam.createUser(tx, f.accountId, "alice", "/", null));
        List<Tag> tags = List.of(new Tag("team", "red"));
        UserSession issued = store.inTransaction(tx -> f.iam.userSessions().create(tx, f.accountId, user, "fed", null, List.of(), null, ISSUED,
                ISSUED.plusSeconds(3600), tags));
        UserSession found = store.readOnly(tx -> f.iam.userSessions().find(tx, issued.accessKeyId())).orElseThrow();
        assertThat(found).isEqualTo(issued);
        assertThat(found.tags()).isEqualTo(tags);
    }
}
