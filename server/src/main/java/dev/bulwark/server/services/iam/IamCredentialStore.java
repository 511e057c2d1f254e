package dev.bulwark.server.services.iam;

import dev.bulwark.server.services.iam.model.AccessKeyStatus;
import dev.bulwark.server.services.iam.model.Page;
import dev.bulwark.server.services.iam.model.Tag;
import dev.bulwark.server.services.iam.model.User;
import dev.bulwark.server.store.DuplicateKeyException;
import dev.bulwark.server.store.SecretBox;
import dev.bulwark.server.store.Tx;

import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * Persistence for the IAM credentials beyond access keys and passwords (migration V010): SSH public keys, signing
 * certificates, server certificates (private keys sealed with {@link SecretBox}, bound to the certificate id) and
 * service-specific credentials (passwords as hashes only). Like {@link IamStore}, methods store what they are given
 * and leave AWS's checks and wording to the operations.
 */
public final class IamCredentialStore
{
    /** iam_tags.owner_kind of a server certificate's tags. */
    static final String SERVER_CERTIFICATE_TAGS = "SERVER_CERTIFICATE";

    private static final String SERVER_COLUMNS = "certificate_id, account_id, name, path, body, chain, expiration, uploaded";

    /** An SSH public key; {@code body} as uploaded. */
    public record SshKey(String keyId, String accountId, String userId, String userName, String body, String fingerprint, AccessKeyStatus status,
            Instant uploaded) {}

    /** A signing certificate; {@code userId} and {@code userName} are null for the account's root. */
    public record SigningCertificate(String certificateId, String accountId, String userId, String userName, String body, AccessKeyStatus status,
            Instant uploaded) {}

    /** A server certificate without its private key. */
    public record ServerCertificate(String certificateId, String accountId, String name, String path, String body, String chain, Instant expiration,
            Instant uploaded)
    {
        public String arn()
        {
            return "arn:aws:iam::" + accountId + ":server-certificate" + path + name;
        }
    }

    /**
     * A service-specific credential; the password (or API key secret) exists only as a hash. User-name-and-password
     * credentials (CodeCommit, Keyspaces) have a {@code serviceUserName}; API keys (Bedrock, CloudWatch Logs) have an
     * alias and may expire.
     */
    public record ServiceCredential(String credentialId, String accountId, String userId, String userName, String serviceName, String serviceUserName,
            String passwordHash, AccessKeyStatus status, Instant created, String alias, Instant expiration)
    {
        public boolean isExpired(Instant now)
        {
            return expiration != null && !now.isBefore(expiration);
        }
    }

    private final SecretBox secrets;
    private final Clock clock;

