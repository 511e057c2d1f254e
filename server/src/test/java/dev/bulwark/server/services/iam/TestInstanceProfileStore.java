package dev.bulwark.server.services.iam;

import dev.bulwark.server.services.iam.model.IamIds;
import dev.bulwark.server.services.iam.model.InstanceProfile;
import dev.bulwark.server.services.iam.model.Page;
import dev.bulwark.server.services.iam.model.Role;
import dev.bulwark.server.store.DuplicateKeyException;
import dev.bulwark.server.store.Store;
import dev.bulwark.server.store.StoreTest;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

final class TestInstanceProfileStore
{
    private static final String TRUST = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"Service\":\"ec2.amazonaws.com\"},\"Action\":\"sts:AssumeRole\"}]}";
    private static final Instant NOW = Instant.parse("2026-03-04T05:06:07.891Z");

    private final InstanceProfileStore profiles = new InstanceProfileStore(IamIds.secure());

    private InstanceProfile create(Store store, String accountId, String name, String path)
    {
        return store.inTransaction(tx -> profiles.createInstanceProfile(tx, accountId, name, path, NOW));
    }

    private Optional<InstanceProfile> find(Store store, String accountId, String name)
    {
        return store.readOnly(tx -> profiles.findInstanceProfile(tx, accountId, name));
    }

    @StoreTest
    void profilesAreUniquePerAccountIgnoringCase(Store store)
    {
        IamFixture f = new IamFixture(store);
        InstanceProfile created = create(store, f.accountId, "Web", "/app/");
        assertThat(created.instanceProfileId()).matches("AIPA[A-Z2-7]{17}");
        assertThat(created.arn()).isEqualTo("arn:aws:iam::" + f.accountId + ":instance-profile/app/Web");
        assertThat(find(store, f.accountId, "WEB")).contains(created);
        assertThatThrownBy(() -> create(store, f.accountId, "web", "/")).isInstanceOf(DuplicateKeyException.class);

        String other = f.otherAccount();
        assertThat(create(store, other, "Web", "/").accountId()).isEqualTo(other);
        long count = store.readOnly(tx -> profiles.countInstanceProfiles(tx, f.accountId));
        assertThat(count).isEqualTo(1L);
    }

    @StoreTest
    void roleMembershipIsByRoleIdAndPagesByName(Store store)
    {
        IamFixture f = new IamFixture(store);
        Role role = store.inTransaction(tx -> f.iam.createRole(tx, f.accountId, "Worker", "/", TRUST, null, Role.DEFAULT_MAX_SESSION_DURATION, null));
        Role other = store.inTransaction(tx -> f.iam.createRole(tx, f.accountId, "Other", "/", TRUST, null, Role.DEFAULT_MAX_SESSION_DURATION, null));
        for (String name : List.of("c", "a", "b")) {
            InstanceProfile profile = create(store, f.accountId, name, "/");
            boolean added = store.inTransaction(tx -> profiles.addRole(tx, profile, role));
            boolean secondRole = store.inTransaction(tx -> profiles.addRole(tx, profile, other));
            assertThat(added).isTrue();
            assertThat(secondRole).as("one role per profile").isFalse();
        }
        Page<InstanceProfile> first = store.readOnly(tx -> profiles.listInstanceProfilesForRole(tx, role, null, 2));
        assertThat(first.items()).extracting(InstanceProfile::name).containsExactly("a", "b");
        Page<InstanceProfile> second = store.readOnly(tx -> profiles.listInstanceProfilesForRole(tx, role, first.nextMarker(), 2));
        assertThat(second.items()).extracting(InstanceProfile::name).containsExactly("c");
        assertThat(second.isTruncated()).isFalse();
        long holding = store.readOnly(tx -> profiles.countInstanceProfilesForRole(tx, role));
        assertThat(holding).isEqualTo(3L);

        InstanceProfile a = find(store, f.accountId, "a").orElseThrow();
        List<Role> roles = store.readOnly(tx -> profiles.roles(tx, a));
        assertThat(roles).containsExactly(role);
        boolean removed = store.inTransaction(tx -> profiles.removeRole(tx, a, role));
        boolean removedAgain = store.inTransaction(tx -> profiles.removeRole(tx, a, role));
        boolean deleted = store.inTransaction(tx -> profiles.deleteInstanceProfile(tx, a));
        assertThat(removed).isTrue();
        assertThat(removedAgain).isFalse();
        assertThat(deleted).isTrue();
        assertThat(find(store, f.accountId, "a")).isEmpty();
    }

    @StoreTest
    void anAliasBelongsToOneAccountAndARefusedChangeKeepsTheOld(Store store)
    {
        IamFixture f = new IamFixture(store);
        String other = f.otherAccount();
        store.inTransaction(tx -> {
            profiles.setAccountAlias(tx, f.accountId, "first", NOW);
            return null;
        });
        store.inTransaction(tx -> {
            profiles.setAccountAlias(tx, other, "second", NOW);
            return null;
        });
        assertThatThrownBy(() -> store.inTransaction(tx -> {
            profiles.setAccountAlias(tx, other, "first", NOW);
            return null;
        })).isInstanceOf(DuplicateKeyException.class);
        Optional<String> kept = store.readOnly(tx -> profiles.accountAlias(tx, other));
        assertThat(kept).contains("second");

        store.inTransaction(tx -> {
            profiles.setAccountAlias(tx, f.accountId, "renamed", NOW);
            return null;
        });
        Optional<String> renamed = store.readOnly(tx -> profiles.accountAlias(tx, f.accountId));
        assertThat(renamed).contains("renamed");
        boolean wrongName = store.inTransaction(tx -> profiles.deleteAccountAlias(tx, f.accountId, "first"));
        boolean rightName = store.inTransaction(tx -> profiles.deleteAccountAlias(tx, f.accountId, "renamed"));
        Optional<String> none = store.readOnly(tx -> profiles.accountAlias(tx, f.accountId));
        assertThat(wrongName).isFalse();
        assertThat(rightName).isTrue();
        assertThat(none).isEmpty();
    }
}
