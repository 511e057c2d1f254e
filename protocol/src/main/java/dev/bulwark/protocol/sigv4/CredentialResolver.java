package dev.bulwark.protocol.sigv4;

import java.util.Optional;

/** Looks up the secret for an access key ID; empty when the key does not exist (or is inactive). */
@FunctionalInterface
public interface CredentialResolver
{
    Optional<SigningCredential> resolve(String accessKeyId);
}
