package dev.bulwark.server.services.iam;

import dev.bulwark.server.services.iam.model.IamIds;
import dev.bulwark.server.services.iam.model.Tag;
import dev.bulwark.server.services.iam.model.User;
import dev.bulwark.server.services.iam.model.UserSession;
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
 * Persistence of the STS sessions of IAM users and root ({@code GetSessionToken}) and of federated users
 * ({@code GetFederationToken}). A user's session lives as long as the user: lookups join the user by its AIDA id,
 * so deleting the user ends its sessions, and a recreated user of the same name inherits none.
 */
public final class UserSessionStore
{
    private static final int ID_ATTEMPTS = 5;
    private static final String TOKEN_CONTEXT_SUFFIX = "/token";

    private final SecretBox secrets;
    private final IamIds ids;

    UserSessionStore(SecretBox secrets, IamIds ids)
    {
        this.secrets = requireNonNull(secrets, "secrets is null");
        this.ids = requireNonNull(ids, "ids is null");
    }

    /**
     * Issues a session for {@code user} (null: root); the returned record carries the plaintext secret and token.
     *
     * @param federatedName GetFederationToken's Name, or null for GetSessionToken
     */
    public UserSession create(Tx tx, String accountId, User user, String federatedName, String sessionPolicy, List<String> policyArns,
            Instant mfaAuthenticated, Instant issued, Instant expiration)
    {
        return create(tx, accountId, user, federatedName, sessionPolicy, policyArns, mfaAuthenticated, issued, expiration, List.of());
    }

    /** As above, with GetFederationToken's session tags. */
    public UserSession create(Tx tx, String accountId, User user, String federatedName, String sessionPolicy, List<String> policyArns,
            Instant mfaAuthenticated, Instant issued, Instant expiration, List<Tag> tags)
    {
        String secret = ids.secretAccessKey();
        String token = ids.sessionToken();
        Instant issuedMillis = millis(issued);
        Instant expirationMillis = millis(expiration);
        Instant mfaMillis = mfaAuthenticated == null ? null : millis(mfaAuthenticated);
        for (int attempt = 0; attempt < ID_ATTEMPTS; attempt++) {
            String accessKeyId = ids.temporaryAccessKeyId();
            // Role sessions draw from the same ASIA space: a key taken there must not be reused here.
            if (tx.queryLong("SELECT count(*) FROM sts_role_sessions WHERE access_key_id = ?", accessKeyId) > 0) {
                continue;
            }
            int inserted = tx.update("""
                            INSERT INTO sts_user_sessions (access_key_id, account_id, user_id, federated_name, secret_sealed, token_sealed, session_policy,
                                                           policy_arns, mfa_authenticated, issued, expiration, session_tags)
                            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING""",
                    accessKeyId, accountId, user == null ? null : user.userId(), federatedName, secrets.seal(secret, accessKeyId),
                    secrets.seal(token, accessKeyId + TOKEN_CONTEXT_SUFFIX), sessionPolicy, String.join("\n", policyArns), mfaMillis, issuedMillis,
                    expirationMillis, SessionTagColumns.tags(tags));
            if (inserted == 1) {
                return new UserSession(accessKeyId, secret, token, accountId, user, federatedName, sessionPolicy, policyArns, mfaMillis, issuedMillis,
                        expirationMillis, tags);
            }
        }
        throw new StoreException("no free temporary access key id after " + ID_ATTEMPTS + " attempts");
    }

    /** The session of a temporary key, expired or not (the verifier answers ExpiredToken), if its user still exists. */
    public Optional<UserSession> find(Tx tx, String accessKeyId)
    {
        return tx.queryOne("""
                        SELECT s.access_key_id, s.account_id AS session_account_id, s.user_id AS session_user_id, s.federated_name, s.secret_sealed,
                               s.token_sealed, s.session_policy, s.policy_arns, s.mfa_authenticated, s.issued, s.expiration, s.session_tags,
                               u.account_id, u.name, u.path, u.user_id, u.created, u.permissions_boundary_arn
                        FROM sts_user_sessions s LEFT JOIN iam_users u ON u.user_id = s.user_id
                        WHERE s.access_key_id = ? AND (s.user_id IS NULL OR u.user_id IS NOT NULL)""",
                this::session, accessKeyId);
    }

    /** Deletes sessions that expired before {@code cutoff}; returns how many. */
    public int deleteExpired(Tx tx, Instant cutoff)
    {
        return tx.update("DELETE FROM sts_user_sessions WHERE expiration < ?", cutoff);
    }

    private UserSession session(ResultSet row)
            throws SQLException
    {
        String accessKeyId = row.getString("access_key_id");
        User user = row.getString("session_user_id") == null ? null : new User(row.getString("account_id"), row.getString("name"), row.getString("path"),
                row.getString("user_id"), Tx.instant(row, "created"), row.getString("permissions_boundary_arn"));
        String arns = row.getString("policy_arns");
        return new UserSession(accessKeyId,
                secrets.open(row.getString("secret_sealed"), accessKeyId),
                secrets.open(row.getString("token_sealed"), accessKeyId + TOKEN_CONTEXT_SUFFIX),
                row.getString("session_account_id"),
                user,
                row.getString("federated_name"),
                row.getString("session_policy"),
                arns.isEmpty() ? List.of() : Arrays.asList(arns.split("\n")),
                Tx.instant(row, "mfa_authenticated"),
                Tx.instant(row, "issued"),
                Tx.instant(row, "expiration"),
                SessionTagColumns.parseTags(row.getString("session_tags")));
    }

    private static Instant millis(Instant instant)
    {
        return Instant.ofEpochMilli(instant.toEpochMilli());
    }
}
