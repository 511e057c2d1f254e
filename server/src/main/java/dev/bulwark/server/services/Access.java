package dev.bulwark.server.services;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * One permission a request needs: an IAM action on a resource, with the service-specific condition keys the
 * request supplies (global keys such as {@code aws:SourceIp} are added by the authorizer), and the resource's own
 * policy when the service has one (a KMS key policy, an S3 bucket policy).
 */
public record Access(String action, String resource, Map<String, List<String>> conditionKeys, Optional<ResourcePolicy> resourcePolicy)
{
    public Access
    {
        requireNonNull(action, "action is null");
        requireNonNull(resource, "resource is null");
        conditionKeys = Map.copyOf(requireNonNull(conditionKeys, "conditionKeys is null"));
        requireNonNull(resourcePolicy, "resourcePolicy is null");
    }

    public Access(String action, String resource, Map<String, List<String>> conditionKeys)
    {
        this(action, resource, conditionKeys, Optional.empty());
    }

    /** This access, decided with the resource's own policy as well. */
    public Access withResourcePolicy(ResourcePolicy policy)
    {
        return new Access(action, resource, conditionKeys, Optional.of(policy));
    }

    public static Access of(String action, String resource)
    {
        return new Access(action, resource, Map.of());
    }
}
