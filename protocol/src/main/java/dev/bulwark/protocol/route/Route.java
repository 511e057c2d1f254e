package dev.bulwark.protocol.route;

import dev.bulwark.protocol.codec.ProtocolCodec;
import dev.bulwark.protocol.model.OperationModel;
import dev.bulwark.protocol.model.ServiceModel;

import static java.util.Objects.requireNonNull;

/** Where a request goes: the service, its operation, and the codec that reads and answers it. */
public record Route(ServiceModel service, OperationModel operation, ProtocolCodec codec)
{
    public Route
    {
        requireNonNull(service, "service is null");
        requireNonNull(operation, "operation is null");
        requireNonNull(codec, "codec is null");
    }
}
