package dev.bulwark.server.store;

import java.sql.SQLException;

/** A database failure, unchecked so service code inside a transaction need not declare it; the transaction rolls back. */
public class StoreException
        extends RuntimeException
{
    public StoreException(String message, SQLException cause)
    {
        super(message + ": " + cause.getMessage(), cause);
    }

    public StoreException(String message)
    {
        super(message);
    }

    /** The SQLSTATE of the underlying failure, or null when the driver gave none. */
    public String sqlState()
    {
        return getCause() instanceof SQLException sql ? sql.getSQLState() : null;
    }
}
