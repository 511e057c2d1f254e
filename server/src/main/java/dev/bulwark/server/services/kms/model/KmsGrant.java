package dev.bulwark.server.services.kms.model;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * A grant: lets {@code granteePrincipal} perform {@code operations} with one key, optionally only for requests whose
 * encryption context equals ({@code contextEquals}) or contains ({@code contextSubset}) the given pairs.
 */
public record KmsGrant(
        String grantId,
        String keyId,
        Optional<String> name,
        String granteePrincipal,
        Optional<String> retiringPrincipal,
        String issuingAccount,
        List<String> operations,
        Map<String, String> contextEquals,
        Map<String, String> contextSubset,
        Instant created)
{
    public KmsGrant
    {
        requireNonNull(grantId, "grantId is null");
        requireNonNull(keyId, "keyId is null");
        requireNonNull(name, "name is null");
        requireNonNull(granteePrincipal, "granteePrincipal is null");
        requireNonNull(retiringPrincipal, "retiringPrincipal is null");
        requireNonNull(issuingAccount, "issuingAccount is null");
        operations = List.copyOf(requireNonNull(operations, "operations is null"));
        contextEquals = Map.copyOf(requireNonNull(contextEquals, "contextEquals is null"));
        contextSubset = Map.copyOf(requireNonNull(contextSubset, "contextSubset is null"));
        requireNonNull(created, "created is null");
    }

    public boolean hasConstraints()
    {
        return !contextEquals.isEmpty() || !contextSubset.isEmpty();
    }
}
