package dev.bulwark.server.services.iam;

import dev.bulwark.protocol.error.AwsErrorException;
import dev.bulwark.server.services.iam.model.AccessKey;
import dev.bulwark.server.services.iam.model.AccessKeyStatus;
import dev.bulwark.server.services.iam.model.AccountCounts;
import dev.bulwark.server.services.iam.model.Account;
import dev.bulwark.server.services.iam.model.AttachedPolicy;
import dev.bulwark.server.services.iam.model.Group;
import dev.bulwark.server.services.iam.model.IamIds;
import dev.bulwark.server.services.iam.model.InlinePolicy;
import dev.bulwark.server.services.iam.model.LoginProfile;
import dev.bulwark.server.services.iam.model.ManagedPolicy;
import dev.bulwark.server.services.iam.model.Page;
import dev.bulwark.server.services.iam.model.PasswordPolicy;
import dev.bulwark.server.services.iam.model.OwnerKind;
import dev.bulwark.server.services.iam.model.PolicyEntity;
import dev.bulwark.server.services.iam.model.PolicyOwner;
import dev.bulwark.server.services.iam.model.PolicyScope;
import dev.bulwark.server.services.iam.model.PolicyVersion;
import dev.bulwark.server.services.iam.model.Role;
import dev.bulwark.server.services.iam.model.Tag;
import dev.bulwark.server.services.iam.model.User;
import dev.bulwark.server.services.iam.model.UserDependencies;
import dev.bulwark.server.store.DuplicateKeyException;
import dev.bulwark.server.store.SecretBox;
import dev.bulwark.server.store.StoreException;
import dev.bulwark.server.store.Tx;

import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * Persistence for IAM entities (accounts, users, groups, roles, access keys, inline and managed policies, policy versions, tags). Every method takes the caller's {@link Tx}, so a service call, its checks and its
 * audit event commit together. Methods store what they are given: AWS input validation and error wording are the
 * service's job; here "already exists" is a {@link DuplicateKeyException} raised from the unique constraint (the
 * transaction stays usable), "not found" an empty {@link Optional}, and "nothing to change" a {@code false}.
 *
 * <p>Names are unique per account regardless of case (IAM treats "Bob" and "bob" as the same user) but are kept
 * and returned as created. Listings are ordered by that case-folded name and paged with opaque markers.
 */
public final class IamStore
{
    /** How often a random id that collides with an existing primary key is redrawn before giving up. */
    private static final int ID_ATTEMPTS = 5;
    /** IAM's default MaxItems for list operations. */
    public static final int DEFAULT_MAX_ITEMS = 100;
    /** IAM's upper bound for MaxItems. */
    public static final int MAX_ITEMS_LIMIT = 1000;
    /** The version a new managed policy starts with. */
    private static final String FIRST_VERSION = "v1";

    private static final String USER_COLUMNS = "u.account_id, u.name, u.path, u.user_id, u.created, u.permissions_boundary_arn";
    private static final String GROUP_COLUMNS = "g.account_id, g.name, g.path, g.group_id, g.created";
    private static final String VERSION_COLUMNS = "v.policy_arn, v.version_id, v.document, v.created, "
            + "CASE WHEN v.version_id = p.default_version_id THEN 1 ELSE 0 END AS is_default";
    private static final String VERSION_FROM = " FROM iam_policy_versions v JOIN iam_managed_policies p ON p.arn = v.policy_arn";
    private static final String ROLE_COLUMNS = "r.account_id, r.name, r.path, r.role_id, r.created, r.assume_role_policy, r.description, "
            + "r.max_session_duration, r.permissions_boundary_arn";
    private static final String KEY_COLUMNS = "k.access_key_id, k.account_id, u.name AS user_name, k.secret_sealed, k.status, k.created, "
            + "k.last_used_date, k.last_used_service, k.last_used_region";
    private static final String POLICY_COLUMNS = "p.arn, p.account_id, p.name, p.path, p.policy_id, p.default_version_id, v.document, p.description, "
            + "p.created, p.updated, p.is_attachable, "
            + "(SELECT count(*) FROM iam_policy_attachments a WHERE a.policy_arn = p.arn AND a.account_id = ?) AS attachment_count";
    private static final String POLICY_FROM = " FROM iam_managed_policies p JOIN iam_policy_versions v ON v.policy_arn = p.arn AND v.version_id = p.default_version_id";

    private final SecretBox secrets;
    private final IamIds ids;
    private final Clock clock;
    private final RoleSessionStore sessions;
    private final MfaDeviceStore mfaDevices;
    private final UserSessionStore userSessions;

