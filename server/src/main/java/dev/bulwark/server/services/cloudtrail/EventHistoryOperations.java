package dev.bulwark.server.services.cloudtrail;

import dev.bulwark.server.audit.AuditRecord;
import dev.bulwark.server.audit.AuditStore;
import dev.bulwark.server.services.Access;
import dev.bulwark.server.services.Invocation;
import dev.bulwark.server.services.Operation;
import dev.bulwark.server.services.ServiceOperations;
import software.amazon.awssdk.services.cloudtrail.model.Event;
import software.amazon.awssdk.services.cloudtrail.model.LookupAttribute;
import software.amazon.awssdk.services.cloudtrail.model.LookupEventsRequest;
import software.amazon.awssdk.services.cloudtrail.model.LookupEventsResponse;
import software.amazon.awssdk.services.cloudtrail.model.Resource;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import static dev.bulwark.server.services.cloudtrail.CloudTrailWire.read;
import static java.util.Objects.requireNonNull;

/**
 * Event history: LookupEvents over the caller's account's events of the last {@link #RETENTION}, newest first, with
 * one lookup attribute (AWS allows only one), a time window, up to 50 a page and an opaque {@code NextToken}. The
 * returned {@code CloudTrailEvent} is the stored record, exactly as a trail delivers it.
 */
final class EventHistoryOperations implements ServiceOperations
{
    /** How long event history is kept (Housekeeping purges older events). */
    static final Duration RETENTION = Duration.ofDays(90);
    static final int MAX_RESULTS = 50;

    private final AuditStore events;

    EventHistoryOperations(AuditStore events)
    {
        this.events = requireNonNull(events, "events is null");
    }

    @Override
    public List<Operation<?, ?>> operations()
    {
        return List.of(read("LookupEvents", LookupEventsRequest.class, (in, r) -> List.of(Access.of("cloudtrail:LookupEvents", "*")), this::lookupEvents));
    }

    private LookupEventsResponse lookupEvents(Invocation in, LookupEventsRequest request)
    {
        int maxResults = request.maxResults() == null ? MAX_RESULTS : request.maxResults();
        if (maxResults < 1 || maxResults > MAX_RESULTS) {
            throw CloudTrailErrors.invalidMaxResults();
        }
        Instant end = request.endTime() == null ? in.now() : request.endTime();
        Instant start = request.startTime() == null ? in.now().minus(RETENTION) : request.startTime();
        if (start.isAfter(end)) {
            throw CloudTrailErrors.invalidTimeRange();
        }
        if (request.eventCategoryAsString() != null) {
            // Insights events are the only category this filter selects; Bulwark computes none.
            if (!request.eventCategoryAsString().equals("insight")) {
                throw software.amazon.awssdk.services.cloudtrail.model.InvalidEventCategoryException.builder()
                        .message("Invalid EventCategory: " + request.eventCategoryAsString()).build();
            }
            return LookupEventsResponse.builder().events(List.of()).build();
        }
        // The window is inclusive of EndTime; events are stored to the millisecond.
        AuditStore.Query query = query(start, end.plusMillis(1), request.lookupAttributes());
        AuditStore.EventPage page;
        try {
            page = events.lookup(in.transaction(), in.accountId(), query, request.nextToken(), maxResults);
        }
        catch (IllegalArgumentException e) {
            throw CloudTrailErrors.invalidNextToken();
        }
        return LookupEventsResponse.builder()
                .events(page.events().stream().map(EventHistoryOperations::toSdk).toList())
                .nextToken(page.nextToken())
                .build();
    }

    private static AuditStore.Query query(Instant start, Instant end, List<LookupAttribute> attributes)
    {
        if (attributes.size() > 1) {
            throw CloudTrailErrors.invalidLookupAttributes("You can specify only one lookup attribute.");
        }
        if (attributes.isEmpty()) {
            return AuditStore.Query.between(start, end);
        }
        LookupAttribute attribute = attributes.get(0);
        String key = attribute.attributeKeyAsString();
        String value = attribute.attributeValue();
        if (value == null || value.isEmpty() || value.length() > 2000) {
            throw CloudTrailErrors.invalidLookupAttributes("AttributeValue must be between 1 and 2000 characters.");
        }
        if (key == null) {
            throw CloudTrailErrors.invalidLookupAttributes("AttributeKey is required.");
        }
        return switch (key) {
            case "EventId" -> new AuditStore.Query(start, end, null, null, null, value, null, null, null, null);
            case "EventName" -> new AuditStore.Query(start, end, value, null, null, null, null, null, null, null);
            case "EventSource" -> new AuditStore.Query(start, end, null, value, null, null, null, null, null, null);
            case "ReadOnly" -> {
                if (!value.equals("true") && !value.equals("false")) {
                    throw CloudTrailErrors.invalidLookupAttributes("ReadOnly must be true or false.");
                }
                yield new AuditStore.Query(start, end, null, null, Boolean.parseBoolean(value), null, null, null, null, null);
            }
            case "Username" -> new AuditStore.Query(start, end, null, null, null, null, value, null, null, null);
            case "AccessKeyId" -> new AuditStore.Query(start, end, null, null, null, null, null, value, null, null);
            case "ResourceType" -> new AuditStore.Query(start, end, null, null, null, null, null, null, value, null);
            case "ResourceName" -> new AuditStore.Query(start, end, null, null, null, null, null, null, null, value);
            default -> throw CloudTrailErrors.invalidLookupAttributes("Invalid AttributeKey: " + key);
        };
    }

    private static Event toSdk(AuditRecord record)
    {
        return Event.builder()
                .eventId(record.eventId())
                .eventName(record.eventName())
                .readOnly(Boolean.toString(record.readOnly()))
                .accessKeyId(record.accessKeyId())
                .eventTime(record.eventTime().truncatedTo(ChronoUnit.SECONDS))
                .eventSource(record.eventSource())
                .username(record.username())
                .resources(record.resources().stream().map(resource -> Resource.builder().resourceType(resource.type()).resourceName(resource.name()).build())
                        .toList())
                .cloudTrailEvent(record.json())
                .build();
    }
}
