package dev.bulwark.server.services.iam.model;

import java.time.Instant;
import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * An IAM OpenID Connect identity provider.
 *
 * @param accountId   the owning account
 * @param arn         {@code arn:aws:iam::ACCOUNT:oidc-provider/HOST/PATH}
 * @param url         the issuer without its {@code https://} scheme, as IAM reports it ({@code HOST/PATH})
 * @param clientIds   the audiences tokens may carry, in the order they were added
 * @param thumbprints SHA-1 thumbprints (hex) of the issuer's certificates, possibly empty
 * @param created     when it was created
 */
public record OidcProvider(String accountId, String arn, String url, List<String> clientIds, List<String> thumbprints, Instant created)
{
    public OidcProvider
    {
        requireNonNull(accountId, "accountId is null");
        requireNonNull(arn, "arn is null");
        requireNonNull(url, "url is null");
        clientIds = List.copyOf(requireNonNull(clientIds, "clientIds is null"));
        thumbprints = List.copyOf(requireNonNull(thumbprints, "thumbprints is null"));
        requireNonNull(created, "created is null");
    }

    /** The issuer URL tokens name in {@code iss}. */
    public String issuer()
    {
        return "https://" + url;
    }

    public static String arnOf(String accountId, String url)
    {
        return "arn:aws:iam::" + accountId + ":oidc-provider/" + url;
    }
}
