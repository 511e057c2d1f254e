package dev.bulwark.server.services.iam;

import dev.bulwark.server.services.iam.mfa.Base32;
import dev.bulwark.server.services.iam.mfa.Totp;
import dev.bulwark.server.services.iam.model.MfaDevice;
import dev.bulwark.server.store.Tx;

import java.time.Instant;
import java.util.OptionalLong;

import static java.util.Objects.requireNonNull;

/**
 * Checks TOTP codes against virtual MFA devices. A code counts for the step it belongs to, shifted by the drift
 * ResyncMFADevice learnt; codes of the current step and one step either side are accepted (RFC 6238 section 5.2's
 * allowance for clock skew and slow typing). A code is accepted once: the device remembers the last step used and
 * refuses that step and every earlier one, as AWS refuses a reused code.
 */
public final class MfaCodes
{
    /** Steps accepted either side of now for a single code. */
    static final int SINGLE_CODE_WINDOW = 1;
    /** EnableMFADevice: the second of the two consecutive codes must be within this many steps of now. */
    static final int ENABLE_WINDOW = 2;
    /** ResyncMFADevice: how far (in steps, either side) a drifted device's consecutive codes are searched for. */
    static final int RESYNC_WINDOW = 40;

    private MfaCodes() {}

    /** Whether a code given to STS checked out against the caller's device. */
    public enum Outcome
    {
        /** The code is right and was consumed. */
        VERIFIED,
        /** No such device, or it is not assigned to the caller. */
        NO_SUCH_DEVICE,
        /** Wrong, too old, or already used. */
        INVALID_CODE
    }

    /**
     * Verifies a single code (GetSessionToken, AssumeRole) from the device {@code serialNumber} assigned to
     * {@code assignee} (a user's AIDA id or {@link MfaDevice#ROOT}), consuming it when right.
     */
    public static Outcome verify(Tx tx, MfaDeviceStore devices, String accountId, String assignee, String serialNumber, String code, Instant now)
    {
        requireNonNull(serialNumber, "serialNumber is null");
        MfaDevice device = devices.find(tx, accountId, serialNumber).filter(found -> found.isAssignedTo(assignee)).orElse(null);
        if (device == null) {
            return Outcome.NO_SUCH_DEVICE;
        }
        Totp totp = Totp.iam(Base32.decode(device.seedBase32()));
        long current = Totp.step(now) + device.driftSteps();
        for (long step = current - SINGLE_CODE_WINDOW; step <= current + SINGLE_CODE_WINDOW; step++) {
            if (step > device.lastStep() && totp.matches(code, step)) {
                return devices.consume(tx, device, step, device.driftSteps()) ? Outcome.VERIFIED : Outcome.INVALID_CODE;
            }
        }
        return Outcome.INVALID_CODE;
    }

    /**
     * The step of the second code when {@code code1} and {@code code2} are the device's codes of two consecutive
     * steps, the second within {@code window} steps of {@code center} and both after the last step used.
     */
    static OptionalLong consecutive(MfaDevice device, String code1, String code2, long center, int window)
    {
        Totp totp = Totp.iam(Base32.decode(device.seedBase32()));
        for (long second = center - window; second <= center + window; second++) {
            if (second - 1 > device.lastStep() && totp.matches(code1, second - 1) && totp.matches(code2, second)) {
                return OptionalLong.of(second);
            }
        }
        return OptionalLong.empty();
    }
}
