package dev.bulwark.server.services.iam.model;

import java.time.Instant;

import static java.util.Objects.requireNonNull;

/**
 * An IAM SAML identity provider.
 *
 * @param accountId  the owning account
 * @param arn        {@code arn:aws:iam::ACCOUNT:saml-provider/NAME}
 * @param name       the provider's name
 * @param metadata   the SAML metadata document as uploaded
 * @param uuid       the SAMLProviderUUID IAM reports
 * @param validUntil the metadata's {@code validUntil}, if it has one
 * @param created    when it was created
 */
public record SamlProvider(String accountId, String arn, String name, String metadata, String uuid, Instant validUntil, Instant created)
{
    public SamlProvider
    {
        requireNonNull(accountId, "accountId is null");
        requireNonNull(arn, "arn is null");
        requireNonNull(name, "name is null");
        requireNonNull(metadata, "metadata is null");
        requireNonNull(uuid, "uuid is null");
        requireNonNull(created, "created is null");
    }

    public static String arnOf(String accountId, String name)
    {
        return "arn:aws:iam::" + accountId + ":saml-provider/" + name;
    }
}
