package dev.bulwark.server.services.sts;

import dev.bulwark.policy.validate.IamPolicySizeLimit;

import java.util.List;

/**
 * STS's {@code PackedPolicySize}: how much of the session-policy budget a request uses, in percent. AWS compresses
 * policies into an undocumented binary format; Bulwark measures the documented plaintext limit instead (2 048
 * whitespace-free characters for the inline policy and the managed policy ARNs together), so the percentage is of
 * that budget and a request over it fails with {@code PackedPolicyTooLarge}. Session tags count into the same budget
 * (each key and value), as AWS packs policies and tags together.
 */
final class PackedPolicySize
{
    /** The plaintext budget AWS documents for inline and managed session policies together. */
    static final int PLAINTEXT_LIMIT = 2048;

    private PackedPolicySize() {}

    static int percentOf(String inlinePolicy, List<String> policyArns)
    {
        return percentOf(inlinePolicy, policyArns, List.of());
    }

    static int percentOf(String inlinePolicy, List<String> policyArns, List<dev.bulwark.server.services.iam.model.Tag> sessionTags)
    {
        int size = inlinePolicy == null ? 0 : IamPolicySizeLimit.size(inlinePolicy);
        size += SessionTags.plaintextSize(sessionTags);
        for (String arn : policyArns) {
            size += arn.length();
        }
        return (int) Math.ceil(size * 100.0 / PLAINTEXT_LIMIT);
    }
}
