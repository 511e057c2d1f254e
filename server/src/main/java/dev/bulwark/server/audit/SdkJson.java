package dev.bulwark.server.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.core.util.SdkAutoConstructList;
import software.amazon.awssdk.core.util.SdkAutoConstructMap;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Collection;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Renders SDK model objects the way CloudTrail shows them in {@code requestParameters} and
 * {@code responseElements}: lower-camel member names, dates as AWS's "MMM d, yyyy, h:mm:ss a" text,
 * and secrets left out as AWS leaves them out (secret keys, passwords, session tokens, key material).
 */
public final class SdkJson
{
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /** Member names (lower case) whose values CloudTrail never records. */
    private static final Set<String> SECRET_MEMBERS = Set.of(
            "secretaccesskey", "password", "oldpassword", "newpassword", "sessiontoken", "plaintext",
            "privatekeyplaintext", "authenticationcode1", "authenticationcode2", "base32stringseed", "qrcodepng",
            "samlassertion", "webidentitytoken", "clientsecret", "privatekey", "servicepassword", "servicecredentialsecret");

    private static final DateTimeFormatter CLOUDTRAIL_DATE = DateTimeFormatter.ofPattern("MMM d, yyyy, h:mm:ss a", Locale.US)
            .withZone(ZoneOffset.UTC);

    private SdkJson() {}

    /** The object as CloudTrail records it, or null when it has no members set (AWS writes {@code null} then). */
    public static JsonNode render(SdkPojo pojo)
    {
        ObjectNode node = renderObject(pojo);
        return node.isEmpty() ? null : node;
    }

    private static ObjectNode renderObject(SdkPojo pojo)
    {
        ObjectNode node = NODES.objectNode();
        for (SdkField<?> field : pojo.sdkFields()) {
            String name = field.memberName();
            if (SECRET_MEMBERS.contains(name.toLowerCase(Locale.ROOT))) {
                continue;
            }
            Object value = field.getValueOrDefault(pojo);
            JsonNode rendered = renderValue(value);
            if (rendered != null) {
                node.set(lowerCamel(name), rendered);
            }
        }
        return node;
    }

    private static JsonNode renderValue(Object value)
    {
        if (value == null || value instanceof SdkAutoConstructList<?> || value instanceof SdkAutoConstructMap<?, ?>) {
            return null;
        }
        if (value instanceof SdkPojo pojo) {
            return renderObject(pojo);
        }
        if (value instanceof String text) {
            return NODES.textNode(text);
        }
        if (value instanceof Boolean flag) {
            return NODES.booleanNode(flag);
        }
        if (value instanceof Integer number) {
            return NODES.numberNode(number);
        }
        if (value instanceof Long number) {
            return NODES.numberNode(number);
        }
        if (value instanceof Number number) {
            return NODES.numberNode(number.doubleValue());
        }
        if (value instanceof Instant instant) {
            return NODES.textNode(CLOUDTRAIL_DATE.format(instant));
        }
        if (value instanceof SdkBytes) {
            return null;
        }
        if (value instanceof Collection<?> items) {
            ArrayNode array = NODES.arrayNode();
            for (Object item : items) {
                JsonNode rendered = renderValue(item);
                array.add(rendered == null ? NODES.nullNode() : rendered);
            }
            return array;
        }
        if (value instanceof Map<?, ?> entries) {
            ObjectNode map = NODES.objectNode();
            entries.forEach((key, item) -> map.set(String.valueOf(key), renderValue(item)));
            return map;
        }
        return NODES.textNode(String.valueOf(value));
    }

    private static String lowerCamel(String name)
    {
        if (name.isEmpty() || Character.isLowerCase(name.charAt(0))) {
            return name;
        }
        // CloudTrail lower-cases only the first letter: "SAMLProviderArn" becomes "sAMLProviderArn".
        return Character.toLowerCase(name.charAt(0)) + name.substring(1);
    }
}
