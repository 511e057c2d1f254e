package dev.bulwark.server;

import dev.bulwark.server.services.iam.IamStore;
import dev.bulwark.server.services.iam.model.Account;
import dev.bulwark.server.store.Store;

import java.time.Instant;

/** Account bootstrapping shared by {@code init} and dev mode. */
public final class Accounts
{
    private Accounts() {}

    /** Makes sure an account with this ID exists (dev mode's default account has no root password). */
    public static void ensureExists(Store store, IamStore iam, String accountId)
    {
        store.inTransaction(tx -> {
            if (iam.findAccount(tx, accountId).isEmpty()) {
                iam.insertAccount(tx, new Account(accountId, "dev", "dev@bulwark.invalid", null, Instant.now()));
            }
            return null;
        });
    }
}
