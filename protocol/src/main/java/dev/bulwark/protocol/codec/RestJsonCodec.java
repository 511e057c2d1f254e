package dev.bulwark.protocol.codec;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.bulwark.protocol.error.AwsErrorException;
import dev.bulwark.protocol.http.HttpRequest;
import dev.bulwark.protocol.http.HttpResponse;
import dev.bulwark.protocol.model.OperationModel;
import dev.bulwark.protocol.model.ServiceModel;
import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.utils.builder.SdkBuilder;

/**
 * restJson1 (GuardDuty, Inspector2, Access Analyzer...): REST bindings plus a JSON body. Errors are
 * {@code {"__type": code, "message": ...}} with the code in {@code x-amzn-ErrorType}. Constraint violations use the
 * service's own modeled validation error: {@code ValidationException} where modeled, else
 * {@code BadRequestException} (GuardDuty), else {@code ValidationException}.
 */
final class RestJsonCodec
        extends RestCodec
{
    private static final String CONTENT_TYPE = "application/json";

    private final String validationCode;

    RestJsonCodec(ServiceModel service, boolean validating)
    {
        super(service, validating);
        this.validationCode = service.errors().containsKey("ValidationException") ? "ValidationException"
                : service.errors().containsKey("BadRequestException") ? "BadRequestException" : "ValidationException";
    }

    @Override
    void readBodyMembers(OperationModel operation, SdkPojo builder, byte[] body)
    {
        JsonBody.readMembers(builder, JsonBody.parse(body), RestCodec::isBodyMember);
    }

    @Override
    Object readPayloadStructure(SdkField<?> field, byte[] body)
    {
        SdkPojo builder = field.constructor().get();
        JsonBody.readMembers(builder, JsonBody.parse(body), any -> true);
        return ((SdkBuilder<?, ?>) builder).build();
    }

    @Override
    byte[] writeBodyMembers(OperationModel operation, SdkPojo response)
    {
        boolean declaresBody = response.sdkFields().stream().anyMatch(RestCodec::isBodyMember);
        if (!declaresBody) {
            return null;
        }
        return JsonBody.write(generator -> JsonBody.writeObject(generator, response, RestCodec::isBodyMember));
    }

    @Override
    byte[] writePayloadStructure(SdkField<?> field, SdkPojo value)
    {
        return JsonBody.write(generator -> JsonBody.writeObject(generator, value, any -> true));
    }

    @Override
    String contentType()
    {
        return CONTENT_TYPE;
    }

    @Override
    Map<String, List<String>> requestIdHeaders(String requestId)
    {
        return HttpRequest.headersOf("x-amzn-RequestId", requestId);
    }

    @Override
    Optional<String> validationCode()
    {
        return Optional.of(validationCode);
    }

    @Override
    public HttpResponse encodeError(AwsErrorException error, String requestId)
    {
        Map<String, List<String>> headers = new LinkedHashMap<>(requestIdHeaders(requestId));
        headers.put("x-amzn-ErrorType", List.of(error.code()));
        headers.put("Content-Type", List.of(CONTENT_TYPE));
        return new HttpResponse(error.httpStatus(), headers, JsonBody.error(error.code(), error.message()));
    }
}
