package dev.bulwark.server.services.cloudtrail;

import dev.bulwark.server.services.Access;
import dev.bulwark.server.services.Invocation;
import dev.bulwark.server.services.Operation;
import dev.bulwark.server.services.cloudtrail.model.Trail;
import dev.bulwark.server.services.organizations.OrganizationsStore;
import dev.bulwark.server.services.organizations.model.Organization;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.SdkResponse;
import software.amazon.awssdk.services.cloudtrail.model.Tag;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static java.util.Objects.requireNonNull;

/**
 * What the CloudTrail operation groups share: finding a trail by name or ARN as CloudTrail does (the caller's
 * trails in the region, multi-region trails of the account elsewhere, organization trails of its organization),
 * the trail's SDK shape, tags as condition keys, and how operations are declared.
 */
final class CloudTrailWire
{
    static final String SERVICE = "cloudtrail";

    private static final Pattern TRAIL_ARN = Pattern.compile("arn:aws:cloudtrail:([a-z0-9-]+):(\\d{12}):trail/(.+)");

    private final CloudTrailStore trails;
    private final OrganizationsStore orgs;

    CloudTrailWire(CloudTrailStore trails, OrganizationsStore orgs)
    {
        this.trails = requireNonNull(trails, "trails is null");
        this.orgs = requireNonNull(orgs, "orgs is null");
    }

    CloudTrailStore trails()
    {
        return trails;
    }

    OrganizationsStore orgs()
    {
        return orgs;
    }

    // ---------------------------------------------------------------- finding trails

    /** The ARN a name or ARN stands for in the caller's account and region (what IAM policies match). */
    static String arnFor(Invocation in, String nameOrArn)
    {
        if (nameOrArn == null || nameOrArn.isEmpty()) {
            return "*";
        }
        if (nameOrArn.startsWith("arn:")) {
            return nameOrArn;
        }
        return Trail.arnOf(in.region(), in.accountId(), nameOrArn);
    }

    /** One access on the trail the request names. */
    static List<Access> onTrail(Invocation in, String action, String nameOrArn)
    {
        return List.of(Access.of(action, arnFor(in, nameOrArn)));
    }

    /**
     * The trail a request names, as its caller sees it: by ARN (which must be well formed), else by name among the
     * caller's trails in the region, its multi-region trails and its organization's trails.
     */
    Trail visible(Invocation in, String nameOrArn)
    {
        if (nameOrArn == null || nameOrArn.isEmpty()) {
            throw CloudTrailErrors.trailNotProvided();
        }
        if (nameOrArn.startsWith("arn:")) {
            Matcher matcher = TRAIL_ARN.matcher(nameOrArn);
            if (!matcher.matches()) {
                throw CloudTrailErrors.invalidArn(nameOrArn);
            }
            return trails.findTrail(in.transaction(), nameOrArn).filter(trail -> isVisible(in, trail))
                    .orElseThrow(() -> CloudTrailErrors.trailNotFound(nameOrArn, in.accountId()));
        }
        TrailNames.check(nameOrArn);
        return visibleTrails(in).stream()
                .filter(trail -> trail.name().equals(nameOrArn))
                .min((a, b) -> Boolean.compare(!a.homeRegion().equals(in.region()), !b.homeRegion().equals(in.region())))
                .orElseThrow(() -> CloudTrailErrors.trailNotFound(Trail.arnOf(in.region(), in.accountId(), nameOrArn), in.accountId()));
    }

    /** The trail a request changes: visible, owned by the caller's account, and changed from its home region. */
    Trail owned(Invocation in, String nameOrArn)
    {
        Trail trail = visible(in, nameOrArn);
        if (!trail.accountId().equals(in.accountId())) {
            throw CloudTrailErrors.notManagementAccount();
        }
        if (!trail.homeRegion().equals(in.region())) {
            throw CloudTrailErrors.wrongHomeRegion(trail.arn(), in.region());
        }
        return trail;
    }

    /** Trails the caller sees in its region: its own there, its multi-region trails, its organization's trails. */
    List<Trail> visibleTrails(Invocation in)
    {
        List<Trail> visible = new ArrayList<>();
        for (Trail trail : trails.trailsOf(in.transaction(), in.accountId())) {
            if (trail.homeRegion().equals(in.region()) || trail.multiRegion()) {
                visible.add(trail);
            }
        }
        organizationOf(in).ifPresent(organization -> trails.organizationTrails(in.transaction(), organization.id()).stream()
                .filter(trail -> !trail.accountId().equals(in.accountId()))
                .filter(trail -> trail.homeRegion().equals(in.region()) || trail.multiRegion())
                .forEach(visible::add));
        return visible;
    }

