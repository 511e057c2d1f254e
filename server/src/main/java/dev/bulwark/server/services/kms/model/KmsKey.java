package dev.bulwark.server.services.kms.model;

import java.time.Instant;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * A KMS key as stored: identity, spec and usage, lifecycle state, key policy and rotation settings. Its material
 * lives in {@link MaterialVersion}s, never here.
 *
 * @param revision grows with every change of the key policy or grants (compiled-policy caches compare it)
 * @param currentVersion the material version new ciphertexts use; older versions still decrypt
 * @param rotationPeriodDays present while automatic rotation is enabled
 * @param importedDigest SHA-256 of imported material, so a re-import can be checked to be the same material
 */
public record KmsKey(
        String keyId,
        String accountId,
        String region,
        String description,
        String keySpec,
        String keyUsage,
        String origin,
        KeyState state,
        Instant created,
        Optional<Instant> deletionDate,
        Optional<Integer> pendingWindowDays,
        Optional<Instant> validTo,
        Optional<String> expirationModel,
        String policy,
        long revision,
        Optional<Integer> rotationPeriodDays,
        Optional<Instant> nextRotation,
        int currentVersion,
        Optional<String> importedDigest)
{
    public static final String ORIGIN_AWS_KMS = "AWS_KMS";
    public static final String ORIGIN_EXTERNAL = "EXTERNAL";

    public KmsKey
    {
        requireNonNull(keyId, "keyId is null");
        requireNonNull(accountId, "accountId is null");
        requireNonNull(region, "region is null");
        requireNonNull(description, "description is null");
        requireNonNull(keySpec, "keySpec is null");
        requireNonNull(keyUsage, "keyUsage is null");
        requireNonNull(origin, "origin is null");
        requireNonNull(state, "state is null");
        requireNonNull(created, "created is null");
        requireNonNull(deletionDate, "deletionDate is null");
        requireNonNull(pendingWindowDays, "pendingWindowDays is null");
        requireNonNull(validTo, "validTo is null");
        requireNonNull(expirationModel, "expirationModel is null");
        requireNonNull(policy, "policy is null");
        requireNonNull(rotationPeriodDays, "rotationPeriodDays is null");
        requireNonNull(nextRotation, "nextRotation is null");
        requireNonNull(importedDigest, "importedDigest is null");
    }

    public String arn()
    {
        return arn(region, accountId, keyId);
    }

    public static String arn(String region, String accountId, String keyId)
    {
        return "arn:aws:kms:" + region + ":" + accountId + ":key/" + keyId;
    }

    public boolean isExternal()
    {
        return ORIGIN_EXTERNAL.equals(origin);
    }

    public boolean isSymmetricEncryption()
    {
        return "SYMMETRIC_DEFAULT".equals(keySpec);
    }

    public KmsKey withState(KeyState newState)
    {
        return new KmsKey(keyId, accountId, region, description, keySpec, keyUsage, origin, newState, created, deletionDate, pendingWindowDays, validTo,
                expirationModel, policy, revision, rotationPeriodDays, nextRotation, currentVersion, importedDigest);
    }

    /** Automatic rotation on ({@code period} and next date present) or off (both empty). */
    public KmsKey withRotation(Optional<Integer> period, Optional<Instant> next)
    {
        return new KmsKey(keyId, accountId, region, description, keySpec, keyUsage, origin, state, created, deletionDate, pendingWindowDays, validTo,
                expirationModel, policy, revision, period, next, currentVersion, importedDigest);
    }

    public KmsKey withCurrentVersion(int version)
    {
        return new KmsKey(keyId, accountId, region, description, keySpec, keyUsage, origin, state, created, deletionDate, pendingWindowDays, validTo,
                expirationModel, policy, revision, rotationPeriodDays, nextRotation, version, importedDigest);
    }

    /** The imported-material side of a key: its state, expiry, digest and material version. */
    public KmsKey withImport(KeyState newState, Optional<Instant> newValidTo, Optional<String> newExpirationModel, Optional<String> digest, int version)
    {
        return new KmsKey(keyId, accountId, region, description, keySpec, keyUsage, origin, newState, created, deletionDate, pendingWindowDays, newValidTo,
                newExpirationModel, policy, revision, rotationPeriodDays, nextRotation, version, digest);
    }
}
