package dev.bulwark.server.services;

import java.util.List;
import java.util.Map;

import static java.util.Objects.requireNonNull;

/**
 * One permission a request needs: an IAM action on a resource, with the service-specific condition keys the
 * request supplies (global keys such as {@code aws:SourceIp} are added by the authorizer).
 */
public record Access(String action, String resource, Map<String, List<String>> conditionKeys)
{
    public Access
    {
        requireNonNull(action, "action is null");
        requireNonNull(resource, "resource is null");
        conditionKeys = Map.copyOf(requireNonNull(conditionKeys, "conditionKeys is null"));
    }

    public static Access of(String action, String resource)
    {
        return new Access(action, resource, Map.of());
    }
}
