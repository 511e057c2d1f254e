package dev.bulwark.policy.reference;

import static java.util.Objects.requireNonNull;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * One service of the reference: its actions, resource types and service-specific condition keys.
 * Immutable; look-ups of actions ignore case, as IAM does.
 */
public final class ServiceInfo
{
    private final String prefix;
    private final String name;
    private final boolean rcpSupported;
    private final Map<String, ActionInfo> actionsByLowerName;
    private final Map<String, ResourceTypeInfo> resourceTypesByName;
    private final Map<String, List<ArnTemplate>> arnTemplatesByType;
    private final List<ConditionKeyInfo> conditionKeys;

    ServiceInfo(
            String prefix,
            String name,
            boolean rcpSupported,
            List<ActionInfo> actions,
            List<ResourceTypeInfo> resourceTypes,
            List<ConditionKeyInfo> conditionKeys)
    {
        this.prefix = requireNonNull(prefix, "prefix is null");
        this.name = requireNonNull(name, "name is null");
        this.rcpSupported = rcpSupported;
        Map<String, ActionInfo> actionMap = new LinkedHashMap<>();
        for (ActionInfo action : actions) {
            if (actionMap.put(action.name().toLowerCase(Locale.ROOT), action) != null) {
                throw new IllegalArgumentException("duplicate action " + action.fullName());
            }
        }
        this.actionsByLowerName = unmodifiableOrdered(actionMap);
        Map<String, ResourceTypeInfo> typeMap = new LinkedHashMap<>();
        Map<String, List<ArnTemplate>> templateMap = new LinkedHashMap<>();
        for (ResourceTypeInfo type : resourceTypes) {
            if (typeMap.put(type.name(), type) != null) {
                throw new IllegalArgumentException("duplicate resource type " + prefix + ":" + type.name());
            }
            templateMap.put(type.name(), type.arnPatterns().stream().map(ArnTemplate::new).toList());
        }
        this.resourceTypesByName = unmodifiableOrdered(typeMap);
        this.arnTemplatesByType = Map.copyOf(templateMap);
        this.conditionKeys = List.copyOf(requireNonNull(conditionKeys, "conditionKeys is null"));
    }

    /** The service prefix used in actions and ARNs, for example {@code s3}. */
    public String prefix()
    {
        return prefix;
    }

    /** The service's name, for example {@code Amazon S3}. */
    public String name()
    {
        return name;
    }

    /** Whether resource control policies (RCPs) apply to this service. */
    public boolean rcpSupported()
    {
        return rcpSupported;
    }

    /** All actions, sorted by name. */
    public List<ActionInfo> actions()
    {
        return List.copyOf(actionsByLowerName.values());
    }

    /** The action with this name (without the service prefix), ignoring case. */
    public Optional<ActionInfo> action(String actionName)
    {
        requireNonNull(actionName, "actionName is null");
        return Optional.ofNullable(actionsByLowerName.get(actionName.toLowerCase(Locale.ROOT)));
    }

    /** All resource types, sorted by name. */
    public List<ResourceTypeInfo> resourceTypes()
    {
        return List.copyOf(resourceTypesByName.values());
    }

    /** The resource type with exactly this name; resource type names are case-sensitive. */
    public Optional<ResourceTypeInfo> resourceType(String typeName)
    {
        requireNonNull(typeName, "typeName is null");
        return Optional.ofNullable(resourceTypesByName.get(typeName));
    }

    /** The service's own condition keys, sorted by name. */
    public List<ConditionKeyInfo> conditionKeys()
    {
        return conditionKeys;
    }

    Map<String, ActionInfo> actionsByLowerName()
    {
        return actionsByLowerName;
    }

    List<ArnTemplate> arnTemplates(String typeName)
    {
        return arnTemplatesByType.getOrDefault(typeName, List.of());
    }

    @Override
    public String toString()
    {
        return "ServiceInfo[" + prefix + ", " + name + ", " + actionsByLowerName.size() + " actions]";
    }

    private static <V> Map<String, V> unmodifiableOrdered(Map<String, V> map)
    {
        // Map.copyOf would lose the sorted order that actions() and resourceTypes() promise
        return Collections.unmodifiableMap(map);
    }
}
