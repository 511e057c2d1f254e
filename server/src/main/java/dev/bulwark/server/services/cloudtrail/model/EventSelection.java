package dev.bulwark.server.services.cloudtrail.model;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.BiPredicate;

import static java.util.Objects.requireNonNull;

/**
 * Which events a trail logs: either basic event selectors or advanced ones (a trail has one kind at a time, as in
 * AWS). An event is logged when any selector selects it.
 *
 * <p>Basic: {@code ReadWriteType} (All, ReadOnly, WriteOnly) and {@code IncludeManagementEvents}, minus
 * {@code ExcludeManagementEventSources}; data resources are stored (Bulwark has no data events yet). Advanced: every
 * field selector of a selector must hold; within one, an event matches if its field equals / starts with / ends with
 * any listed value and none of the Not* values.
 */
public record EventSelection(List<BasicSelector> basic, List<AdvancedSelector> advanced)
{
    public EventSelection
    {
        basic = List.copyOf(requireNonNull(basic, "basic is null"));
        advanced = List.copyOf(requireNonNull(advanced, "advanced is null"));
        if (!basic.isEmpty() && !advanced.isEmpty()) {
            throw new IllegalArgumentException("a trail has basic or advanced selectors, not both");
        }
    }

    /** A new trail's selection: every management event, reads and writes. */
    public static EventSelection allManagementEvents()
    {
        return new EventSelection(List.of(new BasicSelector("All", true, List.of(), List.of())), List.of());
    }

    public boolean isAdvanced()
    {
        return !advanced.isEmpty();
    }

    /** Whether a trail with this selection logs the event. */
    public boolean selects(EventFacts event)
    {
        requireNonNull(event, "event is null");
        return basic.stream().anyMatch(selector -> selector.selects(event)) || advanced.stream().anyMatch(selector -> selector.selects(event));
    }

    /** What selectors look at in an event. */
    public record EventFacts(String eventCategory, boolean readOnly, String eventSource, String eventName, List<String> resourceTypes,
            List<String> resourceArns)
    {
        public EventFacts
        {
            requireNonNull(eventCategory, "eventCategory is null");
            requireNonNull(eventSource, "eventSource is null");
            requireNonNull(eventName, "eventName is null");
            resourceTypes = List.copyOf(requireNonNull(resourceTypes, "resourceTypes is null"));
            resourceArns = List.copyOf(requireNonNull(resourceArns, "resourceArns is null"));
        }

        boolean isManagement()
        {
            return eventCategory.equals("Management");
        }
    }

    public record DataResource(String type, List<String> values)
    {
        public DataResource
        {
            requireNonNull(type, "type is null");
            values = List.copyOf(requireNonNull(values, "values is null"));
        }
    }

    public record BasicSelector(String readWriteType, boolean includeManagementEvents, List<DataResource> dataResources,
            List<String> excludeManagementEventSources)
    {
        public static final Set<String> READ_WRITE_TYPES = Set.of("All", "ReadOnly", "WriteOnly");

        public BasicSelector
        {
            requireNonNull(readWriteType, "readWriteType is null");
            dataResources = List.copyOf(requireNonNull(dataResources, "dataResources is null"));
            excludeManagementEventSources = List.copyOf(requireNonNull(excludeManagementEventSources, "excludeManagementEventSources is null"));
        }

        boolean selects(EventFacts event)
        {
            boolean readWrite = switch (readWriteType) {
                case "ReadOnly" -> event.readOnly();
                case "WriteOnly" -> !event.readOnly();
                default -> true;
            };
            if (!readWrite) {
                return false;
            }
            if (event.isManagement()) {
                return includeManagementEvents && !excludeManagementEventSources.contains(event.eventSource());
            }
            return dataResources.stream().anyMatch(resource -> resource.values().stream().anyMatch(value ->
                    event.resourceArns().stream().anyMatch(arn -> arn.startsWith(value) || value.equals("arn:aws:s3"))));
        }
    }

    public record AdvancedSelector(String name, List<FieldSelector> fieldSelectors)
    {
        public AdvancedSelector
        {
            fieldSelectors = List.copyOf(requireNonNull(fieldSelectors, "fieldSelectors is null"));
        }

        boolean selects(EventFacts event)
        {
            return fieldSelectors.stream().allMatch(field -> field.selects(event));
        }
    }

    /** One condition on one field ({@code eventCategory}, {@code readOnly}, {@code eventSource}, {@code eventName}, {@code resources.type}, {@code resources.ARN}). */
    public record FieldSelector(String field, List<String> equalsAny, List<String> startsWith, List<String> endsWith, List<String> notEquals,
            List<String> notStartsWith, List<String> notEndsWith)
    {
        public static final Set<String> FIELDS = Set.of("eventcategory", "readonly", "eventsource", "eventname", "resources.type", "resources.arn",
                "eventtype", "useridentity.arn", "sessioncredentialfromconsole", "errorcode", "vpcendpointid");

        public FieldSelector
        {
            requireNonNull(field, "field is null");
            equalsAny = List.copyOf(requireNonNull(equalsAny, "equalsAny is null"));
            startsWith = List.copyOf(requireNonNull(startsWith, "startsWith is null"));
            endsWith = List.copyOf(requireNonNull(endsWith, "endsWith is null"));
            notEquals = List.copyOf(requireNonNull(notEquals, "notEquals is null"));
            notStartsWith = List.copyOf(requireNonNull(notStartsWith, "notStartsWith is null"));
            notEndsWith = List.copyOf(requireNonNull(notEndsWith, "notEndsWith is null"));
        }

        boolean selects(EventFacts event)
        {
            List<String> values = valuesOf(event);
            boolean positive = equalsAny.isEmpty() && startsWith.isEmpty() && endsWith.isEmpty()
                    || any(values, equalsAny, String::equals) || any(values, startsWith, String::startsWith) || any(values, endsWith, String::endsWith);
            return positive && !any(values, notEquals, String::equals) && !any(values, notStartsWith, String::startsWith)
                    && !any(values, notEndsWith, String::endsWith);
        }

        private List<String> valuesOf(EventFacts event)
        {
            return switch (field.toLowerCase(Locale.ROOT)) {
                case "eventcategory" -> List.of(event.eventCategory());
                case "readonly" -> List.of(Boolean.toString(event.readOnly()));
                case "eventsource" -> List.of(event.eventSource());
                case "eventname" -> List.of(event.eventName());
                case "resources.type" -> event.resourceTypes();
                case "resources.arn" -> event.resourceArns();
                default -> List.of();
            };
        }

        private static boolean any(List<String> values, List<String> patterns, BiPredicate<String, String> test)
        {
            return patterns.stream().anyMatch(pattern -> values.stream().anyMatch(value -> test.test(value, pattern)));
        }
    }
}
