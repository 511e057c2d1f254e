package dev.bulwark.policy.reference;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * One resource type of a service.
 *
 * @param servicePrefix the service the type belongs to
 * @param name the type's name, for example {@code object}
 * @param arnPatterns the ARN formats, for example {@code arn:${Partition}:s3:::${BucketName}/${ObjectName}};
 *     a few types have more than one
 * @param conditionKeys the condition keys that apply to resources of this type
 */
public record ResourceTypeInfo(String servicePrefix, String name, List<String> arnPatterns, List<String> conditionKeys)
{
    public ResourceTypeInfo
    {
        requireNonNull(servicePrefix, "servicePrefix is null");
        requireNonNull(name, "name is null");
        arnPatterns = List.copyOf(requireNonNull(arnPatterns, "arnPatterns is null"));
        conditionKeys = List.copyOf(requireNonNull(conditionKeys, "conditionKeys is null"));
    }
}
