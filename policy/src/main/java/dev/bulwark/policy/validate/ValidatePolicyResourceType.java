package dev.bulwark.policy.validate;

import java.util.Optional;

/**
 * The resource a resource policy is meant for, as Access Analyzer's
 * {@code validatePolicyResourceType} names it. Only the role trust policy changes what the validator
 * checks here (it has no {@code Resource}); the others are accepted so callers can pass AWS's value through.
 */
public enum ValidatePolicyResourceType
{
    S3_BUCKET("AWS::S3::Bucket"),
    S3_ACCESS_POINT("AWS::S3::AccessPoint"),
    S3_MULTI_REGION_ACCESS_POINT("AWS::S3::MultiRegionAccessPoint"),
    S3_OBJECT_LAMBDA_ACCESS_POINT("AWS::S3ObjectLambda::AccessPoint"),
    IAM_ASSUME_ROLE_POLICY_DOCUMENT("AWS::IAM::AssumeRolePolicyDocument"),
    DYNAMODB_TABLE("AWS::DynamoDB::Table");

    private final String awsName;

    ValidatePolicyResourceType(String awsName)
    {
        this.awsName = awsName;
    }

    /** The value as the API writes it, for example {@code AWS::S3::Bucket}. */
    public String awsName()
    {
        return awsName;
    }

    public static Optional<ValidatePolicyResourceType> fromAwsName(String awsName)
    {
        for (ValidatePolicyResourceType type : values()) {
            if (type.awsName.equals(awsName)) {
                return Optional.of(type);
            }
        }
        return Optional.empty();
    }
}
