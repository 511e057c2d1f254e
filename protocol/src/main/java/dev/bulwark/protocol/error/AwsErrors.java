package dev.bulwark.protocol.error;

import java.util.Optional;

import dev.bulwark.protocol.model.ErrorShape;
import dev.bulwark.protocol.model.ServiceModel;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.core.SdkPojo;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * AWS's protocol-level errors with AWS's wording, and the translation of whatever a service handler threw into
 * an {@link AwsErrorException}. Wording is part of the compatibility contract: keep it here, not at call sites.
 */
public final class AwsErrors
{
    private AwsErrors() {}

    /** awsQuery: an {@code Action} the service does not have (IAM, STS answer 400 InvalidAction). */
    public static AwsErrorException invalidAction(String action, String apiVersion)
    {
        return AwsErrorException.sender("InvalidAction", 400, "Could not find operation " + action + " for version " + apiVersion);
    }

    /** awsQuery: no {@code Action} parameter at all (wording of AWS's common errors). */
    public static AwsErrorException missingAction()
    {
        return AwsErrorException.sender("MissingAction", 400, "The request is missing an action or a required parameter.");
    }

    /** awsJson: an {@code X-Amz-Target} the service does not have, or none. */
    public static AwsErrorException unknownOperation()
    {
        return AwsErrorException.sender("UnknownOperationException", 400, null);
    }

    /** REST protocols: no operation of the service matches the method and path. */
    public static AwsErrorException unknownRestOperation()
    {
        return AwsErrorException.sender("UnknownOperationException", 404, null);
    }

    /** awsJson/restJson: the body is not JSON of the expected shape. */
    public static AwsErrorException serialization(String message)
    {
        return AwsErrorException.sender("SerializationException", 400, message);
    }

    /** XML bodies (restXml) that are not well-formed, as S3 words it. */
    public static AwsErrorException malformedXml()
    {
        return AwsErrorException.sender("MalformedXML", 400,
                "The XML you provided was not well-formed or did not validate against our published schema");
    }

    /** Anything unexpected: AWS's generic 500. */
    public static AwsErrorException internalFailure(Throwable cause)
    {
        return new AwsErrorException("InternalFailure", 500, false,
                "The request processing has failed because of an unknown error, exception or failure.", java.util.Map.of(), cause);
    }

    /**
     * What a handler threw, as an AWS error: an {@link AwsErrorException} as is; one of the SDK's modeled
     * exceptions ({@code NoSuchEntityException.builder().message(...).build()}) with its code, status and fault
     * from the service's data table; an SDK exception carrying {@link AwsErrorDetails} with those details;
     * anything else as InternalFailure.
     */
    public static AwsErrorException translate(ServiceModel service, Throwable thrown)
    {
        if (thrown instanceof AwsErrorException error) {
            return error;
        }
        if (thrown instanceof AwsServiceException sdk) {
            // Built server-side, awsErrorDetails() is usually null and getMessage() is the plain message.
            AwsErrorDetails details = sdk.awsErrorDetails();
            String message = details != null && details.errorMessage() != null ? details.errorMessage() : sdk.getMessage();
            Optional<ErrorShape> modeled = service.errorFor(sdk.getClass());
            if (modeled.isPresent()) {
                ErrorShape shape = modeled.get();
                return new AwsErrorException(shape.code(), shape.httpStatus(), shape.senderFault(), message, modeledMembers(sdk), sdk);
            }
            if (details != null && details.errorCode() != null) {
                int status = sdk.statusCode() > 0 ? sdk.statusCode() : 400;
                return new AwsErrorException(details.errorCode(), status, status < 500, message, java.util.Map.of(), sdk);
            }
        }
        return internalFailure(thrown);
    }

    /**
     * The members an error shape models besides its message (Organizations' {@code Reason} of
     * {@code ConstraintViolationException}, for example), by their wire names, when the handler set them.
     */
    static Map<String, String> modeledMembers(AwsServiceException sdk)
    {
        SdkPojo pojo = sdk;
        Map<String, String> members = new LinkedHashMap<>();
        for (SdkField<?> field : pojo.sdkFields()) {
            String name = field.locationName();
            // "__type" (GuardDuty's Type) is the code itself, written by the codec.
            if (name == null || name.equalsIgnoreCase("message") || name.startsWith("__")) {
                continue;
            }
            Object value = field.getValueOrDefault(pojo);
            if (value instanceof String || value instanceof Number || value instanceof Boolean) {
                members.put(name, value.toString());
            }
        }
        return members;
    }
}
