package dev.bulwark.server.services.kms;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bulwark.server.services.kms.model.ImportToken;
import dev.bulwark.server.services.kms.model.KeyAlias;
import dev.bulwark.server.services.kms.model.KeyState;
import dev.bulwark.server.services.kms.model.KmsGrant;
import dev.bulwark.server.services.kms.model.KmsKey;
import dev.bulwark.server.services.kms.model.MaterialVersion;
import dev.bulwark.server.store.Tx;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** KMS persistence: keys, material versions, aliases, tags, grants and import tokens, as SQL over a {@link Tx}. */
public final class KmsStore
{
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String KEY_COLUMNS = "key_id, account_id, region, description, key_spec, key_usage, origin, key_state, created, deletion_date, "
            + "pending_window_days, valid_to, expiration_model, policy, revision, rotation_period_days, next_rotation, current_version, imported_digest";

    // ---------------------------------------------------------------- keys

    void insertKey(Tx tx, KmsKey key)
    {
        tx.update("INSERT INTO kms_keys (" + KEY_COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                key.keyId(), key.accountId(), key.region(), key.description(), key.keySpec(), key.keyUsage(), key.origin(), key.state().wireName(),
                key.created(), key.deletionDate().orElse(null), key.pendingWindowDays().orElse(null), key.validTo().orElse(null),
                key.expirationModel().orElse(null), key.policy(), key.revision(), key.rotationPeriodDays().orElse(null), key.nextRotation().orElse(null),
                key.currentVersion(), key.importedDigest().orElse(null));
    }

    /** Rewrites every mutable column of a key (the caller read it in the same transaction). */
    void updateKey(Tx tx, KmsKey key)
    {
        tx.update("UPDATE kms_keys SET description = ?, key_state = ?, deletion_date = ?, pending_window_days = ?, valid_to = ?, expiration_model = ?, "
                        + "policy = ?, revision = ?, rotation_period_days = ?, next_rotation = ?, current_version = ?, imported_digest = ? WHERE key_id = ?",
                key.description(), key.state().wireName(), key.deletionDate().orElse(null), key.pendingWindowDays().orElse(null),
                key.validTo().orElse(null), key.expirationModel().orElse(null), key.policy(), key.revision(), key.rotationPeriodDays().orElse(null),
                key.nextRotation().orElse(null), key.currentVersion(), key.importedDigest().orElse(null), key.keyId());
    }

    /** Marks the key's policy or grants changed, so compiled policies cached on any node are rebuilt. */
    void bumpRevision(Tx tx, String keyId)
    {
        tx.update("UPDATE kms_keys SET revision = revision + 1 WHERE key_id = ?", keyId);
    }

    Optional<KmsKey> key(Tx tx, String keyId)
    {
        return tx.queryOne("SELECT " + KEY_COLUMNS + " FROM kms_keys WHERE key_id = ?", KmsStore::key, keyId);
    }

    List<KmsKey> keys(Tx tx, String accountId, String region)
    {
        return tx.query("SELECT " + KEY_COLUMNS + " FROM kms_keys WHERE account_id = ? AND region = ? ORDER BY created, key_id", KmsStore::key, accountId, region);
    }

    /** Keys whose deletion date has come, in every account. */
    List<KmsKey> keysDueForDeletion(Tx tx, Instant now)
    {
        return tx.query("SELECT " + KEY_COLUMNS + " FROM kms_keys WHERE key_state = ? AND deletion_date <= ?", KmsStore::key,
                KeyState.PENDING_DELETION.wireName(), now);
    }

    /** Imported material past its ValidTo, in every account. */
    List<KmsKey> keysWithExpiredMaterial(Tx tx, Instant now)
    {
        return tx.query("SELECT " + KEY_COLUMNS + " FROM kms_keys WHERE valid_to IS NOT NULL AND valid_to <= ? AND key_state <> ?", KmsStore::key,
                now, KeyState.PENDING_IMPORT.wireName());
    }

    /** Keys with automatic rotation due, in every account. */
    List<KmsKey> keysDueForRotation(Tx tx, Instant now)
    {
        return tx.query("SELECT " + KEY_COLUMNS + " FROM kms_keys WHERE next_rotation IS NOT NULL AND next_rotation <= ? AND key_state = ?", KmsStore::key,
                now, KeyState.ENABLED.wireName());
    }

    /** Really deletes a key with everything that belongs to it. */
    void deleteKey(Tx tx, String keyId)
    {
        tx.update("DELETE FROM kms_aliases WHERE key_id = ?", keyId);
        tx.update("DELETE FROM kms_tags WHERE key_id = ?", keyId);
        tx.update("DELETE FROM kms_grants WHERE key_id = ?", keyId);
        tx.update("DELETE FROM kms_import_tokens WHERE key_id = ?", keyId);
        tx.update("DELETE FROM kms_key_material WHERE key_id = ?", keyId);
        tx.update("DELETE FROM kms_keys WHERE key_id = ?", keyId);
    }

