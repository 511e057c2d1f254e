package dev.bulwark.server.services.cloudtrail;

import dev.bulwark.server.services.Access;
import dev.bulwark.server.services.Invocation;
import dev.bulwark.server.services.Operation;
import dev.bulwark.server.services.ServiceOperations;
import dev.bulwark.server.services.cloudtrail.model.DeliveryStatus;
import dev.bulwark.server.services.cloudtrail.model.EventSelection;
import dev.bulwark.server.services.cloudtrail.model.Trail;
import dev.bulwark.server.services.organizations.model.Organization;
import software.amazon.awssdk.services.cloudtrail.model.CreateTrailRequest;
import software.amazon.awssdk.services.cloudtrail.model.CreateTrailResponse;
import software.amazon.awssdk.services.cloudtrail.model.DeleteTrailRequest;
import software.amazon.awssdk.services.cloudtrail.model.DeleteTrailResponse;
import software.amazon.awssdk.services.cloudtrail.model.DescribeTrailsRequest;
import software.amazon.awssdk.services.cloudtrail.model.DescribeTrailsResponse;
import software.amazon.awssdk.services.cloudtrail.model.GetTrailRequest;
import software.amazon.awssdk.services.cloudtrail.model.GetTrailResponse;
import software.amazon.awssdk.services.cloudtrail.model.GetTrailStatusRequest;
import software.amazon.awssdk.services.cloudtrail.model.GetTrailStatusResponse;
import software.amazon.awssdk.services.cloudtrail.model.ListTrailsRequest;
import software.amazon.awssdk.services.cloudtrail.model.ListTrailsResponse;
import software.amazon.awssdk.services.cloudtrail.model.StartLoggingRequest;
import software.amazon.awssdk.services.cloudtrail.model.StartLoggingResponse;
import software.amazon.awssdk.services.cloudtrail.model.StopLoggingRequest;
import software.amazon.awssdk.services.cloudtrail.model.StopLoggingResponse;
import software.amazon.awssdk.services.cloudtrail.model.TrailInfo;
import software.amazon.awssdk.services.cloudtrail.model.UpdateTrailRequest;
import software.amazon.awssdk.services.cloudtrail.model.UpdateTrailResponse;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import static dev.bulwark.server.services.cloudtrail.CloudTrailWire.read;
import static dev.bulwark.server.services.cloudtrail.CloudTrailWire.write;
import static java.util.Objects.requireNonNull;

/**
 * Trails: create, update, delete, read (GetTrail, DescribeTrails, ListTrails, GetTrailStatus), and logging on/off.
 * A new trail does not log until StartLogging, as in AWS. The S3 bucket is taken on trust until Bulwark has S3:
 * delivery problems then show in GetTrailStatus ({@code LatestDeliveryError}) rather than failing CreateTrail.
 */
