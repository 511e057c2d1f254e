package dev.bulwark.server.services.organizations;

import dev.bulwark.server.services.Operation;
import dev.bulwark.server.services.ServiceOperations;
import dev.bulwark.server.services.iam.IamStore;
import dev.bulwark.server.store.Store;

import java.util.ArrayList;
import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * AWS Organizations (awsJson 1.1, global), registered as one: the organization and its root
 * ({@link OrganizationOperations}), member accounts and invitations ({@link AccountOperations}), OUs
 * ({@link UnitOperations}), policies ({@link PolicyOperations}), delegated administrators and tags
 * ({@link DelegationOperations}), the organization's resource policy ({@link ResourcePolicyOperations}).
 */
public final class OrganizationsOperations implements ServiceOperations
{
    /**
     * Published when an organization's tree, membership or policies change, so whatever caches
     * {@link OrganizationsStore#contextOf} (SCP/RCP levels, org paths) drops it on every node.
     */
    public static final String CHANGE_TOPIC = "organizations";

    private final List<ServiceOperations> groups;

    public OrganizationsOperations(Store store, IamStore iam, OrganizationsStore orgs)
    {
        requireNonNull(store, "store is null");
        requireNonNull(iam, "iam is null");
        OrgWire wire = new OrgWire(store, requireNonNull(orgs, "orgs is null"));
        this.groups = List.of(new OrganizationOperations(wire, iam), new AccountOperations(wire, iam), new UnitOperations(wire),
                new PolicyOperations(wire), new DelegationOperations(wire), new ResourcePolicyOperations(wire));
    }

    @Override
    public List<Operation<?, ?>> operations()
    {
        List<Operation<?, ?>> operations = new ArrayList<>();
        groups.forEach(group -> operations.addAll(group.operations()));
        return List.copyOf(operations);
    }
}