    public IamCredentialStore(SecretBox secrets, Clock clock)
    {
        this.secrets = requireNonNull(secrets, "secrets is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    // ---------------------------------------------------------------- SSH public keys

    /** Stores a key; false if the id is taken (the caller draws another). */
    public boolean insertSshKey(Tx tx, User user, String keyId, String body, String fingerprint, Instant uploaded)
    {
        return tx.update("""
                        INSERT INTO iam_ssh_public_keys (key_id, account_id, user_id, body, fingerprint, status, uploaded)
                        VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING""",
                keyId, user.accountId(), user.userId(), body, fingerprint, AccessKeyStatus.ACTIVE.name(), uploaded) == 1;
    }

    public Optional<SshKey> findSshKey(Tx tx, User user, String keyId)
    {
        return tx.queryOne("SELECT * FROM iam_ssh_public_keys WHERE user_id = ? AND key_id = ?", row -> sshKey(row, user.name()), user.userId(), keyId);
    }

    public Optional<SshKey> findSshKeyByFingerprint(Tx tx, User user, String fingerprint)
    {
        return tx.queryOne("SELECT * FROM iam_ssh_public_keys WHERE user_id = ? AND fingerprint = ?", row -> sshKey(row, user.name()), user.userId(),
                fingerprint);
    }

    /** The user's keys, oldest first (IAM allows 5, so unpaged here). */
    public List<SshKey> listSshKeys(Tx tx, User user)
    {
        return tx.query("SELECT * FROM iam_ssh_public_keys WHERE user_id = ? ORDER BY uploaded, key_id", row -> sshKey(row, user.name()), user.userId());
    }

    public boolean updateSshKeyStatus(Tx tx, User user, String keyId, AccessKeyStatus status)
    {
        return tx.update("UPDATE iam_ssh_public_keys SET status = ? WHERE user_id = ? AND key_id = ?", status.name(), user.userId(), keyId) == 1;
    }

    public boolean deleteSshKey(Tx tx, User user, String keyId)
    {
        return tx.update("DELETE FROM iam_ssh_public_keys WHERE user_id = ? AND key_id = ?", user.userId(), keyId) == 1;
    }

    // ---------------------------------------------------------------- signing certificates

    /** Stores a certificate of {@code user} (null: the account's root); false if the account already holds it. */
    public boolean insertSigningCertificate(Tx tx, String accountId, User user, String certificateId, String body, Instant uploaded)
    {
        return tx.update("""
                        INSERT INTO iam_signing_certificates (certificate_id, account_id, user_id, body, status, uploaded)
                        VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING""",
                certificateId, accountId, user == null ? null : user.userId(), body, AccessKeyStatus.ACTIVE.name(), uploaded) == 1;
    }

    /** The certificate with this id in the account, whoever holds it. */
    public Optional<SigningCertificate> findSigningCertificate(Tx tx, String accountId, String certificateId)
    {
        return tx.queryOne("""
                        SELECT c.*, u.name AS user_name FROM iam_signing_certificates c LEFT JOIN iam_users u ON u.user_id = c.user_id
                        WHERE c.account_id = ? AND c.certificate_id = ?""",
                IamCredentialStore::signingCertificate, accountId, certificateId);
    }

    /** The certificates of {@code user} (null: the root's), oldest first; at most 2 in IAM, so unpaged here. */
    public List<SigningCertificate> listSigningCertificates(Tx tx, String accountId, User user)
    {
        String select = "SELECT c.*, u.name AS user_name FROM iam_signing_certificates c LEFT JOIN iam_users u ON u.user_id = c.user_id WHERE c.account_id = ? ";
        if (user == null) {
            return tx.query(select + "AND c.user_id IS NULL ORDER BY c.uploaded, c.certificate_id", IamCredentialStore::signingCertificate, accountId);
        }
        return tx.query(select + "AND c.user_id = ? ORDER BY c.uploaded, c.certificate_id", IamCredentialStore::signingCertificate, accountId, user.userId());
    }

    public boolean updateSigningCertificateStatus(Tx tx, SigningCertificate certificate, AccessKeyStatus status)
    {
        return tx.update("UPDATE iam_signing_certificates SET status = ? WHERE account_id = ? AND certificate_id = ?", status.name(),
                certificate.accountId(), certificate.certificateId()) == 1;
    }

    public boolean deleteSigningCertificate(Tx tx, SigningCertificate certificate)
    {
        return tx.update("DELETE FROM iam_signing_certificates WHERE account_id = ? AND certificate_id = ?", certificate.accountId(),
                certificate.certificateId()) == 1;
    }

    /** Whether the account's root has signing certificates (AccountSigningCertificatesPresent). */
    public long countRootSigningCertificates(Tx tx, String accountId)
    {
        return tx.queryLong("SELECT count(*) FROM iam_signing_certificates WHERE account_id = ? AND user_id IS NULL", accountId);
    }

    // ---------------------------------------------------------------- server certificates

    /**
     * Stores a server certificate with its private key sealed; {@link DuplicateKeyException} ("server-certificate",
     * name) if the account already has one of that name in any case. False if the id is taken (draw another).
     */
    public boolean insertServerCertificate(Tx tx, ServerCertificate certificate, String privateKeyPem, List<Tag> tags)
    {
        if (findServerCertificate(tx, certificate.accountId(), certificate.name()).isPresent()) {
            throw new DuplicateKeyException("server-certificate", certificate.name());
        }
        int inserted = tx.update("""
                        INSERT INTO iam_server_certificates (certificate_id, account_id, name, name_key, path, body, chain, private_key_sealed, expiration, uploaded)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING""",
                certificate.certificateId(), certificate.accountId(), certificate.name(), key(certificate.name()), certificate.path(), certificate.body(),
                certificate.chain(), secrets.seal(privateKeyPem, certificate.certificateId()), certificate.expiration(), certificate.uploaded());
        if (inserted == 0 && findServerCertificate(tx, certificate.accountId(), certificate.name()).isPresent()) {
            // another transaction took the name since the check above
            throw new DuplicateKeyException("server-certificate", certificate.name());
        }
        if (inserted == 1) {
            tagServerCertificate(tx, certificate, tags);
        }
        return inserted == 1;
    }

    public Optional<ServerCertificate> findServerCertificate(Tx tx, String accountId, String name)
    {
        return tx.queryOne("SELECT " + SERVER_COLUMNS + " FROM iam_server_certificates WHERE account_id = ? AND name_key = ?",
                IamCredentialStore::serverCertificate, accountId, key(name));
    }

    /** The private key as uploaded, opened from its seal; never part of any response. */
    public String serverCertificatePrivateKey(Tx tx, ServerCertificate certificate)
    {
        String sealed = tx.queryOne("SELECT private_key_sealed FROM iam_server_certificates WHERE certificate_id = ?", row -> row.getString(1),
                certificate.certificateId()).orElseThrow();
        return secrets.open(sealed, certificate.certificateId());
    }

    /** ListServerCertificates: by case-folded name, paths starting with {@code pathPrefix} (null for all), after {@code marker}. */
    public Page<ServerCertificate> listServerCertificates(Tx tx, String accountId, String pathPrefix, String marker, int maxItems)
    {
        String prefix = pathPrefix == null ? "/" : pathPrefix;
        String after = marker == null || marker.isEmpty() ? "" : new String(Base64.getUrlDecoder().decode(marker), StandardCharsets.UTF_8);
        List<ServerCertificate> rows = tx.query("SELECT " + SERVER_COLUMNS + " FROM iam_server_certificates WHERE account_id = ? "
                        + "AND substr(path, 1, length(?)) = ? AND name_key > ? ORDER BY name_key LIMIT ?",
                IamCredentialStore::serverCertificate, accountId, prefix, prefix, after, (long) maxItems + 1);
        if (rows.size() <= maxItems) {
            return new Page<>(rows, null);
        }
        List<ServerCertificate> items = rows.subList(0, maxItems);
        String next = Base64.getUrlEncoder().withoutPadding().encodeToString(key(items.get(maxItems - 1).name()).getBytes(StandardCharsets.UTF_8));
        return new Page<>(items, next);
    }

    public long countServerCertificates(Tx tx, String accountId)
    {
        return tx.queryLong("SELECT count(*) FROM iam_server_certificates WHERE account_id = ?", accountId);
    }

    /** UpdateServerCertificate: renames and/or moves (null keeps); {@link DuplicateKeyException} if another certificate has the new name. */
    public ServerCertificate updateServerCertificate(Tx tx, ServerCertificate certificate, String newName, String newPath)
    {
        String name = newName == null ? certificate.name() : newName;
        String path = newPath == null ? certificate.path() : newPath;
        Optional<ServerCertificate> holder = findServerCertificate(tx, certificate.accountId(), name);
        if (holder.isPresent() && !holder.get().certificateId().equals(certificate.certificateId())) {
            throw new DuplicateKeyException("server-certificate", name);
        }
        tx.update("UPDATE iam_server_certificates SET name = ?, name_key = ?, path = ? WHERE certificate_id = ?", name, key(name), path,
                certificate.certificateId());
        return new ServerCertificate(certificate.certificateId(), certificate.accountId(), name, path, certificate.body(), certificate.chain(),
                certificate.expiration(), certificate.uploaded());
    }

    public boolean deleteServerCertificate(Tx tx, ServerCertificate certificate)
    {
        IamTagTable.deleteAll(tx, SERVER_CERTIFICATE_TAGS, certificate.certificateId());
        return tx.update("DELETE FROM iam_server_certificates WHERE certificate_id = ?", certificate.certificateId()) == 1;
    }

    /** Adds tags, replacing the value (and key case) of keys already present in any case. */
    public void tagServerCertificate(Tx tx, ServerCertificate certificate, List<Tag> tags)
    {
        IamTagTable.tag(tx, SERVER_CERTIFICATE_TAGS, certificate.certificateId(), tags);
    }

    public void untagServerCertificate(Tx tx, ServerCertificate certificate, List<String> keys)
    {
        IamTagTable.untag(tx, SERVER_CERTIFICATE_TAGS, certificate.certificateId(), keys);
    }

    public List<Tag> serverCertificateTags(Tx tx, ServerCertificate certificate)
    {
        return IamTagTable.tags(tx, SERVER_CERTIFICATE_TAGS, certificate.certificateId());
    }

    // ---------------------------------------------------------------- service-specific credentials

    /** Stores a credential; false if the id is taken (draw another). */
    public boolean insertServiceCredential(Tx tx, ServiceCredential credential)
    {
        return tx.update("""
                        INSERT INTO iam_service_credentials (credential_id, account_id, user_id, service_name, service_user_name, password_hash, status, created,
                                                             credential_alias, expiration)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING""",
                credential.credentialId(), credential.accountId(), credential.userId(), credential.serviceName(), credential.serviceUserName(),
                credential.passwordHash(), credential.status().name(), credential.created(), credential.alias(), credential.expiration()) == 1;
    }

    public Optional<ServiceCredential> findServiceCredential(Tx tx, User user, String credentialId)
    {
        return tx.queryOne("SELECT * FROM iam_service_credentials WHERE user_id = ? AND credential_id = ?", row -> serviceCredential(row, user.name()),
                user.userId(), credentialId);
    }

    /** The user's credentials, for one service or (null) all, oldest first. */
    public List<ServiceCredential> listServiceCredentials(Tx tx, User user, String serviceName)
    {
        if (serviceName == null) {
            return tx.query("SELECT * FROM iam_service_credentials WHERE user_id = ? ORDER BY created, credential_id", row -> serviceCredential(row, user.name()),
                    user.userId());
        }
        return tx.query("SELECT * FROM iam_service_credentials WHERE user_id = ? AND service_name = ? ORDER BY created, credential_id",
                row -> serviceCredential(row, user.name()), user.userId(), serviceName);
    }

    /** ListServiceSpecificCredentials with AllUsers: every user's credentials in the account, for one service or (null) all. */
    public List<ServiceCredential> listAccountServiceCredentials(Tx tx, String accountId, String serviceName)
    {
        String select = "SELECT c.*, u.name AS user_name FROM iam_service_credentials c JOIN iam_users u ON u.user_id = c.user_id WHERE c.account_id = ? ";
        if (serviceName == null) {
            return tx.query(select + "ORDER BY u.name_key, c.created, c.credential_id", row -> serviceCredential(row, row.getString("user_name")), accountId);
        }
        return tx.query(select + "AND c.service_name = ? ORDER BY u.name_key, c.created, c.credential_id",
                row -> serviceCredential(row, row.getString("user_name")), accountId, serviceName);
    }

    public boolean updateServiceCredentialStatus(Tx tx, ServiceCredential credential, AccessKeyStatus status)
    {
        return tx.update("UPDATE iam_service_credentials SET status = ? WHERE credential_id = ?", status.name(), credential.credentialId()) == 1;
    }

    public boolean resetServiceCredentialPassword(Tx tx, ServiceCredential credential, String passwordHash)
    {
        return tx.update("UPDATE iam_service_credentials SET password_hash = ? WHERE credential_id = ?", requireNonNull(passwordHash, "passwordHash is null"),
                credential.credentialId()) == 1;
    }

    public boolean deleteServiceCredential(Tx tx, ServiceCredential credential)
    {
        return tx.update("DELETE FROM iam_service_credentials WHERE credential_id = ?", credential.credentialId()) == 1;
    }

    // ---------------------------------------------------------------- helpers

    /** Now, to the millisecond the database keeps. */
    Instant now()
    {
        return Instant.ofEpochMilli(clock.millis());
    }

    private static String key(String name)
    {
        return requireNonNull(name, "name is null").toLowerCase(Locale.ROOT);
    }

    private static SshKey sshKey(ResultSet row, String userName)
            throws SQLException
    {
        return new SshKey(row.getString("key_id"), row.getString("account_id"), row.getString("user_id"), userName, row.getString("body"),
                row.getString("fingerprint"), AccessKeyStatus.valueOf(row.getString("status")), Tx.instant(row, "uploaded"));
    }

    private static SigningCertificate signingCertificate(ResultSet row)
            throws SQLException
    {
        return new SigningCertificate(row.getString("certificate_id"), row.getString("account_id"), row.getString("user_id"), row.getString("user_name"),
                row.getString("body"), AccessKeyStatus.valueOf(row.getString("status")), Tx.instant(row, "uploaded"));
    }

    private static ServerCertificate serverCertificate(ResultSet row)
            throws SQLException
    {
        return new ServerCertificate(row.getString("certificate_id"), row.getString("account_id"), row.getString("name"), row.getString("path"),
                row.getString("body"), row.getString("chain"), Tx.instant(row, "expiration"), Tx.instant(row, "uploaded"));
    }

    private static ServiceCredential serviceCredential(ResultSet row, String userName)
            throws SQLException
    {
        return new ServiceCredential(row.getString("credential_id"), row.getString("account_id"), row.getString("user_id"), userName,
                row.getString("service_name"), row.getString("service_user_name"), row.getString("password_hash"),
                AccessKeyStatus.valueOf(row.getString("status")), Tx.instant(row, "created"), row.getString("credential_alias"), Tx.instant(row, "expiration"));
    }
}
