package dev.bulwark.protocol.sigv4;

import dev.bulwark.protocol.http.HttpRequest;

import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * The {@code Credential} of a SigV4 request: {@code AKID/yyyyMMdd/region/service/aws4_request}.
 *
 * @param date the scope date as sent, {@code yyyyMMdd}
 */
public record CredentialScope(String accessKeyId, String date, String region, String service)
{
    /** The fixed last element of every SigV4 credential scope. */
    static final String TERMINATOR = "aws4_request";

    public CredentialScope
    {
        requireNonNull(accessKeyId, "accessKeyId is null");
        requireNonNull(date, "date is null");
        requireNonNull(region, "region is null");
        requireNonNull(service, "service is null");
    }

    /**
     * The credential scope of a signed request, read without verifying anything, so the router can pick the
     * service (and the region) before authentication. Empty for unsigned or malformed requests.
     */
    public static Optional<CredentialScope> peek(HttpRequest request)
    {
        Optional<String> authorization = request.header("Authorization");
        if (authorization.isPresent()) {
            return AuthorizationHeader.credentialOf(authorization.get()).flatMap(CredentialScope::parse);
        }
        if (request.rawQuery().contains(PresignedQuery.CREDENTIAL + "=")) {
            for (QueryParameter parameter : QueryParameter.parse(request.rawQuery())) {
                if (parameter.name().equals(PresignedQuery.CREDENTIAL)) {
                    return parse(parameter.value());
                }
            }
        }
        return Optional.empty();
    }

    /** Parses {@code AKID/date/region/service/aws4_request}; empty unless it has exactly those five parts. */
    public static Optional<CredentialScope> parse(String credential)
    {
        String[] parts = credential.split("/", -1);
        if (parts.length != 5 || !parts[4].equals(TERMINATOR) || parts[0].isEmpty() || parts[1].isEmpty()
                || parts[2].isEmpty() || parts[3].isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new CredentialScope(parts[0], parts[1], parts[2], parts[3]));
    }

    /** {@code date/region/service/aws4_request}, the scope line of the string to sign. */
    public String scope()
    {
        return date + "/" + region + "/" + service + "/" + TERMINATOR;
    }
}
