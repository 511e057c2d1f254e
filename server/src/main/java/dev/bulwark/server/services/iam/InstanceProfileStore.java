package dev.bulwark.server.services.iam;

import dev.bulwark.server.services.iam.model.IamIds;
import dev.bulwark.server.services.iam.model.InstanceProfile;
import dev.bulwark.server.services.iam.model.Page;
import dev.bulwark.server.services.iam.model.Role;
import dev.bulwark.server.services.iam.model.Tag;
import dev.bulwark.server.store.DuplicateKeyException;
import dev.bulwark.server.store.Tx;

import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * Persistence for instance profiles, their role, service-linked roles (with their deletion tasks) and account
 * aliases, in the same style as {@link IamStore}: every method takes the caller's {@link Tx}; "already exists" is a
 * {@link DuplicateKeyException}, "not found" an empty {@link Optional}. Profile names are unique per account
 * ignoring case; listings are ordered by the case-folded name and paged with opaque markers.
 */
public final class InstanceProfileStore
{
    /** Tags of instance profiles share {@code iam_tags} with users, roles and policies under this owner kind. */
    static final String TAG_OWNER_KIND = "INSTANCE_PROFILE";

    private static final String PROFILE_COLUMNS = "p.account_id, p.name, p.path, p.instance_profile_id, p.created";
    private static final String ROLE_COLUMNS = "r.account_id, r.name, r.path, r.role_id, r.created, r.assume_role_policy, r.description, "
            + "r.max_session_duration, r.permissions_boundary_arn";

    private final IamIds ids;

    public InstanceProfileStore(IamIds ids)
    {
        this.ids = requireNonNull(ids, "ids is null");
    }

    // ---------------------------------------------------------------- instance profiles

    public InstanceProfile createInstanceProfile(Tx tx, String accountId, String name, String path, Instant now)
    {
        InstanceProfile profile = new InstanceProfile(accountId, name, path, ids.instanceProfileId(), Instant.ofEpochMilli(now.toEpochMilli()));
        int inserted = tx.update("""
                        INSERT INTO iam_instance_profiles (instance_profile_id, account_id, name, name_key, path, created)
                        VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING""",
                profile.instanceProfileId(), accountId, name, key(name), path, profile.created());
        if (inserted == 0) {
            throw new DuplicateKeyException("instance profile", name);
        }
        return profile;
    }

    public Optional<InstanceProfile> findInstanceProfile(Tx tx, String accountId, String name)
    {
        return tx.queryOne("SELECT " + PROFILE_COLUMNS + " FROM iam_instance_profiles p WHERE p.account_id = ? AND p.name_key = ?",
                InstanceProfileStore::profile, accountId, key(name));
    }

    public long countInstanceProfiles(Tx tx, String accountId)
    {
        return tx.queryLong("SELECT count(*) FROM iam_instance_profiles WHERE account_id = ?", accountId);
    }

    /** ListInstanceProfiles: profiles whose path starts with {@code pathPrefix} (null for all), after {@code marker}. */
    public Page<InstanceProfile> listInstanceProfiles(Tx tx, String accountId, String pathPrefix, String marker, int maxItems)
    {
        String prefix = pathPrefix == null ? "/" : pathPrefix;
        List<InstanceProfile> rows = tx.query("SELECT " + PROFILE_COLUMNS + " FROM iam_instance_profiles p WHERE p.account_id = ? "
                        + "AND substr(p.path, 1, length(?)) = ? AND p.name_key > ? ORDER BY p.name_key LIMIT ?",
                InstanceProfileStore::profile, accountId, prefix, prefix, decodeMarker(marker), maxItems + 1);
        return page(rows, maxItems);
    }