    public IamStore(SecretBox secrets, IamIds ids, Clock clock)
    {
        this.secrets = requireNonNull(secrets, "secrets is null");
        this.ids = requireNonNull(ids, "ids is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.sessions = new RoleSessionStore(secrets, ids);
        this.mfaDevices = new MfaDeviceStore(secrets);
        this.userSessions = new UserSessionStore(secrets, ids);
    }

    /** The secret box and clock this store uses, for the IAM stores kept beside it (credentials). */
    SecretBox secrets()
    {
        return secrets;
    }

    Clock clock()
    {
        return clock;
    }

    /** STS role sessions, sealed with the same secret box as access keys. */
    public RoleSessionStore sessions()
    {
        return sessions;
    }

    /** Virtual MFA devices, their seeds sealed with the same secret box. */
    public MfaDeviceStore mfaDevices()
    {
        return mfaDevices;
    }

    /** STS sessions of IAM users, root and federated users (GetSessionToken, GetFederationToken). */
    public UserSessionStore userSessions()
    {
        return userSessions;
    }

    // ---------------------------------------------------------------- accounts

    /** Creates an account with a fresh 12-digit id; {@code rootPasswordHash} may be null. */
    public Account createAccount(Tx tx, String name, String email, String rootPasswordHash)
    {
        for (int attempt = 0; attempt < ID_ATTEMPTS; attempt++) {
            Account account = new Account(ids.accountId(), name, email, rootPasswordHash, now());
            if (tryInsertAccount(tx, account)) {
                return account;
            }
        }
        throw new StoreException("no free account id after " + ID_ATTEMPTS + " attempts");
    }

    /** Inserts an account with a chosen id (imports, tests); {@link DuplicateKeyException} if the id is taken. */
    public void insertAccount(Tx tx, Account account)
    {
        if (!tryInsertAccount(tx, account)) {
            throw new DuplicateKeyException("account", account.id());
        }
    }

    private boolean tryInsertAccount(Tx tx, Account account)
    {
        return tx.update("INSERT INTO accounts (account_id, name, email, root_password_hash, created) VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
                account.id(), account.name(), account.email(), account.rootPasswordHash(), account.created()) == 1;
    }

    public Optional<Account> findAccount(Tx tx, String accountId)
    {
        return tx.queryOne("SELECT account_id, name, email, root_password_hash, created FROM accounts WHERE account_id = ?", IamStore::account, accountId);
    }

    public List<Account> listAccounts(Tx tx)
    {
        return tx.query("SELECT account_id, name, email, root_password_hash, created FROM accounts ORDER BY account_id", IamStore::account);
    }

    /** Sets or clears (null) the root user's password hash; false if there is no such account. */
    public boolean setRootPasswordHash(Tx tx, String accountId, String rootPasswordHash)
    {
        return tx.update("UPDATE accounts SET root_password_hash = ? WHERE account_id = ?", rootPasswordHash, accountId) == 1;
    }

    // ---------------------------------------------------------------- users

    /** Creates a user; {@link DuplicateKeyException} ("user", name) if the name is taken in any case. */
    public User createUser(Tx tx, String accountId, String name, String path, String permissionsBoundaryArn)
    {
        User user = new User(accountId, name, path, ids.userId(), now(), permissionsBoundaryArn);
        int inserted = tx.update("""
                        INSERT INTO iam_users (user_id, account_id, name, name_key, path, created, permissions_boundary_arn)
                        VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING""",
                user.userId(), accountId, name, key(name), path, user.created(), permissionsBoundaryArn);
        if (inserted == 0) {
            throw new DuplicateKeyException("user", name);
        }
        return user;
    }

    /** Finds a user by name, ignoring case as IAM does. */
    public Optional<User> findUser(Tx tx, String accountId, String name)
    {
        return tx.queryOne("SELECT " + USER_COLUMNS + " FROM iam_users u WHERE u.account_id = ? AND u.name_key = ?", IamStore::user, accountId, key(name));
    }

    public Optional<User> findUserById(Tx tx, String userId)
    {
        return tx.queryOne("SELECT " + USER_COLUMNS + " FROM iam_users u WHERE u.user_id = ?", IamStore::user, userId);
    }

    /** ListUsers: users whose path starts with {@code pathPrefix} (null for all), after {@code marker}. */
    public Page<User> listUsers(Tx tx, String accountId, String pathPrefix, String marker, int maxItems)
    {
        int limit = checkMaxItems(maxItems);
        List<User> rows = tx.query("SELECT " + USER_COLUMNS + " FROM iam_users u WHERE u.account_id = ? AND substr(u.path, 1, length(?)) = ? AND u.name_key > ? "
                        + "ORDER BY u.name_key LIMIT ?",
                IamStore::user, accountId, prefix(pathPrefix), prefix(pathPrefix), Marker.decode(marker).nameKey(), limit + 1);
        return page(rows, limit, user -> new Marker(key(user.name()), ""));
    }

    /** Sets or clears (null) a user's permissions boundary; false if the user no longer exists. */
    public boolean setUserPermissionsBoundary(Tx tx, User user, String permissionsBoundaryArn)
    {
        return tx.update("UPDATE iam_users SET permissions_boundary_arn = ? WHERE user_id = ?", permissionsBoundaryArn, user.userId()) == 1;
    }

    /**
     * UpdateUser: renames and/or moves a user (null keeps the current value); {@link DuplicateKeyException}
     * ("user", newName) if another user already has the new name in any case.
     */
    public User updateUser(Tx tx, User user, String newName, String newPath)
    {
        String name = newName == null ? user.name() : newName;
        String path = newPath == null ? user.path() : newPath;
        Optional<User> holder = findUser(tx, user.accountId(), name);
        if (holder.isPresent() && !holder.get().userId().equals(user.userId())) {
            throw new DuplicateKeyException("user", name);
        }
        tx.update("UPDATE iam_users SET name = ?, name_key = ?, path = ? WHERE user_id = ?", name, key(name), path, user.userId());
        return new User(user.accountId(), name, path, user.userId(), user.created(), user.permissionsBoundaryArn());
    }

    /** What still hangs off a user; DeleteUser must fail with DeleteConflict unless this is empty. */
    public UserDependencies userDependencies(Tx tx, User user)
    {
        return new UserDependencies(
                tx.queryLong("SELECT count(*) FROM iam_access_keys WHERE user_id = ?", user.userId()),
                countInlinePolicies(tx, user.asOwner()),
                countAttachedPolicies(tx, user.asOwner()),
                tx.queryLong("SELECT count(*) FROM iam_group_members WHERE user_id = ?", user.userId()),
                tx.queryLong("SELECT count(*) FROM iam_signing_certificates WHERE user_id = ?", user.userId()),
                tx.queryLong("SELECT count(*) FROM iam_ssh_public_keys WHERE user_id = ?", user.userId()),
                tx.queryLong("SELECT count(*) FROM iam_service_credentials WHERE user_id = ?", user.userId()));
    }

    /**
     * Deletes a user that has no dependencies; false if it no longer exists. The caller checks
     * {@link #userDependencies} first; deleting a user that still has some is a bug and throws.
     */
    public boolean deleteUser(Tx tx, User user)
    {
        UserDependencies dependencies = userDependencies(tx, user);
        if (!dependencies.isEmpty()) {
            throw new IllegalStateException("user " + user.name() + " still has " + dependencies);
        }
        if (findLoginProfile(tx, user).isPresent()) {
            throw new IllegalStateException("user " + user.name() + " still has a login profile");
        }
        IamTagTable.deleteAll(tx, OwnerKind.USER.name(), user.userId());
        return tx.update("DELETE FROM iam_users WHERE user_id = ?", user.userId()) == 1;
    }

    // ---------------------------------------------------------------- account summary

    /** GetAccountSummary's entity counts for {@code accountId}. */
    public AccountCounts accountCounts(Tx tx, String accountId)
    {
        return new AccountCounts(
                tx.queryLong("SELECT count(*) FROM iam_users WHERE account_id = ?", accountId),
                tx.queryLong("SELECT count(*) FROM iam_groups WHERE account_id = ?", accountId),
                tx.queryLong("SELECT count(*) FROM iam_roles WHERE account_id = ?", accountId),
                tx.queryLong("SELECT count(*) FROM iam_managed_policies WHERE account_id = ?", accountId),
                tx.queryLong("SELECT count(*) FROM iam_policy_attachments WHERE account_id = ?", accountId),
                tx.queryLong("SELECT count(*) FROM iam_access_keys WHERE account_id = ? AND user_id IS NULL", accountId),
                findAccount(tx, accountId).map(account -> account.rootPasswordHash() != null).orElse(false));
    }

    // ---------------------------------------------------------------- login profiles and password policy

    /** CreateLoginProfile: false if the user already has one. */
    public boolean createLoginProfile(Tx tx, User user, String passwordHash, boolean passwordResetRequired)
    {
        Instant now = now();
        return tx.update("""
                        INSERT INTO iam_login_profiles (user_id, password_hash, password_reset_required, created, password_changed)
                        VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING""",
                user.userId(), requireNonNull(passwordHash, "passwordHash is null"), passwordResetRequired, now, now) == 1;
    }

    public Optional<LoginProfile> findLoginProfile(Tx tx, User user)
    {
        return tx.queryOne("SELECT user_id, password_hash, password_reset_required, created, password_changed FROM iam_login_profiles WHERE user_id = ?",
                row -> new LoginProfile(row.getString("user_id"), row.getString("password_hash"), Tx.bool(row, "password_reset_required"),
                        Tx.instant(row, "created"), Tx.instant(row, "password_changed")),
                user.userId());
    }

    /** UpdateLoginProfile/ChangePassword: a null hash keeps the password, a null flag keeps the reset requirement; false if there is none. */
    public boolean updateLoginProfile(Tx tx, User user, String passwordHash, Boolean passwordResetRequired)
    {
        Optional<LoginProfile> current = findLoginProfile(tx, user);
        if (current.isEmpty()) {
            return false;
        }
        return tx.update("UPDATE iam_login_profiles SET password_hash = ?, password_reset_required = ?, password_changed = ? WHERE user_id = ?",
                passwordHash == null ? current.get().passwordHash() : passwordHash,
                passwordResetRequired == null ? current.get().passwordResetRequired() : passwordResetRequired,
                passwordHash == null ? current.get().passwordChanged() : now(),
                user.userId()) == 1;
    }

    /** DeleteLoginProfile; false if there is none. */
    public boolean deleteLoginProfile(Tx tx, User user)
    {
        return tx.update("DELETE FROM iam_login_profiles WHERE user_id = ?", user.userId()) == 1;
    }

    /** UpdateAccountPasswordPolicy: sets (replaces) the account's policy. */
    public void putPasswordPolicy(Tx tx, String accountId, PasswordPolicy policy)
    {
        tx.update("""
                        INSERT INTO iam_password_policies (account_id, minimum_length, require_symbols, require_numbers, require_uppercase,
                                                           require_lowercase, allow_users_to_change, max_age_days, reuse_prevention, hard_expiry)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                        ON CONFLICT (account_id) DO UPDATE SET minimum_length = excluded.minimum_length, require_symbols = excluded.require_symbols,
                            require_numbers = excluded.require_numbers, require_uppercase = excluded.require_uppercase,
                            require_lowercase = excluded.require_lowercase, allow_users_to_change = excluded.allow_users_to_change,
                            max_age_days = excluded.max_age_days, reuse_prevention = excluded.reuse_prevention, hard_expiry = excluded.hard_expiry""",
                accountId, (long) policy.minimumLength(), policy.requireSymbols(), policy.requireNumbers(), policy.requireUppercase(),
                policy.requireLowercase(), policy.allowUsersToChangePassword(), (long) policy.maxAgeDays(), (long) policy.reusePrevention(), policy.hardExpiry());
    }

    public Optional<PasswordPolicy> findPasswordPolicy(Tx tx, String accountId)
    {
        return tx.queryOne("SELECT * FROM iam_password_policies WHERE account_id = ?",
                row -> new PasswordPolicy(row.getInt("minimum_length"), Tx.bool(row, "require_symbols"), Tx.bool(row, "require_numbers"),
                        Tx.bool(row, "require_uppercase"), Tx.bool(row, "require_lowercase"), Tx.bool(row, "allow_users_to_change"),
                        row.getInt("max_age_days"), row.getInt("reuse_prevention"), Tx.bool(row, "hard_expiry")),
                accountId);
    }

    /** DeleteAccountPasswordPolicy; false if none was set. */
    public boolean deletePasswordPolicy(Tx tx, String accountId)
    {
        return tx.update("DELETE FROM iam_password_policies WHERE account_id = ?", accountId) == 1;
    }

    // ---------------------------------------------------------------- groups

    /** Creates a group; {@link DuplicateKeyException} ("group", name) if the name is taken in any case. */
    public Group createGroup(Tx tx, String accountId, String name, String path)
    {
        Group group = new Group(accountId, name, path, ids.groupId(), now());
        int inserted = tx.update("INSERT INTO iam_groups (group_id, account_id, name, name_key, path, created) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
                group.groupId(), accountId, name, key(name), path, group.created());
        if (inserted == 0) {
            throw new DuplicateKeyException("group", name);
        }
        return group;
    }

    public Optional<Group> findGroup(Tx tx, String accountId, String name)
    {
        return tx.queryOne("SELECT " + GROUP_COLUMNS + " FROM iam_groups g WHERE g.account_id = ? AND g.name_key = ?", IamStore::group, accountId, key(name));
    }

    /** ListGroups: groups whose path starts with {@code pathPrefix} (null for all), after {@code marker}. */
    public Page<Group> listGroups(Tx tx, String accountId, String pathPrefix, String marker, int maxItems)
    {
        int limit = checkMaxItems(maxItems);
        List<Group> rows = tx.query("SELECT " + GROUP_COLUMNS + " FROM iam_groups g WHERE g.account_id = ? AND substr(g.path, 1, length(?)) = ? AND g.name_key > ? "
                        + "ORDER BY g.name_key LIMIT ?",
                IamStore::group, accountId, prefix(pathPrefix), prefix(pathPrefix), Marker.decode(marker).nameKey(), limit + 1);
        return page(rows, limit, group -> new Marker(key(group.name()), ""));
    }

    /**
     * Deletes an empty group with no policies; false if it no longer exists. DeleteGroup must first check
     * {@link #usersInGroup}, {@link #countInlinePolicies} and {@link #countAttachedPolicies}; a group that still has
     * any is refused here with an exception.
     */
    public boolean deleteGroup(Tx tx, Group group)
    {
        long members = tx.queryLong("SELECT count(*) FROM iam_group_members WHERE group_id = ?", group.groupId());
        long inline = countInlinePolicies(tx, group.asOwner());
        long attached = countAttachedPolicies(tx, group.asOwner());
        if (members + inline + attached != 0) {
            throw new IllegalStateException("group " + group.name() + " still has " + members + " members, " + inline + " inline and " + attached + " attached policies");
        }
        return tx.update("DELETE FROM iam_groups WHERE group_id = ?", group.groupId()) == 1;
    }

    /**
     * UpdateGroup: renames and/or moves a group (null keeps the current value); {@link DuplicateKeyException}
     * ("group", newName) if another group already has the new name in any case.
     */
    public Group updateGroup(Tx tx, Group group, String newName, String newPath)
    {
        String name = newName == null ? group.name() : newName;
        String path = newPath == null ? group.path() : newPath;
        Optional<Group> holder = findGroup(tx, group.accountId(), name);
        if (holder.isPresent() && !holder.get().groupId().equals(group.groupId())) {
            throw new DuplicateKeyException("group", name);
        }
        tx.update("UPDATE iam_groups SET name = ?, name_key = ?, path = ? WHERE group_id = ?", name, key(name), path, group.groupId());
        return new Group(group.accountId(), name, path, group.groupId(), group.created());
    }

    /** Adds the user to the group; false if already a member. */
    public boolean addUserToGroup(Tx tx, Group group, User user)
    {
        return tx.update("INSERT INTO iam_group_members (group_id, user_id, added) VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
                group.groupId(), user.userId(), now()) == 1;
    }

    /** Removes the user from the group; false if not a member. */
    public boolean removeUserFromGroup(Tx tx, Group group, User user)
    {
        return tx.update("DELETE FROM iam_group_members WHERE group_id = ? AND user_id = ?", group.groupId(), user.userId()) == 1;
    }

    /** The user's groups by name (at most 10 in IAM, so unpaged). */
    public List<Group> groupsForUser(Tx tx, User user)
    {
        return tx.query("SELECT " + GROUP_COLUMNS + " FROM iam_groups g JOIN iam_group_members m ON m.group_id = g.group_id WHERE m.user_id = ? ORDER BY g.name_key",
                IamStore::group, user.userId());
    }

    /** The group's members by name. */
    public List<User> usersInGroup(Tx tx, Group group)
    {
        return tx.query("SELECT " + USER_COLUMNS + " FROM iam_users u JOIN iam_group_members m ON m.user_id = u.user_id WHERE m.group_id = ? ORDER BY u.name_key",
                IamStore::user, group.groupId());
    }

    // ---------------------------------------------------------------- roles

    /**
     * Creates a role with its trust policy; {@link DuplicateKeyException} ("role", name) if the name is taken in
     * any case. {@code maxSessionDuration} in seconds ({@link Role#DEFAULT_MAX_SESSION_DURATION} when the caller
     * gave none).
     */
    public Role createRole(Tx tx, String accountId, String name, String path, String assumeRolePolicyDocument, String description,
            int maxSessionDuration, String permissionsBoundaryArn)
    {
        Role role = new Role(accountId, name, path, ids.roleId(), now(), assumeRolePolicyDocument, description, maxSessionDuration, permissionsBoundaryArn);
        int inserted = tx.update("""
                        INSERT INTO iam_roles (role_id, account_id, name, name_key, path, created, assume_role_policy, description,
                                               max_session_duration, permissions_boundary_arn)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING""",
                role.roleId(), accountId, name, key(name), path, role.created(), assumeRolePolicyDocument, description,
                (long) maxSessionDuration, permissionsBoundaryArn);
        if (inserted == 0) {
            throw new DuplicateKeyException("role", name);
        }
        return role;
    }

    /** Finds a role by name, ignoring case as IAM does. */
    public Optional<Role> findRole(Tx tx, String accountId, String name)
    {
        return tx.queryOne("SELECT " + ROLE_COLUMNS + " FROM iam_roles r WHERE r.account_id = ? AND r.name_key = ?", IamStore::role, accountId, key(name));
    }

    public Optional<Role> findRoleById(Tx tx, String roleId)
    {
        return tx.queryOne("SELECT " + ROLE_COLUMNS + " FROM iam_roles r WHERE r.role_id = ?", IamStore::role, roleId);
    }

    /** ListRoles: roles whose path starts with {@code pathPrefix} (null for all), after {@code marker}. */
    public Page<Role> listRoles(Tx tx, String accountId, String pathPrefix, String marker, int maxItems)
    {
        int limit = checkMaxItems(maxItems);
        List<Role> rows = tx.query("SELECT " + ROLE_COLUMNS + " FROM iam_roles r WHERE r.account_id = ? AND substr(r.path, 1, length(?)) = ? AND r.name_key > ? "
                        + "ORDER BY r.name_key LIMIT ?",
                IamStore::role, accountId, prefix(pathPrefix), prefix(pathPrefix), Marker.decode(marker).nameKey(), limit + 1);
        return page(rows, limit, role -> new Marker(key(role.name()), ""));
    }

    /** UpdateAssumeRolePolicy; false if the role no longer exists. */
    public boolean updateAssumeRolePolicy(Tx tx, Role role, String assumeRolePolicyDocument)
    {
        return tx.update("UPDATE iam_roles SET assume_role_policy = ? WHERE role_id = ?", requireNonNull(assumeRolePolicyDocument, "assumeRolePolicyDocument is null"),
                role.roleId()) == 1;
    }

    /** UpdateRole: description (null clears it) and maximum session duration; false if the role no longer exists. */
    public boolean updateRole(Tx tx, Role role, String description, int maxSessionDuration)
    {
        return tx.update("UPDATE iam_roles SET description = ?, max_session_duration = ? WHERE role_id = ?", description, (long) maxSessionDuration, role.roleId()) == 1;
    }

    /** Sets or clears (null) a role's permissions boundary; false if the role no longer exists. */
    public boolean setRolePermissionsBoundary(Tx tx, Role role, String permissionsBoundaryArn)
    {
        return tx.update("UPDATE iam_roles SET permissions_boundary_arn = ? WHERE role_id = ?", permissionsBoundaryArn, role.roleId()) == 1;
    }

    /**
     * Deletes a role with no inline or attached policies; false if it no longer exists. DeleteRole must first check
     * {@link #countInlinePolicies} and {@link #countAttachedPolicies} (DeleteConflict); a role that still has
     * policies is refused here with an exception.
     */
    public boolean deleteRole(Tx tx, Role role)
    {
        long inline = countInlinePolicies(tx, role.asOwner());
        long attached = countAttachedPolicies(tx, role.asOwner());
        if (inline + attached != 0) {
            throw new IllegalStateException("role " + role.name() + " still has " + inline + " inline and " + attached + " attached policies");
        }
        IamTagTable.deleteAll(tx, OwnerKind.ROLE.name(), role.roleId());
        return tx.update("DELETE FROM iam_roles WHERE role_id = ?", role.roleId()) == 1;
    }

    // ---------------------------------------------------------------- access keys

    /**
     * Creates an active access key for {@code user}, or for the account's root user when {@code user} is null.
     * The returned record carries the plaintext secret, the only time it leaves the store unasked; the database
     * holds it sealed. The per-user quota is the caller's check ({@link #countAccessKeys}).
     */
    public AccessKey createAccessKey(Tx tx, String accountId, User user)
    {
        if (user != null && !user.accountId().equals(accountId)) {
            throw new IllegalArgumentException("user " + user.name() + " is not in account " + accountId);
        }
        String secret = ids.secretAccessKey();
        Instant created = now();
        for (int attempt = 0; attempt < ID_ATTEMPTS; attempt++) {
            String accessKeyId = ids.accessKeyId();
            int inserted = tx.update("""
                            INSERT INTO iam_access_keys (access_key_id, account_id, user_id, secret_sealed, status, created)
                            VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING""",
                    accessKeyId, accountId, user == null ? null : user.userId(), secrets.seal(secret, accessKeyId), AccessKeyStatus.ACTIVE, created);
            if (inserted == 1) {
                return new AccessKey(accessKeyId, accountId, user == null ? null : user.name(), secret, AccessKeyStatus.ACTIVE, created, null, null, null);
            }
        }
        throw new StoreException("no free access key id after " + ID_ATTEMPTS + " attempts");
    }

    /** The authentication hot path: one primary-key lookup, secret unsealed. */
    public Optional<AccessKey> findAccessKey(Tx tx, String accessKeyId)
    {
        return tx.queryOne("SELECT " + KEY_COLUMNS + " FROM iam_access_keys k LEFT JOIN iam_users u ON u.user_id = k.user_id WHERE k.access_key_id = ?",
                this::accessKey, accessKeyId);
    }

    /** The keys of {@code user}, or of the root user when null, oldest first. */
    public List<AccessKey> listAccessKeys(Tx tx, String accountId, User user)
    {
        return tx.query("SELECT " + KEY_COLUMNS + " FROM iam_access_keys k LEFT JOIN iam_users u ON u.user_id = k.user_id WHERE k.account_id = ? AND "
                        + ownerCondition(user) + " ORDER BY k.created, k.access_key_id",
                this::accessKey, ownerParams(accountId, user));
    }

    /** How many keys {@code user} (root when null) has, for the AccessKeysPerUser quota of 2. */
    public long countAccessKeys(Tx tx, String accountId, User user)
    {
        return tx.queryLong("SELECT count(*) FROM iam_access_keys k WHERE k.account_id = ? AND " + ownerCondition(user), ownerParams(accountId, user));
    }

    /** Sets Active/Inactive; false if there is no such key. */
    public boolean updateAccessKeyStatus(Tx tx, String accessKeyId, AccessKeyStatus status)
    {
        return tx.update("UPDATE iam_access_keys SET status = ? WHERE access_key_id = ?", requireNonNull(status, "status is null"), accessKeyId) == 1;
    }

    /** Deletes a key; false if there is no such key. */
    public boolean deleteAccessKey(Tx tx, String accessKeyId)
    {
        return tx.update("DELETE FROM iam_access_keys WHERE access_key_id = ?", accessKeyId) == 1;
    }

    /** Records GetAccessKeyLastUsed's data; false if there is no such key. */
    public boolean recordAccessKeyUse(Tx tx, String accessKeyId, Instant when, String service, String region)
    {
        return tx.update("UPDATE iam_access_keys SET last_used_date = ?, last_used_service = ?, last_used_region = ? WHERE access_key_id = ?",
                requireNonNull(when, "when is null"), service, region, accessKeyId) == 1;
    }

    private static String ownerCondition(User user)
    {
        return user == null ? "k.user_id IS NULL" : "k.user_id = ?";
    }

    private static Object[] ownerParams(String accountId, User user)
    {
        return user == null ? new Object[] {accountId} : new Object[] {accountId, user.userId()};
    }

    // ---------------------------------------------------------------- inline policies

    /** PutUserPolicy/PutGroupPolicy/PutRolePolicy: creates or replaces (the name's case is updated too). */
    public void putInlinePolicy(Tx tx, PolicyOwner owner, String policyName, String document)
    {
        tx.update("""
                        INSERT INTO iam_inline_policies (owner_kind, owner_id, name, name_key, document) VALUES (?, ?, ?, ?, ?)
                        ON CONFLICT (owner_kind, owner_id, name_key) DO UPDATE SET name = excluded.name, document = excluded.document""",
                owner.kind(), owner.ownerId(), requireNonNull(policyName, "policyName is null"), key(policyName), requireNonNull(document, "document is null"));
    }

    public Optional<InlinePolicy> getInlinePolicy(Tx tx, PolicyOwner owner, String policyName)
    {
        return tx.queryOne("SELECT name, document FROM iam_inline_policies WHERE owner_kind = ? AND owner_id = ? AND name_key = ?",
                row -> new InlinePolicy(owner, row.getString("name"), row.getString("document")), owner.kind(), owner.ownerId(), key(policyName));
    }

    /** The owner's inline policy names, in name order. */
    public List<String> listInlinePolicyNames(Tx tx, PolicyOwner owner)
    {
        return tx.query("SELECT name FROM iam_inline_policies WHERE owner_kind = ? AND owner_id = ? ORDER BY name_key",
                row -> row.getString("name"), owner.kind(), owner.ownerId());
    }

    /** The owner's inline policies with documents, for authorization. */
    public List<InlinePolicy> inlinePolicies(Tx tx, PolicyOwner owner)
    {
        return tx.query("SELECT name, document FROM iam_inline_policies WHERE owner_kind = ? AND owner_id = ? ORDER BY name_key",
                row -> new InlinePolicy(owner, row.getString("name"), row.getString("document")), owner.kind(), owner.ownerId());
    }

    /** Deletes an inline policy; false if the owner has none by that name. */
    public boolean deleteInlinePolicy(Tx tx, PolicyOwner owner, String policyName)
    {
        return tx.update("DELETE FROM iam_inline_policies WHERE owner_kind = ? AND owner_id = ? AND name_key = ?", owner.kind(), owner.ownerId(), key(policyName)) == 1;
    }

    public long countInlinePolicies(Tx tx, PolicyOwner owner)
    {
        return tx.queryLong("SELECT count(*) FROM iam_inline_policies WHERE owner_kind = ? AND owner_id = ?", owner.kind(), owner.ownerId());
    }

    // ---------------------------------------------------------------- managed policies

    /**
     * Seeds or refreshes an AWS managed policy ({@code arn:aws:iam::aws:policy<path><name>}): its id and creation
     * time survive a refresh, its document and description are replaced.
     */
    public ManagedPolicy upsertAwsManagedPolicy(Tx tx, String name, String path, String document, String description)
    {
        Instant now = now();
        return upsertAwsManagedPolicy(tx, name, path, document, description, now, now, false);
    }

    /**
     * Seeds an AWS managed policy with the dates AWS reports for it: {@code created} is the policy's CreateDate and
     * {@code updated} its UpdateDate, also the CreateDate of the (default) version kept.
     */
    public ManagedPolicy upsertAwsManagedPolicy(Tx tx, String name, String path, String document, String description, Instant created, Instant updated)
    {
        return upsertAwsManagedPolicy(tx, name, path, document, description, created, updated, true);
    }

    private ManagedPolicy upsertAwsManagedPolicy(Tx tx, String name, String path, String document, String description, Instant created, Instant updated,
            boolean awsDates)
    {
        String arn = ManagedPolicy.arnOf(ManagedPolicy.AWS_ACCOUNT, path, name);
        tx.update("""
                        INSERT INTO iam_managed_policies (arn, account_id, name, name_key, path, policy_id, default_version_id, description, is_attachable, created, updated)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                        ON CONFLICT (arn) DO UPDATE SET description = excluded.description, updated = excluded.updated"""
                        + (awsDates ? ", created = excluded.created" : ""),
                arn, ManagedPolicy.AWS_ACCOUNT, name, key(name), path, ids.policyId(), FIRST_VERSION, description, true,
                requireNonNull(created, "created is null"), requireNonNull(updated, "updated is null"));
        tx.update("""
                        INSERT INTO iam_policy_versions (policy_arn, version_id, document, created) VALUES (?, ?, ?, ?)
                        ON CONFLICT (policy_arn, version_id) DO UPDATE SET document = excluded.document"""
                        + (awsDates ? ", created = excluded.created" : ""),
                arn, FIRST_VERSION, requireNonNull(document, "document is null"), updated);
        return findPolicy(tx, ManagedPolicy.AWS_ACCOUNT, arn).orElseThrow();
    }

    /** CreatePolicy: version v1 as default; {@link DuplicateKeyException} ("policy", name) if the name is taken in any case. */
    public ManagedPolicy createPolicy(Tx tx, String accountId, String name, String path, String document, String description)
    {
        String arn = ManagedPolicy.arnOf(accountId, path, name);
        String policyId = ids.policyId();
        Instant now = now();
        int inserted = tx.update("""
                        INSERT INTO iam_managed_policies (arn, account_id, name, name_key, path, policy_id, default_version_id, description, is_attachable, created, updated)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING""",
                arn, accountId, name, key(name), path, policyId, FIRST_VERSION, description, true, now, now);
        if (inserted == 0) {
            throw new DuplicateKeyException("policy", name);
        }
        tx.update("INSERT INTO iam_policy_versions (policy_arn, version_id, document, created) VALUES (?, ?, ?, ?)", arn, FIRST_VERSION,
                requireNonNull(document, "document is null"), now);
        return new ManagedPolicy(arn, accountId, name, path, policyId, FIRST_VERSION, document, description, now, now, 0, true);
    }

    /** A policy visible to {@code viewerAccountId} (its own or AWS managed), with that account's attachment count. */
    public Optional<ManagedPolicy> findPolicy(Tx tx, String viewerAccountId, String arn)
    {
        return tx.queryOne("SELECT " + POLICY_COLUMNS + POLICY_FROM + " WHERE p.arn = ? AND p.account_id IN (?, ?)",
                IamStore::policy, viewerAccountId, arn, viewerAccountId, ManagedPolicy.AWS_ACCOUNT);
    }

    /** ListPolicies as {@code viewerAccountId} sees it: by scope, optionally only attached ones, by path prefix. */
    public Page<ManagedPolicy> listPolicies(Tx tx, String viewerAccountId, PolicyScope scope, boolean onlyAttached, String pathPrefix, String marker, int maxItems)
    {
        int limit = checkMaxItems(maxItems);
        Marker after = Marker.decode(marker);
        List<Object> params = new ArrayList<>(List.of(viewerAccountId));
        StringBuilder sql = new StringBuilder("SELECT " + POLICY_COLUMNS + POLICY_FROM + " WHERE ");
        switch (requireNonNull(scope, "scope is null")) {
            case ALL -> {
                sql.append("p.account_id IN (?, ?)");
                params.add(viewerAccountId);
                params.add(ManagedPolicy.AWS_ACCOUNT);
            }
            case AWS -> {
                sql.append("p.account_id = ?");
                params.add(ManagedPolicy.AWS_ACCOUNT);
            }
            case LOCAL -> {
                sql.append("p.account_id = ?");
                params.add(viewerAccountId);
            }
        }
        sql.append(" AND substr(p.path, 1, length(?)) = ? AND (p.name_key > ? OR (p.name_key = ? AND p.arn > ?))");
        params.addAll(List.of(prefix(pathPrefix), prefix(pathPrefix), after.nameKey(), after.nameKey(), after.tieBreak()));
        if (onlyAttached) {
            sql.append(" AND EXISTS (SELECT 1 FROM iam_policy_attachments a WHERE a.policy_arn = p.arn AND a.account_id = ?)");
            params.add(viewerAccountId);
        }
        sql.append(" ORDER BY p.name_key, p.arn LIMIT ?");
        params.add(limit + 1);
        List<ManagedPolicy> rows = tx.query(sql.toString(), IamStore::policy, params.toArray());
        return page(rows, limit, policy -> new Marker(key(policy.name()), policy.arn()));
    }

    /** Deletes a customer managed policy with no attachments and all its versions; false if there is none. */
    public boolean deletePolicy(Tx tx, String accountId, String arn)
    {
        if (tx.queryLong("SELECT count(*) FROM iam_policy_attachments WHERE policy_arn = ?", arn) != 0) {
            throw new IllegalStateException("policy " + arn + " is still attached");
        }
        if (tx.queryLong("SELECT count(*) FROM iam_managed_policies WHERE arn = ? AND account_id = ?", arn, accountId) == 0) {
            return false;
        }
        tx.update("DELETE FROM iam_policy_versions WHERE policy_arn = ?", arn);
        tx.update("DELETE FROM iam_tags WHERE owner_kind = ? AND owner_id IN (SELECT policy_id FROM iam_managed_policies WHERE arn = ?)", OwnerKind.POLICY, arn);
        return tx.update("DELETE FROM iam_managed_policies WHERE arn = ? AND account_id = ?", arn, accountId) == 1;
    }

    // ---------------------------------------------------------------- policy versions

    /**
     * CreatePolicyVersion: the next never-used version id, optionally made the default. The limit of 5 versions is
     * the caller's check ({@link #countPolicyVersions}, LimitExceeded).
     */
    public PolicyVersion createPolicyVersion(Tx tx, String policyArn, String document, boolean setAsDefault)
    {
        requireNonNull(document, "document is null");
        long number = tx.queryOne("SELECT next_version FROM iam_managed_policies WHERE arn = ?", row -> row.getLong(1), policyArn)
                .orElseThrow(() -> new IllegalArgumentException("no managed policy " + policyArn));
        String versionId = "v" + number;
        Instant now = now();
        tx.update("UPDATE iam_managed_policies SET next_version = ?, updated = ? WHERE arn = ?", number + 1, now, policyArn);
        tx.update("INSERT INTO iam_policy_versions (policy_arn, version_id, document, created) VALUES (?, ?, ?, ?)", policyArn, versionId, document, now);
        if (setAsDefault) {
            tx.update("UPDATE iam_managed_policies SET default_version_id = ? WHERE arn = ?", versionId, policyArn);
        }
        return new PolicyVersion(policyArn, versionId, document, setAsDefault, now);
    }

    /** ListPolicyVersions, newest first. */
    public List<PolicyVersion> listPolicyVersions(Tx tx, String policyArn)
    {
        return tx.query("SELECT " + VERSION_COLUMNS + VERSION_FROM + " WHERE v.policy_arn = ? ORDER BY length(v.version_id) DESC, v.version_id DESC",
                IamStore::policyVersion, policyArn);
    }

    public Optional<PolicyVersion> getPolicyVersion(Tx tx, String policyArn, String versionId)
    {
        return tx.queryOne("SELECT " + VERSION_COLUMNS + VERSION_FROM + " WHERE v.policy_arn = ? AND v.version_id = ?", IamStore::policyVersion, policyArn, versionId);
    }

    public long countPolicyVersions(Tx tx, String policyArn)
    {
        return tx.queryLong("SELECT count(*) FROM iam_policy_versions WHERE policy_arn = ?", policyArn);
    }

    /** SetDefaultPolicyVersion; false if the policy has no such version. */
    public boolean setDefaultPolicyVersion(Tx tx, String policyArn, String versionId)
    {
        if (getPolicyVersion(tx, policyArn, versionId).isEmpty()) {
            return false;
        }
        return tx.update("UPDATE iam_managed_policies SET default_version_id = ?, updated = ? WHERE arn = ?", versionId, now(), policyArn) == 1;
    }

    /**
     * DeletePolicyVersion of a non-default version; false if there is no such version. Deleting the default version
     * is the caller's DeleteConflict to report; attempted here it throws.
     */
    public boolean deletePolicyVersion(Tx tx, String policyArn, String versionId)
    {
        Optional<PolicyVersion> version = getPolicyVersion(tx, policyArn, versionId);
        if (version.isEmpty()) {
            return false;
        }
        if (version.get().isDefaultVersion()) {
            throw new IllegalStateException("version " + versionId + " is the default version of " + policyArn);
        }
        return tx.update("DELETE FROM iam_policy_versions WHERE policy_arn = ? AND version_id = ?", policyArn, versionId) == 1;
    }

    // ---------------------------------------------------------------- policy usage

    /** ListEntitiesForPolicy: the users, groups and roles of {@code accountId} the policy is attached to, by kind then name. */
    public List<PolicyEntity> entitiesForPolicy(Tx tx, String accountId, String policyArn)
    {
        return tx.query("""
                        SELECT a.owner_kind, COALESCE(u.name, g.name, r.name) AS name, a.owner_id FROM iam_policy_attachments a
                        LEFT JOIN iam_users u ON a.owner_kind = 'USER' AND u.user_id = a.owner_id
                        LEFT JOIN iam_groups g ON a.owner_kind = 'GROUP' AND g.group_id = a.owner_id
                        LEFT JOIN iam_roles r ON a.owner_kind = 'ROLE' AND r.role_id = a.owner_id
                        WHERE a.account_id = ? AND a.policy_arn = ? ORDER BY a.owner_kind, lower(COALESCE(u.name, g.name, r.name))""",
                row -> new PolicyEntity(OwnerKind.valueOf(row.getString("owner_kind")), row.getString("name"), row.getString("owner_id")),
                accountId, policyArn);
    }

    /** ListEntitiesForPolicy with PolicyUsageFilter PermissionsBoundary: the users and roles of {@code accountId} bounded by the policy. */
    public List<PolicyEntity> entitiesBoundedBy(Tx tx, String accountId, String policyArn)
    {
        return tx.query("""
                        SELECT 'USER' AS owner_kind, name, name_key, user_id AS owner_id FROM iam_users WHERE account_id = ? AND permissions_boundary_arn = ?
                        UNION ALL
                        SELECT 'ROLE' AS owner_kind, name, name_key, role_id AS owner_id FROM iam_roles WHERE account_id = ? AND permissions_boundary_arn = ?
                        ORDER BY owner_kind, name_key""",
                row -> new PolicyEntity(OwnerKind.valueOf(row.getString("owner_kind")), row.getString("name"), row.getString("owner_id")),
                accountId, policyArn, accountId, policyArn);
    }

    /** How many users and roles of {@code accountId} use the policy as their permissions boundary (PermissionsBoundaryUsageCount). */
    public long countBoundaryUsage(Tx tx, String accountId, String policyArn)
    {
        return tx.queryLong("SELECT count(*) FROM iam_users WHERE account_id = ? AND permissions_boundary_arn = ?", accountId, policyArn)
                + tx.queryLong("SELECT count(*) FROM iam_roles WHERE account_id = ? AND permissions_boundary_arn = ?", accountId, policyArn);
    }

    // ---------------------------------------------------------------- attachments

    /** Attaches a managed policy (which must exist); false if already attached. */
    public boolean attachPolicy(Tx tx, PolicyOwner owner, String policyArn)
    {
        return tx.update("INSERT INTO iam_policy_attachments (account_id, owner_kind, owner_id, policy_arn, attached) VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
                owner.accountId(), owner.kind(), owner.ownerId(), requireNonNull(policyArn, "policyArn is null"), now()) == 1;
    }

    /** Detaches; false if it was not attached. */
    public boolean detachPolicy(Tx tx, PolicyOwner owner, String policyArn)
    {
        return tx.update("DELETE FROM iam_policy_attachments WHERE owner_kind = ? AND owner_id = ? AND policy_arn = ?", owner.kind(), owner.ownerId(), policyArn) == 1;
    }

    /** ListAttachedUserPolicies/ListAttachedGroupPolicies, by policy name. */
    public List<AttachedPolicy> attachedPolicies(Tx tx, PolicyOwner owner)
    {
        return tx.query("""
                        SELECT p.arn, p.name FROM iam_policy_attachments a JOIN iam_managed_policies p ON p.arn = a.policy_arn
                        WHERE a.owner_kind = ? AND a.owner_id = ? ORDER BY p.name_key, p.arn""",
                row -> new AttachedPolicy(row.getString("arn"), row.getString("name")), owner.kind(), owner.ownerId());
    }

    /** The attached policies with their default documents, for authorization. */
    public List<ManagedPolicy> attachedPolicyDetails(Tx tx, PolicyOwner owner)
    {
        return tx.query("SELECT " + POLICY_COLUMNS + POLICY_FROM + " JOIN iam_policy_attachments o ON o.policy_arn = p.arn "
                        + "WHERE o.owner_kind = ? AND o.owner_id = ? ORDER BY p.name_key, p.arn",
                IamStore::policy, owner.accountId(), owner.kind(), owner.ownerId());
    }

    public long countAttachedPolicies(Tx tx, PolicyOwner owner)
    {
        return tx.queryLong("SELECT count(*) FROM iam_policy_attachments WHERE owner_kind = ? AND owner_id = ?", owner.kind(), owner.ownerId());
    }

    /** How many principals of {@code accountId} have the policy attached (AttachmentCount). */
    public long countAttachments(Tx tx, String accountId, String policyArn)
    {
        return tx.queryLong("SELECT count(*) FROM iam_policy_attachments WHERE account_id = ? AND policy_arn = ?", accountId, policyArn);
    }

    // ---------------------------------------------------------------- tags

    /** TagUser/TagRole: adds the tags, replacing the value (and key case) of keys already present in any case. */
    public void tag(Tx tx, PolicyOwner owner, List<Tag> tags)
    {
        IamTagTable.tag(tx, owner.kind().name(), owner.ownerId(), tags);
    }

    /** UntagUser/UntagRole: removes the keys (any case); returns how many were present. */
    public int untag(Tx tx, PolicyOwner owner, List<String> keys)
    {
        return IamTagTable.untag(tx, owner.kind().name(), owner.ownerId(), keys);
    }

    /** ListUserTags/ListRoleTags, by key; at most 50 per entity in IAM, so unpaged. */
    public List<Tag> tags(Tx tx, PolicyOwner owner)
    {
        return IamTagTable.tags(tx, owner.kind().name(), owner.ownerId());
    }

    // ---------------------------------------------------------------- helpers

    private Instant now()
    {
        // the database keeps milliseconds; records handed out must equal what a later read returns
        return Instant.ofEpochMilli(clock.millis());
    }

    /** The case-folded form under IAM's case-insensitive uniqueness. */
    static String key(String name)
    {
        return requireNonNull(name, "name is null").toLowerCase(Locale.ROOT);
    }

    private static String prefix(String pathPrefix)
    {
        return pathPrefix == null ? "/" : pathPrefix;
    }

    private static int checkMaxItems(int maxItems)
    {
        if (maxItems < 1 || maxItems > MAX_ITEMS_LIMIT) {
            throw new IllegalArgumentException("maxItems must be between 1 and " + MAX_ITEMS_LIMIT + ": " + maxItems);
        }
        return maxItems;
    }

    private static <T> Page<T> page(List<T> rows, int limit, java.util.function.Function<T, Marker> markerOf)
    {
        if (rows.size() <= limit) {
            return new Page<>(rows, null);
        }
        List<T> items = rows.subList(0, limit);
        return new Page<>(items, markerOf.apply(items.get(limit - 1)).encode());
    }

    /** Position after the last item of a page: the case-folded name and, where names can repeat, the ARN. */
    private record Marker(String nameKey, String tieBreak)
    {
        static final Marker START = new Marker("", "");

        static Marker decode(String marker)
        {
            if (marker == null || marker.isEmpty()) {
                return START;
            }
            String decoded;
            try {
                decoded = new String(Base64.getUrlDecoder().decode(marker), StandardCharsets.UTF_8);
            }
            catch (IllegalArgumentException e) {
                throw invalidMarker();
            }
            int separator = decoded.indexOf('\n');
            if (separator < 0) {
                throw invalidMarker();
            }
            return new Marker(decoded.substring(0, separator), decoded.substring(separator + 1));
        }

        /** A marker this server did not issue is the caller's error (a 400), not a server failure. */
        private static AwsErrorException invalidMarker()
        {
            return AwsErrorException.sender("ValidationError", 400, "Invalid Marker.");
        }

        String encode()
        {
            return Base64.getUrlEncoder().withoutPadding().encodeToString((nameKey + "\n" + tieBreak).getBytes(StandardCharsets.UTF_8));
        }
    }

    // ---------------------------------------------------------------- row mapping

    private static Account account(ResultSet row)
            throws SQLException
    {
        return new Account(row.getString("account_id"), row.getString("name"), row.getString("email"), row.getString("root_password_hash"), Tx.instant(row, "created"));
    }

    private static User user(ResultSet row)
            throws SQLException
    {
        return new User(row.getString("account_id"), row.getString("name"), row.getString("path"), row.getString("user_id"), Tx.instant(row, "created"),
                row.getString("permissions_boundary_arn"));
    }

    private static Group group(ResultSet row)
            throws SQLException
    {
        return new Group(row.getString("account_id"), row.getString("name"), row.getString("path"), row.getString("group_id"), Tx.instant(row, "created"));
    }

    private static PolicyVersion policyVersion(ResultSet row)
            throws SQLException
    {
        return new PolicyVersion(row.getString("policy_arn"), row.getString("version_id"), row.getString("document"), Tx.bool(row, "is_default"),
                Tx.instant(row, "created"));
    }

    private static Role role(ResultSet row)
            throws SQLException
    {
        return new Role(row.getString("account_id"), row.getString("name"), row.getString("path"), row.getString("role_id"), Tx.instant(row, "created"),
                row.getString("assume_role_policy"), row.getString("description"), row.getInt("max_session_duration"), row.getString("permissions_boundary_arn"));
    }

    private AccessKey accessKey(ResultSet row)
            throws SQLException
    {
        String accessKeyId = row.getString("access_key_id");
        return new AccessKey(accessKeyId, row.getString("account_id"), row.getString("user_name"), secrets.open(row.getString("secret_sealed"), accessKeyId),
                AccessKeyStatus.valueOf(row.getString("status")), Tx.instant(row, "created"), Tx.instant(row, "last_used_date"),
                row.getString("last_used_service"), row.getString("last_used_region"));
    }

    private static ManagedPolicy policy(ResultSet row)
            throws SQLException
    {
        return new ManagedPolicy(row.getString("arn"), row.getString("account_id"), row.getString("name"), row.getString("path"), row.getString("policy_id"),
                row.getString("default_version_id"), row.getString("document"), row.getString("description"), Tx.instant(row, "created"),
                Tx.instant(row, "updated"), row.getLong("attachment_count"), Tx.bool(row, "is_attachable"));
    }
}
