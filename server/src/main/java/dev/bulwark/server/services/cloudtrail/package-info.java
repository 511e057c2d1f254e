/**
 * AWS CloudTrail (awsJson 1.1, regional, signing name {@code cloudtrail}), declared by
 * {@link dev.bulwark.server.services.cloudtrail.CloudTrailOperations}:
 * <ul>
 * <li>event history: {@code LookupEvents} over the account's last 90 days (every lookup attribute, time window,
 *     50 a page, opaque {@code NextToken}); the events are those the pipeline records for every call
 *     ({@link dev.bulwark.server.audit});</li>
 * <li>trails: create, update, delete, get, describe (shadow trails of multi-region and organization trails), list,
 *     status, start/stop logging, basic and advanced event selectors, Insights selectors (stored), tags, organization
 *     trails (management account only; members see them and cannot change them);</li>
 * <li>{@code ListPublicKeys}: one RSA-2048 key pair per region at a time (30 days each), the private half sealed
 *     by {@code SecretBox};</li>
 * <li>delivery ({@link dev.bulwark.server.services.cloudtrail.delivery.TrailDelivery}) through the narrow
 *     {@link dev.bulwark.server.services.cloudtrail.delivery.LogObjectSink}: gzip log files in AWS's key layout
 *     filtered by account, region, global-service flag and selectors, and signed, chained digest files that the AWS
 *     CLI's validator accepts.</li>
 * </ul>
 *
 * <p>Delivery goes into Bulwark's own buckets through {@code s3.S3LogObjectSink}, which admits only what the bucket
 * policy lets {@code cloudtrail.amazonaws.com} write.
 *
 * <p>Not yet: the bucket and bucket-policy checks CreateTrail and UpdateTrail make up front
 * ({@code S3BucketDoesNotExistException}, {@code InsufficientS3BucketPolicyException}; delivery reports them
 * instead), SSE-KMS of log files (the key is stored and returned), SNS notifications,
 * CloudWatch Logs delivery, Insights events, data events, event data stores and Lake, channels, and
 * {@code LookupEvents} per region (event history is per account, every region's events together).
 */
package dev.bulwark.server.services.cloudtrail;
