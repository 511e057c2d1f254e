package dev.bulwark.server.services.iam;

import dev.bulwark.server.services.iam.model.MfaDevice;
import dev.bulwark.server.services.iam.model.Page;
import dev.bulwark.server.services.iam.model.Tag;
import dev.bulwark.server.services.iam.model.User;
import dev.bulwark.server.store.DuplicateKeyException;
import dev.bulwark.server.store.SecretBox;
import dev.bulwark.server.store.Tx;

import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * Persistence of virtual MFA devices: seeds sealed under the serial number, assignment to a user or root, the last
 * accepted TOTP step (so a code is never accepted twice) and tags. Serial numbers are unique per account ignoring
 * case, like the other IAM names.
 */
public final class MfaDeviceStore
{
    /** Tags of MFA devices share {@code iam_tags} with users, roles and policies under this owner kind. */
    static final String TAG_OWNER_KIND = "MFA";

    private static final String COLUMNS = "d.serial_number, d.account_id, d.path, d.name, d.seed_sealed, d.created, d.assigned_to, d.enabled, d.last_step, "
            + "d.drift_steps";

    private final SecretBox secrets;

    MfaDeviceStore(SecretBox secrets)
    {
        this.secrets = requireNonNull(secrets, "secrets is null");
    }

    /** CreateVirtualMFADevice; {@link DuplicateKeyException} if the path and name are taken (in any case). */
    public MfaDevice create(Tx tx, String accountId, String path, String name, String seedBase32, Instant created)
    {
        String serial = MfaDevice.serialNumberOf(accountId, path, name);
        Instant createdMillis = Instant.ofEpochMilli(created.toEpochMilli());
        int inserted = tx.update("""
                        INSERT INTO iam_mfa_devices (serial_number, serial_key, account_id, path, name, seed_sealed, created, assigned_to, enabled,
                                                     last_step, drift_steps)
                        VALUES (?, ?, ?, ?, ?, ?, ?, NULL, NULL, ?, 0) ON CONFLICT DO NOTHING""",
                serial, key(serial), accountId, path, name, secrets.seal(seedBase32, serial), createdMillis, -1L);
        if (inserted == 0) {
            throw new DuplicateKeyException("mfa device", serial);
        }
        return new MfaDevice(serial, accountId, path, name, seedBase32, createdMillis, null, null, -1, 0);
    }

    /** The account's device with this serial number (ignoring case). */
    public Optional<MfaDevice> find(Tx tx, String accountId, String serialNumber)
    {
        return tx.queryOne("SELECT " + COLUMNS + " FROM iam_mfa_devices d WHERE d.account_id = ? AND d.serial_key = ?", this::device, accountId,
                key(serialNumber));
    }

    /** The devices assigned to a user's AIDA id or to {@link MfaDevice#ROOT} of an account, by serial number. */
    public List<MfaDevice> assignedTo(Tx tx, String accountId, String assignee)
    {
        return tx.query("SELECT " + COLUMNS + " FROM iam_mfa_devices d WHERE d.account_id = ? AND d.assigned_to = ? ORDER BY d.serial_key", this::device,
                accountId, assignee);
    }

    /** How many devices a user has; DeleteUser answers DeleteConflict while this is not zero. */
    public static long countAssignedTo(Tx tx, User user)
    {
        return tx.queryLong("SELECT count(*) FROM iam_mfa_devices WHERE account_id = ? AND assigned_to = ?", user.accountId(), user.userId());
    }

    /** GetAccountSummary's MFA entries: every device, those assigned, and whether root has one. */
    public static Counts counts(Tx tx, String accountId)
    {
        return new Counts(
                tx.queryLong("SELECT count(*) FROM iam_mfa_devices WHERE account_id = ?", accountId),
                tx.queryLong("SELECT count(*) FROM iam_mfa_devices WHERE account_id = ? AND assigned_to IS NOT NULL", accountId),
                tx.queryLong("SELECT count(*) FROM iam_mfa_devices WHERE account_id = ? AND assigned_to = ?", accountId, MfaDevice.ROOT) > 0);
    }

    /** GetAccountSummary's {@code MFADevices}, {@code MFADevicesInUse} and {@code AccountMFAEnabled}. */
    public record Counts(long devices, long inUse, boolean rootEnabled) {}

