package dev.bulwark.protocol.codec;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bulwark.protocol.error.AwsErrors;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.core.SdkNumber;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.core.document.Document;
import software.amazon.awssdk.core.protocol.MarshallingType;
import software.amazon.awssdk.core.traits.ListTrait;
import software.amazon.awssdk.core.traits.MapTrait;
import software.amazon.awssdk.core.traits.TimestampFormatTrait.Format;
import software.amazon.awssdk.utils.builder.SdkBuilder;

/**
 * JSON bodies of awsJson and restJson, generic over SdkField: members by location name, timestamps as epoch
 * seconds (with fraction), blobs base64, documents as free JSON. Input that is not JSON of the member's shape
 * is a {@code SerializationException}, as AWS answers it.
 */
final class JsonBody
{
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final JsonFactory FACTORY = MAPPER.getFactory();

    private JsonBody() {}

    /** Parses a request body; an empty body is an empty object. */
    static ObjectNode parse(byte[] body)
    {
        if (body.length == 0) {
            return MAPPER.createObjectNode();
        }
        JsonNode node;
        try {
            node = MAPPER.readTree(body);
        }
        catch (JsonProcessingException e) {
            throw AwsErrors.serialization("Malformed JSON: " + e.getOriginalMessage());
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (node == null || node.isMissingNode()) {
            return MAPPER.createObjectNode();
        }
        if (!node.isObject()) {
            throw AwsErrors.serialization("Start of structure or map expected, found " + node.getNodeType());
        }
        return (ObjectNode) node;
    }

    /** Sets the builder's members found in {@code object}, for the members {@code include} accepts. */
    static void readMembers(SdkPojo builder, ObjectNode object, java.util.function.Predicate<SdkField<?>> include)
    {
        for (SdkField<?> field : builder.sdkFields()) {
            if (!include.test(field)) {
                continue;
            }
            JsonNode node = object.get(field.locationName());
            if (node != null && !node.isNull()) {
                field.set(builder, read(field, node));
            }
        }
    }

    static Object read(SdkField<?> field, JsonNode node)
    {
        MarshallingType<?> type = field.marshallingType();
        if (type == MarshallingType.SDK_POJO) {
            if (!node.isObject()) {
                throw mismatch(field, "structure", node);
            }
            SdkPojo builder = field.constructor().get();
            readMembers(builder, (ObjectNode) node, any -> true);
            return ((SdkBuilder<?, ?>) builder).build();
        }
        if (type == MarshallingType.LIST) {
            if (!node.isArray()) {
                throw mismatch(field, "list", node);
            }
            SdkField<?> member = field.getRequiredTrait(ListTrait.class).memberFieldInfo();
            List<Object> values = new ArrayList<>(node.size());
            node.forEach(element -> values.add(element.isNull() ? null : read(member, element)));
            return values;
        }
        if (type == MarshallingType.MAP) {
            if (!node.isObject()) {
                throw mismatch(field, "map", node);
            }
            SdkField<?> valueField = field.getRequiredTrait(MapTrait.class).valueFieldInfo();
            Map<String, Object> values = new LinkedHashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> entries = node.fields(); entries.hasNext(); ) {
                Map.Entry<String, JsonNode> entry = entries.next();
                values.put(entry.getKey(), entry.getValue().isNull() ? null : read(valueField, entry.getValue()));
            }
            return values;
        }
        if (type == MarshallingType.DOCUMENT) {
            return document(node);
        }
        return scalar(field, node);
    }

    private static Object scalar(SdkField<?> field, JsonNode node)
    {
        MarshallingType<?> type = field.marshallingType();
        if (type == MarshallingType.STRING) {
            if (!node.isTextual()) {
                throw mismatch(field, "string", node);
            }
            return node.textValue();
        }
        if (type == MarshallingType.BOOLEAN) {
            if (!node.isBoolean()) {
                throw mismatch(field, "boolean", node);
            }
            return node.booleanValue();
        }
        if (type == MarshallingType.INSTANT) {
            if (node.isNumber()) {
                return Scalars.epoch(node.decimalValue());
            }
            if (node.isTextual()) {
                return parseText(field, node);
            }
            throw mismatch(field, "timestamp", node);
        }
        if (type == MarshallingType.SDK_BYTES) {
            if (!node.isTextual()) {
                throw mismatch(field, "blob", node);
            }
            try {
                return SdkBytes.fromByteArray(Base64.getMimeDecoder().decode(node.textValue()));
            }
            catch (IllegalArgumentException e) {
                throw AwsErrors.serialization("Value for " + field.locationName() + " is not valid base64");
            }
        }
        if (node.isNumber() || (node.isTextual() && (type == MarshallingType.DOUBLE || type == MarshallingType.FLOAT))) {
            // Numbers arrive as JSON numbers; NaN/Infinity only as strings.
            return parseText(field, node);
        }
        throw mismatch(field, "number", node);
    }

    private static Object parseText(SdkField<?> field, JsonNode node)
    {
        try {
            return Scalars.parse(field, node.asText(), Format.UNIX_TIMESTAMP);
        }
        catch (Scalars.BadValueException e) {
            throw AwsErrors.serialization(e.getMessage());
        }
    }

    private static Document document(JsonNode node)
    {
        if (node.isObject()) {
            Map<String, Document> map = new LinkedHashMap<>();
            node.fields().forEachRemaining(entry -> map.put(entry.getKey(), document(entry.getValue())));
            return Document.fromMap(map);
        }
        if (node.isArray()) {
            List<Document> list = new ArrayList<>();
            node.forEach(element -> list.add(document(element)));
            return Document.fromList(list);
        }
        if (node.isTextual()) {
            return Document.fromString(node.textValue());
        }
        if (node.isBoolean()) {
            return Document.fromBoolean(node.booleanValue());
        }
        if (node.isNumber()) {
            return Document.fromNumber(SdkNumber.fromBigDecimal(node.decimalValue()));
        }
        return Document.fromNull();
    }

