package dev.bulwark.server.store;

/** The database engines the store runs on; the schema and all SQL are shared between them. */
public enum StoreKind
{
    /** A single file under the data directory, WAL journal, {@code synchronous=FULL}; the default. */
    SQLITE,
    /** A PostgreSQL server reached by JDBC URL, shared by several nodes. */
    POSTGRES,
}
