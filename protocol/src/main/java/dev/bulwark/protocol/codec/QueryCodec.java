package dev.bulwark.protocol.codec;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.SortedSet;
import java.util.TreeSet;

import dev.bulwark.protocol.error.AwsErrorException;
import dev.bulwark.protocol.http.HttpRequest;
import dev.bulwark.protocol.http.HttpResponse;
import dev.bulwark.protocol.model.OperationModel;
import dev.bulwark.protocol.model.ServiceModel;
import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.SdkResponse;
import software.amazon.awssdk.core.protocol.MarshallingType;
import software.amazon.awssdk.core.traits.ListTrait;
import software.amazon.awssdk.core.traits.MapTrait;
import software.amazon.awssdk.core.traits.TimestampFormatTrait.Format;
import software.amazon.awssdk.utils.builder.SdkBuilder;

import static java.util.Objects.requireNonNull;

/**
 * awsQuery (IAM, STS): parameters {@code Action=..&Version=..&Name=..} from a form body or the query string;
 * lists as {@code Name.member.N} (flattened: {@code Name.N}), maps as {@code Name.entry.N.key/value}, nested
 * structures as {@code Name.Member}; an empty list is sent as a bare {@code Name=} (botocore does this) and
 * decodes to {@code []}. Responses are {@code <XResponse xmlns=..><XResult>..</XResult><ResponseMetadata>
 * <RequestId>..} ({@code XResult} only when the operation has output), errors {@code <ErrorResponse>}.
 */
