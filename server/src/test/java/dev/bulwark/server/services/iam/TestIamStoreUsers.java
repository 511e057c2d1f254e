package dev.bulwark.server.services.iam;

import dev.bulwark.server.services.iam.model.Account;
import dev.bulwark.server.services.iam.model.Page;
import dev.bulwark.server.services.iam.model.User;
import dev.bulwark.server.services.iam.model.UserDependencies;
import dev.bulwark.server.store.DuplicateKeyException;
import dev.bulwark.server.store.Store;
import dev.bulwark.server.store.StoreTest;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

final class TestIamStoreUsers
{
    @StoreTest
    void accountsAreCreatedWithTwelveDigitIdsAndFound(Store store)
    {
        IamFixture f = new IamFixture(store);
        Account created = store.inTransaction(tx -> f.iam.createAccount(tx, "prod", "ops@example.com", "$pbkdf2-sha256$i=1$AA==$AA=="));

        assertThat(created.id()).matches("\\d{12}");
        assertThat(f.findAccount(created.id())).contains(created);
        assertThat(f.accounts()).extracting(Account::id).containsExactlyInAnyOrder(f.accountId, created.id());
        assertThat(created.rootArn()).isEqualTo("arn:aws:iam::" + created.id() + ":root");
    }

    @StoreTest
    void insertingAnAccountWithATakenIdIsADuplicate(Store store)
    {
        IamFixture f = new IamFixture(store);
        Account existing = store.readOnly(tx -> f.iam.findAccount(tx, f.accountId)).orElseThrow();

        assertThatThrownBy(() -> store.inTransaction(tx -> {
            f.iam.insertAccount(tx, existing);
            return null;
        })).isInstanceOf(DuplicateKeyException.class);
    }

    @StoreTest
    void createdUserIsFoundByNameInAnyCaseWithItsOriginalCase(Store store)
    {
        IamFixture f = new IamFixture(store);
        User created = store.inTransaction(tx -> f.iam.createUser(tx, f.accountId, "Bob", "/engineering/", null));

        assertThat(created.userId()).matches("AIDA[A-Z2-7]{17}");
        assertThat(created.arn()).isEqualTo("arn:aws:iam::" + f.accountId + ":user/engineering/Bob");
        assertThat(f.findUser("bob")).contains(created);
        assertThat(f.findUser("BOB")).contains(created);
        assertThat(f.store.readOnly(tx -> f.iam.findUserById(tx, created.userId())).orElseThrow()).isEqualTo(created);
        assertThat(f.findUser("alice")).isEmpty();
    }

    @StoreTest
    void userNameDifferingOnlyInCaseConflictsAndTheTransactionStaysUsable(Store store)
    {
        IamFixture f = new IamFixture(store);
        f.user("Bob");

        Optional<User> after = store.inTransaction(tx -> {
            assertThatThrownBy(() -> f.iam.createUser(tx, f.accountId, "bob", "/", null))
                    .isInstanceOfSatisfying(DuplicateKeyException.class, e -> {
                        assertThat(e.entity()).isEqualTo("user");
                        assertThat(e.name()).isEqualTo("bob");
                    });
            // PostgreSQL would abort the whole transaction on a raw unique violation; this must not
            return Optional.of(f.iam.createUser(tx, f.accountId, "carol", "/", null));
        });

        assertThat(after).isPresent();
        assertThat(f.findUser("Bob")).map(User::name).contains("Bob");
        assertThat(f.findUser("carol")).isPresent();
    }

    @StoreTest
    void sameUserNameInAnotherAccountIsAnotherUser(Store store)
    {
        IamFixture f = new IamFixture(store);
        String other = f.otherAccount();
        User mine = f.user("shared");
        User theirs = store.inTransaction(tx -> f.iam.createUser(tx, other, "shared", "/", null));

        assertThat(theirs.userId()).isNotEqualTo(mine.userId());
        assertThat(f.findUser(other, "shared")).contains(theirs);
    }

    @StoreTest
    void listUsersPagesInNameOrderWithMarkers(Store store)
    {
        IamFixture f = new IamFixture(store);
        for (String name : List.of("dave", "Alice", "erin", "carol", "Bob")) {
            f.user(name);
        }

        List<List<String>> pages = new ArrayList<>();
        String marker = null;
        do {
            String current = marker;
            Page<User> page = f.listUsers(f.accountId, null, current, 2);
            pages.add(page.items().stream().map(User::name).toList());
            marker = page.nextMarker();
            assertThat(page.isTruncated()).isEqualTo(marker != null);
        }
        while (marker != null);

        assertThat(pages).containsExactly(List.of("Alice", "Bob"), List.of("carol", "dave"), List.of("erin"));
    }

    @StoreTest
    void listUsersWithExactlyMaxItemsIsNotTruncated(Store store)
    {
        IamFixture f = new IamFixture(store);
        f.user("a");
        f.user("b");

        Page<User> page = f.listUsers(f.accountId, null, null, 2);
        assertThat(page.items()).hasSize(2);
        assertThat(page.isTruncated()).isFalse();
    }

