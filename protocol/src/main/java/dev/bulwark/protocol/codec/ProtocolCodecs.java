package dev.bulwark.protocol.codec;

import dev.bulwark.protocol.model.ServiceModel;

/** The codec for a service's protocol. */
public final class ProtocolCodecs
{
    private ProtocolCodecs() {}

    /** A new codec bound to {@code service}; build one per service and keep it (it caches per-operation data). */
    public static ProtocolCodec forService(ServiceModel service)
    {
        return create(service, true);
    }

    /** Without constraint checks, so tests can decode any value the SDK sends. */
    static ProtocolCodec withoutValidation(ServiceModel service)
    {
        return create(service, false);
    }

    private static ProtocolCodec create(ServiceModel service, boolean validating)
    {
        return switch (service.protocol()) {
            case AWS_QUERY -> new QueryCodec(service, validating);
            case AWS_JSON_1_0, AWS_JSON_1_1 -> new AwsJsonCodec(service, validating);
            case REST_JSON_1 -> new RestJsonCodec(service, validating);
            case REST_XML -> new RestXmlCodec(service, validating);
            case EC2_QUERY ->
                    throw new UnsupportedOperationException("No codec yet for " + service.protocol() + " (" + service.name() + ")");
        };
    }
}
