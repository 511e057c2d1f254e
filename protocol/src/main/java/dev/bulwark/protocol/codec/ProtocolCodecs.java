package dev.bulwark.protocol.codec;

import dev.bulwark.protocol.model.ServiceModel;

/** The codec for a service's protocol. */
public final class ProtocolCodecs
{
    private ProtocolCodecs() {}

    /** A new codec bound to {@code service}; build one per service and keep it (it caches per-operation data). */
    public static ProtocolCodec forService(ServiceModel service)
    {
        return switch (service.protocol()) {
            case AWS_QUERY -> new QueryCodec(service);
            case AWS_JSON_1_0, AWS_JSON_1_1 -> new AwsJsonCodec(service);
            case REST_JSON_1 -> new RestJsonCodec(service);
            case REST_XML -> new RestXmlCodec(service);
            case EC2_QUERY ->
                    throw new UnsupportedOperationException("No codec yet for " + service.protocol() + " (" + service.name() + ")");
        };
    }
}
