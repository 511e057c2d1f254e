package dev.bulwark.protocol.codec;

import dev.bulwark.protocol.error.AwsErrorException;
import dev.bulwark.protocol.http.HttpRequest;
import dev.bulwark.protocol.http.HttpResponse;
import dev.bulwark.protocol.model.OperationModel;
import dev.bulwark.protocol.model.ServiceModel;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.SdkResponse;

/**
 * One AWS wire protocol for one service: HTTP request to the SDK's typed request, typed response to HTTP, and
 * errors in the protocol's exact shape. Implementations are generic over the SDK's SdkField metadata (no
 * per-operation code) and thread-safe. Obtain one with {@link ProtocolCodecs#forService(ServiceModel)}.
 */
public interface ProtocolCodec
{
    ServiceModel service();

    /**
     * Reads the request of {@code operation}. Malformed or invalid input throws {@link AwsErrorException} with
     * the protocol's validation code and AWS's wording.
     */
    SdkRequest decode(OperationModel operation, HttpRequest request);

    /** Writes a successful response, with the request id where AWS puts it for this protocol. */
    HttpResponse encode(OperationModel operation, SdkResponse response, String requestId);

    /** Writes an error in this protocol's shape. */
    HttpResponse encodeError(AwsErrorException error, String requestId);
}