    private static RuntimeException mismatch(SdkField<?> field, String expected, JsonNode node)
    {
        return AwsErrors.serialization("Expected " + expected + " for '" + field.locationName() + "' but found " + node.getNodeType());
    }

    // ------------------------------------------------------------------ writing

    interface Body
    {
        void write(JsonGenerator generator)
                throws IOException;
    }

    static byte[] write(Body body)
    {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        try (JsonGenerator generator = FACTORY.createGenerator(out)) {
            body.write(generator);
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** Writes {@code pojo} as an object holding the members {@code include} accepts. */
    static void writeObject(JsonGenerator generator, SdkPojo pojo, java.util.function.Predicate<SdkField<?>> include)
            throws IOException
    {
        generator.writeStartObject();
        for (SdkField<?> field : pojo.sdkFields()) {
            if (!include.test(field)) {
                continue;
            }
            Object value = field.getValueOrDefault(pojo);
            if (!Scalars.isUnset(value)) {
                generator.writeFieldName(field.unmarshallLocationName());
                writeValue(generator, field, value);
            }
        }
        generator.writeEndObject();
    }

    static void writeValue(JsonGenerator generator, SdkField<?> field, Object value)
            throws IOException
    {
        MarshallingType<?> type = field.marshallingType();
        if (value == null) {
            generator.writeNull();
        }
        else if (type == MarshallingType.SDK_POJO) {
            writeObject(generator, (SdkPojo) value, any -> true);
        }
        else if (type == MarshallingType.LIST) {
            SdkField<?> member = field.getRequiredTrait(ListTrait.class).memberFieldInfo();
            generator.writeStartArray();
            for (Object element : (List<?>) value) {
                writeValue(generator, member, element);
            }
            generator.writeEndArray();
        }
        else if (type == MarshallingType.MAP) {
            SdkField<?> valueField = field.getRequiredTrait(MapTrait.class).valueFieldInfo();
            generator.writeStartObject();
            for (Map.Entry<?, ?> entry : ((Map<?, ?>) value).entrySet()) {
                generator.writeFieldName(String.valueOf(entry.getKey()));
                writeValue(generator, valueField, entry.getValue());
            }
            generator.writeEndObject();
        }
        else if (type == MarshallingType.DOCUMENT) {
            writeDocument(generator, (Document) value);
        }
        else if (value instanceof Instant instant) {
            Format format = Scalars.timestampFormat(field, Format.UNIX_TIMESTAMP);
            if (format == Format.UNIX_TIMESTAMP) {
                generator.writeNumber(Scalars.epochSeconds(instant));
            }
            else {
                generator.writeString(Scalars.formatInstant(instant, format));
            }
        }
        else if (value instanceof SdkBytes bytes) {
            generator.writeString(Base64.getEncoder().encodeToString(bytes.asByteArrayUnsafe()));
        }
        else if (value instanceof Boolean bool) {
            generator.writeBoolean(bool);
        }
        else if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte) {
            generator.writeNumber(((Number) value).longValue());
        }
        else if (value instanceof Double || value instanceof Float) {
            double d = ((Number) value).doubleValue();
            if (Double.isNaN(d) || Double.isInfinite(d)) {
                generator.writeString(Scalars.format(field, value, Format.UNIX_TIMESTAMP));
            }
            else if (value instanceof Float f) {
                generator.writeNumber(f);
            }
            else {
                generator.writeNumber(d);
            }
        }
        else if (value instanceof BigDecimal decimal) {
            generator.writeNumber(decimal);
        }
        else if (value instanceof BigInteger integer) {
            generator.writeNumber(integer);
        }
        else {
            generator.writeString(value.toString());
        }
    }

    private static void writeDocument(JsonGenerator generator, Document document)
            throws IOException
    {
        if (document.isNull()) {
            generator.writeNull();
        }
        else if (document.isString()) {
            generator.writeString(document.asString());
        }
        else if (document.isBoolean()) {
            generator.writeBoolean(document.asBoolean());
        }
        else if (document.isNumber()) {
            generator.writeNumber(document.asNumber().bigDecimalValue());
        }
        else if (document.isList()) {
            generator.writeStartArray();
            for (Document element : document.asList()) {
                writeDocument(generator, element);
            }
            generator.writeEndArray();
        }
        else {
            generator.writeStartObject();
            for (Map.Entry<String, Document> entry : document.asMap().entrySet()) {
                generator.writeFieldName(entry.getKey());
                writeDocument(generator, entry.getValue());
            }
            generator.writeEndObject();
        }
    }

    /** The JSON error body both JSON protocols use; clients read the code from {@code __type}. */
    static byte[] error(String code, String message)
    {
        return error(code, message, java.util.Map.of());
    }

    /** The JSON error body, with the members the error shape models besides its message ({@code Reason}...). */
    static byte[] error(String code, String message, java.util.Map<String, String> extraFields)
    {
        return write(generator -> {
            generator.writeStartObject();
            generator.writeStringField("__type", code);
            if (message != null) {
                generator.writeStringField("message", message);
            }
            for (java.util.Map.Entry<String, String> extra : extraFields.entrySet()) {
                generator.writeStringField(extra.getKey(), extra.getValue());
            }
            generator.writeEndObject();
        });
    }
}