    /** ListInstanceProfilesForRole: the profiles holding the role, by name. */
    public Page<InstanceProfile> listInstanceProfilesForRole(Tx tx, Role role, String marker, int maxItems)
    {
        List<InstanceProfile> rows = tx.query("SELECT " + PROFILE_COLUMNS + " FROM iam_instance_profiles p "
                        + "JOIN iam_instance_profile_roles pr ON pr.instance_profile_id = p.instance_profile_id "
                        + "WHERE pr.role_id = ? AND p.name_key > ? ORDER BY p.name_key LIMIT ?",
                InstanceProfileStore::profile, role.roleId(), decodeMarker(marker), maxItems + 1);
        return page(rows, maxItems);
    }

    public long countInstanceProfilesForRole(Tx tx, Role role)
    {
        return tx.queryLong("SELECT count(*) FROM iam_instance_profile_roles WHERE role_id = ?", role.roleId());
    }

    /** The roles in the profile (IAM allows one), by name. */
    public List<Role> roles(Tx tx, InstanceProfile profile)
    {
        return tx.query("SELECT " + ROLE_COLUMNS + " FROM iam_roles r JOIN iam_instance_profile_roles pr ON pr.role_id = r.role_id "
                + "WHERE pr.instance_profile_id = ? ORDER BY r.name_key", InstanceProfileStore::role, profile.instanceProfileId());
    }

    /** Puts the role in the profile; false if the profile already holds a role (this one or another). */
    public boolean addRole(Tx tx, InstanceProfile profile, Role role)
    {
        return tx.update("INSERT INTO iam_instance_profile_roles (instance_profile_id, role_id) VALUES (?, ?) ON CONFLICT DO NOTHING",
                profile.instanceProfileId(), role.roleId()) == 1;
    }

    /** False if the role was not in the profile. */
    public boolean removeRole(Tx tx, InstanceProfile profile, Role role)
    {
        return tx.update("DELETE FROM iam_instance_profile_roles WHERE instance_profile_id = ? AND role_id = ?", profile.instanceProfileId(), role.roleId()) == 1;
    }

    /** Deletes an empty profile and its tags; DeleteInstanceProfile checks for a role first (DeleteConflict). */
    public boolean deleteInstanceProfile(Tx tx, InstanceProfile profile)
    {
        IamTagTable.deleteAll(tx, TAG_OWNER_KIND, profile.instanceProfileId());
        return tx.update("DELETE FROM iam_instance_profiles WHERE instance_profile_id = ?", profile.instanceProfileId()) == 1;
    }

    // ---------------------------------------------------------------- instance profile tags

    /** Adds the tags, replacing the value (and key case) of keys already present in any case, as IamStore#tag does. */
    public void tag(Tx tx, InstanceProfile profile, List<Tag> tags)
    {
        IamTagTable.tag(tx, TAG_OWNER_KIND, profile.instanceProfileId(), tags);
    }

    public void untag(Tx tx, InstanceProfile profile, List<String> keys)
    {
        IamTagTable.untag(tx, TAG_OWNER_KIND, profile.instanceProfileId(), keys);
    }

    public List<Tag> tags(Tx tx, InstanceProfile profile)
    {
        return IamTagTable.tags(tx, TAG_OWNER_KIND, profile.instanceProfileId());
    }

    // ---------------------------------------------------------------- service-linked roles

    public void markServiceLinked(Tx tx, Role role, String serviceName)
    {
        tx.update("INSERT INTO iam_service_linked_roles (role_id, account_id, service_name) VALUES (?, ?, ?)", role.roleId(), role.accountId(), serviceName);
    }

    /** The service principal a service-linked role belongs to; empty for an ordinary role. */
    public Optional<String> linkedService(Tx tx, Role role)
    {
        return tx.queryOne("SELECT service_name FROM iam_service_linked_roles WHERE role_id = ?", row -> row.getString("service_name"), role.roleId());
    }

    /** UnmodifiableEntity (AWS's wording) if the role is service-linked: only its service may change it. */
    static void checkModifiable(Tx tx, Role role)
    {
        if (tx.queryLong("SELECT count(*) FROM iam_service_linked_roles WHERE role_id = ?", role.roleId()) > 0) {
            throw ProfileErrors.protectedRole(role.name());
        }
    }

