package dev.bulwark.server.services.cloudtrail;

import dev.bulwark.server.services.Invocation;
import dev.bulwark.server.services.Operation;
import dev.bulwark.server.services.ServiceOperations;
import dev.bulwark.server.services.cloudtrail.model.EventSelection;
import dev.bulwark.server.services.cloudtrail.model.Trail;
import software.amazon.awssdk.services.cloudtrail.model.AdvancedEventSelector;
import software.amazon.awssdk.services.cloudtrail.model.AdvancedFieldSelector;
import software.amazon.awssdk.services.cloudtrail.model.DataResource;
import software.amazon.awssdk.services.cloudtrail.model.EventSelector;
import software.amazon.awssdk.services.cloudtrail.model.GetEventSelectorsRequest;
import software.amazon.awssdk.services.cloudtrail.model.GetEventSelectorsResponse;
import software.amazon.awssdk.services.cloudtrail.model.GetInsightSelectorsRequest;
import software.amazon.awssdk.services.cloudtrail.model.GetInsightSelectorsResponse;
import software.amazon.awssdk.services.cloudtrail.model.InsightSelector;
import software.amazon.awssdk.services.cloudtrail.model.PutEventSelectorsRequest;
import software.amazon.awssdk.services.cloudtrail.model.PutEventSelectorsResponse;
import software.amazon.awssdk.services.cloudtrail.model.PutInsightSelectorsRequest;
import software.amazon.awssdk.services.cloudtrail.model.PutInsightSelectorsResponse;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import static dev.bulwark.server.services.cloudtrail.CloudTrailWire.read;
import static dev.bulwark.server.services.cloudtrail.CloudTrailWire.write;
import static java.util.Objects.requireNonNull;

/**
 * Event selectors (basic or advanced, one kind per trail) and Insights selectors (stored and returned; Bulwark
 * computes no Insights events yet). Limits as AWS documents them: 5 basic selectors, 500 advanced conditions.
 */
final class SelectorOperations implements ServiceOperations
{
    private static final int MAX_BASIC = 5;
    private static final int MAX_ADVANCED_CONDITIONS = 500;
    private static final Set<String> INSIGHT_TYPES = Set.of("ApiCallRateInsight", "ApiErrorRateInsight");
    private static final Set<String> DATA_RESOURCE_TYPES = Set.of("AWS::S3::Object", "AWS::Lambda::Function", "AWS::DynamoDB::Table");

    private final CloudTrailWire wire;
    private final CloudTrailStore trails;

    SelectorOperations(CloudTrailWire wire)
    {
        this.wire = requireNonNull(wire, "wire is null");
        this.trails = wire.trails();
    }

    @Override
    public List<Operation<?, ?>> operations()
    {
        return List.of(
                write("PutEventSelectors", PutEventSelectorsRequest.class,
                        (in, r) -> CloudTrailWire.onTrail(in, "cloudtrail:PutEventSelectors", r.trailName()), this::putEventSelectors),
                read("GetEventSelectors", GetEventSelectorsRequest.class,
                        (in, r) -> CloudTrailWire.onTrail(in, "cloudtrail:GetEventSelectors", r.trailName()), this::getEventSelectors),
                write("PutInsightSelectors", PutInsightSelectorsRequest.class,
                        (in, r) -> CloudTrailWire.onTrail(in, "cloudtrail:PutInsightSelectors", r.trailName()), this::putInsightSelectors),
                read("GetInsightSelectors", GetInsightSelectorsRequest.class,
                        (in, r) -> CloudTrailWire.onTrail(in, "cloudtrail:GetInsightSelectors", r.trailName()), this::getInsightSelectors));
    }

