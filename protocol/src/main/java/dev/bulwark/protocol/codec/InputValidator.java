package dev.bulwark.protocol.codec;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import dev.bulwark.protocol.model.ServiceModel;
import dev.bulwark.protocol.model.Shape;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.core.protocol.MarshallingType;
import software.amazon.awssdk.core.traits.ListTrait;
import software.amazon.awssdk.core.traits.MapTrait;

/**
 * Checks a decoded request against the service model's constraints (required members, length and value
 * ranges, patterns, enums) and words each violation as AWS's validation layer does:
 * {@code Value 'x' at 'userName' failed to satisfy constraint: Member must have length less than or equal to 64}.
 * Paths name members in lower camel case and structure list elements as {@code tags.1.member.key}, as AWS does;
 * members of scalar lists and map keys/values are reported once for the whole collection (see {@code nested}).
 * Patterns must match the whole value, as AWS applies them.
 */
final class InputValidator
{
    private final ServiceModel service;

    InputValidator(ServiceModel service)
    {
        this.service = service;
    }

    /** A validator that accepts everything: lets tests check decoding of values the constraints would reject. */
    static InputValidator disabled()
    {
        return new InputValidator(null);
    }

    /** All violations, in member order; empty if the request is valid. */
    List<String> violations(Optional<String> inputShape, SdkPojo request)
    {
        List<String> out = new ArrayList<>();
        if (service == null) {
            return out;
        }
        inputShape.flatMap(service::shape).ifPresent(shape -> structure(shape, request, "", out));
        return out;
    }

    /** AWS's summary line: "1 validation error detected: ..." or "2 validation errors detected: ...; ...". */
    static String message(List<String> violations)
    {
        int n = violations.size();
        return n + " validation error" + (n == 1 ? "" : "s") + " detected: " + String.join("; ", violations);
    }

    private void structure(Shape shape, SdkPojo pojo, String prefix, List<String> out)
    {
        for (SdkField<?> field : pojo.sdkFields()) {
            String member = field.memberName();
            Object value = field.getValueOrDefault(pojo);
            String path = prefix + lowerFirst(member);
            if (Scalars.isUnset(value)) {
                if (shape.required().contains(member)) {
                    out.add("Value null at '" + path + "' failed to satisfy constraint: Member must not be null");
                }
                continue;
            }
            String memberShape = shape.members().get(member);
            if (memberShape != null) {
                value(memberShape, field, value, path, out);
            }
        }
    }

    private void value(String shapeName, SdkField<?> field, Object value, String path, List<String> out)
    {
        Optional<Shape> found = service.shape(shapeName);
        if (found.isEmpty()) {
            return;
        }
        Shape shape = found.get();
        MarshallingType<?> type = field.marshallingType();
        if (type == MarshallingType.SDK_POJO) {
            structure(shape, (SdkPojo) value, path + ".", out);
            return;
        }
        constraints(shape, value, path, out);
        if (type == MarshallingType.LIST && shape.listMember().isPresent()) {
            SdkField<?> memberField = field.getRequiredTrait(ListTrait.class).memberFieldInfo();
            List<?> list = (List<?>) value;
            if (Scalars.isScalar(memberField.marshallingType())) {
                // Lists of scalars are reported once, at the list, naming every constraint of the member.
                nested(shape.listMember().get(), list, value, path, "Member must satisfy constraint: ", out);
                return;
            }
            for (int i = 0; i < list.size(); i++) {
                if (list.get(i) != null) {
                    value(shape.listMember().get(), memberField, list.get(i), path + "." + (i + 1) + ".member", out);
                }
            }
        }
        else if (type == MarshallingType.MAP) {
            Map<?, ?> map = (Map<?, ?>) value;
            shape.mapKey().ifPresent(keyShape -> nested(keyShape, map.keySet(), value, path, "Map keys must satisfy constraint: ", out));
            SdkField<?> valueField = field.getRequiredTrait(MapTrait.class).valueFieldInfo();
            if (shape.mapValue().isPresent() && !Scalars.isScalar(valueField.marshallingType())) {
                for (Map.Entry<?, ?> entry : map.entrySet()) {
                    if (entry.getValue() != null) {
                        value(shape.mapValue().get(), valueField, entry.getValue(), path + "." + entry.getKey(), out);
                    }
                }
            }
            else {
                shape.mapValue().ifPresent(valueShape -> nested(valueShape, map.values(), value, path, "Map value must satisfy constraint: ", out));
            }
        }
    }

