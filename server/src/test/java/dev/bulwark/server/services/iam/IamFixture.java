package dev.bulwark.server.services.iam;

import dev.bulwark.server.services.iam.model.Account;
import dev.bulwark.server.services.iam.model.IamIds;
import dev.bulwark.server.services.iam.model.User;
import dev.bulwark.server.store.SecretBox;
import dev.bulwark.server.store.Store;

import dev.bulwark.server.services.iam.model.Page;
import dev.bulwark.server.services.iam.model.UserDependencies;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** An IamStore over a test store with one account ready, a fake clock and a fixed root key. */
final class IamFixture
{
    static final byte[] ROOT_KEY = new byte[32];

    final Store store;
    final FakeClock clock = new FakeClock(Instant.parse("2026-01-02T03:04:05.678Z"));
    final IamStore iam;
    final String accountId;

    IamFixture(Store store)
    {
        this.store = store;
        this.iam = new IamStore(SecretBox.withKey(ROOT_KEY), IamIds.secure(), clock);
        Account account = store.inTransaction(tx -> iam.createAccount(tx, "test", "root@example.com", null));
        this.accountId = account.id();
    }

    String otherAccount()
    {
        return store.inTransaction(tx -> iam.createAccount(tx, "other", "other@example.com", null)).id();
    }

    User user(String name)
    {
        return store.inTransaction(tx -> iam.createUser(tx, accountId, name, "/", null));
    }

    // Non-generic read helpers: assertThat(store.readOnly(...)) is ambiguous to javac.

    Optional<User> findUser(String account, String name)
    {
        return store.readOnly(tx -> iam.findUser(tx, account, name));
    }

    Optional<User> findUser(String name)
    {
        return findUser(accountId, name);
    }

    Optional<Account> findAccount(String id)
    {
        return store.readOnly(tx -> iam.findAccount(tx, id));
    }

    List<Account> accounts()
    {
        return store.readOnly(iam::listAccounts);
    }

    Page<User> listUsers(String account, String pathPrefix, String marker, int maxItems)
    {
        return store.readOnly(tx -> iam.listUsers(tx, account, pathPrefix, marker, maxItems));
    }

    UserDependencies dependencies(User user)
    {
        return store.readOnly(tx -> iam.userDependencies(tx, user));
    }

    /** Runs a boolean-returning mutation in its own transaction. */
    boolean changed(java.util.function.Predicate<dev.bulwark.server.store.Tx> work)
    {
        return store.inTransaction(work::test);
    }

    long count(String sql, Object... params)
    {
        return store.readOnly(tx -> tx.queryLong(sql, params));
    }
}
