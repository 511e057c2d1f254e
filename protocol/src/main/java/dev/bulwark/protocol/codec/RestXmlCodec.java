package dev.bulwark.protocol.codec;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
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
import software.amazon.awssdk.core.traits.TimestampFormatTrait.Format;
import software.amazon.awssdk.utils.builder.SdkBuilder;

/**
 * restXml (S3): REST bindings plus XML bodies. Response root element names ({@code ListBucketResult}) are not in
 * the SDK model; they come from the data table, with the service namespace as default namespace. A response
 * whose only body member (or string payload) is a scalar named like the root is the root's text
 * ({@code <LocationConstraint>}).
 * Errors are {@code <Error><Code/><Message/>[extra fields]<RequestId/><HostId/></Error>} with
 * {@code x-amz-request-id} and {@code x-amz-id-2}. S3 does not run AWS's generic validation layer, so constraints
 * are not checked here; S3 handlers answer S3's own errors.
 */
final class RestXmlCodec
        extends RestCodec
{
    private static final String CONTENT_TYPE = "application/xml";

    private final String namespace;

    RestXmlCodec(ServiceModel service, boolean validating)
    {
        super(service, validating);
        this.namespace = service.xmlNamespace().orElse("");
    }

    @Override
    void readBodyMembers(OperationModel operation, SdkPojo builder, byte[] body)
    {
        XmlBodyReader.readRoot(body, builder, RestCodec::isBodyMember);
    }

    @Override
    Object readPayloadStructure(SdkField<?> field, byte[] body)
    {
        SdkPojo builder = field.constructor().get();
        XmlBodyReader.readRoot(body, builder, any -> true);
        return ((SdkBuilder<?, ?>) builder).build();
    }

    @Override
    byte[] writeBodyMembers(OperationModel operation, SdkPojo response)
    {
        if (!hasSetBodyMembers(response)) {
            return null;
        }
        String root = operation.responseRoot().orElse(operation.name() + "Result");
        SdkField<?> scalarRoot = scalarRoot(response, root);
        return XmlBodyWriter.document(writer -> {
            writer.writeStartElement(root);
            writer.writeDefaultNamespace(namespace);
            if (scalarRoot != null) {
                writer.writeCharacters(Scalars.format(scalarRoot, scalarRoot.getValueOrDefault(response), Format.ISO_8601));
            }
            else {
                XmlBodyWriter.members(writer, response);
            }
            writer.writeEndElement();
        });
    }

    /** The single set body member, when it is a scalar carrying the root's own name. */
    private static SdkField<?> scalarRoot(SdkPojo response, String root)
    {
        SdkField<?> only = null;
        for (SdkField<?> field : response.sdkFields()) {
            if (isBodyMember(field) && !Scalars.isUnset(field.getValueOrDefault(response))) {
                if (only != null) {
                    return null;
                }
                only = field;
            }
        }
        return only != null && Scalars.isScalar(only.marshallingType()) && root.equals(only.unmarshallLocationName()) ? only : null;
    }

    /** The SDK marks GetBucketLocation's LocationConstraint as payload, but on the wire it is the root element's text. */
    @Override
    byte[] writeTextPayload(OperationModel operation, SdkField<?> field, String text)
    {
        if (operation.responseRoot().filter(root -> root.equals(field.unmarshallLocationName())).isEmpty()) {
            return super.writeTextPayload(operation, field, text);
        }
        return XmlBodyWriter.document(writer -> {
            writer.writeStartElement(operation.responseRoot().get());
            writer.writeDefaultNamespace(namespace);
            writer.writeCharacters(text);
            writer.writeEndElement();
        });
    }

    @Override
    byte[] writePayloadStructure(SdkField<?> field, SdkPojo value)
    {
        String root = field.unmarshallLocationName() != null ? field.unmarshallLocationName() : field.locationName();
        return XmlBodyWriter.document(writer -> {
            writer.writeStartElement(root);
            writer.writeDefaultNamespace(namespace);
            XmlBodyWriter.members(writer, value);
            writer.writeEndElement();
        });
    }

    @Override
    String contentType()
    {
        return CONTENT_TYPE;
    }

    @Override
    Map<String, List<String>> requestIdHeaders(String requestId)
    {
        return HttpRequest.headersOf("x-amz-request-id", requestId, "x-amz-id-2", hostId(requestId));
    }

    /** S3's extended request id; ours is derived from the request id so both identify the same request. */
    private static String hostId(String requestId)
    {
        return Base64.getEncoder().encodeToString(requestId.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    Optional<String> validationCode()
    {
        return Optional.empty();
    }

    @Override
    public HttpResponse encodeError(AwsErrorException error, String requestId)
    {
        byte[] body = XmlBodyWriter.document(writer -> {
            writer.writeStartElement("Error");
            XmlBodyWriter.element(writer, "Code", error.code());
            if (error.message() != null) {
                XmlBodyWriter.element(writer, "Message", error.message());
            }
            for (Map.Entry<String, String> extra : error.extraFields().entrySet()) {
                XmlBodyWriter.element(writer, extra.getKey(), extra.getValue());
            }
            XmlBodyWriter.element(writer, "RequestId", requestId);
            XmlBodyWriter.element(writer, "HostId", hostId(requestId));
            writer.writeEndElement();
        });
        Map<String, List<String>> headers = new java.util.LinkedHashMap<>(requestIdHeaders(requestId));
        headers.put("Content-Type", List.of(CONTENT_TYPE));
        return new HttpResponse(error.httpStatus(), headers, body);
    }
}
