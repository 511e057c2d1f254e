package dev.bulwark.server.services.cloudtrail;

import dev.bulwark.server.audit.AuditStore;
import dev.bulwark.server.services.Operation;
import dev.bulwark.server.services.ServiceOperations;
import dev.bulwark.server.services.organizations.OrganizationsStore;
import dev.bulwark.server.store.SecretBox;

import java.util.ArrayList;
import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * AWS CloudTrail (awsJson 1.1, regional), registered as one: event history ({@link EventHistoryOperations}),
 * trails and logging ({@link TrailOperations}), event and Insights selectors ({@link SelectorOperations}), tags
 * ({@link TrailTagOperations}) and digest-signing public keys ({@link PublicKeyOperations}).
 */
public final class CloudTrailOperations implements ServiceOperations
{
    private final List<ServiceOperations> groups;

    public CloudTrailOperations(CloudTrailStore trails, AuditStore events, OrganizationsStore orgs, SecretBox secrets)
    {
        requireNonNull(trails, "trails is null");
        CloudTrailWire wire = new CloudTrailWire(trails, requireNonNull(orgs, "orgs is null"));
        this.groups = List.of(new EventHistoryOperations(requireNonNull(events, "events is null")), new TrailOperations(wire), new SelectorOperations(wire),
                new TrailTagOperations(wire), new PublicKeyOperations(trails, new SigningKeys(trails, requireNonNull(secrets, "secrets is null"))));
    }

    @Override
    public List<Operation<?, ?>> operations()
    {
        List<Operation<?, ?>> operations = new ArrayList<>();
        groups.forEach(group -> operations.addAll(group.operations()));
        return List.copyOf(operations);
    }
}