    private boolean isVisible(Invocation in, Trail trail)
    {
        if (trail.accountId().equals(in.accountId())) {
            return true;
        }
        return trail.isOrganizationTrail() && organizationOf(in).map(organization -> organization.id().equals(trail.organizationId())).orElse(false);
    }

    Optional<Organization> organizationOf(Invocation in)
    {
        return orgs.organizationOf(in.transaction(), in.accountId());
    }

    // ---------------------------------------------------------------- shapes

    static software.amazon.awssdk.services.cloudtrail.model.Trail toSdk(Trail trail)
    {
        return software.amazon.awssdk.services.cloudtrail.model.Trail.builder()
                .name(trail.name())
                .s3BucketName(trail.s3Bucket())
                .s3KeyPrefix(trail.s3KeyPrefix())
                .snsTopicName(trail.snsTopicName())
                .snsTopicARN(snsTopicArn(trail))
                .includeGlobalServiceEvents(trail.includeGlobalServiceEvents())
                .isMultiRegionTrail(trail.multiRegion())
                .homeRegion(trail.homeRegion())
                .trailARN(trail.arn())
                .logFileValidationEnabled(trail.logFileValidation())
                .cloudWatchLogsLogGroupArn(trail.cloudWatchLogsLogGroupArn())
                .cloudWatchLogsRoleArn(trail.cloudWatchLogsRoleArn())
                .kmsKeyId(trail.kmsKeyId())
                .hasCustomEventSelectors(!trail.selection().equals(dev.bulwark.server.services.cloudtrail.model.EventSelection.allManagementEvents()))
                .hasInsightSelectors(!trail.insightTypes().isEmpty())
                .isOrganizationTrail(trail.isOrganizationTrail())
                .build();
    }

    static String snsTopicArn(Trail trail)
    {
        if (trail.snsTopicName() == null) {
            return null;
        }
        return trail.snsTopicName().startsWith("arn:") ? trail.snsTopicName()
                : "arn:aws:sns:" + trail.homeRegion() + ":" + trail.accountId() + ":" + trail.snsTopicName();
    }

    // ---------------------------------------------------------------- tags

    /** Tags as given, checked as CloudTrail checks them (key 1–128 characters, value up to 256, at most 50). */
    static Map<String, String> tags(List<Tag> tags)
    {
        Map<String, String> map = new LinkedHashMap<>();
        for (Tag tag : tags) {
            if (tag.key() == null || tag.key().isEmpty() || tag.key().length() > 128) {
                throw CloudTrailErrors.invalidTag("Tag key must be between 1 and 128 characters.");
            }
            if (tag.value() != null && tag.value().length() > 256) {
                throw CloudTrailErrors.invalidTag("Tag value must be no longer than 256 characters.");
            }
            if (tag.key().toLowerCase(java.util.Locale.ROOT).startsWith("aws:")) {
                throw CloudTrailErrors.invalidTag("Tag keys starting with 'aws:' are reserved.");
            }
            map.put(tag.key(), tag.value() == null ? "" : tag.value());
        }
        return map;
    }

    /** {@code aws:RequestTag/<key>} and {@code aws:TagKeys} of the tags a request carries. */
    static Map<String, List<String>> requestTagKeys(List<Tag> tags)
    {
        if (tags == null || tags.isEmpty()) {
            return Map.of();
        }
        Map<String, List<String>> keys = new LinkedHashMap<>();
        tags.stream().filter(tag -> tag.key() != null).forEach(tag -> keys.put("aws:RequestTag/" + tag.key(), List.of(tag.value() == null ? "" : tag.value())));
        keys.put("aws:TagKeys", tags.stream().map(Tag::key).filter(key -> key != null).distinct().toList());
        return keys;
    }

    // ---------------------------------------------------------------- declaring operations

    static <I extends SdkRequest, O extends SdkResponse> Operation<I, O> read(String name, Class<I> type,
            Operation.Authorization<I> authorization, Operation.Handler<I, O> handler)
    {
        return new Operation<>(SERVICE, name, type, authorization, true, handler);
    }

    static <I extends SdkRequest, O extends SdkResponse> Operation<I, O> write(String name, Class<I> type,
            Operation.Authorization<I> authorization, Operation.Handler<I, O> handler)
    {
        return new Operation<>(SERVICE, name, type, authorization, false, handler);
    }
}
