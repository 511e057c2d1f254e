package dev.bulwark.policy.reference;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Locale;

/**
 * One action of the reference.
 *
 * @param servicePrefix the service prefix, for example {@code s3}
 * @param name the action name in AWS's spelling, for example {@code GetObject}
 * @param accessLevel the action's access level
 * @param resourceTypes the resource types the action can name, in the reference's order
 * @param conditionKeys the condition keys listed for the action itself
 */
public record ActionInfo(
        String servicePrefix,
        String name,
        AccessLevel accessLevel,
        List<ActionResourceType> resourceTypes,
        List<String> conditionKeys)
{
    public ActionInfo
    {
        requireNonNull(servicePrefix, "servicePrefix is null");
        requireNonNull(name, "name is null");
        requireNonNull(accessLevel, "accessLevel is null");
        resourceTypes = List.copyOf(requireNonNull(resourceTypes, "resourceTypes is null"));
        conditionKeys = List.copyOf(requireNonNull(conditionKeys, "conditionKeys is null"));
    }

    /** The action as a policy names it, for example {@code s3:GetObject}. */
    public String fullName()
    {
        return servicePrefix + ":" + name;
    }

    /** True when the reference lists no resource type: such an action only matches {@code "Resource": "*"}. */
    public boolean requiresWildcardResource()
    {
        return resourceTypes.isEmpty();
    }

    /**
     * Whether the reference lists {@code key} for this action, either for the action itself or on
     * one of its resource-type rows. Parameterised keys match their concrete forms, and the
     * comparison ignores case, as IAM does for condition keys.
     */
    public boolean supportsConditionKey(String key)
    {
        requireNonNull(key, "key is null");
        String lowerKey = key.toLowerCase(Locale.ROOT);
        if (conditionKeys.stream().anyMatch(template -> KeyTemplate.matches(template, lowerKey))) {
            return true;
        }
        return resourceTypes.stream()
                .flatMap(type -> type.conditionKeys().stream())
                .anyMatch(template -> KeyTemplate.matches(template, lowerKey));
    }
}
