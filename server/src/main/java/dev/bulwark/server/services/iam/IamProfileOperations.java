package dev.bulwark.server.services.iam;

import dev.bulwark.server.services.Operation;
import dev.bulwark.server.services.ServiceOperations;
import dev.bulwark.server.services.iam.model.IamIds;
import dev.bulwark.server.store.Store;

import java.util.ArrayList;
import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * Instance profiles ({@link IamInstanceProfileOperations}), service-linked roles
 * ({@link IamServiceLinkedRoleOperations}) and account aliases ({@link IamAccountAliasOperations}), registered
 * together over one {@link InstanceProfileStore}.
 */
public final class IamProfileOperations implements ServiceOperations
{
    private final List<ServiceOperations> groups;

    public IamProfileOperations(Store store, IamStore iam)
    {
        requireNonNull(store, "store is null");
        requireNonNull(iam, "iam is null");
        InstanceProfileStore profiles = new InstanceProfileStore(IamIds.secure());
        this.groups = List.of(new IamInstanceProfileOperations(store, iam, profiles), new IamServiceLinkedRoleOperations(store, iam, profiles),
                new IamAccountAliasOperations(profiles));
    }

    @Override
    public List<Operation<?, ?>> operations()
    {
        List<Operation<?, ?>> operations = new ArrayList<>();
        groups.forEach(group -> operations.addAll(group.operations()));
        return List.copyOf(operations);
    }
}
