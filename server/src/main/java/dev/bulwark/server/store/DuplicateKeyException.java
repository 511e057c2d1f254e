package dev.bulwark.server.store;

import static java.util.Objects.requireNonNull;

/**
 * An insert hit a unique constraint: the entity already exists. The transaction is still usable (inserts use
 * {@code ON CONFLICT DO NOTHING}, so PostgreSQL does not abort it); callers map this to their service's
 * "already exists" error.
 */
public final class DuplicateKeyException
        extends StoreException
{
    private final String entity;
    private final String name;

    public DuplicateKeyException(String entity, String name)
    {
        super(requireNonNull(entity, "entity is null") + " " + requireNonNull(name, "name is null") + " already exists");
        this.entity = entity;
        this.name = name;
    }

    /** What kind of thing collided, for example {@code user}. */
    public String entity()
    {
        return entity;
    }

    /** The name that collided, as the caller supplied it. */
    public String name()
    {
        return name;
    }
}
