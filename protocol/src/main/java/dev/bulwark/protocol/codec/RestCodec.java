package dev.bulwark.protocol.codec;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import dev.bulwark.protocol.error.AwsErrorException;
import dev.bulwark.protocol.http.HttpRequest;
import dev.bulwark.protocol.http.HttpResponse;
import dev.bulwark.protocol.model.OperationModel;
import dev.bulwark.protocol.model.ServiceModel;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.SdkResponse;
import software.amazon.awssdk.core.protocol.MarshallLocation;
import software.amazon.awssdk.core.protocol.MarshallingType;
import software.amazon.awssdk.core.traits.JsonValueTrait;
import software.amazon.awssdk.core.traits.ListTrait;
import software.amazon.awssdk.core.traits.PayloadTrait;
import software.amazon.awssdk.core.traits.TimestampFormatTrait.Format;
import software.amazon.awssdk.utils.builder.SdkBuilder;

/**
 * What restJson1 and restXml share: members bound to URI labels ({@code {Bucket}}, greedy {@code {Key+}}), query
 * parameters, headers (lists comma-separated, maps as prefixed headers like {@code x-amz-meta-*}, timestamps
 * RFC 822), the status code, and a body that is either one explicit payload member (a structure, blob or string)
 * or the remaining body members together. Subclasses supply the body format and the error shape.
 * Streaming bodies (S3 PutObject/GetObject data) are not SdkFields: the handler reads and writes those bytes
 * itself, from the HttpRequest and into the HttpResponse.
 */
