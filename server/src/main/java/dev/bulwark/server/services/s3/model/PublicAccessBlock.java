package dev.bulwark.server.services.s3.model;

/** S3 Block Public Access settings, of a bucket or of an account. */
public record PublicAccessBlock(boolean blockPublicAcls, boolean ignorePublicAcls, boolean blockPublicPolicy, boolean restrictPublicBuckets)
{
    /** What every new bucket gets, as in AWS since April 2023. */
    public static final PublicAccessBlock ALL_ON = new PublicAccessBlock(true, true, true, true);
    public static final PublicAccessBlock ALL_OFF = new PublicAccessBlock(false, false, false, false);

    /** The stricter of two configurations, setting by setting: S3 applies the most restrictive combination. */
    public PublicAccessBlock strictest(PublicAccessBlock other)
    {
        return new PublicAccessBlock(blockPublicAcls || other.blockPublicAcls, ignorePublicAcls || other.ignorePublicAcls,
                blockPublicPolicy || other.blockPublicPolicy, restrictPublicBuckets || other.restrictPublicBuckets);
    }
}
