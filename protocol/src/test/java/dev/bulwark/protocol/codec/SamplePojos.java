package dev.bulwark.protocol.codec;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.core.document.Document;
import software.amazon.awssdk.core.protocol.MarshallLocation;
import software.amazon.awssdk.core.protocol.MarshallingType;
import software.amazon.awssdk.core.traits.ListTrait;
import software.amazon.awssdk.core.traits.MapTrait;
import software.amazon.awssdk.utils.builder.SdkBuilder;

/**
 * Fills every member of an SDK structure with a sample value of its type (two list elements, two map entries,
 * nested structures down to a depth limit for recursive shapes), so a round trip exercises every field the
 * model declares. Values are header- and URI-safe; timestamps are whole seconds so every format keeps them.
 */
final class SamplePojos
{
    private static final int MAX_DEPTH = 6;
    private static final Instant WHEN = Instant.parse("2024-05-06T07:08:09Z");

    /**
     * S3 members the Java SDK adds on top of the wire model: aliases it turns into x-amz-copy-source (and refuses
     * next to CopySource), and ExpiresString, a second reading of the Expires header. A faithful sample leaves
     * them unset.
     */
    static final Set<String> SDK_ONLY_MEMBERS = Set.of("SourceBucket", "SourceKey", "SourceVersionId", "ExpiresString");

    private SamplePojos() {}

    /** Equal member by member, leaving out the SDK-only members (the S3 client derives ExpiresString itself). */
    static boolean equalOnTheWire(SdkPojo a, SdkPojo b)
    {
        for (SdkField<?> field : a.sdkFields()) {
            if (!SDK_ONLY_MEMBERS.contains(field.memberName()) && !java.util.Objects.equals(field.getValueOrDefault(a), field.getValueOrDefault(b))) {
                return false;
            }
        }
        return a.getClass() == b.getClass();
    }

    static Object build(SdkPojo builder)
    {
        fill(builder, 0);
        return ((SdkBuilder<?, ?>) builder).build();
    }

    private static void fill(SdkPojo builder, int depth)
    {
        for (SdkField<?> field : builder.sdkFields()) {
            if (field.location() == MarshallLocation.STATUS_CODE || SDK_ONLY_MEMBERS.contains(field.memberName())) {
                continue;
            }
            Object value = value(field, depth);
            if (value != null) {
                field.set(builder, value);
            }
        }
    }

    private static Object value(SdkField<?> field, int depth)
    {
        MarshallingType<?> type = field.marshallingType();
        String name = field.memberName() == null ? "v" : field.memberName().toLowerCase(Locale.ROOT);
        if (type == MarshallingType.SDK_POJO) {
            if (depth >= MAX_DEPTH) {
                return null;
            }
            SdkPojo builder = field.constructor().get();
            fill(builder, depth + 1);
            return ((SdkBuilder<?, ?>) builder).build();
        }
        if (type == MarshallingType.LIST) {
            if (depth >= MAX_DEPTH) {
                return null;
            }
            SdkField<?> member = field.getRequiredTrait(ListTrait.class).memberFieldInfo();
            List<Object> values = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                Object element = value(member, depth + 1);
                if (element == null) {
                    return null;
                }
                values.add(element instanceof String text ? text + i : element);
            }
            return values;
        }
        if (type == MarshallingType.MAP) {
            if (depth >= MAX_DEPTH) {
                return null;
            }
            SdkField<?> valueField = field.getRequiredTrait(MapTrait.class).valueFieldInfo();
            Map<String, Object> values = new LinkedHashMap<>();
            for (int i = 0; i < 2; i++) {
                Object element = value(valueField, depth + 1);
                if (element == null) {
                    return null;
                }
                values.put("key" + i, element);
            }
            return values;
        }
        if (type == MarshallingType.STRING) {
            // The S3 client replaces checksum algorithms it does not know with CRC32; send one it knows.
            return "ChecksumAlgorithm".equals(field.memberName()) ? "CRC32" : "v-" + name;
        }
        if (type == MarshallingType.INTEGER) {
            return 7;
        }
        if (type == MarshallingType.LONG) {
            return 8L;
        }
        if (type == MarshallingType.SHORT) {
            return (short) 9;
        }
        if (type == MarshallingType.BYTE) {
            return (byte) 3;
        }
        if (type == MarshallingType.FLOAT) {
            return 1.5f;
        }
        if (type == MarshallingType.DOUBLE) {
            return 2.25d;
        }
        if (type == MarshallingType.BIG_DECIMAL) {
            return new BigDecimal("12.5");
        }
        if (type == MarshallingType.BOOLEAN) {
            return Boolean.TRUE;
        }
        if (type == MarshallingType.INSTANT) {
            return WHEN;
        }
        if (type == MarshallingType.SDK_BYTES) {
            return SdkBytes.fromByteArray(new byte[] {1, 2, 3, (byte) 254});
        }
        if (type == MarshallingType.DOCUMENT) {
            return Document.mapBuilder().putString("k", "v").putNumber("n", 3).build();
        }
        return null;
    }
}