    private PutEventSelectorsResponse putEventSelectors(Invocation in, PutEventSelectorsRequest request)
    {
        Trail trail = wire.owned(in, request.trailName());
        boolean basic = request.hasEventSelectors();
        boolean advanced = request.hasAdvancedEventSelectors();
        if (basic == advanced) {
            throw CloudTrailErrors.invalidParameter(basic
                    ? "You can't specify both EventSelectors and AdvancedEventSelectors for a trail."
                    : "You must specify either EventSelectors or AdvancedEventSelectors.");
        }
        EventSelection selection = basic ? new EventSelection(basicSelectors(request.eventSelectors()), List.of())
                : new EventSelection(List.of(), advancedSelectors(request.advancedEventSelectors()));
        trails.updateTrail(in.transaction(), trail.withSelection(selection));
        return PutEventSelectorsResponse.builder()
                .trailARN(trail.arn())
                .eventSelectors(basic ? toSdkBasic(selection) : null)
                .advancedEventSelectors(advanced ? toSdkAdvanced(selection) : null)
                .build();
    }

    private GetEventSelectorsResponse getEventSelectors(Invocation in, GetEventSelectorsRequest request)
    {
        Trail trail = wire.visible(in, request.trailName());
        GetEventSelectorsResponse.Builder response = GetEventSelectorsResponse.builder().trailARN(trail.arn());
        if (trail.selection().isAdvanced()) {
            response.advancedEventSelectors(toSdkAdvanced(trail.selection()));
        }
        else {
            response.eventSelectors(toSdkBasic(trail.selection()));
        }
        return response.build();
    }

    private PutInsightSelectorsResponse putInsightSelectors(Invocation in, PutInsightSelectorsRequest request)
    {
        Trail trail = wire.owned(in, request.trailName());
        Set<String> types = new LinkedHashSet<>();
        for (InsightSelector selector : request.insightSelectors()) {
            String type = selector.insightTypeAsString();
            if (type == null || !INSIGHT_TYPES.contains(type)) {
                throw CloudTrailErrors.invalidInsightSelectors("Invalid InsightType: " + type);
            }
            types.add(type);
        }
        trails.updateTrail(in.transaction(), trail.withInsightTypes(List.copyOf(types)));
        return PutInsightSelectorsResponse.builder()
                .trailARN(trail.arn())
                .insightSelectors(types.stream().map(type -> InsightSelector.builder().insightType(type).build()).toList())
                .build();
    }

    private GetInsightSelectorsResponse getInsightSelectors(Invocation in, GetInsightSelectorsRequest request)
    {
        if (request.trailName() == null) {
            throw CloudTrailErrors.parameterCombination("You must specify a trail name or ARN.");
        }
        Trail trail = wire.visible(in, request.trailName());
        if (trail.insightTypes().isEmpty()) {
            throw CloudTrailErrors.insightNotEnabled(trail.arn());
        }
        return GetInsightSelectorsResponse.builder()
                .trailARN(trail.arn())
                .insightSelectors(trail.insightTypes().stream().map(type -> InsightSelector.builder().insightType(type).build()).toList())
                .build();
    }

    // ---------------------------------------------------------------- conversion and checks

    private static List<EventSelection.BasicSelector> basicSelectors(List<EventSelector> selectors)
    {
        if (selectors.isEmpty() || selectors.size() > MAX_BASIC) {
            throw CloudTrailErrors.invalidEventSelectors("You can specify between 1 and " + MAX_BASIC + " event selectors for a trail.");
        }
        List<EventSelection.BasicSelector> result = new ArrayList<>();
        for (EventSelector selector : selectors) {
            String readWrite = selector.readWriteTypeAsString() == null ? "All" : selector.readWriteTypeAsString();
            if (!EventSelection.BasicSelector.READ_WRITE_TYPES.contains(readWrite)) {
                throw CloudTrailErrors.invalidEventSelectors("Invalid ReadWriteType: " + readWrite);
            }
            List<EventSelection.DataResource> resources = new ArrayList<>();
            for (DataResource resource : selector.dataResources()) {
                if (resource.type() == null || !DATA_RESOURCE_TYPES.contains(resource.type())) {
                    throw CloudTrailErrors.invalidEventSelectors("Invalid data resource type: " + resource.type());
                }
                resources.add(new EventSelection.DataResource(resource.type(), resource.values()));
            }
            result.add(new EventSelection.BasicSelector(readWrite, selector.includeManagementEvents() == null || selector.includeManagementEvents(),
                    resources, selector.excludeManagementEventSources()));
        }
        return result;
    }

