package dev.bulwark.protocol.codec;

import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

import dev.bulwark.protocol.error.AwsErrors;
import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.core.protocol.MarshallingType;
import software.amazon.awssdk.core.traits.ListTrait;
import software.amazon.awssdk.core.traits.MapTrait;
import software.amazon.awssdk.core.traits.TimestampFormatTrait.Format;
import software.amazon.awssdk.core.traits.XmlAttributeTrait;
import software.amazon.awssdk.utils.builder.SdkBuilder;

/**
 * Reads XML request bodies (restXml) into SDK builders with StAX, the mirror of {@link XmlBodyWriter}: children by
 * {@code locationName()} (namespaces ignored), wrapped or flattened lists, {@code entry}/{@code key}/{@code value}
 * maps, attributes. Unknown elements are skipped. DTDs and external entities are refused.
 */
final class XmlBodyReader
{
    private static final XMLInputFactory FACTORY = newFactory();

    private XmlBodyReader() {}

    private static XMLInputFactory newFactory()
    {
        XMLInputFactory factory = XMLInputFactory.newFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        factory.setProperty(XMLInputFactory.IS_COALESCING, true);
        return factory;
    }

    /** Reads the children of the document's root element into {@code builder}'s members that {@code include} accepts. */
    static void readRoot(byte[] body, SdkPojo builder, Predicate<SdkField<?>> include)
    {
        try {
            XMLStreamReader reader = FACTORY.createXMLStreamReader(new ByteArrayInputStream(body));
            try {
                while (reader.hasNext() && reader.next() != XMLStreamConstants.START_ELEMENT) {
                    // prolog, comments, whitespace
                }
                if (!reader.isStartElement()) {
                    throw AwsErrors.malformedXml();
                }
                readStructure(reader, builder, include);
            }
            finally {
                reader.close();
            }
        }
        catch (XMLStreamException | Scalars.BadValueException e) {
            throw AwsErrors.malformedXml();
        }
    }

    /** Reader is on the structure's start element; leaves it on the matching end element. */
    private static void readStructure(XMLStreamReader reader, SdkPojo builder, Predicate<SdkField<?>> include)
            throws XMLStreamException
    {
        List<SdkField<?>> fields = builder.sdkFields();
        for (SdkField<?> field : fields) {
            if (field.containsTrait(XmlAttributeTrait.class)) {
                String name = field.locationName();
                String local = name.contains(":") ? name.substring(name.indexOf(':') + 1) : name;
                for (int i = 0; i < reader.getAttributeCount(); i++) {
                    if (reader.getAttributeLocalName(i).equals(local)) {
                        field.set(builder, Scalars.parse(field, reader.getAttributeValue(i), Format.ISO_8601));
                    }
                }
            }
        }
        Map<SdkField<?>, List<Object>> flattenedLists = new LinkedHashMap<>();
        Map<SdkField<?>, Map<String, Object>> flattenedMaps = new LinkedHashMap<>();
        while (reader.next() != XMLStreamConstants.END_ELEMENT) {
            if (!reader.isStartElement()) {
                continue;
            }
            SdkField<?> field = find(fields, reader.getLocalName(), include);
            if (field == null) {
                skip(reader);
                continue;
            }
            MarshallingType<?> type = field.marshallingType();
            if (type == MarshallingType.LIST && field.getRequiredTrait(ListTrait.class).isFlattened()) {
                flattenedLists.computeIfAbsent(field, ignored -> new ArrayList<>())
                        .add(readValue(reader, field.getRequiredTrait(ListTrait.class).memberFieldInfo()));
            }
            else if (type == MarshallingType.MAP && field.getRequiredTrait(MapTrait.class).isFlattened()) {
                readEntry(reader, field.getRequiredTrait(MapTrait.class), flattenedMaps.computeIfAbsent(field, ignored -> new LinkedHashMap<>()));
            }
            else {
                field.set(builder, readValue(reader, field));
            }
        }
        flattenedLists.forEach((field, values) -> field.set(builder, values));
        flattenedMaps.forEach((field, values) -> field.set(builder, values));
    }

    private static SdkField<?> find(List<SdkField<?>> fields, String name, Predicate<SdkField<?>> include)
    {
        for (SdkField<?> field : fields) {
            if (name.equals(field.locationName()) && include.test(field) && !field.containsTrait(XmlAttributeTrait.class)) {
                return field;
            }
        }
        return null;
    }

    /** Reader is on the value's start element; leaves it on the matching end element. */
    private static Object readValue(XMLStreamReader reader, SdkField<?> field)
            throws XMLStreamException
    {
        MarshallingType<?> type = field.marshallingType();
        if (type == MarshallingType.SDK_POJO) {
            SdkPojo builder = field.constructor().get();
            readStructure(reader, builder, any -> true);
            return ((SdkBuilder<?, ?>) builder).build();
        }
        if (type == MarshallingType.LIST) {
            SdkField<?> member = field.getRequiredTrait(ListTrait.class).memberFieldInfo();
            List<Object> values = new ArrayList<>();
            while (reader.next() != XMLStreamConstants.END_ELEMENT) {
                if (reader.isStartElement()) {
                    values.add(readValue(reader, member));
                }
            }
            return values;
        }
        if (type == MarshallingType.MAP) {
            MapTrait map = field.getRequiredTrait(MapTrait.class);
            Map<String, Object> values = new LinkedHashMap<>();
            while (reader.next() != XMLStreamConstants.END_ELEMENT) {
                if (reader.isStartElement()) {
                    readEntry(reader, map, values);
                }
            }
            return values;
        }
        return Scalars.parse(field, reader.getElementText(), Format.ISO_8601);
    }

    /** Reader is on an entry's start element. */
    private static void readEntry(XMLStreamReader reader, MapTrait map, Map<String, Object> into)
            throws XMLStreamException
    {
        String keyName = map.keyLocationName() != null ? map.keyLocationName() : "key";
        String valueName = map.valueLocationName() != null ? map.valueLocationName() : "value";
        String key = null;
        Object value = null;
        while (reader.next() != XMLStreamConstants.END_ELEMENT) {
            if (!reader.isStartElement()) {
                continue;
            }
            if (reader.getLocalName().equals(keyName)) {
                key = reader.getElementText();
            }
            else if (reader.getLocalName().equals(valueName)) {
                value = readValue(reader, map.valueFieldInfo());
            }
            else {
                skip(reader);
            }
        }
        if (key != null) {
            into.put(key, value);
        }
    }

    private static void skip(XMLStreamReader reader)
            throws XMLStreamException
    {
        int depth = 1;
        while (depth > 0) {
            int event = reader.next();
            if (event == XMLStreamConstants.START_ELEMENT) {
                depth++;
            }
            else if (event == XMLStreamConstants.END_ELEMENT) {
                depth--;
            }
        }
    }
}
