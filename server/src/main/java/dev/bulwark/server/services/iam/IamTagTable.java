package dev.bulwark.server.services.iam;

import dev.bulwark.server.services.iam.model.Tag;
import dev.bulwark.server.store.Tx;

import java.util.List;
import java.util.Locale;

/**
 * The one {@code iam_tags} table every taggable IAM entity shares, each under its own owner kind (an
 * {@link dev.bulwark.server.services.iam.model.OwnerKind} name, or a store's own kind such as instance profiles'),
 * with keys unique ignoring case as IAM keeps them.
 */
final class IamTagTable
{
    private IamTagTable() {}

    /** Adds the tags, replacing the value (and key case) of keys already present in any case. */
    static void tag(Tx tx, String ownerKind, String ownerId, List<Tag> tags)
    {
        for (Tag tag : tags) {
            tx.update("""
                            INSERT INTO iam_tags (owner_kind, owner_id, tag_key, key_lc, tag_value) VALUES (?, ?, ?, ?, ?)
                            ON CONFLICT (owner_kind, owner_id, key_lc) DO UPDATE SET tag_key = excluded.tag_key, tag_value = excluded.tag_value""",
                    ownerKind, ownerId, tag.key(), lower(tag.key()), tag.value());
        }
    }

    /** Removes the keys (any case); returns how many were present. */
    static int untag(Tx tx, String ownerKind, String ownerId, List<String> keys)
    {
        int removed = 0;
        for (String key : keys) {
            removed += tx.update("DELETE FROM iam_tags WHERE owner_kind = ? AND owner_id = ? AND key_lc = ?", ownerKind, ownerId, lower(key));
        }
        return removed;
    }

    /** The owner's tags by key; at most 50 per entity in IAM, so unpaged. */
    static List<Tag> tags(Tx tx, String ownerKind, String ownerId)
    {
        return tx.query("SELECT tag_key, tag_value FROM iam_tags WHERE owner_kind = ? AND owner_id = ? ORDER BY key_lc",
                row -> new Tag(row.getString("tag_key"), row.getString("tag_value")), ownerKind, ownerId);
    }

    /** Removes every tag of a deleted owner. */
    static void deleteAll(Tx tx, String ownerKind, String ownerId)
    {
        tx.update("DELETE FROM iam_tags WHERE owner_kind = ? AND owner_id = ?", ownerKind, ownerId);
    }

    private static String lower(String key)
    {
        return key.toLowerCase(Locale.ROOT);
    }
}
