package dev.bulwark.server.services.cloudtrail.model;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * One stored trail. Optional settings are null when unset. {@code organizationId} is set for an organization trail
 * (created by the management account; it records every member account's events under {@code AWSLogs/o-…/}).
 */
public record Trail(
        String arn,
        String accountId,
        String name,
        String homeRegion,
        String s3Bucket,
        String s3KeyPrefix,
        String snsTopicName,
        boolean includeGlobalServiceEvents,
        boolean multiRegion,
        String organizationId,
        boolean logFileValidation,
        String cloudWatchLogsLogGroupArn,
        String cloudWatchLogsRoleArn,
        String kmsKeyId,
        EventSelection selection,
        List<String> insightTypes,
        boolean logging,
        Instant startLoggingTime,
        Instant stopLoggingTime,
        Instant created)
{
    public Trail
    {
        requireNonNull(arn, "arn is null");
        requireNonNull(accountId, "accountId is null");
        requireNonNull(name, "name is null");
        requireNonNull(homeRegion, "homeRegion is null");
        requireNonNull(s3Bucket, "s3Bucket is null");
        requireNonNull(selection, "selection is null");
        insightTypes = List.copyOf(requireNonNull(insightTypes, "insightTypes is null"));
        requireNonNull(created, "created is null");
    }

    public static String arnOf(String region, String accountId, String name)
    {
        return "arn:aws:cloudtrail:" + region + ":" + accountId + ":trail/" + name;
    }

    public boolean isOrganizationTrail()
    {
        return organizationId != null;
    }

    public Optional<String> keyPrefix()
    {
        return Optional.ofNullable(s3KeyPrefix).filter(prefix -> !prefix.isEmpty());
    }

    public Trail withSelection(EventSelection newSelection)
    {
        return new Trail(arn, accountId, name, homeRegion, s3Bucket, s3KeyPrefix, snsTopicName, includeGlobalServiceEvents, multiRegion,
                organizationId, logFileValidation, cloudWatchLogsLogGroupArn, cloudWatchLogsRoleArn, kmsKeyId, newSelection, insightTypes, logging,
                startLoggingTime, stopLoggingTime, created);
    }

    public Trail withInsightTypes(List<String> types)
    {
        return new Trail(arn, accountId, name, homeRegion, s3Bucket, s3KeyPrefix, snsTopicName, includeGlobalServiceEvents, multiRegion,
                organizationId, logFileValidation, cloudWatchLogsLogGroupArn, cloudWatchLogsRoleArn, kmsKeyId, selection, types, logging,
                startLoggingTime, stopLoggingTime, created);
    }

    public Trail withLogging(boolean on, Instant at)
    {
        return new Trail(arn, accountId, name, homeRegion, s3Bucket, s3KeyPrefix, snsTopicName, includeGlobalServiceEvents, multiRegion,
                organizationId, logFileValidation, cloudWatchLogsLogGroupArn, cloudWatchLogsRoleArn, kmsKeyId, selection, insightTypes, on,
                on ? at : startLoggingTime, on ? stopLoggingTime : at, created);
    }
}
