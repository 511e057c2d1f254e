package dev.bulwark.protocol.codec;

import java.util.List;

import dev.bulwark.protocol.error.AwsErrorException;
import dev.bulwark.protocol.http.HttpRequest;
import dev.bulwark.protocol.http.HttpResponse;
import dev.bulwark.protocol.model.OperationModel;
import dev.bulwark.protocol.model.Protocol;
import dev.bulwark.protocol.model.ServiceModel;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.SdkResponse;
import software.amazon.awssdk.utils.builder.SdkBuilder;

import static java.util.Objects.requireNonNull;

/**
 * awsJson 1.0 / 1.1 (KMS, Organizations, CloudTrail...): {@code POST /} with {@code X-Amz-Target:
 * <prefix>.<Operation>} (routing, see the router), the whole input as one JSON object, the output likewise.
 * Errors are {@code {"__type": code, "message": ...}} with the code also in {@code x-amzn-ErrorType}.
 */
final class AwsJsonCodec
        implements ProtocolCodec
{
    /** Status 400 code for constraint violations, as KMS and the other JSON services answer. */
    static final String VALIDATION_CODE = "ValidationException";
    private static final String REQUEST_ID_HEADER = "x-amzn-RequestId";

    private final ServiceModel service;
    private final InputValidator validator;
    private final String contentType;
    /** Organizations answers constraint violations with its own InvalidInputException and a Reason (see {@link #constraintError}). */
    private final boolean reasonedInvalidInput;

    AwsJsonCodec(ServiceModel service, boolean validating)
    {
        this.service = requireNonNull(service, "service is null");
        this.validator = validating ? new InputValidator(service) : InputValidator.disabled();
        this.contentType = service.protocol() == Protocol.AWS_JSON_1_0 ? "application/x-amz-json-1.0" : "application/x-amz-json-1.1";
        this.reasonedInvalidInput = service.errorByCode(INVALID_INPUT_CODE).isPresent() && service.errorByCode(VALIDATION_CODE).isEmpty();
    }

    @Override
    public ServiceModel service()
    {
        return service;
    }

    @Override
    public SdkRequest decode(OperationModel operation, HttpRequest request)
    {
        SdkPojo builder = operation.requestBuilder().get();
        JsonBody.readMembers(builder, JsonBody.parse(request.body()), any -> true);
        SdkRequest decoded = (SdkRequest) ((SdkBuilder<?, ?>) builder).build();
        if (reasonedInvalidInput) {
            List<String> violations = validator.violations(operation.inputShape(), (SdkPojo) decoded);
            if (!violations.isEmpty()) {
                throw constraintError(violations.get(0));
            }
            return decoded;
        }
        validate(validator, operation, decoded);
        return decoded;
    }

    /** A service that models this error and no ValidationException (AWS Organizations) reports bad input with it, and a reason. */
    static final String INVALID_INPUT_CODE = "InvalidInputException";

    /**
     * AWS Organizations does not answer ValidationException: a request that breaks its model's constraints gets
     * {@code InvalidInputException} with a {@code Reason} and the reason's wording (its API reference; the pattern
     * message is the one the service sends).
     */
    static AwsErrorException constraintError(String violation)
    {
        String reason;
        String message;
        if (violation.contains("must not be null")) {
            reason = "INPUT_REQUIRED";
            message = "You must include a value for all required parameters.";
        }
        else if (violation.contains("regular expression pattern")) {
            reason = "INVALID_PATTERN";
            message = "You provided a value that does not match the required pattern.";
        }
        else if (violation.contains("length less than or equal")) {
            reason = "MAX_LENGTH_EXCEEDED";
            message = "You provided a string parameter that is longer than allowed.";
        }
        else if (violation.contains("length greater than or equal")) {
            reason = "MIN_LENGTH_EXCEEDED";
            message = "You provided a string parameter that is shorter than allowed.";
        }
        else if (violation.contains("value less than or equal")) {
            reason = "MAX_VALUE_EXCEEDED";
            message = "You provided a numeric parameter that has a larger value than allowed.";
        }
        else if (violation.contains("value greater than or equal")) {
            reason = "MIN_VALUE_EXCEEDED";
            message = "You provided a numeric parameter that has a smaller value than allowed.";
        }
        else if (violation.contains("enum value set")) {
            reason = "INVALID_ENUM";
            message = "You specified an invalid value.";
        }
        else {
            reason = "INVALID_LIST_MEMBER";
            message = "You provided a list to a parameter that contains at least one invalid character.";
        }
        return new AwsErrorException(INVALID_INPUT_CODE, 400, true, message, java.util.Map.of("Reason", reason), null);
    }

    static void validate(InputValidator validator, OperationModel operation, SdkRequest decoded)
    {
        List<String> violations = validator.violations(operation.inputShape(), (SdkPojo) decoded);
        if (!violations.isEmpty()) {
            throw AwsErrorException.sender(VALIDATION_CODE, 400, InputValidator.message(violations));
        }
    }

    @Override
    public HttpResponse encode(OperationModel operation, SdkResponse response, String requestId)
    {
        byte[] body = JsonBody.write(generator -> JsonBody.writeObject(generator, response, any -> true));
        return new HttpResponse(200, HttpRequest.headersOf("Content-Type", contentType, REQUEST_ID_HEADER, requestId), body);
    }

    @Override
    public HttpResponse encodeError(AwsErrorException error, String requestId)
    {
        return new HttpResponse(error.httpStatus(),
                HttpRequest.headersOf("Content-Type", contentType, REQUEST_ID_HEADER, requestId, "x-amzn-ErrorType", error.code()),
                JsonBody.error(error.code(), error.message(), error.extraFields()));
    }
}