    public void unmarkServiceLinked(Tx tx, Role role)
    {
        tx.update("DELETE FROM iam_service_linked_roles WHERE role_id = ?", role.roleId());
    }

    public void recordDeletionTask(Tx tx, String accountId, String deletionTaskId, String status, Instant now)
    {
        tx.update("INSERT INTO iam_slr_deletion_tasks (deletion_task_id, account_id, status, created) VALUES (?, ?, ?, ?)", deletionTaskId, accountId, status, now);
    }

    public Optional<String> deletionTaskStatus(Tx tx, String accountId, String deletionTaskId)
    {
        return tx.queryOne("SELECT status FROM iam_slr_deletion_tasks WHERE account_id = ? AND deletion_task_id = ?", row -> row.getString("status"),
                accountId, deletionTaskId);
    }

    // ---------------------------------------------------------------- account aliases

    public Optional<String> accountAlias(Tx tx, String accountId)
    {
        return tx.queryOne("SELECT alias FROM iam_account_aliases WHERE account_id = ?", row -> row.getString("alias"), accountId);
    }

    /**
     * Sets the account's one alias, replacing the one it had; {@link DuplicateKeyException} if any account (this one
     * included) already holds {@code alias}. The caller's transaction is rolled back by the exception, so the
     * replaced alias survives a refused change.
     */
    public void setAccountAlias(Tx tx, String accountId, String alias, Instant now)
    {
        if (tx.queryLong("SELECT count(*) FROM iam_account_aliases WHERE alias = ?", alias) > 0) {
            throw new DuplicateKeyException("account alias", alias);
        }
        tx.update("DELETE FROM iam_account_aliases WHERE account_id = ?", accountId);
        int inserted = tx.update("INSERT INTO iam_account_aliases (alias, account_id, created) VALUES (?, ?, ?) ON CONFLICT DO NOTHING", alias, accountId, now);
        if (inserted == 0) {
            throw new DuplicateKeyException("account alias", alias);
        }
    }

    /** False if the account does not hold {@code alias}. */
    public boolean deleteAccountAlias(Tx tx, String accountId, String alias)
    {
        return tx.update("DELETE FROM iam_account_aliases WHERE account_id = ? AND alias = ?", accountId, alias) == 1;
    }

    // ---------------------------------------------------------------- helpers

    private static String key(String name)
    {
        return requireNonNull(name, "name is null").toLowerCase(Locale.ROOT);
    }

    private static <T> Page<T> page(List<T> rows, int limit)
    {
        if (rows.size() <= limit) {
            return new Page<>(rows, null);
        }
        List<T> items = rows.subList(0, limit);
        T last = items.get(limit - 1);
        String name = last instanceof InstanceProfile profile ? profile.name() : last.toString();
        return new Page<>(items, Base64.getUrlEncoder().withoutPadding().encodeToString(key(name).getBytes(StandardCharsets.UTF_8)));
    }

    /** The case-folded name after which a page starts; "" for the first page. */
    private static String decodeMarker(String marker)
    {
        if (marker == null || marker.isEmpty()) {
            return "";
        }
        try {
            return new String(Base64.getUrlDecoder().decode(marker), StandardCharsets.UTF_8);
        }
        catch (IllegalArgumentException e) {
            throw software.amazon.awssdk.services.iam.model.InvalidInputException.builder().message("Invalid Marker.").build();
        }
    }

    private static InstanceProfile profile(ResultSet row)
            throws SQLException
    {
        return new InstanceProfile(row.getString("account_id"), row.getString("name"), row.getString("path"), row.getString("instance_profile_id"),
                Tx.instant(row, "created"));
    }

    private static Role role(ResultSet row)
            throws SQLException
    {
        return new Role(row.getString("account_id"), row.getString("name"), row.getString("path"), row.getString("role_id"), Tx.instant(row, "created"),
                row.getString("assume_role_policy"), row.getString("description"), row.getInt("max_session_duration"), row.getString("permissions_boundary_arn"));
    }
}
