package dev.bulwark.policy.reference;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * A resource type as one action's row in the reference lists it.
 *
 * @param name the resource type's name within the action's service, for example {@code object}
 * @param required true when AWS marks it with an asterisk: every call of the action names such a resource
 * @param conditionKeys the condition keys the reference lists on this row only
 */
public record ActionResourceType(String name, boolean required, List<String> conditionKeys)
{
    public ActionResourceType
    {
        requireNonNull(name, "name is null");
        conditionKeys = List.copyOf(requireNonNull(conditionKeys, "conditionKeys is null"));
    }
}
