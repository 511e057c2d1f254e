package dev.bulwark.server.services.iam;

import dev.bulwark.server.store.SecretBox;
import dev.bulwark.server.store.Tx;

import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

import static java.util.Objects.requireNonNull;

/**
 * Persistence of outbound web identity federation (table {@code iam_outbound_federation}) and of the account's STS
 * preferences ({@code iam_sts_preferences}), see migration V012.
 *
 * <p>An account's issuer is created at its first enable, with an opaque random id and its own RSA and P-384 keys
 * (AWS gives every account its own issuer and keys); disabling keeps both, so enabling again reuses them and tokens
 * issued before stay verifiable. The issuer URL is the server's public base URL followed by
 * {@code /_bulwark/oidc/<issuer id>}: it is derived when asked, never stored, so it follows the operator's
 * {@code --public-url}.
 */
public final class OutboundFederationStore
{
    /** Where issuers live under the server's public base URL. */
    public static final String ISSUER_PATH = "/_bulwark/oidc/";

    private final SecretBox secrets;
    private final Supplier<String> publicBaseUrl;

    /**
     * @param secrets       seals the private signing keys
     * @param publicBaseUrl the server's public base URL (scheme, host, port, no trailing slash); asked on every use
     *                      because a server listening on port 0 knows its port only once started
     */
    public OutboundFederationStore(SecretBox secrets, Supplier<String> publicBaseUrl)
    {
        this.secrets = requireNonNull(secrets, "secrets is null");
        this.publicBaseUrl = requireNonNull(publicBaseUrl, "publicBaseUrl is null");
    }

    /** An account's issuer: whether tokens may be vended now, and its public keys. */
    public record Issuer(String accountId, String issuerId, boolean enabled, PublicKey rsaPublic, PublicKey ecPublic)
    {
        public Issuer
        {
            requireNonNull(accountId, "accountId is null");
            requireNonNull(issuerId, "issuerId is null");
            requireNonNull(rsaPublic, "rsaPublic is null");
            requireNonNull(ecPublic, "ecPublic is null");
        }
    }

    /** A private key ready to sign, with the key id its JWKS entry carries. */
    public record SigningKey(String algorithm, String keyId, PrivateKey privateKey)
    {
        public SigningKey
        {
            requireNonNull(algorithm, "algorithm is null");
            requireNonNull(keyId, "keyId is null");
            requireNonNull(privateKey, "privateKey is null");
        }
    }

    public String issuerUrl(String issuerId)
    {
        return publicBaseUrl.get() + ISSUER_PATH + issuerId;
    }

    public Optional<Issuer> find(Tx tx, String accountId)
    {
        return tx.queryOne("SELECT account_id, issuer_id, enabled, rsa_public, ec_public FROM iam_outbound_federation WHERE account_id = ?",
                OutboundFederationStore::issuer, accountId);
    }

    public Optional<Issuer> findByIssuerId(Tx tx, String issuerId)
    {
        return tx.queryOne("SELECT account_id, issuer_id, enabled, rsa_public, ec_public FROM iam_outbound_federation WHERE issuer_id = ?",
                OutboundFederationStore::issuer, issuerId);
    }

    /** Creates the account's issuer, enabled, with fresh keys; empty if the account has one already (a concurrent enable). */
    public Optional<Issuer> create(Tx tx, String accountId, Instant now)
    {
        KeyPair rsa = OidcKeys.generateRsa();
        KeyPair ec = OidcKeys.generateEc();
        String issuerId = UUID.randomUUID().toString();
        int inserted = tx.update("INSERT INTO iam_outbound_federation (account_id, issuer_id, enabled, rsa_key_id, rsa_private_sealed, rsa_public, "
                        + "ec_key_id, ec_private_sealed, ec_public, created, updated) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
                accountId, issuerId, true,
                OidcKeys.RSA_KEY_ID, secrets.seal(OidcKeys.encode(rsa.getPrivate()), sealContext(accountId, OidcKeys.RSA_KEY_ID)), OidcKeys.encode(rsa.getPublic()),
                OidcKeys.EC_KEY_ID, secrets.seal(OidcKeys.encode(ec.getPrivate()), sealContext(accountId, OidcKeys.EC_KEY_ID)), OidcKeys.encode(ec.getPublic()),
                now, now);
        return inserted == 0 ? Optional.empty() : Optional.of(new Issuer(accountId, issuerId, true, rsa.getPublic(), ec.getPublic()));
    }

    public boolean setEnabled(Tx tx, String accountId, boolean enabled, Instant now)
    {
        return tx.update("UPDATE iam_outbound_federation SET enabled = ?, updated = ? WHERE account_id = ?", enabled, now, accountId) == 1;
    }

    /** The account's private key for {@code algorithm} ({@value OidcKeys#RS256} or {@value OidcKeys#ES384}). */
    public Optional<SigningKey> signingKey(Tx tx, String accountId, String algorithm)
    {
        String keyType = OidcKeys.keyType(algorithm);
        String column = keyType.equals("RSA") ? "rsa" : "ec";
        return tx.queryOne("SELECT " + column + "_key_id, " + column + "_private_sealed FROM iam_outbound_federation WHERE account_id = ?",
                row -> {
                    String keyId = row.getString(1);
                    String pkcs8 = secrets.open(row.getString(2), sealContext(accountId, keyId));
                    return new SigningKey(algorithm, keyId, OidcKeys.privateKey(keyType, pkcs8));
                }, accountId);
    }

    /** The account's {@code GlobalEndpointTokenVersion} ({@code v1Token} or {@code v2Token}), if ever set. */
    public static Optional<String> globalEndpointTokenVersion(Tx tx, String accountId)
    {
        return tx.queryOne("SELECT global_endpoint_token_version FROM iam_sts_preferences WHERE account_id = ?", row -> row.getString(1), accountId);
    }

    public void setGlobalEndpointTokenVersion(Tx tx, String accountId, String version)
    {
        tx.update("INSERT INTO iam_sts_preferences (account_id, global_endpoint_token_version) VALUES (?, ?) "
                + "ON CONFLICT (account_id) DO UPDATE SET global_endpoint_token_version = excluded.global_endpoint_token_version", accountId, version);
    }

    /** Binds a sealed key to its account and key id, so a sealed value copied to another row does not open. */
    private static String sealContext(String accountId, String keyId)
    {
        return "oidc-signing-key:" + accountId + ":" + keyId;
    }

    private static Issuer issuer(ResultSet row)
            throws SQLException
    {
        return new Issuer(row.getString("account_id"), row.getString("issuer_id"), Tx.bool(row, "enabled"),
                OidcKeys.publicKey("RSA", row.getString("rsa_public")), OidcKeys.publicKey("EC", row.getString("ec_public")));
    }
}
