package dev.bulwark.protocol.model;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.SdkResponse;

import static java.util.Objects.requireNonNull;

/**
 * One operation of a service: its wire name (the casing AWS uses, e.g. {@code CreateSAMLProvider}, which the
 * SDK's class names do not keep), the SDK request/response classes with cached builder factories, and the
 * wire facts the codecs and the router need.
 *
 * @param name wire name, the awsQuery {@code Action} and the suffix of the JSON {@code X-Amz-Target}
 * @param httpMethod HTTP method (meaningful for REST protocols; {@code POST} elsewhere)
 * @param uriTemplate request URI template, e.g. {@code /{Bucket}/{Key+}?tagging}
 * @param requestBuilder a new, empty builder of {@code requestClass} (builders implement {@link SdkPojo})
 * @param responseBuilder a new, empty builder of {@code responseClass}
 * @param resultWrapper awsQuery's {@code <XResult>} element name, absent for operations without output
 * @param requestRoot restXml: root element of the request body when the payload is a structure
 * @param responseRoot restXml: root element of the response body
 * @param errors modeled error shape names the operation declares
 * @param successStatus HTTP status of a successful response (S3 deletes answer 204)
 * @param requiredQueryParameters REST: query parameters bound to required members; they tell apart operations
 *        sharing a URI template (S3 GetObject and ListParts, which requires {@code uploadId})
 * @param requiredHeaders REST: headers bound to required members (S3 CopyObject's {@code x-amz-copy-source})
 */
public record OperationModel(
        String name,
        String httpMethod,
        UriTemplate uriTemplate,
        Class<? extends SdkRequest> requestClass,
        Class<? extends SdkResponse> responseClass,
        Supplier<SdkPojo> requestBuilder,
        Supplier<SdkPojo> responseBuilder,
        Optional<String> inputShape,
        Optional<String> outputShape,
        Optional<String> resultWrapper,
        Optional<String> requestRoot,
        Optional<String> responseRoot,
        List<String> errors,
        int successStatus,
        Set<String> requiredQueryParameters,
        Set<String> requiredHeaders)
{
    public OperationModel
    {
        requireNonNull(name, "name is null");
        requireNonNull(httpMethod, "httpMethod is null");
        requireNonNull(uriTemplate, "uriTemplate is null");
        requireNonNull(requestClass, "requestClass is null");
        requireNonNull(responseClass, "responseClass is null");
        requireNonNull(requestBuilder, "requestBuilder is null");
        requireNonNull(responseBuilder, "responseBuilder is null");
        requireNonNull(inputShape, "inputShape is null");
        requireNonNull(outputShape, "outputShape is null");
        requireNonNull(resultWrapper, "resultWrapper is null");
        requireNonNull(requestRoot, "requestRoot is null");
        requireNonNull(responseRoot, "responseRoot is null");
        errors = List.copyOf(requireNonNull(errors, "errors is null"));
        requiredQueryParameters = Set.copyOf(requireNonNull(requiredQueryParameters, "requiredQueryParameters is null"));
        requiredHeaders = Set.copyOf(requireNonNull(requiredHeaders, "requiredHeaders is null"));
    }

    @Override
    public String toString()
    {
        return "OperationModel[" + name + "]";
    }
}