    private static KmsKey key(ResultSet row)
            throws SQLException
    {
        return new KmsKey(
                row.getString("key_id"),
                row.getString("account_id"),
                row.getString("region"),
                row.getString("description"),
                row.getString("key_spec"),
                row.getString("key_usage"),
                row.getString("origin"),
                KeyState.fromWire(row.getString("key_state")).orElseThrow(),
                Tx.instant(row, "created"),
                Optional.ofNullable(Tx.instant(row, "deletion_date")),
                optionalInt(row, "pending_window_days"),
                Optional.ofNullable(Tx.instant(row, "valid_to")),
                Optional.ofNullable(row.getString("expiration_model")),
                row.getString("policy"),
                row.getLong("revision"),
                optionalInt(row, "rotation_period_days"),
                Optional.ofNullable(Tx.instant(row, "next_rotation")),
                row.getInt("current_version"),
                Optional.ofNullable(row.getString("imported_digest")));
    }

    private static Optional<Integer> optionalInt(ResultSet row, String column)
            throws SQLException
    {
        int value = row.getInt(column);
        return row.wasNull() ? Optional.empty() : Optional.of(value);
    }

    // ---------------------------------------------------------------- material

    void insertMaterial(Tx tx, MaterialVersion material)
    {
        tx.update("INSERT INTO kms_key_material (key_id, version, sealed, public_key, created, rotation_type) VALUES (?, ?, ?, ?, ?, ?)",
                material.keyId(), material.version(), material.sealed(), material.publicKey().orElse(null), material.created(),
                material.rotationType().orElse(null));
    }

    Optional<MaterialVersion> material(Tx tx, String keyId, int version)
    {
        return tx.queryOne("SELECT * FROM kms_key_material WHERE key_id = ? AND version = ?", KmsStore::material, keyId, version);
    }

    List<MaterialVersion> materials(Tx tx, String keyId)
    {
        return tx.query("SELECT * FROM kms_key_material WHERE key_id = ? ORDER BY version", KmsStore::material, keyId);
    }

    void deleteMaterials(Tx tx, String keyId)
    {
        tx.update("DELETE FROM kms_key_material WHERE key_id = ?", keyId);
    }

    private static MaterialVersion material(ResultSet row)
            throws SQLException
    {
        return new MaterialVersion(row.getString("key_id"), row.getInt("version"), row.getString("sealed"), Optional.ofNullable(row.getString("public_key")),
                Tx.instant(row, "created"), Optional.ofNullable(row.getString("rotation_type")));
    }

    // ---------------------------------------------------------------- aliases

    void insertAlias(Tx tx, KeyAlias alias)
    {
        tx.update("INSERT INTO kms_aliases (account_id, region, alias_name, key_id, created, updated) VALUES (?, ?, ?, ?, ?, ?)",
                alias.accountId(), alias.region(), alias.name(), alias.keyId(), alias.created(), alias.updated());
    }

    void retargetAlias(Tx tx, KeyAlias alias, String keyId, Instant now)
    {
        tx.update("UPDATE kms_aliases SET key_id = ?, updated = ? WHERE account_id = ? AND region = ? AND alias_name = ?",
                keyId, now, alias.accountId(), alias.region(), alias.name());
    }

    void deleteAlias(Tx tx, KeyAlias alias)
    {
        tx.update("DELETE FROM kms_aliases WHERE account_id = ? AND region = ? AND alias_name = ?", alias.accountId(), alias.region(), alias.name());
    }

    Optional<KeyAlias> alias(Tx tx, String accountId, String region, String name)
    {
        return tx.queryOne("SELECT * FROM kms_aliases WHERE account_id = ? AND region = ? AND alias_name = ?", KmsStore::alias, accountId, region, name);
    }

    List<KeyAlias> aliases(Tx tx, String accountId, String region)
    {
        return tx.query("SELECT * FROM kms_aliases WHERE account_id = ? AND region = ? ORDER BY alias_name", KmsStore::alias, accountId, region);
    }

    List<KeyAlias> aliasesOf(Tx tx, String keyId)
    {
        return tx.query("SELECT * FROM kms_aliases WHERE key_id = ? ORDER BY alias_name", KmsStore::alias, keyId);
    }

    private static KeyAlias alias(ResultSet row)
            throws SQLException
    {
        return new KeyAlias(row.getString("account_id"), row.getString("region"), row.getString("alias_name"), row.getString("key_id"),
                Tx.instant(row, "created"), Tx.instant(row, "updated"));
    }

