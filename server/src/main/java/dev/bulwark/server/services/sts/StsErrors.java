package dev.bulwark.server.services.sts;

import dev.bulwark.protocol.error.AwsErrorException;
import software.amazon.awssdk.services.sts.model.PackedPolicyTooLargeException;

/** STS's error wording in one place: the messages are part of the compatibility contract. */
final class StsErrors
{
    private StsErrors() {}

    /** STS models no AccessDenied shape; AWS answers the generic query-protocol one. */
    static AwsErrorException accessDenied(String message)
    {
        return new AwsErrorException("AccessDenied", 403, true, message);
    }

    static AwsErrorException durationExceedsMaxSessionDuration()
    {
        return AwsErrorException.sender("ValidationError", 400, "The requested DurationSeconds exceeds the MaxSessionDuration set for this role.");
    }

    static AwsErrorException durationExceedsRoleChainingLimit()
    {
        return AwsErrorException.sender("ValidationError", 400, "The requested DurationSeconds exceeds the 1 hour session limit for roles assumed by role chaining.");
    }

    static AwsErrorException invalidPolicyArn(String arn)
    {
        return AwsErrorException.sender("InvalidParameterValue", 400, "The policy " + arn + " does not exist or is not attachable.");
    }

    static PackedPolicyTooLargeException packedPolicyTooLarge(int percent)
    {
        return PackedPolicyTooLargeException.builder().message("Packed policy consumes " + percent + "% of allotted space, please use smaller policy.").build();
    }

    /**
     * AssumeRole from a session whose source identity is set, naming another one. AWS documents that the value cannot
     * be changed once set and that such requests are denied; UNSURE of its exact message.
     */
    static AwsErrorException sourceIdentityCannotChange()
    {
        return accessDenied("SourceIdentity cannot be changed once set: a role chain keeps the source identity of its first session.");
    }

    /** GetSessionToken/AssumeRole: the SerialNumber names no MFA device enabled for the caller. */
    static AwsErrorException mfaUnknownDevice()
    {
        return accessDenied("MultiFactorAuthentication failed, unable to validate MFA code.  Please verify your MFA serial number is valid and associated "
                + "with this user.");
    }

    /** GetSessionToken/AssumeRole: a wrong, stale or already used TokenCode. */
    static AwsErrorException mfaInvalidCode()
    {
        return accessDenied("MultiFactorAuthentication failed with invalid MFA one time pass code.");
    }
}
