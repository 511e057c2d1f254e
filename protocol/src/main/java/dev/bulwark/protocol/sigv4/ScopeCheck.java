package dev.bulwark.protocol.sigv4;

import java.util.Set;

import static java.util.Objects.requireNonNull;

/**
 * Checks that a verified signature was made for the service and region that received it. Every service of a
 * Bulwark node shares one host and port, so without this a request signed for one service could be replayed,
 * byte for byte, to another whose operations take the same parameters.
 */
public final class ScopeCheck
{
    private ScopeCheck() {}

    /**
     * @param expectedService the signing name of the service the request was routed to (for example {@code iam})
     * @param acceptedRegions the regions this node serves; the first is named in S3's error
     * @throws SigV4Exception with AWS's wording when the credential scope names another service or region
     */
    public static void requireScope(VerifiedRequest verified, Dialect dialect, String expectedService, Set<String> acceptedRegions)
    {
        requireNonNull(verified, "verified is null");
        requireNonNull(dialect, "dialect is null");
        requireNonNull(expectedService, "expectedService is null");
        requireNonNull(acceptedRegions, "acceptedRegions is null");
        if (verified.anonymous()) {
            return;
        }
        CredentialScope scope = verified.scope();
        if (!scope.service().equals(expectedService)) {
            throw SigV4Errors.wrongService(dialect, verified.presigned(), scope.service(), expectedService);
        }
        if (!acceptedRegions.isEmpty() && !acceptedRegions.contains(scope.region())) {
            throw SigV4Errors.wrongRegion(dialect, verified.presigned(), scope.region(), acceptedRegions.iterator().next());
        }
    }
}
