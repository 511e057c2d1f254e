package dev.bulwark.server.store;

/** A sealed secret could not be opened: altered, sealed for another context, or under another root key. */
public final class SecretBoxException
        extends RuntimeException
{
    public SecretBoxException(String message, Throwable cause)
    {
        super(message, cause);
    }
}