final class TrailOperations implements ServiceOperations
{
    /** Trails an account may have in one region. */
    static final int MAX_TRAILS_PER_REGION = 5;
    private static final Pattern BUCKET_NAME = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");
    private static final Pattern KMS_KEY_ID = Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}|mrk-[0-9a-f]{32}");

    private final CloudTrailWire wire;
    private final CloudTrailStore trails;

    TrailOperations(CloudTrailWire wire)
    {
        this.wire = requireNonNull(wire, "wire is null");
        this.trails = wire.trails();
    }

    @Override
    public List<Operation<?, ?>> operations()
    {
        return List.of(
                write("CreateTrail", CreateTrailRequest.class,
                        (in, r) -> List.of(new Access("cloudtrail:CreateTrail", CloudTrailWire.arnFor(in, r.name()), CloudTrailWire.requestTagKeys(r.tagsList()))),
                        this::createTrail),
                write("UpdateTrail", UpdateTrailRequest.class, (in, r) -> CloudTrailWire.onTrail(in, "cloudtrail:UpdateTrail", r.name()), this::updateTrail),
                write("DeleteTrail", DeleteTrailRequest.class, (in, r) -> CloudTrailWire.onTrail(in, "cloudtrail:DeleteTrail", r.name()), this::deleteTrail),
                read("GetTrail", GetTrailRequest.class, (in, r) -> CloudTrailWire.onTrail(in, "cloudtrail:GetTrail", r.name()), this::getTrail),
                read("DescribeTrails", DescribeTrailsRequest.class, (in, r) -> List.of(Access.of("cloudtrail:DescribeTrails", "*")), this::describeTrails),
                read("ListTrails", ListTrailsRequest.class, (in, r) -> List.of(Access.of("cloudtrail:ListTrails", "*")), this::listTrails),
                read("GetTrailStatus", GetTrailStatusRequest.class, (in, r) -> CloudTrailWire.onTrail(in, "cloudtrail:GetTrailStatus", r.name()),
                        this::getTrailStatus),
                write("StartLogging", StartLoggingRequest.class, (in, r) -> CloudTrailWire.onTrail(in, "cloudtrail:StartLogging", r.name()), this::startLogging),
                write("StopLogging", StopLoggingRequest.class, (in, r) -> CloudTrailWire.onTrail(in, "cloudtrail:StopLogging", r.name()), this::stopLogging));
    }

    private CreateTrailResponse createTrail(Invocation in, CreateTrailRequest request)
    {
        TrailNames.check(request.name());
        checkBucket(request.s3BucketName());
        checkPrefix(request.s3KeyPrefix());
        Map<String, String> tags = CloudTrailWire.tags(request.tagsList());
        if (tags.size() > 50) {
            throw CloudTrailErrors.tooManyTags();
        }
        List<Trail> existing = trails.trailsOf(in.transaction(), in.accountId());
        for (Trail trail : existing) {
            boolean clashes = trail.name().equals(request.name()) && (trail.homeRegion().equals(in.region()) || trail.multiRegion()
                    || Boolean.TRUE.equals(request.isMultiRegionTrail()));
            if (clashes) {
                throw CloudTrailErrors.trailAlreadyExists(request.name(), in.accountId());
            }
        }
        if (existing.stream().filter(trail -> trail.homeRegion().equals(in.region())).count() >= MAX_TRAILS_PER_REGION) {
            throw CloudTrailErrors.tooManyTrails(in.accountId(), in.region());
        }
        String organizationId = Boolean.TRUE.equals(request.isOrganizationTrail()) ? managedOrganization(in).id() : null;
        boolean multiRegion = Boolean.TRUE.equals(request.isMultiRegionTrail());
        boolean includeGlobal = request.includeGlobalServiceEvents() == null || request.includeGlobalServiceEvents();
        if (multiRegion && !includeGlobal) {
            throw CloudTrailErrors.parameterCombination("Multi-Region trail must include global service events.");
        }
        checkCloudWatchPair(request.cloudWatchLogsLogGroupArn(), request.cloudWatchLogsRoleArn());
        Trail trail = new Trail(Trail.arnOf(in.region(), in.accountId(), request.name()), in.accountId(), request.name(), in.region(),
                request.s3BucketName(), emptyToNull(request.s3KeyPrefix()), emptyToNull(request.snsTopicName()), includeGlobal, multiRegion, organizationId,
                Boolean.TRUE.equals(request.enableLogFileValidation()), emptyToNull(request.cloudWatchLogsLogGroupArn()),
                emptyToNull(request.cloudWatchLogsRoleArn()), kmsKeyArn(in, request.kmsKeyId()), EventSelection.allManagementEvents(), List.of(), false,
                null, null, in.now());
        trails.insertTrail(in.transaction(), trail);
        tags.forEach((key, value) -> trails.putTag(in.transaction(), trail.arn(), key, value));
        return CreateTrailResponse.builder()
                .name(trail.name())
                .s3BucketName(trail.s3Bucket())
                .s3KeyPrefix(trail.s3KeyPrefix())
                .snsTopicName(trail.snsTopicName())
                .snsTopicARN(CloudTrailWire.snsTopicArn(trail))
                .includeGlobalServiceEvents(trail.includeGlobalServiceEvents())
                .isMultiRegionTrail(trail.multiRegion())
                .trailARN(trail.arn())
                .logFileValidationEnabled(trail.logFileValidation())
                .cloudWatchLogsLogGroupArn(trail.cloudWatchLogsLogGroupArn())
                .cloudWatchLogsRoleArn(trail.cloudWatchLogsRoleArn())
                .kmsKeyId(trail.kmsKeyId())
                .isOrganizationTrail(trail.isOrganizationTrail())
                .build();
    }

    private UpdateTrailResponse updateTrail(Invocation in, UpdateTrailRequest request)
    {
        Trail old = wire.owned(in, request.name());
        if (request.s3BucketName() != null) {
            checkBucket(request.s3BucketName());
        }
        if (request.s3KeyPrefix() != null) {
            checkPrefix(request.s3KeyPrefix());
        }
        String organizationId = old.organizationId();
        if (request.isOrganizationTrail() != null) {
            organizationId = request.isOrganizationTrail() ? managedOrganization(in).id() : null;
        }
        else if (old.isOrganizationTrail()) {
            managedOrganization(in);
        }
        boolean multiRegion = request.isMultiRegionTrail() != null ? request.isMultiRegionTrail() : old.multiRegion();
        boolean includeGlobal = request.includeGlobalServiceEvents() != null ? request.includeGlobalServiceEvents() : old.includeGlobalServiceEvents();
        if (multiRegion && !includeGlobal) {
            throw CloudTrailErrors.parameterCombination("Multi-Region trail must include global service events.");
        }
        String logGroup = request.cloudWatchLogsLogGroupArn() != null ? emptyToNull(request.cloudWatchLogsLogGroupArn()) : old.cloudWatchLogsLogGroupArn();
        String logRole = request.cloudWatchLogsRoleArn() != null ? emptyToNull(request.cloudWatchLogsRoleArn()) : old.cloudWatchLogsRoleArn();
        checkCloudWatchPair(logGroup, logRole);
        Trail trail = new Trail(old.arn(), old.accountId(), old.name(), old.homeRegion(),
                request.s3BucketName() != null ? request.s3BucketName() : old.s3Bucket(),
                request.s3KeyPrefix() != null ? emptyToNull(request.s3KeyPrefix()) : old.s3KeyPrefix(),
                request.snsTopicName() != null ? emptyToNull(request.snsTopicName()) : old.snsTopicName(),
                includeGlobal, multiRegion, organizationId,
                request.enableLogFileValidation() != null ? request.enableLogFileValidation() : old.logFileValidation(),
                logGroup, logRole,
                request.kmsKeyId() != null ? kmsKeyArn(in, emptyToNull(request.kmsKeyId())) : old.kmsKeyId(),
                old.selection(), old.insightTypes(), old.logging(), old.startLoggingTime(), old.stopLoggingTime(), old.created());
        trails.updateTrail(in.transaction(), trail);
        if (trail.logFileValidation() != old.logFileValidation() || !trail.s3Bucket().equals(old.s3Bucket())) {
            // A digest chain never spans a change of bucket or a pause of validation: the next digest starts a new one.
            trails.breakDigestChain(in.transaction(), trail.arn());
        }
        return UpdateTrailResponse.builder()
                .name(trail.name())
                .s3BucketName(trail.s3Bucket())
                .s3KeyPrefix(trail.s3KeyPrefix())
                .snsTopicName(trail.snsTopicName())
                .snsTopicARN(CloudTrailWire.snsTopicArn(trail))
                .includeGlobalServiceEvents(trail.includeGlobalServiceEvents())
                .isMultiRegionTrail(trail.multiRegion())
                .trailARN(trail.arn())
                .logFileValidationEnabled(trail.logFileValidation())
                .cloudWatchLogsLogGroupArn(trail.cloudWatchLogsLogGroupArn())
                .cloudWatchLogsRoleArn(trail.cloudWatchLogsRoleArn())
                .kmsKeyId(trail.kmsKeyId())
                .isOrganizationTrail(trail.isOrganizationTrail())
                .build();
    }

    private DeleteTrailResponse deleteTrail(Invocation in, DeleteTrailRequest request)
    {
        Trail trail = wire.owned(in, request.name());
        if (trail.isOrganizationTrail()) {
            managedOrganization(in);
        }
        trails.deleteTrail(in.transaction(), trail.arn());
        return DeleteTrailResponse.builder().build();
    }

    private GetTrailResponse getTrail(Invocation in, GetTrailRequest request)
    {
        return GetTrailResponse.builder().trail(CloudTrailWire.toSdk(wire.visible(in, request.name()))).build();
    }

    private DescribeTrailsResponse describeTrails(Invocation in, DescribeTrailsRequest request)
    {
        boolean shadows = request.includeShadowTrails() == null || request.includeShadowTrails();
        List<Trail> candidates = wire.visibleTrails(in).stream().filter(trail -> shadows || trail.homeRegion().equals(in.region())
                && trail.accountId().equals(in.accountId())).toList();
        if (request.hasTrailNameList() && !request.trailNameList().isEmpty()) {
            Map<String, Trail> named = new LinkedHashMap<>();
            for (String nameOrArn : request.trailNameList()) {
                if (!nameOrArn.startsWith("arn:")) {
                    TrailNames.check(nameOrArn);
                }
                candidates.stream().filter(trail -> trail.arn().equals(nameOrArn) || trail.name().equals(nameOrArn)).findFirst()
                        .ifPresent(trail -> named.put(trail.arn(), trail));
            }
            candidates = List.copyOf(named.values());
        }
        return DescribeTrailsResponse.builder().trailList(candidates.stream().map(CloudTrailWire::toSdk).toList()).build();
    }

    private ListTrailsResponse listTrails(Invocation in, ListTrailsRequest request)
    {
        List<Trail> all = new ArrayList<>(trails.trailsOf(in.transaction(), in.accountId()));
        wire.organizationOf(in).ifPresent(organization -> trails.organizationTrails(in.transaction(), organization.id()).stream()
                .filter(trail -> !trail.accountId().equals(in.accountId())).forEach(all::add));
        Paging.Page<Trail> page = Paging.page(all, request.nextToken(), 50);
        return ListTrailsResponse.builder()
                .trails(page.items().stream().map(trail -> TrailInfo.builder().trailARN(trail.arn()).name(trail.name()).homeRegion(trail.homeRegion()).build())
                        .toList())
                .nextToken(page.nextToken())
                .build();
    }

    private GetTrailStatusResponse getTrailStatus(Invocation in, GetTrailStatusRequest request)
    {
        Trail trail = wire.visible(in, request.name());
        DeliveryStatus status = trails.deliveryStatus(in.transaction(), trail.arn()).orElseThrow();
        return GetTrailStatusResponse.builder()
                .isLogging(trail.logging())
                .startLoggingTime(seconds(trail.startLoggingTime()))
                .stopLoggingTime(seconds(trail.stopLoggingTime()))
                .timeLoggingStarted(text(trail.startLoggingTime()))
                .timeLoggingStopped(text(trail.stopLoggingTime()))
                .latestDeliveryTime(seconds(status.latestDeliveryTime()))
                .latestDeliveryError(status.latestDeliveryError())
                .latestDeliveryAttemptTime(text(status.latestDeliveryAttemptTime()))
                .latestDeliveryAttemptSucceeded(text(status.latestDeliveryAttemptSucceeded()))
                .latestDigestDeliveryTime(seconds(status.latestDigestDeliveryTime()))
                .latestDigestDeliveryError(status.latestDigestDeliveryError())
                .build();
    }

    private StartLoggingResponse startLogging(Invocation in, StartLoggingRequest request)
    {
        Trail trail = wire.owned(in, request.name());
        if (!trail.logging()) {
            trails.updateTrail(in.transaction(), trail.withLogging(true, in.now()));
            // Events from while the trail was stopped are not delivered; the first digest after a restart starts a new chain.
            trails.advanceCursor(in.transaction(), trail.arn(), dev.bulwark.server.audit.AuditStore.Cursor.at(in.now()));
            trails.breakDigestChain(in.transaction(), trail.arn());
        }
        return StartLoggingResponse.builder().build();
    }

    private StopLoggingResponse stopLogging(Invocation in, StopLoggingRequest request)
    {
        Trail trail = wire.owned(in, request.name());
        if (trail.logging()) {
            trails.updateTrail(in.transaction(), trail.withLogging(false, in.now()));
        }
        return StopLoggingResponse.builder().build();
    }

    // ---------------------------------------------------------------- checks

    private Organization managedOrganization(Invocation in)
    {
        Organization organization = wire.organizationOf(in).orElseThrow(CloudTrailErrors::organizationsNotInUse);
        if (!organization.managementAccountId().equals(in.accountId())) {
            throw CloudTrailErrors.notManagementAccount();
        }
        return organization;
    }

    private static void checkBucket(String bucket)
    {
        if (bucket == null || !BUCKET_NAME.matcher(bucket).matches() || bucket.contains("..")) {
            throw CloudTrailErrors.invalidBucketName(bucket);
        }
    }

    private static void checkPrefix(String prefix)
    {
        if (prefix != null && prefix.length() > 200) {
            throw CloudTrailErrors.invalidPrefix(prefix);
        }
    }

    private static void checkCloudWatchPair(String logGroupArn, String roleArn)
    {
        if ((logGroupArn == null) != (roleArn == null)) {
            throw CloudTrailErrors.parameterCombination("You must specify both a log group ARN and a role ARN, or neither.");
        }
    }

    /** A KMS key ID, alias or ARN as the trail stores it: the full ARN (key IDs and aliases in the caller's account and region). */
    private static String kmsKeyArn(Invocation in, String keyId)
    {
        if (keyId == null || keyId.isEmpty() || keyId.startsWith("arn:")) {
            return emptyToNull(keyId);
        }
        if (keyId.startsWith("alias/")) {
            return "arn:aws:kms:" + in.region() + ":" + in.accountId() + ":" + keyId;
        }
        if (!KMS_KEY_ID.matcher(keyId).matches()) {
            throw software.amazon.awssdk.services.cloudtrail.model.InvalidKmsKeyIdException.builder()
                    .message("Invalid KmsKeyId: " + keyId).build();
        }
        return "arn:aws:kms:" + in.region() + ":" + in.accountId() + ":key/" + keyId;
    }

    private static String emptyToNull(String value)
    {
        return value == null || value.isEmpty() ? null : value;
    }

    private static Instant seconds(Instant instant)
    {
        return instant == null ? null : instant.truncatedTo(ChronoUnit.SECONDS);
    }

    /** GetTrailStatus's string times ({@code TimeLoggingStarted} and the like), as AWS writes them. */
    private static String text(Instant instant)
    {
        return instant == null ? null : DateTimeFormatter.ISO_INSTANT.format(instant.truncatedTo(ChronoUnit.SECONDS));
    }
}
