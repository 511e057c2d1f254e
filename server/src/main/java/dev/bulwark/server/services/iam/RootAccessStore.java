package dev.bulwark.server.services.iam;

import dev.bulwark.server.store.Tx;

import java.util.List;

/**
 * The centralized root access features an organization enabled ({@code RootCredentialsManagement},
 * {@code RootSessions}), in {@code iam_org_root_features}.
 */
public final class RootAccessStore
{
    public static final String ROOT_CREDENTIALS_MANAGEMENT = "RootCredentialsManagement";
    public static final String ROOT_SESSIONS = "RootSessions";

    /** The enabled features, in AWS's order. */
    public List<String> features(Tx tx, String organizationId)
    {
        List<String> enabled = tx.query("SELECT feature FROM iam_org_root_features WHERE org_id = ?", row -> row.getString("feature"), organizationId);
        return List.of(ROOT_CREDENTIALS_MANAGEMENT, ROOT_SESSIONS).stream().filter(enabled::contains).toList();
    }

    public boolean isEnabled(Tx tx, String organizationId, String feature)
    {
        return tx.queryLong("SELECT count(*) FROM iam_org_root_features WHERE org_id = ? AND feature = ?", organizationId, feature) > 0;
    }

    public void enable(Tx tx, String organizationId, String feature)
    {
        if (!isEnabled(tx, organizationId, feature)) {
            tx.update("INSERT INTO iam_org_root_features (org_id, feature) VALUES (?, ?)", organizationId, feature);
        }
    }

    public void disable(Tx tx, String organizationId, String feature)
    {
        tx.update("DELETE FROM iam_org_root_features WHERE org_id = ? AND feature = ?", organizationId, feature);
    }

    /** The root user's console password hash (its "login profile"), if it has one. */
    public java.util.Optional<String> rootPasswordHash(Tx tx, String accountId)
    {
        return tx.queryOne("SELECT root_password_hash FROM accounts WHERE account_id = ? AND root_password_hash IS NOT NULL",
                row -> row.getString("root_password_hash"), accountId);
    }

    /** Sets (or, with null, removes) the root user's console password; false when it had none to remove. */
    public boolean setRootPasswordHash(Tx tx, String accountId, String hash)
    {
        boolean had = rootPasswordHash(tx, accountId).isPresent();
        tx.update("UPDATE accounts SET root_password_hash = ? WHERE account_id = ?", hash, accountId);
        return had;
    }
}
