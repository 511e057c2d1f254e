package dev.bulwark.server.services.iam;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.bulwark.server.services.iam.model.Tag;
import dev.bulwark.server.store.StoreException;

import java.util.ArrayList;
import java.util.List;

/** How session tags and transitive tag keys are kept in a column: JSON arrays, NULL when there are none. */
final class SessionTagColumns
{
    private static final ObjectMapper JSON = new ObjectMapper();

    private SessionTagColumns() {}

    static String tags(List<Tag> tags)
    {
        if (tags.isEmpty()) {
            return null;
        }
        ArrayNode array = JSON.createArrayNode();
        tags.forEach(tag -> array.addObject().put("Key", tag.key()).put("Value", tag.value()));
        return array.toString();
    }

    static String keys(List<String> keys)
    {
        if (keys.isEmpty()) {
            return null;
        }
        ArrayNode array = JSON.createArrayNode();
        keys.forEach(array::add);
        return array.toString();
    }

    static List<Tag> parseTags(String column)
    {
        List<Tag> tags = new ArrayList<>();
        for (JsonNode tag : parse(column)) {
            tags.add(new Tag(tag.path("Key").asText(), tag.path("Value").asText()));
        }
        return tags;
    }

    static List<String> parseKeys(String column)
    {
        List<String> keys = new ArrayList<>();
        parse(column).forEach(key -> keys.add(key.asText()));
        return keys;
    }

    private static JsonNode parse(String column)
    {
        if (column == null) {
            return JSON.createArrayNode();
        }
        try {
            return JSON.readTree(column);
        }
        catch (JsonProcessingException e) {
            throw new StoreException("unreadable session tags: " + e.getOriginalMessage());
        }
    }
}
