package dev.bulwark.server.services;

import java.util.List;

/** A service package's declaration of the operations it implements. */
public interface ServiceOperations
{
    List<Operation<?, ?>> operations();
}