    private static List<EventSelection.AdvancedSelector> advancedSelectors(List<AdvancedEventSelector> selectors)
    {
        if (selectors.isEmpty()) {
            throw CloudTrailErrors.invalidEventSelectors("You must specify at least one advanced event selector.");
        }
        int conditions = 0;
        List<EventSelection.AdvancedSelector> result = new ArrayList<>();
        for (AdvancedEventSelector selector : selectors) {
            List<EventSelection.FieldSelector> fields = new ArrayList<>();
            boolean hasCategory = false;
            for (AdvancedFieldSelector field : selector.fieldSelectors()) {
                if (field.field() == null || !EventSelection.FieldSelector.FIELDS.contains(field.field().toLowerCase(Locale.ROOT))) {
                    throw CloudTrailErrors.invalidEventSelectors("Invalid field: " + field.field());
                }
                hasCategory |= field.field().equals("eventCategory");
                EventSelection.FieldSelector converted = new EventSelection.FieldSelector(field.field(), field.equalsValue(), field.startsWith(),
                        field.endsWith(), field.notEquals(), field.notStartsWith(), field.notEndsWith());
                int count = converted.equalsAny().size() + converted.startsWith().size() + converted.endsWith().size() + converted.notEquals().size()
                        + converted.notStartsWith().size() + converted.notEndsWith().size();
                if (count == 0) {
                    throw CloudTrailErrors.invalidEventSelectors("Field " + field.field() + " must have at least one condition.");
                }
                conditions += count;
                fields.add(converted);
            }
            if (!hasCategory) {
                throw CloudTrailErrors.invalidEventSelectors("Each advanced event selector must include the eventCategory field.");
            }
            result.add(new EventSelection.AdvancedSelector(selector.name(), fields));
        }
        if (conditions > MAX_ADVANCED_CONDITIONS) {
            throw CloudTrailErrors.invalidEventSelectors("Advanced event selectors can have at most " + MAX_ADVANCED_CONDITIONS + " conditions in all.");
        }
        return result;
    }

    private static List<EventSelector> toSdkBasic(EventSelection selection)
    {
        return selection.basic().stream().map(selector -> EventSelector.builder()
                .readWriteType(selector.readWriteType())
                .includeManagementEvents(selector.includeManagementEvents())
                .dataResources(selector.dataResources().stream().map(resource -> DataResource.builder().type(resource.type()).values(resource.values()).build())
                        .toList())
                .excludeManagementEventSources(selector.excludeManagementEventSources())
                .build()).toList();
    }

    private static List<AdvancedEventSelector> toSdkAdvanced(EventSelection selection)
    {
        return selection.advanced().stream().map(selector -> AdvancedEventSelector.builder()
                .name(selector.name())
                .fieldSelectors(selector.fieldSelectors().stream().map(field -> AdvancedFieldSelector.builder()
                        .field(field.field())
                        .equalsValue(nullIfEmpty(field.equalsAny()))
                        .startsWith(nullIfEmpty(field.startsWith()))
                        .endsWith(nullIfEmpty(field.endsWith()))
                        .notEquals(nullIfEmpty(field.notEquals()))
                        .notStartsWith(nullIfEmpty(field.notStartsWith()))
                        .notEndsWith(nullIfEmpty(field.notEndsWith()))
                        .build()).toList())
                .build()).toList();
    }

    private static List<String> nullIfEmpty(List<String> values)
    {
        return values.isEmpty() ? null : values;
    }
}
