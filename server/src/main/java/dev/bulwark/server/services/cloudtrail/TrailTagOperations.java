package dev.bulwark.server.services.cloudtrail;

import dev.bulwark.server.services.Access;
import dev.bulwark.server.services.Invocation;
import dev.bulwark.server.services.Operation;
import dev.bulwark.server.services.ServiceOperations;
import dev.bulwark.server.services.cloudtrail.model.Trail;
import software.amazon.awssdk.services.cloudtrail.model.AddTagsRequest;
import software.amazon.awssdk.services.cloudtrail.model.AddTagsResponse;
import software.amazon.awssdk.services.cloudtrail.model.ListTagsRequest;
import software.amazon.awssdk.services.cloudtrail.model.ListTagsResponse;
import software.amazon.awssdk.services.cloudtrail.model.RemoveTagsRequest;
import software.amazon.awssdk.services.cloudtrail.model.RemoveTagsResponse;
import software.amazon.awssdk.services.cloudtrail.model.ResourceTag;
import software.amazon.awssdk.services.cloudtrail.model.Tag;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static dev.bulwark.server.services.cloudtrail.CloudTrailWire.read;
import static dev.bulwark.server.services.cloudtrail.CloudTrailWire.write;
import static java.util.Objects.requireNonNull;

/** Tags on trails (named by ARN only, as in AWS): AddTags, RemoveTags, ListTags; at most 50 per trail. */
final class TrailTagOperations implements ServiceOperations
{
    private static final int MAX_TAGS = 50;

    private final CloudTrailWire wire;
    private final CloudTrailStore trails;

    TrailTagOperations(CloudTrailWire wire)
    {
        this.wire = requireNonNull(wire, "wire is null");
        this.trails = wire.trails();
    }

    @Override
    public List<Operation<?, ?>> operations()
    {
        return List.of(
                write("AddTags", AddTagsRequest.class, (in, r) -> List.of(new Access("cloudtrail:AddTags", CloudTrailWire.arnFor(in, r.resourceId()),
                        CloudTrailWire.requestTagKeys(r.tagsList()))), this::addTags),
                write("RemoveTags", RemoveTagsRequest.class, (in, r) -> List.of(new Access("cloudtrail:RemoveTags", CloudTrailWire.arnFor(in, r.resourceId()),
                        tagKeys(r.tagsList()))), this::removeTags),
                read("ListTags", ListTagsRequest.class, (in, r) -> r.resourceIdList().isEmpty() ? List.of(Access.of("cloudtrail:ListTags", "*"))
                        : r.resourceIdList().stream().map(id -> Access.of("cloudtrail:ListTags", CloudTrailWire.arnFor(in, id))).toList(), this::listTags));
    }

    private AddTagsResponse addTags(Invocation in, AddTagsRequest request)
    {
        Trail trail = tagged(in, request.resourceId());
        Map<String, String> tags = new HashMap<>(trails.tags(in.transaction(), trail.arn()));
        tags.putAll(CloudTrailWire.tags(request.tagsList()));
        if (tags.size() > MAX_TAGS) {
            throw CloudTrailErrors.tooManyTags();
        }
        CloudTrailWire.tags(request.tagsList()).forEach((key, value) -> trails.putTag(in.transaction(), trail.arn(), key, value));
        return AddTagsResponse.builder().build();
    }

    private RemoveTagsResponse removeTags(Invocation in, RemoveTagsRequest request)
    {
        Trail trail = tagged(in, request.resourceId());
        request.tagsList().forEach(tag -> trails.removeTag(in.transaction(), trail.arn(), tag.key()));
        return RemoveTagsResponse.builder().build();
    }

    private ListTagsResponse listTags(Invocation in, ListTagsRequest request)
    {
        List<ResourceTag> tags = request.resourceIdList().stream().map(id -> {
            Trail trail = tagged(in, id);
            return ResourceTag.builder()
                    .resourceId(trail.arn())
                    .tagsList(trails.tags(in.transaction(), trail.arn()).entrySet().stream()
                            .map(entry -> Tag.builder().key(entry.getKey()).value(entry.getValue()).build()).toList())
                    .build();
        }).toList();
        return ListTagsResponse.builder().resourceTagList(tags).build();
    }

    /** Tag operations name trails by ARN; an unknown ARN is ResourceNotFound, not TrailNotFound. */
    private Trail tagged(Invocation in, String resourceId)
    {
        if (resourceId == null || !resourceId.startsWith("arn:")) {
            throw CloudTrailErrors.invalidArn(resourceId);
        }
        try {
            return wire.visible(in, resourceId);
        }
        catch (software.amazon.awssdk.services.cloudtrail.model.TrailNotFoundException e) {
            throw CloudTrailErrors.resourceNotFound(resourceId);
        }
    }

    private static Map<String, List<String>> tagKeys(List<Tag> tags)
    {
        return tags == null || tags.isEmpty() ? Map.of() : Map.of("aws:TagKeys", tags.stream().map(Tag::key).filter(key -> key != null).distinct().toList());
    }
}
