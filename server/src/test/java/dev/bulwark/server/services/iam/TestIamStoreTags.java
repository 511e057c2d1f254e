package dev.bulwark.server.services.iam;

import dev.bulwark.server.services.iam.model.PolicyOwner;
import dev.bulwark.server.services.iam.model.Role;
import dev.bulwark.server.services.iam.model.Tag;
import dev.bulwark.server.services.iam.model.User;
import dev.bulwark.server.store.Store;
import dev.bulwark.server.store.StoreTest;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

final class TestIamStoreTags
{
    private static void tag(IamFixture f, PolicyOwner owner, Tag... tags)
    {
        f.store.inTransaction(tx -> {
            f.iam.tag(tx, owner, List.of(tags));
            return null;
        });
    }

    private static List<Tag> tags(IamFixture f, PolicyOwner owner)
    {
        return f.store.readOnly(tx -> f.iam.tags(tx, owner));
    }

    @StoreTest
    void tagKeyInAnotherCaseReplacesTheTagKeepingTheNewCase(Store store)
    {
        IamFixture f = new IamFixture(store);
        PolicyOwner bob = f.user("bob").asOwner();

        tag(f, bob, new Tag("Department", "finance"), new Tag("team", ""));
        tag(f, bob, new Tag("department", "hr"));

        assertThat(tags(f, bob)).containsExactly(new Tag("department", "hr"), new Tag("team", ""));
    }

    @StoreTest
    void untagRemovesKeysInAnyCaseAndCountsThem(Store store)
    {
        IamFixture f = new IamFixture(store);
        PolicyOwner bob = f.user("bob").asOwner();
        tag(f, bob, new Tag("a", "1"), new Tag("b", "2"));

        int removed = store.inTransaction(tx -> f.iam.untag(tx, bob, List.of("A", "missing")));

        assertThat(removed).isEqualTo(1);
        assertThat(tags(f, bob)).containsExactly(new Tag("b", "2"));
    }

    @StoreTest
    void tagsBelongToTheirOwnerAndGoWithIt(Store store)
    {
        IamFixture f = new IamFixture(store);
        User bob = f.user("bob");
        Role role = store.inTransaction(tx -> f.iam.createRole(tx, f.accountId, "bob", "/", "{}", null, Role.DEFAULT_MAX_SESSION_DURATION, null));
        tag(f, bob.asOwner(), new Tag("k", "user"));
        tag(f, role.asOwner(), new Tag("k", "role"));

        assertThat(tags(f, role.asOwner())).containsExactly(new Tag("k", "role"));

        f.changed(tx -> f.iam.deleteUser(tx, bob));
        assertThat(tags(f, bob.asOwner())).isEmpty();
        assertThat(tags(f, role.asOwner())).containsExactly(new Tag("k", "role"));
        f.changed(tx -> f.iam.deleteRole(tx, role));
        assertThat(f.count("SELECT count(*) FROM iam_tags")).isZero();
    }
}
