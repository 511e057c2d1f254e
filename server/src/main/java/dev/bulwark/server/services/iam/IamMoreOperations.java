package dev.bulwark.server.services.iam;

import dev.bulwark.server.services.Operation;
import dev.bulwark.server.services.ServiceOperations;
import dev.bulwark.server.store.Passwords;
import dev.bulwark.server.store.Store;

import java.util.ArrayList;
import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * The IAM operation groups beyond the spine's {@link IamService}, registered together: customer managed policies
 * ({@link IamPolicyOperations}), users' details ({@link IamUserDetailOperations}), console passwords
 * ({@link IamLoginOperations}) and the account summary ({@link IamAccountOperations}).
 */
public final class IamMoreOperations implements ServiceOperations
{
    private final List<ServiceOperations> groups;

    public IamMoreOperations(Store store, IamStore iam)
    {
        requireNonNull(store, "store is null");
        requireNonNull(iam, "iam is null");
        this.groups = List.of(new IamPolicyOperations(iam), new IamUserDetailOperations(store, iam),
                new IamLoginOperations(store, iam, Passwords.standard()), new IamAccountOperations(iam));
    }

    @Override
    public List<Operation<?, ?>> operations()
    {
        List<Operation<?, ?>> operations = new ArrayList<>();
        groups.forEach(group -> operations.addAll(group.operations()));
        return List.copyOf(operations);
    }
}
