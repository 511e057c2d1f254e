package dev.bulwark.server.store;

/** A registered change listener ({@link Store#subscribe}); closing it unregisters the listener. */
@FunctionalInterface
public interface Subscription
        extends AutoCloseable
{
    @Override
    void close();
}
