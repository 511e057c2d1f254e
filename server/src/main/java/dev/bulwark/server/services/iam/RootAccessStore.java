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
}