abstract class RestCodec
        implements ProtocolCodec
{
    private final ServiceModel service;
    private final InputValidator validator;

    RestCodec(ServiceModel service, boolean validating)
    {
        this.service = service;
        this.validator = validating ? new InputValidator(service) : InputValidator.disabled();
    }

    @Override
    public ServiceModel service()
    {
        return service;
    }

    /** Reads body members (not the explicit payload) from a non-empty body into the builder. */
    abstract void readBodyMembers(OperationModel operation, SdkPojo builder, byte[] body);

    /** Reads an explicit structure payload. */
    abstract Object readPayloadStructure(SdkField<?> field, byte[] body);

    /** Writes the body members of the response, or returns null when none is set. */
    abstract byte[] writeBodyMembers(OperationModel operation, SdkPojo response);

    abstract byte[] writePayloadStructure(SdkField<?> field, SdkPojo value);

    abstract String contentType();

    /** A string payload is the body as is (S3 GetBucketPolicy); restXml wraps some in their root element. */
    byte[] writeTextPayload(OperationModel operation, SdkField<?> field, String text)
    {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** Headers carrying the request id on every response of this protocol. */
    abstract Map<String, List<String>> requestIdHeaders(String requestId);

    /** Empty when this protocol does not check constraints (S3 answers its own errors, not AWS's validation layer). */
    abstract Optional<String> validationCode();

    @Override
    public SdkRequest decode(OperationModel operation, HttpRequest request)
    {
        Map<String, List<String>> query = request.queryParameters();
        Map<String, String> labels = operation.uriTemplate().match(request.rawPath(), query).orElse(Map.of());
        SdkPojo builder = operation.requestBuilder().get();
        SdkField<?> payload = null;
        boolean bodyMembers = false;
        try {
            for (SdkField<?> field : builder.sdkFields()) {
                MarshallLocation location = field.location();
                if (location == MarshallLocation.PATH || location == MarshallLocation.GREEDY_PATH) {
                    String label = labels.get(field.locationName());
                    if (label != null) {
                        field.set(builder, Scalars.parse(field, label, Format.ISO_8601));
                    }
                }
                else if (location == MarshallLocation.QUERY_PARAM) {
                    readQuery(builder, field, query);
                }
                else if (location == MarshallLocation.HEADER) {
                    readHeader(builder, field, request);
                }
                else if (field.containsTrait(PayloadTrait.class)) {
                    payload = field;
                }
                else if (location == MarshallLocation.PAYLOAD) {
                    bodyMembers = true;
                }
            }
        }
        catch (Scalars.BadValueException e) {
            throw badValue(e);
        }
        byte[] body = request.body();
        if (payload != null && body.length > 0) {
            payload.set(builder, readPayload(payload, body));
        }
        else if (payload == null && bodyMembers && body.length > 0) {
            readBodyMembers(operation, builder, body);
        }
        SdkRequest decoded = (SdkRequest) ((SdkBuilder<?, ?>) builder).build();
        Optional<String> validationCode = validationCode();
        if (validationCode.isPresent()) {
            List<String> violations = validator.violations(operation.inputShape(), (SdkPojo) decoded);
            if (!violations.isEmpty()) {
                throw AwsErrorException.sender(validationCode.get(), 400, InputValidator.message(violations));
            }
        }
        return decoded;
    }

    /** Text in the URI, query or a header that is not of the member's type. */
    AwsErrorException badValue(Scalars.BadValueException e)
    {
        return AwsErrorException.sender(validationCode().orElse("InvalidArgument"), 400, e.getMessage());
    }

    private Object readPayload(SdkField<?> field, byte[] body)
    {
        MarshallingType<?> type = field.marshallingType();
        if (type == MarshallingType.SDK_BYTES) {
            return SdkBytes.fromByteArray(body);
        }
        if (type == MarshallingType.STRING) {
            return new String(body, StandardCharsets.UTF_8);
        }
        return readPayloadStructure(field, body);
    }

    private static void readQuery(SdkPojo builder, SdkField<?> field, Map<String, List<String>> query)
    {
        MarshallingType<?> type = field.marshallingType();
        if (type == MarshallingType.MAP) {
            // A query map without a name takes the parameters no other member binds; rare, so take them all.
            Map<String, Object> all = new LinkedHashMap<>();
            query.forEach((name, values) -> all.put(name, values.get(0)));
            if (!all.isEmpty()) {
                field.set(builder, all);
            }
            return;
        }
        List<String> values = query.get(field.locationName());
        if (values == null) {
            return;
        }
        if (type == MarshallingType.LIST) {
            SdkField<?> member = field.getRequiredTrait(ListTrait.class).memberFieldInfo();
            List<Object> parsed = new ArrayList<>();
            for (String value : values) {
                parsed.add(Scalars.parse(member, value, Format.ISO_8601));
            }
            field.set(builder, parsed);
        }
        else {
            field.set(builder, Scalars.parse(field, values.get(0), Format.ISO_8601));
        }
    }

    private static void readHeader(SdkPojo builder, SdkField<?> field, HttpRequest request)
    {
        MarshallingType<?> type = field.marshallingType();
        if (type == MarshallingType.MAP) {
            String prefix = field.locationName().toLowerCase(Locale.ROOT);
            Map<String, Object> values = new LinkedHashMap<>();
            request.headers().forEach((name, list) -> {
                if (name.toLowerCase(Locale.ROOT).startsWith(prefix) && !list.isEmpty()) {
                    values.put(name.substring(prefix.length()).toLowerCase(Locale.ROOT), list.get(0));
                }
            });
            if (!values.isEmpty()) {
                field.set(builder, values);
            }
            return;
        }
        if (type == MarshallingType.LIST) {
            // A list travels as one comma-separated header or as the header repeated (the Java SDK does that).
            List<String> values = request.headers().get(field.locationName());
            if (values == null || values.isEmpty()) {
                return;
            }
            SdkField<?> member = field.getRequiredTrait(ListTrait.class).memberFieldInfo();
            List<Object> parsed = new ArrayList<>();
            for (String value : values) {
                for (String part : value.split(",")) {
                    parsed.add(Scalars.parse(member, part.trim(), Format.RFC_822));
                }
            }
            field.set(builder, parsed);
            return;
        }
        Optional<String> value = request.header(field.locationName());
        if (value.isEmpty()) {
            return;
        }
        if (field.containsTrait(JsonValueTrait.class)) {
            field.set(builder, new String(Base64.getDecoder().decode(value.get()), StandardCharsets.UTF_8));
        }
        else {
            field.set(builder, Scalars.parse(field, value.get(), Format.RFC_822));
        }
    }

    @Override
    public HttpResponse encode(OperationModel operation, SdkResponse response, String requestId)
    {
        int status = operation.successStatus();
        Map<String, List<String>> headers = new LinkedHashMap<>(requestIdHeaders(requestId));
        SdkField<?> payload = null;
        for (SdkField<?> field : response.sdkFields()) {
            Object value = field.getValueOrDefault(response);
            if (field.location() == MarshallLocation.STATUS_CODE && value instanceof Integer code) {
                status = code;
            }
            else if (field.location() == MarshallLocation.HEADER && !Scalars.isUnset(value)) {
                writeHeader(headers, field, value);
            }
            else if (field.containsTrait(PayloadTrait.class)) {
                payload = field;
            }
        }
        byte[] body = null;
        if (payload != null) {
            Object value = payload.getValueOrDefault(response);
            if (value instanceof SdkBytes bytes) {
                body = bytes.asByteArray();
            }
            else if (value instanceof String text) {
                body = writeTextPayload(operation, payload, text);
            }
            else if (value instanceof SdkPojo structure) {
                body = writePayloadStructure(payload, structure);
                headers.put("Content-Type", List.of(contentType()));
            }
        }
        else {
            body = writeBodyMembers(operation, response);
            if (body != null) {
                headers.put("Content-Type", List.of(contentType()));
            }
        }
        return new HttpResponse(status, headers, body == null ? new byte[0] : body);
    }

    private static void writeHeader(Map<String, List<String>> headers, SdkField<?> field, Object value)
    {
        MarshallingType<?> type = field.marshallingType();
        if (type == MarshallingType.MAP) {
            ((Map<?, ?>) value).forEach((key, entry) -> headers.put(field.locationName() + key, List.of(String.valueOf(entry))));
        }
        else if (type == MarshallingType.LIST) {
            SdkField<?> member = field.getRequiredTrait(ListTrait.class).memberFieldInfo();
            List<String> parts = new ArrayList<>();
            for (Object element : (List<?>) value) {
                parts.add(Scalars.format(member, element, Format.RFC_822));
            }
            headers.put(field.locationName(), List.of(String.join(",", parts)));
        }
        else if (field.containsTrait(JsonValueTrait.class)) {
            headers.put(field.locationName(), List.of(Base64.getEncoder().encodeToString(String.valueOf(value).getBytes(StandardCharsets.UTF_8))));
        }
        else {
            headers.put(field.locationName(), List.of(Scalars.format(field, value, Format.RFC_822)));
        }
    }

    /** True when the field travels in the body and is neither the explicit payload nor bound elsewhere. */
    static boolean isBodyMember(SdkField<?> field)
    {
        return (field.location() == MarshallLocation.PAYLOAD || field.location() == null) && !field.containsTrait(PayloadTrait.class);
    }

    static boolean hasSetBodyMembers(SdkPojo pojo)
    {
        for (SdkField<?> field : pojo.sdkFields()) {
            if (isBodyMember(field) && !Scalars.isUnset(field.getValueOrDefault(pojo))) {
                return true;
            }
        }
        return false;
    }
}