    /**
     * AWS reports constraint failures of list members and map keys/values once for the whole collection:
     * {@code Value '[a, b]' at 'tagKeys' failed to satisfy constraint: Member must satisfy constraint: [Member must
     * have length less than or equal to 128, Member must have length greater than or equal to 1, ...]}.
     */
    private void nested(String elementShape, java.util.Collection<?> elements, Object whole, String path, String lead, List<String> out)
    {
        Optional<Shape> found = service.shape(elementShape);
        if (found.isEmpty()) {
            return;
        }
        boolean violated = false;
        for (Object element : elements) {
            List<String> scratch = new ArrayList<>();
            if (element != null) {
                constraints(found.get(), element, path, scratch);
            }
            violated |= !scratch.isEmpty();
        }
        if (violated) {
            out.add("Value " + display(whole) + " at '" + path + "' failed to satisfy constraint: " + lead + "[" + String.join(", ", described(found.get())) + "]");
        }
    }

    /** Every constraint of a shape in AWS's order: maximum, minimum, pattern, enum. */
    private static List<String> described(Shape shape)
    {
        List<String> out = new ArrayList<>();
        String bound = shape.isNumeric() ? "value" : "length";
        shape.max().ifPresent(max -> out.add("Member must have " + bound + " less than or equal to " + max.toPlainString()));
        shape.min().ifPresent(min -> out.add("Member must have " + bound + " greater than or equal to " + min.toPlainString()));
        shape.pattern().ifPresent(pattern -> out.add("Member must satisfy regular expression pattern: " + pattern.pattern()));
        if (!shape.enumValues().isEmpty()) {
            out.add("Member must satisfy enum value set: " + shape.enumValues().stream().collect(Collectors.joining(", ", "[", "]")));
        }
        return out;
    }

    private static void constraints(Shape shape, Object value, String path, List<String> out)
    {
        String prefix = "Value " + display(value) + " at '" + path + "' failed to satisfy constraint: Member must ";
        if (shape.isNumeric() && value instanceof Number number) {
            BigDecimal actual = new BigDecimal(number.toString());
            shape.min().filter(min -> actual.compareTo(min) < 0)
                    .ifPresent(min -> out.add(prefix + "have value greater than or equal to " + min.toPlainString()));
            shape.max().filter(max -> actual.compareTo(max) > 0)
                    .ifPresent(max -> out.add(prefix + "have value less than or equal to " + max.toPlainString()));
            return;
        }
        long length = length(value);
        if (length >= 0) {
            shape.min().filter(min -> BigDecimal.valueOf(length).compareTo(min) < 0)
                    .ifPresent(min -> out.add(prefix + "have length greater than or equal to " + min.toPlainString()));
            shape.max().filter(max -> BigDecimal.valueOf(length).compareTo(max) > 0)
                    .ifPresent(max -> out.add(prefix + "have length less than or equal to " + max.toPlainString()));
        }
        if (value instanceof String text) {
            shape.pattern().filter(pattern -> !pattern.matcher(text).matches())
                    .ifPresent(pattern -> out.add(prefix + "satisfy regular expression pattern: " + pattern.pattern()));
            if (!shape.enumValues().isEmpty() && !shape.enumValues().contains(text)) {
                out.add(prefix + "satisfy enum value set: " + shape.enumValues().stream().collect(Collectors.joining(", ", "[", "]")));
            }
        }
    }

    private static long length(Object value)
    {
        if (value instanceof String text) {
            return text.codePointCount(0, text.length());
        }
        if (value instanceof List<?> list) {
            return list.size();
        }
        if (value instanceof Map<?, ?> map) {
            return map.size();
        }
        if (value instanceof SdkBytes bytes) {
            return bytes.asByteArrayUnsafe().length;
        }
        return -1;
    }

    private static String display(Object value)
    {
        if (value instanceof SdkBytes bytes) {
            // AWS's validation layer prints blobs as the Java ByteBuffer it holds them in.
            int size = bytes.asByteArrayUnsafe().length;
            return "'java.nio.HeapByteBuffer[pos=0 lim=" + size + " cap=" + size + "]'";
        }
        return "'" + value + "'";
    }

    static String lowerFirst(String name)
    {
        return name.isEmpty() ? name : Character.toLowerCase(name.charAt(0)) + name.substring(1);
    }
}
