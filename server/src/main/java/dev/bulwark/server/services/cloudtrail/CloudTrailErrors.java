package dev.bulwark.server.services.cloudtrail;

import software.amazon.awssdk.services.cloudtrail.model.CloudTrailArnInvalidException;
import software.amazon.awssdk.services.cloudtrail.model.InsightNotEnabledException;
import software.amazon.awssdk.services.cloudtrail.model.InvalidEventSelectorsException;
import software.amazon.awssdk.services.cloudtrail.model.InvalidHomeRegionException;
import software.amazon.awssdk.services.cloudtrail.model.InvalidInsightSelectorsException;
import software.amazon.awssdk.services.cloudtrail.model.InvalidLookupAttributesException;
import software.amazon.awssdk.services.cloudtrail.model.InvalidMaxResultsException;
import software.amazon.awssdk.services.cloudtrail.model.InvalidNextTokenException;
import software.amazon.awssdk.services.cloudtrail.model.InvalidParameterCombinationException;
import software.amazon.awssdk.services.cloudtrail.model.InvalidParameterException;
import software.amazon.awssdk.services.cloudtrail.model.InvalidS3BucketNameException;
import software.amazon.awssdk.services.cloudtrail.model.InvalidS3PrefixException;
import software.amazon.awssdk.services.cloudtrail.model.InvalidTagParameterException;
import software.amazon.awssdk.services.cloudtrail.model.InvalidTimeRangeException;
import software.amazon.awssdk.services.cloudtrail.model.InvalidTrailNameException;
import software.amazon.awssdk.services.cloudtrail.model.MaximumNumberOfTrailsExceededException;
import software.amazon.awssdk.services.cloudtrail.model.NotOrganizationMasterAccountException;
import software.amazon.awssdk.services.cloudtrail.model.OrganizationsNotInUseException;
import software.amazon.awssdk.services.cloudtrail.model.ResourceNotFoundException;
import software.amazon.awssdk.services.cloudtrail.model.TagsLimitExceededException;
import software.amazon.awssdk.services.cloudtrail.model.TrailAlreadyExistsException;
import software.amazon.awssdk.services.cloudtrail.model.TrailNotFoundException;
import software.amazon.awssdk.services.cloudtrail.model.TrailNotProvidedException;

/**
 * CloudTrail's error wording, in one place. Each factory returns the SDK's modeled exception (the codec answers its
 * code and status from the AWS model). Messages are those AWS answers where known (trail not found, already exists,
 * name rules), else the sentence of the error shape's documentation.
 */
final class CloudTrailErrors
{
    private CloudTrailErrors() {}

    static TrailNotFoundException trailNotFound(String trailArn, String accountId)
    {
        return TrailNotFoundException.builder().message("Unknown trail: " + trailArn + " for the user: " + accountId).build();
    }

    static TrailAlreadyExistsException trailAlreadyExists(String name, String accountId)
    {
        return TrailAlreadyExistsException.builder().message("Trail " + name + " already exists for customer: " + accountId).build();
    }

    static InvalidTrailNameException invalidTrailName(String message)
    {
        return InvalidTrailNameException.builder().message(message).build();
    }

    static TrailNotProvidedException trailNotProvided()
    {
        return TrailNotProvidedException.builder().message("Trail name or ARN must be provided.").build();
    }

    static CloudTrailArnInvalidException invalidArn(String arn)
    {
        return CloudTrailArnInvalidException.builder().message("Invalid ARN: " + arn).build();
    }

    static InvalidHomeRegionException wrongHomeRegion(String trailArn, String region)
    {
        return InvalidHomeRegionException.builder()
                .message("This operation must be called from the trail's home region. Trail " + trailArn + " was called from " + region + ".")
                .build();
    }

    static InvalidS3BucketNameException invalidBucketName(String bucket)
    {
        return InvalidS3BucketNameException.builder().message("Bucket name " + bucket + " is not valid.").build();
    }

    static InvalidS3PrefixException invalidPrefix(String prefix)
    {
        return InvalidS3PrefixException.builder().message("Prefix " + prefix + " is not valid: the maximum length is 200 characters.").build();
    }

    static MaximumNumberOfTrailsExceededException tooManyTrails(String accountId, String region)
    {
        return MaximumNumberOfTrailsExceededException.builder()
                .message("User: " + accountId + " already has 5 trails in " + region + ".").build();
    }

    static InvalidParameterCombinationException parameterCombination(String message)
    {
        return InvalidParameterCombinationException.builder().message(message).build();
    }

    static InvalidParameterException invalidParameter(String message)
    {
        return InvalidParameterException.builder().message(message).build();
    }

    static InvalidEventSelectorsException invalidEventSelectors(String message)
    {
        return InvalidEventSelectorsException.builder().message(message).build();
    }

    static InvalidInsightSelectorsException invalidInsightSelectors(String message)
    {
        return InvalidInsightSelectorsException.builder().message(message).build();
    }

    static InsightNotEnabledException insightNotEnabled(String trailArn)
    {
        return InsightNotEnabledException.builder().message("Trail " + trailArn + " does not have Insights enabled.").build();
    }

    static InvalidLookupAttributesException invalidLookupAttributes(String message)
    {
        return InvalidLookupAttributesException.builder().message(message).build();
    }

    static InvalidTimeRangeException invalidTimeRange()
    {
        return InvalidTimeRangeException.builder().message("Start time must be earlier than end time.").build();
    }

    static InvalidMaxResultsException invalidMaxResults()
    {
        return InvalidMaxResultsException.builder().message("MaxResults must be between 1 and 50.").build();
    }

    static InvalidNextTokenException invalidNextToken()
    {
        return InvalidNextTokenException.builder().message("Invalid NextToken.").build();
    }

    static ResourceNotFoundException resourceNotFound(String arn)
    {
        return ResourceNotFoundException.builder().message("Resource not found: " + arn).build();
    }

    static InvalidTagParameterException invalidTag(String message)
    {
        return InvalidTagParameterException.builder().message(message).build();
    }

    static TagsLimitExceededException tooManyTags()
    {
        return TagsLimitExceededException.builder().message("The number of tags on the resource exceeds the limit of 50.").build();
    }

    static OrganizationsNotInUseException organizationsNotInUse()
    {
        return OrganizationsNotInUseException.builder().message("This account is not a member of an organization.").build();
    }

    static NotOrganizationMasterAccountException notManagementAccount()
    {
        return NotOrganizationMasterAccountException.builder()
                .message("The request was not made by the management account of an organization. Organization trails can only be created, "
                        + "updated or deleted by the management account or a delegated administrator.").build();
    }
}
