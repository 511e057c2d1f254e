package dev.bulwark.server.services.iam;

import dev.bulwark.server.services.iam.model.Group;
import dev.bulwark.server.services.iam.model.Page;
import dev.bulwark.server.services.iam.model.User;
import dev.bulwark.server.store.DuplicateKeyException;
import dev.bulwark.server.store.Store;
import dev.bulwark.server.store.StoreTest;

import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

final class TestIamStoreGroups
{
    private static Group group(IamFixture f, String name, String path)
    {
        return f.store.inTransaction(tx -> f.iam.createGroup(tx, f.accountId, name, path));
    }

    private static Optional<Group> findGroup(IamFixture f, String name)
    {
        return f.store.readOnly(tx -> f.iam.findGroup(tx, f.accountId, name));
    }

    private static List<String> groupsOf(IamFixture f, User user)
    {
        return f.store.readOnly(tx -> f.iam.groupsForUser(tx, user)).stream().map(Group::name).toList();
    }

    private static List<String> membersOf(IamFixture f, Group group)
    {
        return f.store.readOnly(tx -> f.iam.usersInGroup(tx, group)).stream().map(User::name).toList();
    }

    @StoreTest
    void createdGroupIsFoundInAnyCaseAndHasAnAwsIdAndArn(Store store)
    {
        IamFixture f = new IamFixture(store);
        Group admins = group(f, "Administrators", "/ops/");

        assertThat(admins.groupId()).matches("AGPA[A-Z2-7]{17}");
        assertThat(admins.arn()).isEqualTo("arn:aws:iam::" + f.accountId + ":group/ops/Administrators");
        assertThat(findGroup(f, "administrators")).contains(admins);
        assertThat(findGroup(f, "nobody")).isEmpty();
    }

    @StoreTest
    void groupNameDifferingOnlyInCaseConflicts(Store store)
    {
        IamFixture f = new IamFixture(store);
        group(f, "Admins", "/");

        assertThatThrownBy(() -> group(f, "ADMINS", "/"))
                .isInstanceOfSatisfying(DuplicateKeyException.class, e -> assertThat(e.entity()).isEqualTo("group"));
    }

    @StoreTest
    void listGroupsPagesByNameAndFiltersByPath(Store store)
    {
        IamFixture f = new IamFixture(store);
        group(f, "c", "/x/");
        group(f, "a", "/x/");
        group(f, "b", "/y/");

        Page<Group> first = store.readOnly(tx -> f.iam.listGroups(tx, f.accountId, null, null, 2));
        Page<Group> second = store.readOnly(tx -> f.iam.listGroups(tx, f.accountId, null, first.nextMarker(), 2));
        Page<Group> underX = store.readOnly(tx -> f.iam.listGroups(tx, f.accountId, "/x/", null, 100));

        assertThat(first.items()).extracting(Group::name).containsExactly("a", "b");
        assertThat(second.items()).extracting(Group::name).containsExactly("c");
        assertThat(second.isTruncated()).isFalse();
        assertThat(underX.items()).extracting(Group::name).containsExactly("a", "c");
    }

    @StoreTest
    void membershipIsAddedOnceAndSeenFromBothSides(Store store)
    {
        IamFixture f = new IamFixture(store);
        User bob = f.user("bob");
        User alice = f.user("alice");
        Group devs = group(f, "devs", "/");
        Group admins = group(f, "admins", "/");

        assertThat(f.changed(tx -> f.iam.addUserToGroup(tx, devs, bob))).isTrue();
        assertThat(f.changed(tx -> f.iam.addUserToGroup(tx, devs, bob))).isFalse();
        f.changed(tx -> f.iam.addUserToGroup(tx, admins, bob));
        f.changed(tx -> f.iam.addUserToGroup(tx, devs, alice));

        assertThat(groupsOf(f, bob)).containsExactly("admins", "devs");
        assertThat(membersOf(f, devs)).containsExactly("alice", "bob");

        assertThat(f.changed(tx -> f.iam.removeUserFromGroup(tx, devs, bob))).isTrue();
        assertThat(f.changed(tx -> f.iam.removeUserFromGroup(tx, devs, bob))).isFalse();
        assertThat(groupsOf(f, bob)).containsExactly("admins");
    }

    @StoreTest
    void groupWithMembersOrPoliciesCannotBeDeleted(Store store)
    {
        IamFixture f = new IamFixture(store);
        User bob = f.user("bob");
        Group devs = group(f, "devs", "/");
        f.changed(tx -> f.iam.addUserToGroup(tx, devs, bob));
        store.inTransaction(tx -> {
            f.iam.putInlinePolicy(tx, devs.asOwner(), "p", "{}");
            return null;
        });

        assertThatThrownBy(() -> f.changed(tx -> f.iam.deleteGroup(tx, devs))).isInstanceOf(IllegalStateException.class).hasMessageContaining("1 members");
        f.changed(tx -> f.iam.removeUserFromGroup(tx, devs, bob));
        assertThatThrownBy(() -> f.changed(tx -> f.iam.deleteGroup(tx, devs))).isInstanceOf(IllegalStateException.class).hasMessageContaining("1 inline");
        f.changed(tx -> f.iam.deleteInlinePolicy(tx, devs.asOwner(), "p"));

        assertThat(f.changed(tx -> f.iam.deleteGroup(tx, devs))).isTrue();
        assertThat(findGroup(f, "devs")).isEmpty();
    }
}
