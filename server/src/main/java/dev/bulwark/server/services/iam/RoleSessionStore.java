package dev.bulwark.server.services.iam;

import dev.bulwark.server.services.iam.model.IamIds;
import dev.bulwark.server.services.iam.model.Role;
import dev.bulwark.server.services.iam.model.RoleSession;
import dev.bulwark.server.services.iam.model.Tag;
import dev.bulwark.server.store.SecretBox;
import dev.bulwark.server.store.StoreException;
import dev.bulwark.server.store.Tx;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * Persistence of STS role sessions. A session lives as long as its role: lookups join the role by its unique id,
 * so deleting the role ends every session of it.
 */
public final class RoleSessionStore
{
    private static final int ID_ATTEMPTS = 5;
    private static final String TOKEN_CONTEXT_SUFFIX = "/token";

    private final SecretBox secrets;
    private final IamIds ids;

    RoleSessionStore(SecretBox secrets, IamIds ids)
    {
        this.secrets = requireNonNull(secrets, "secrets is null");
        this.ids = requireNonNull(ids, "ids is null");
    }

    /** Issues a session for {@code role}; the returned record carries the plaintext secret and token. */
    public RoleSession create(Tx tx, Role role, String sessionName, String sessionPolicy, List<String> policyArns, String sourceIdentity,
            Instant issued, Instant expiration)
    {
        return create(tx, role, sessionName, sessionPolicy, policyArns, sourceIdentity, issued, expiration, null);
    }

    /** As above, for a session whose MFA code was verified at {@code mfaAuthenticated} (null: without MFA). */
    public RoleSession create(Tx tx, Role role, String sessionName, String sessionPolicy, List<String> policyArns, String sourceIdentity,
            Instant issued, Instant expiration, Instant mfaAuthenticated)
    {
        return create(tx, role, sessionName, sessionPolicy, policyArns, sourceIdentity, issued, expiration, mfaAuthenticated, List.of(), List.of());
    }

    /** As above, with session tags and the keys of those that are transitive. */
    public RoleSession create(Tx tx, Role role, String sessionName, String sessionPolicy, List<String> policyArns, String sourceIdentity,
            Instant issued, Instant expiration, Instant mfaAuthenticated, List<Tag> tags, List<String> transitiveTagKeys)
    {
        Instant mfaMillis = mfaAuthenticated == null ? null : Instant.ofEpochMilli(mfaAuthenticated.toEpochMilli());
        String secret = ids.secretAccessKey();
        String token = ids.sessionToken();
        // The database keeps milliseconds; the record must equal what a later read returns.
        Instant issuedMillis = Instant.ofEpochMilli(issued.toEpochMilli());
        Instant expirationMillis = Instant.ofEpochMilli(expiration.toEpochMilli());
        for (int attempt = 0; attempt < ID_ATTEMPTS; attempt++) {
            String accessKeyId = ids.temporaryAccessKeyId();
            int inserted = tx.update("""
                            INSERT INTO sts_role_sessions (access_key_id, account_id, role_id, session_name, secret_sealed, token_sealed,
                                                           session_policy, policy_arns, source_identity, issued, expiration, mfa_authenticated,
                                                           session_tags, transitive_tag_keys)
                            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING""",
                    accessKeyId, role.accountId(), role.roleId(), sessionName, secrets.seal(secret, accessKeyId),
                    secrets.seal(token, accessKeyId + TOKEN_CONTEXT_SUFFIX), sessionPolicy, String.join("\n", policyArns), sourceIdentity,
                    issuedMillis, expirationMillis, mfaMillis, SessionTagColumns.tags(tags), SessionTagColumns.keys(transitiveTagKeys));
            if (inserted == 1) {
                return new RoleSession(accessKeyId, secret, token, role, sessionName, sessionPolicy, policyArns, sourceIdentity, issuedMillis, expirationMillis,
                        mfaMillis, tags, transitiveTagKeys);
            }
        }
        throw new StoreException("no free temporary access key id after " + ID_ATTEMPTS + " attempts");
    }

    /** The session of a temporary key, expired or not (the verifier answers ExpiredToken), if its role still exists. */
    public Optional<RoleSession> find(Tx tx, String accessKeyId)
    {
        return tx.queryOne("""
                        SELECT s.access_key_id, s.session_name, s.secret_sealed, s.token_sealed, s.session_policy, s.policy_arns,
                               s.source_identity, s.issued, s.expiration, s.mfa_authenticated, s.session_tags, s.transitive_tag_keys,
                               r.account_id, r.name, r.path, r.role_id, r.created, r.assume_role_policy, r.description,
                               r.max_session_duration, r.permissions_boundary_arn
                        FROM sts_role_sessions s JOIN iam_roles r ON r.role_id = s.role_id
                        WHERE s.access_key_id = ?""",
                this::session, accessKeyId);
    }

    /** Deletes sessions that expired before {@code cutoff}; returns how many. */
    public int deleteExpired(Tx tx, Instant cutoff)
    {
        return tx.update("DELETE FROM sts_role_sessions WHERE expiration < ?", cutoff);
    }

    private RoleSession session(ResultSet row)
            throws SQLException
    {
        String accessKeyId = row.getString("access_key_id");
        Role role = new Role(row.getString("account_id"), row.getString("name"), row.getString("path"), row.getString("role_id"), Tx.instant(row, "created"),
                row.getString("assume_role_policy"), row.getString("description"), row.getInt("max_session_duration"), row.getString("permissions_boundary_arn"));
        String arns = row.getString("policy_arns");
        return new RoleSession(accessKeyId,
                secrets.open(row.getString("secret_sealed"), accessKeyId),
                secrets.open(row.getString("token_sealed"), accessKeyId + TOKEN_CONTEXT_SUFFIX),
                role,
                row.getString("session_name"),
                row.getString("session_policy"),
                arns.isEmpty() ? List.of() : Arrays.asList(arns.split("\n")),
                row.getString("source_identity"),
                Tx.instant(row, "issued"),
                Tx.instant(row, "expiration"),
                Tx.instant(row, "mfa_authenticated"),
                SessionTagColumns.parseTags(row.getString("session_tags")),
                SessionTagColumns.parseKeys(row.getString("transitive_tag_keys")));
    }
}
