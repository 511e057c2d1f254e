package dev.bulwark.server.services.iam.model;

import java.time.Instant;

import static java.util.Objects.requireNonNull;

/**
 * A virtual MFA device: its serial number ({@code arn:aws:iam::<account>:mfa<path><name>}), its TOTP seed (Base32,
 * plaintext only in memory) and whom it is assigned to.
 *
 * @param assignedTo  the AIDA id of the IAM user it is enabled for, {@link #ROOT} for the account's root user, or
 *                    null while unassigned
 * @param enabled     when EnableMFADevice assigned it, or null
 * @param lastStep    the last TOTP time step whose code was accepted; codes of this step or earlier are refused
 * @param driftSteps  how far the device's clock runs ahead of ours, in steps, as ResyncMFADevice found
 */
public record MfaDevice(
        String serialNumber,
        String accountId,
        String path,
        String name,
        String seedBase32,
        Instant created,
        String assignedTo,
        Instant enabled,
        long lastStep,
        int driftSteps)
{
    /** {@link #assignedTo} of a device enabled for the account's root user. */
    public static final String ROOT = "root";

    public MfaDevice
    {
        requireNonNull(serialNumber, "serialNumber is null");
        Arns.requireAccountId(accountId);
        Arns.requirePath(path);
        requireNonNull(name, "name is null");
        requireNonNull(seedBase32, "seedBase32 is null");
        requireNonNull(created, "created is null");
    }

    /** {@code arn:aws:iam::<account>:mfa<path><name>}. */
    public static String serialNumberOf(String accountId, String path, String name)
    {
        return Arns.iam(accountId, "mfa", path, name);
    }

    public boolean isAssigned()
    {
        return assignedTo != null;
    }

    public boolean isAssignedTo(String assignee)
    {
        return assignee.equals(assignedTo);
    }

    /** Never prints the seed. */
    @Override
    public String toString()
    {
        return "MfaDevice[" + serialNumber + ", assignedTo=" + assignedTo + "]";
    }
}
