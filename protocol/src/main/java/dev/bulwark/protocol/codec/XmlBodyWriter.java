package dev.bulwark.protocol.codec;

import java.io.ByteArrayOutputStream;
import java.util.List;
import java.util.Map;

import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.core.protocol.MarshallLocation;
import software.amazon.awssdk.core.protocol.MarshallingType;
import software.amazon.awssdk.core.traits.ListTrait;
import software.amazon.awssdk.core.traits.MapTrait;
import software.amazon.awssdk.core.traits.TimestampFormatTrait.Format;
import software.amazon.awssdk.core.traits.XmlAttributeTrait;

/**
 * Writes SDK structures as XML the way awsQuery and restXml responses carry them, generic over SdkField:
 * element names are {@code unmarshallLocationName()} (what clients read; differs from the request name for EC2),
 * lists are {@code <Name><member>..</member></Name>} or flattened {@code <Name>..</Name><Name>..</Name>},
 * maps {@code <Name><entry><key/><value/></entry></Name>}, attributes ({@link XmlAttributeTrait}) before children.
 */
final class XmlBodyWriter
{
    /** XMLOutputFactory is thread-safe once configured; creating one per response is expensive. */
    private static final XMLOutputFactory FACTORY = XMLOutputFactory.newFactory();
    private static final String XSI_NAMESPACE = "http://www.w3.org/2001/XMLSchema-instance";

    private XmlBodyWriter() {}

    interface Body
    {
        void write(XMLStreamWriter writer)
                throws XMLStreamException;
    }

    static byte[] document(Body body)
    {
        ByteArrayOutputStream out = new ByteArrayOutputStream(512);
        try {
            XMLStreamWriter writer = FACTORY.createXMLStreamWriter(out, "UTF-8");
            writer.writeStartDocument("UTF-8", "1.0");
            body.write(writer);
            writer.writeEndDocument();
            writer.close();
        }
        catch (XMLStreamException e) {
            throw new IllegalStateException("Cannot write XML response", e);
        }
        return out.toByteArray();
    }

    static void element(XMLStreamWriter writer, String name, String text)
            throws XMLStreamException
    {
        writer.writeStartElement(name);
        if (text != null) {
            writer.writeCharacters(text);
        }
        writer.writeEndElement();
    }

    /** The members of a structure that belong in the body (not headers, URI, status code). */
    static void members(XMLStreamWriter writer, SdkPojo pojo)
            throws XMLStreamException
    {
        List<SdkField<?>> fields = pojo.sdkFields();
        for (SdkField<?> field : fields) {
            if (field.containsTrait(XmlAttributeTrait.class)) {
                Object value = field.getValueOrDefault(pojo);
                if (!Scalars.isUnset(value)) {
                    attribute(writer, field.unmarshallLocationName(), Scalars.format(field, value, Format.ISO_8601));
                }
            }
        }
        for (SdkField<?> field : fields) {
            if (field.containsTrait(XmlAttributeTrait.class) || !inBody(field)) {
                continue;
            }
            Object value = field.getValueOrDefault(pojo);
            if (!Scalars.isUnset(value)) {
                value(writer, field.unmarshallLocationName(), field, value);
            }
        }
    }

    static boolean inBody(SdkField<?> field)
    {
        MarshallLocation location = field.location();
        return location == MarshallLocation.PAYLOAD || location == null;
    }

    private static void attribute(XMLStreamWriter writer, String name, String text)
            throws XMLStreamException
    {
        int colon = name.indexOf(':');
        if (colon > 0 && name.startsWith("xsi:")) {
            writer.writeNamespace("xsi", XSI_NAMESPACE);
            writer.writeAttribute("xsi", XSI_NAMESPACE, name.substring(colon + 1), text);
        }
        else {
            writer.writeAttribute(name, text);
        }
    }

    static void value(XMLStreamWriter writer, String name, SdkField<?> field, Object value)
            throws XMLStreamException
    {
        MarshallingType<?> type = field.marshallingType();
        if (type == MarshallingType.LIST) {
            ListTrait list = field.getRequiredTrait(ListTrait.class);
            SdkField<?> memberField = list.memberFieldInfo();
            if (list.isFlattened()) {
                for (Object member : (List<?>) value) {
                    value(writer, name, memberField, member);
                }
            }
            else {
                String memberName = listMemberName(list);
                writer.writeStartElement(name);
                for (Object member : (List<?>) value) {
                    value(writer, memberName, memberField, member);
                }
                writer.writeEndElement();
            }
        }
        else if (type == MarshallingType.MAP) {
            MapTrait map = field.getRequiredTrait(MapTrait.class);
            String keyName = map.keyLocationName() != null ? map.keyLocationName() : "key";
            String valueName = map.valueLocationName() != null ? map.valueLocationName() : "value";
            if (!map.isFlattened()) {
                writer.writeStartElement(name);
            }
            for (Map.Entry<?, ?> entry : ((Map<?, ?>) value).entrySet()) {
                writer.writeStartElement(map.isFlattened() ? name : "entry");
                element(writer, keyName, String.valueOf(entry.getKey()));
                if (entry.getValue() != null) {
                    value(writer, valueName, map.valueFieldInfo(), entry.getValue());
                }
                writer.writeEndElement();
            }
            if (!map.isFlattened()) {
                writer.writeEndElement();
            }
        }
        else if (type == MarshallingType.SDK_POJO) {
            writer.writeStartElement(name);
            members(writer, (SdkPojo) value);
            writer.writeEndElement();
        }
        else {
            element(writer, name, Scalars.format(field, value, Format.ISO_8601));
        }
    }

    /** {@code ListTrait.memberLocationName()} is usually null; the member field then carries the name ("member", S3's "Grant"). */
    static String listMemberName(ListTrait list)
    {
        if (list.memberLocationName() != null) {
            return list.memberLocationName();
        }
        SdkField<?> member = list.memberFieldInfo();
        return member != null && member.locationName() != null ? member.locationName() : "member";
    }
}