    @StoreTest
    void listUsersFiltersByCaseSensitivePathPrefix(Store store)
    {
        IamFixture f = new IamFixture(store);
        store.inTransaction(tx -> {
            f.iam.createUser(tx, f.accountId, "root-level", "/", null);
            f.iam.createUser(tx, f.accountId, "eng", "/engineering/", null);
            f.iam.createUser(tx, f.accountId, "eng-ops", "/engineering/ops/", null);
            return f.iam.createUser(tx, f.accountId, "upper", "/Engineering/", null);
        });

        assertThat(f.listUsers(f.accountId, "/engineering/", null, 100).items())
                .extracting(User::name).containsExactly("eng", "eng-ops");
        assertThat(f.listUsers(f.accountId, "/", null, 100).items()).hasSize(4);
        assertThat(f.listUsers(f.accountId, "/engineering/ops/", null, 100).items())
                .extracting(User::name).containsExactly("eng-ops");
    }

    @StoreTest
    void listingIsConfinedToTheAccount(Store store)
    {
        IamFixture f = new IamFixture(store);
        String other = f.otherAccount();
        f.user("mine");
        store.inTransaction(tx -> f.iam.createUser(tx, other, "theirs", "/", null));

        assertThat(f.listUsers(f.accountId, null, null, 100).items()).extracting(User::name).containsExactly("mine");
    }

    @StoreTest
    void malformedMarkerIsRejected(Store store)
    {
        IamFixture f = new IamFixture(store);
        assertThatThrownBy(() -> store.readOnly(tx -> f.iam.listUsers(tx, f.accountId, null, "not a marker!", 10)))
                .isInstanceOfSatisfying(dev.bulwark.protocol.error.AwsErrorException.class, e -> {
                    assertThat(e.code()).isEqualTo("ValidationError");
                    assertThat(e.getMessage()).isEqualTo("Invalid Marker.");
                });
    }

    @StoreTest
    void userWithDependenciesCannotBeDeletedUntilTheyAreGone(Store store)
    {
        IamFixture f = new IamFixture(store);
        User bob = f.user("bob");
        var policy = store.inTransaction(tx -> {
            f.iam.createAccessKey(tx, f.accountId, bob);
            f.iam.putInlinePolicy(tx, bob.asOwner(), "inline", "{}");
            var group = f.iam.createGroup(tx, f.accountId, "devs", "/");
            f.iam.addUserToGroup(tx, group, bob);
            var managed = f.iam.createPolicy(tx, f.accountId, "managed", "/", "{}", null);
            f.iam.attachPolicy(tx, bob.asOwner(), managed.arn());
            return managed;
        });

        assertThat(f.dependencies(bob)).isEqualTo(new UserDependencies(1, 1, 1, 1, 0, 0, 0));
        assertThatThrownBy(() -> store.inTransaction(tx -> f.iam.deleteUser(tx, bob))).isInstanceOf(IllegalStateException.class);

        store.inTransaction(tx -> {
            f.iam.listAccessKeys(tx, f.accountId, bob).forEach(key -> f.iam.deleteAccessKey(tx, key.accessKeyId()));
            f.iam.deleteInlinePolicy(tx, bob.asOwner(), "inline");
            f.iam.removeUserFromGroup(tx, f.iam.findGroup(tx, f.accountId, "devs").orElseThrow(), bob);
            return f.iam.detachPolicy(tx, bob.asOwner(), policy.arn());
        });
        assertThat(f.dependencies(bob).isEmpty()).isTrue();
        assertThat(f.changed(tx -> f.iam.deleteUser(tx, bob))).isTrue();
        assertThat(f.findUser("bob")).isEmpty();
        assertThat(f.changed(tx -> f.iam.deleteUser(tx, bob))).isFalse();
    }

    @StoreTest
    void permissionsBoundaryIsSetAndCleared(Store store)
    {
        IamFixture f = new IamFixture(store);
        User bob = f.user("bob");
        String boundary = "arn:aws:iam::aws:policy/PowerUserAccess";

        store.inTransaction(tx -> f.iam.setUserPermissionsBoundary(tx, bob, boundary));
        assertThat(f.findUser("bob").orElseThrow().permissionsBoundaryArn()).isEqualTo(boundary);
        store.inTransaction(tx -> f.iam.setUserPermissionsBoundary(tx, bob, null));
        assertThat(f.findUser("bob").orElseThrow().permissionsBoundaryArn()).isNull();
    }

    @StoreTest
    void failedServiceCallLeavesNoUserAndNoKeyBehind(Store store)
    {
        IamFixture f = new IamFixture(store);
        assertThatThrownBy(() -> store.inTransaction(tx -> {
            User user = f.iam.createUser(tx, f.accountId, "half", "/", null);
            f.iam.createAccessKey(tx, f.accountId, user);
            throw new IllegalStateException("audit write failed");
        })).hasMessage("audit write failed");

        assertThat(f.findUser("half")).isEmpty();
        long keys = f.count("SELECT count(*) FROM iam_access_keys");
        assertThat(keys).isZero();
    }
}
