package dev.bulwark.server.services.kms.model;

import java.time.Instant;

import static java.util.Objects.requireNonNull;

/** An alias ({@code alias/name}) pointing at one key of the same account and region. */
public record KeyAlias(String accountId, String region, String name, String keyId, Instant created, Instant updated)
{
    public KeyAlias
    {
        requireNonNull(accountId, "accountId is null");
        requireNonNull(region, "region is null");
        requireNonNull(name, "name is null");
        requireNonNull(keyId, "keyId is null");
        requireNonNull(created, "created is null");
        requireNonNull(updated, "updated is null");
    }

    public String arn()
    {
        return arn(region, accountId, name);
    }

    public static String arn(String region, String accountId, String aliasName)
    {
        return "arn:aws:kms:" + region + ":" + accountId + ":" + aliasName;
    }
}