    /** ListVirtualMFADevices: {@code assigned} null for any, after the opaque {@code marker}. */
    public Page<MfaDevice> list(Tx tx, String accountId, Boolean assigned, String marker, int maxItems)
    {
        String filter = assigned == null ? "" : assigned ? " AND d.assigned_to IS NOT NULL" : " AND d.assigned_to IS NULL";
        List<MfaDevice> rows = tx.query("SELECT " + COLUMNS + " FROM iam_mfa_devices d WHERE d.account_id = ? AND d.serial_key > ?" + filter
                + " ORDER BY d.serial_key LIMIT ?", this::device, accountId, decodeMarker(marker), maxItems + 1);
        if (rows.size() <= maxItems) {
            return new Page<>(rows, null);
        }
        List<MfaDevice> items = rows.subList(0, maxItems);
        return new Page<>(items, encodeMarker(key(items.get(maxItems - 1).serialNumber())));
    }

    /** EnableMFADevice: assigns an unassigned device and records the last step its codes used; false if it was taken meanwhile. */
    public boolean assign(Tx tx, MfaDevice device, String assignee, Instant enabled, long lastStep)
    {
        return tx.update("UPDATE iam_mfa_devices SET assigned_to = ?, enabled = ?, last_step = ?, drift_steps = 0 WHERE serial_number = ? AND assigned_to IS NULL",
                assignee, Instant.ofEpochMilli(enabled.toEpochMilli()), lastStep, device.serialNumber()) == 1;
    }

    /** DeactivateMFADevice: the device stays, unassigned; false if it was not assigned. */
    public boolean unassign(Tx tx, MfaDevice device)
    {
        return tx.update("UPDATE iam_mfa_devices SET assigned_to = NULL, enabled = NULL WHERE serial_number = ? AND assigned_to IS NOT NULL",
                device.serialNumber()) == 1;
    }

    /**
     * Records that a code of {@code step} was accepted, only if no code of that step or a later one was: false means
     * the code was already used (by this request's twin, say) and must be refused.
     */
    public boolean consume(Tx tx, MfaDevice device, long step, int driftSteps)
    {
        return tx.update("UPDATE iam_mfa_devices SET last_step = ?, drift_steps = ? WHERE serial_number = ? AND last_step < ?",
                step, driftSteps, device.serialNumber(), step) == 1;
    }

    /** DeleteVirtualMFADevice, with its tags; the caller checks it is unassigned. */
    public boolean delete(Tx tx, MfaDevice device)
    {
        IamTagTable.deleteAll(tx, TAG_OWNER_KIND, device.serialNumber());
        return tx.update("DELETE FROM iam_mfa_devices WHERE serial_number = ? AND assigned_to IS NULL", device.serialNumber()) == 1;
    }

    public void tag(Tx tx, MfaDevice device, List<Tag> tags)
    {
        IamTagTable.tag(tx, TAG_OWNER_KIND, device.serialNumber(), tags);
    }

    public void untag(Tx tx, MfaDevice device, List<String> keys)
    {
        IamTagTable.untag(tx, TAG_OWNER_KIND, device.serialNumber(), keys);
    }

    public List<Tag> tags(Tx tx, MfaDevice device)
    {
        return IamTagTable.tags(tx, TAG_OWNER_KIND, device.serialNumber());
    }

    private MfaDevice device(ResultSet row)
            throws SQLException
    {
        String serial = row.getString("serial_number");
        return new MfaDevice(serial, row.getString("account_id"), row.getString("path"), row.getString("name"),
                secrets.open(row.getString("seed_sealed"), serial), Tx.instant(row, "created"), row.getString("assigned_to"), Tx.instant(row, "enabled"),
                row.getLong("last_step"), row.getInt("drift_steps"));
    }

    private static String key(String serialNumber)
    {
        return serialNumber.toLowerCase(Locale.ROOT);
    }

    private static String decodeMarker(String marker)
    {
        if (marker == null || marker.isEmpty()) {
            return "";
        }
        try {
            String decoded = new String(Base64.getUrlDecoder().decode(marker), StandardCharsets.UTF_8);
            if (decoded.startsWith(MARKER_PREFIX)) {
                return decoded.substring(MARKER_PREFIX.length());
            }
        }
        catch (IllegalArgumentException e) {
            // falls through: not a marker this server issued
        }
        throw dev.bulwark.protocol.error.AwsErrorException.sender("ValidationError", 400, "Invalid Marker.");
    }

    /** Markers carry a prefix so that one this server never issued is refused rather than read as a position. */
    private static final String MARKER_PREFIX = "mfa:";

    private static String encodeMarker(String serialKey)
    {
        return Base64.getUrlEncoder().withoutPadding().encodeToString((MARKER_PREFIX + serialKey).getBytes(StandardCharsets.UTF_8));
    }
}