final class QueryCodec
        implements ProtocolCodec
{
    /** Status 400 code for any constraint violation, as IAM and STS answer. */
    static final String VALIDATION_CODE = "ValidationError";
    private static final String CONTENT_TYPE = "text/xml";
    private static final String REQUEST_ID_HEADER = "x-amzn-RequestId";

    private final ServiceModel service;
    private final InputValidator validator;
    private final String namespace;

    QueryCodec(ServiceModel service, boolean validating)
    {
        this.service = requireNonNull(service, "service is null");
        this.validator = validating ? new InputValidator(service) : InputValidator.disabled();
        this.namespace = service.xmlNamespace().orElse("");
    }

    @Override
    public ServiceModel service()
    {
        return service;
    }

    @Override
    public SdkRequest decode(OperationModel operation, HttpRequest request)
    {
        NavigableMap<String, String> parameters = QueryParameters.of(request);
        SdkPojo builder = operation.requestBuilder().get();
        try {
            readMembers(builder, "", parameters);
        }
        catch (Scalars.BadValueException e) {
            throw new AwsErrorException("InvalidParameterValue", 400, true,
                    "An invalid or out-of-range value was supplied for the input parameter.", Map.of(), e);
        }
        SdkRequest decoded = (SdkRequest) ((SdkBuilder<?, ?>) builder).build();
        List<String> violations = validator.violations(operation.inputShape(), (SdkPojo) decoded);
        if (!violations.isEmpty()) {
            throw AwsErrorException.sender(VALIDATION_CODE, 400, InputValidator.message(violations));
        }
        return decoded;
    }

    private static void readMembers(SdkPojo builder, String prefix, NavigableMap<String, String> parameters)
    {
        for (SdkField<?> field : builder.sdkFields()) {
            Object value = read(field, prefix + field.locationName(), parameters);
            if (value != null) {
                field.set(builder, value);
            }
        }
    }

    private static Object read(SdkField<?> field, String name, NavigableMap<String, String> parameters)
    {
        MarshallingType<?> type = field.marshallingType();
        if (type == MarshallingType.SDK_POJO) {
            if (!hasChildren(parameters, name)) {
                return null;
            }
            SdkPojo builder = field.constructor().get();
            readMembers(builder, name + ".", parameters);
            return ((SdkBuilder<?, ?>) builder).build();
        }
        if (type == MarshallingType.LIST) {
            return readList(field.getRequiredTrait(ListTrait.class), name, parameters);
        }
        if (type == MarshallingType.MAP) {
            return readMap(field.getRequiredTrait(MapTrait.class), name, parameters);
        }
        String text = parameters.get(name);
        return text == null ? null : Scalars.parse(field, text, Format.ISO_8601);
    }

    private static List<Object> readList(ListTrait list, String name, NavigableMap<String, String> parameters)
    {
        if ("".equals(parameters.get(name)) && !hasChildren(parameters, name)) {
            return new ArrayList<>();
        }
        String base = list.isFlattened() ? name : name + "." + XmlBodyWriter.listMemberName(list);
        SortedSet<Integer> indices = indices(parameters, base);
        if (indices.isEmpty()) {
            return null;
        }
        List<Object> values = new ArrayList<>(indices.size());
        for (int index : indices) {
            values.add(read(list.memberFieldInfo(), base + "." + index, parameters));
        }
        return values;
    }

    private static Map<String, Object> readMap(MapTrait map, String name, NavigableMap<String, String> parameters)
    {
        String base = map.isFlattened() ? name : name + ".entry";
        String keyName = map.keyLocationName() != null ? map.keyLocationName() : "key";
        String valueName = map.valueLocationName() != null ? map.valueLocationName() : "value";
        SortedSet<Integer> indices = indices(parameters, base);
        if (indices.isEmpty()) {
            return "".equals(parameters.get(name)) ? new LinkedHashMap<>() : null;
        }
        Map<String, Object> values = new LinkedHashMap<>();
        for (int index : indices) {
            String key = parameters.get(base + "." + index + "." + keyName);
            if (key != null) {
                values.put(key, read(map.valueFieldInfo(), base + "." + index + "." + valueName, parameters));
            }
        }
        return values;
    }

    /** The N of every {@code base.N} or {@code base.N.x} parameter, numerically ordered (10 after 9). */
    private static SortedSet<Integer> indices(NavigableMap<String, String> parameters, String base)
    {
        String prefix = base + ".";
        SortedSet<Integer> indices = new TreeSet<>();
        for (String key : parameters.subMap(prefix, true, base + "/", false).keySet()) {
            int end = key.indexOf('.', prefix.length());
            String number = end < 0 ? key.substring(prefix.length()) : key.substring(prefix.length(), end);
            if (!number.isEmpty() && number.length() < 10 && number.chars().allMatch(Character::isDigit)) {
                indices.add(Integer.parseInt(number));
            }
        }
        return indices;
    }

    /** '/' follows '.' in ASCII, so [name., name/) is exactly the keys below name. */
    private static boolean hasChildren(NavigableMap<String, String> parameters, String name)
    {
        return !parameters.subMap(name + ".", true, name + "/", false).isEmpty();
    }

    @Override
    public HttpResponse encode(OperationModel operation, SdkResponse response, String requestId)
    {
        byte[] body = XmlBodyWriter.document(writer -> {
            writer.writeStartElement(operation.name() + "Response");
            writer.writeDefaultNamespace(namespace);
            if (operation.resultWrapper().isPresent()) {
                writer.writeStartElement(operation.resultWrapper().get());
                XmlBodyWriter.members(writer, response);
                writer.writeEndElement();
            }
            writer.writeStartElement("ResponseMetadata");
            XmlBodyWriter.element(writer, "RequestId", requestId);
            writer.writeEndElement();
            writer.writeEndElement();
        });
        return response(200, body, requestId);
    }

    @Override
    public HttpResponse encodeError(AwsErrorException error, String requestId)
    {
        byte[] body = XmlBodyWriter.document(writer -> {
            writer.writeStartElement("ErrorResponse");
            writer.writeDefaultNamespace(namespace);
            writer.writeStartElement("Error");
            XmlBodyWriter.element(writer, "Type", error.senderFault() ? "Sender" : "Receiver");
            XmlBodyWriter.element(writer, "Code", error.code());
            if (error.message() != null) {
                XmlBodyWriter.element(writer, "Message", error.message());
            }
            for (Map.Entry<String, String> extra : error.extraFields().entrySet()) {
                XmlBodyWriter.element(writer, extra.getKey(), extra.getValue());
            }
            writer.writeEndElement();
            XmlBodyWriter.element(writer, "RequestId", requestId);
            writer.writeEndElement();
        });
        return response(error.httpStatus(), body, requestId);
    }

    private static HttpResponse response(int status, byte[] body, String requestId)
    {
        return new HttpResponse(status, HttpRequest.headersOf("Content-Type", CONTENT_TYPE, REQUEST_ID_HEADER, requestId), body);
    }
}
