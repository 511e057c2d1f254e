package dev.bulwark.server.services;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every operation Bulwark implements, by service signing name and wire name. The pipeline answers
 * {@code NotImplemented} for anything routed but absent here, and the README's coverage table is generated from it.
 */
public final class OperationRegistry
{
    private final Map<String, Operation<?, ?>> operations;

    private OperationRegistry(Map<String, Operation<?, ?>> operations)
    {
        this.operations = Map.copyOf(operations);
    }

    public static OperationRegistry of(List<? extends ServiceOperations> services)
    {
        Map<String, Operation<?, ?>> all = new LinkedHashMap<>();
        for (ServiceOperations service : services) {
            for (Operation<?, ?> operation : service.operations()) {
                Operation<?, ?> previous = all.put(key(operation.service(), operation.name()), operation);
                if (previous != null) {
                    throw new IllegalStateException("operation declared twice: " + operation.service() + ":" + operation.name());
                }
            }
        }
        return new OperationRegistry(all);
    }

    public Optional<Operation<?, ?>> find(String service, String name)
    {
        return Optional.ofNullable(operations.get(key(service, name)));
    }

    public Collection<Operation<?, ?>> all()
    {
        return operations.values();
    }

    private static String key(String service, String name)
    {
        return service + ":" + name;
    }
}
