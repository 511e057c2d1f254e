package dev.bulwark.server.services.iam;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bulwark.server.services.iam.model.OidcProvider;
import dev.bulwark.server.services.iam.model.SamlProvider;
import dev.bulwark.server.services.iam.model.Tag;
import dev.bulwark.server.store.DuplicateKeyException;
import dev.bulwark.server.store.StoreException;
import dev.bulwark.server.store.Tx;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;


/**
 * Persistence for IAM identity providers (OpenID Connect and SAML) and their tags. Providers are keyed by ARN;
 * their tags share {@code iam_tags} with users, roles and policies under their own owner kinds.
 */
public final class IdentityProviderStore
{
    static final String OIDC_TAG_OWNER = "OIDC_PROVIDER";
    static final String SAML_TAG_OWNER = "SAML_PROVIDER";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {};

    public IdentityProviderStore() {}

    // ---------------------------------------------------------------- OpenID Connect

    /** @throws DuplicateKeyException when the account already has a provider for the URL */
    public OidcProvider createOidc(Tx tx, String accountId, String url, List<String> clientIds, List<String> thumbprints, Instant now)
    {
        OidcProvider provider = new OidcProvider(accountId, OidcProvider.arnOf(accountId, url), url, clientIds, thumbprints, millis(now));
        int inserted = tx.update("""
                        INSERT INTO iam_oidc_providers (arn, account_id, url, client_ids, thumbprints, created)
                        VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING""",
                provider.arn(), accountId, url, json(clientIds), json(thumbprints), provider.created());
        if (inserted == 0) {
            throw new DuplicateKeyException("oidc-provider", url);
        }
        return provider;
    }

    public Optional<OidcProvider> findOidc(Tx tx, String arn)
    {
        return tx.queryOne("SELECT * FROM iam_oidc_providers WHERE arn = ?", IdentityProviderStore::oidc, arn);
    }

    /** The account's provider whose issuer is {@code url} (scheme removed), as {@code iss} names it. */
    public Optional<OidcProvider> findOidcByUrl(Tx tx, String accountId, String url)
    {
        return findOidc(tx, OidcProvider.arnOf(accountId, url));
    }

    public List<OidcProvider> listOidc(Tx tx, String accountId)
    {
        return tx.query("SELECT * FROM iam_oidc_providers WHERE account_id = ? ORDER BY arn", IdentityProviderStore::oidc, accountId);
    }

    public void updateOidc(Tx tx, OidcProvider provider)
    {
        tx.update("UPDATE iam_oidc_providers SET client_ids = ?, thumbprints = ? WHERE arn = ?",
                json(provider.clientIds()), json(provider.thumbprints()), provider.arn());
    }

    public void deleteOidc(Tx tx, OidcProvider provider)
    {
        IamTagTable.deleteAll(tx, OIDC_TAG_OWNER, provider.arn());
        tx.update("DELETE FROM iam_oidc_providers WHERE arn = ?", provider.arn());
    }

    // ---------------------------------------------------------------- SAML

    /** @throws DuplicateKeyException when the account already has a provider of that name */
    public SamlProvider createSaml(Tx tx, String accountId, String name, String metadata, Instant validUntil, Instant now)
    {
        SamlProvider provider = new SamlProvider(accountId, SamlProvider.arnOf(accountId, name), name, metadata,
                "p-" + UUID.randomUUID().toString().replace("-", "").substring(0, 24), validUntil, millis(now));
        int inserted = tx.update("""
                        INSERT INTO iam_saml_providers (arn, account_id, name, metadata, provider_uuid, valid_until, created)
                        VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING""",
                provider.arn(), accountId, name, metadata, provider.uuid(), validUntil, provider.created());
        if (inserted == 0) {
            throw new DuplicateKeyException("saml-provider", name);
        }
        return provider;
    }

    public Optional<SamlProvider> findSaml(Tx tx, String arn)
    {
        return tx.queryOne("SELECT * FROM iam_saml_providers WHERE arn = ?", IdentityProviderStore::saml, arn);
    }

    public List<SamlProvider> listSaml(Tx tx, String accountId)
    {
        return tx.query("SELECT * FROM iam_saml_providers WHERE account_id = ? ORDER BY arn", IdentityProviderStore::saml, accountId);
    }

    public void updateSaml(Tx tx, SamlProvider provider, String metadata, Instant validUntil)
    {
        tx.update("UPDATE iam_saml_providers SET metadata = ?, valid_until = ? WHERE arn = ?", metadata, validUntil, provider.arn());
    }

    public void deleteSaml(Tx tx, SamlProvider provider)
    {
        IamTagTable.deleteAll(tx, SAML_TAG_OWNER, provider.arn());
        tx.update("DELETE FROM iam_saml_providers WHERE arn = ?", provider.arn());
    }

    // ---------------------------------------------------------------- tags

    /** Adds the tags, replacing the value (and key case) of keys already present in any case. */
    public void tag(Tx tx, String ownerKind, String arn, List<Tag> tags)
    {
        IamTagTable.tag(tx, ownerKind, arn, tags);
    }

    public void untag(Tx tx, String ownerKind, String arn, List<String> keys)
    {
        IamTagTable.untag(tx, ownerKind, arn, keys);
    }

    public List<Tag> tags(Tx tx, String ownerKind, String arn)
    {
        return IamTagTable.tags(tx, ownerKind, arn);
    }

    // ---------------------------------------------------------------- helpers

    private static Instant millis(Instant now)
    {
        // the database keeps milliseconds; records handed out must equal what a later read returns
        return Instant.ofEpochMilli(now.toEpochMilli());
    }

    private static OidcProvider oidc(ResultSet row)
            throws SQLException
    {
        return new OidcProvider(row.getString("account_id"), row.getString("arn"), row.getString("url"), strings(row.getString("client_ids")),
                strings(row.getString("thumbprints")), Tx.instant(row, "created"));
    }

    private static SamlProvider saml(ResultSet row)
            throws SQLException
    {
        return new SamlProvider(row.getString("account_id"), row.getString("arn"), row.getString("name"), row.getString("metadata"),
                row.getString("provider_uuid"), Tx.instant(row, "valid_until"), Tx.instant(row, "created"));
    }

    private static String json(List<String> values)
    {
        try {
            return JSON.writeValueAsString(values);
        }
        catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<String> strings(String json)
    {
        try {
            return JSON.readValue(json, STRINGS);
        }
        catch (JsonProcessingException e) {
            throw new StoreException("corrupt identity provider list: " + json);
        }
    }
}
