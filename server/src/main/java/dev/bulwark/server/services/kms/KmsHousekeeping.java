package dev.bulwark.server.services.kms;

import dev.bulwark.server.services.kms.model.KmsKey;
import dev.bulwark.server.store.Tx;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * KMS's time-driven changes, run by the server's housekeeping pass: keys whose deletion date has come are really
 * deleted (material, aliases, grants, tags), imported material past its ValidTo is deleted (the key goes back to
 * PendingImport), and keys with automatic rotation due are rotated.
 */
public final class KmsHousekeeping
{
    private final KmsStore kms;
    private final KeyVault vault;

    public KmsHousekeeping(KmsStore kms, KeyVault vault)
    {
        this.kms = requireNonNull(kms, "kms is null");
        this.vault = requireNonNull(vault, "vault is null");
    }

    /** Runs every due change; returns how many keys changed. */
    public int run(Tx tx, Instant now)
    {
        int changed = 0;
        for (KmsKey key : kms.keysDueForDeletion(tx, now)) {
            kms.deleteKey(tx, key.keyId());
            changed++;
        }
        for (KmsKey key : kms.keysWithExpiredMaterial(tx, now)) {
            ImportOperations.deleteMaterial(tx, kms, key);
            changed++;
        }
        for (KmsKey key : kms.keysDueForRotation(tx, now)) {
            KmsKey rotated = RotationOperations.rotate(tx, vault, kms, key, "AUTOMATIC", now);
            int days = key.rotationPeriodDays().orElseThrow();
            kms.updateKey(tx, rotated.withRotation(Optional.of(days), Optional.of(now.plus(Duration.ofDays(days)))));
            changed++;
        }
        return changed;
    }
}