    // ---------------------------------------------------------------- tags

    Map<String, String> tags(Tx tx, String keyId)
    {
        Map<String, String> tags = new LinkedHashMap<>();
        tx.query("SELECT tag_key, tag_value FROM kms_tags WHERE key_id = ? ORDER BY tag_key", row -> tags.put(row.getString(1), row.getString(2)), keyId);
        return tags;
    }

    void putTag(Tx tx, String keyId, String key, String value)
    {
        tx.update("DELETE FROM kms_tags WHERE key_id = ? AND tag_key = ?", keyId, key);
        tx.update("INSERT INTO kms_tags (key_id, tag_key, tag_value) VALUES (?, ?, ?)", keyId, key, value);
    }

    void deleteTag(Tx tx, String keyId, String key)
    {
        tx.update("DELETE FROM kms_tags WHERE key_id = ? AND tag_key = ?", keyId, key);
    }

    // ---------------------------------------------------------------- grants

    void insertGrant(Tx tx, KmsGrant grant)
    {
        tx.update("INSERT INTO kms_grants (grant_id, key_id, name, grantee_principal, retiring_principal, issuing_account, operations, constraints, created) "
                        + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                grant.grantId(), grant.keyId(), grant.name().orElse(null), grant.granteePrincipal(), grant.retiringPrincipal().orElse(null),
                grant.issuingAccount(), String.join(",", grant.operations()), grant.hasConstraints() ? constraintsJson(grant) : null, grant.created());
    }

    void deleteGrant(Tx tx, String grantId)
    {
        tx.update("DELETE FROM kms_grants WHERE grant_id = ?", grantId);
    }

    List<KmsGrant> grants(Tx tx, String keyId)
    {
        return tx.query("SELECT * FROM kms_grants WHERE key_id = ? ORDER BY created, grant_id", KmsStore::grant, keyId);
    }

    Optional<KmsGrant> grant(Tx tx, String grantId)
    {
        return tx.queryOne("SELECT * FROM kms_grants WHERE grant_id = ?", KmsStore::grant, grantId);
    }

    List<KmsGrant> grantsRetirableBy(Tx tx, String principal)
    {
        return tx.query("SELECT * FROM kms_grants WHERE retiring_principal = ? ORDER BY created, grant_id", KmsStore::grant, principal);
    }

    private static String constraintsJson(KmsGrant grant)
    {
        try {
            return JSON.writeValueAsString(Map.of("equals", grant.contextEquals(), "subset", grant.contextSubset()));
        }
        catch (JsonProcessingException e) {
            throw new IllegalStateException("maps of strings always serialize", e);
        }
    }

    private static KmsGrant grant(ResultSet row)
            throws SQLException
    {
        Map<String, Map<String, String>> constraints = Map.of();
        String json = row.getString("constraints");
        if (json != null) {
            try {
                constraints = JSON.readValue(json, new TypeReference<>() {});
            }
            catch (JsonProcessingException e) {
                throw new SQLException("unreadable grant constraints of " + row.getString("grant_id"), e);
            }
        }
        return new KmsGrant(row.getString("grant_id"), row.getString("key_id"), Optional.ofNullable(row.getString("name")),
                row.getString("grantee_principal"), Optional.ofNullable(row.getString("retiring_principal")), row.getString("issuing_account"),
                Arrays.asList(row.getString("operations").split(",")), constraints.getOrDefault("equals", Map.of()),
                constraints.getOrDefault("subset", Map.of()), Tx.instant(row, "created"));
    }

    // ---------------------------------------------------------------- imports

    void putImportToken(Tx tx, ImportToken token)
    {
        tx.update("DELETE FROM kms_import_tokens WHERE key_id = ?", token.keyId());
        tx.update("INSERT INTO kms_import_tokens (key_id, token, wrapping_algorithm, wrapping_key_spec, sealed_private_key, public_key, expires) "
                        + "VALUES (?, ?, ?, ?, ?, ?, ?)",
                token.keyId(), token.token(), token.wrappingAlgorithm(), token.wrappingKeySpec(), token.sealedPrivateKey(), token.publicKey(), token.expires());
    }

    Optional<ImportToken> importToken(Tx tx, String keyId)
    {
        return tx.queryOne("SELECT * FROM kms_import_tokens WHERE key_id = ?", row -> new ImportToken(row.getString("key_id"), row.getString("token"),
                row.getString("wrapping_algorithm"), row.getString("wrapping_key_spec"), row.getString("sealed_private_key"), row.getString("public_key"),
                Tx.instant(row, "expires")), keyId);
    }
}
