package dev.bulwark.policy.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/** Reads the committed oracle corpus under src/test/resources/oracle (see tools/oracle/README.md). */
final class OracleCorpus
{
    static final ObjectMapper MAPPER = new ObjectMapper();

    private OracleCorpus() {}

    static List<JsonNode> lines(String resource)
    {
        InputStream raw = OracleCorpus.class.getResourceAsStream("/oracle/" + resource);
        if (raw == null) {
            throw new IllegalStateException("missing test resource /oracle/" + resource);
        }
        try (InputStream in = resource.endsWith(".gz") ? new GZIPInputStream(raw) : raw;
                BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            List<JsonNode> nodes = new ArrayList<>();
            String line;
            while ((line = reader.readLine()) != null) {
                if (!line.isBlank()) {
                    nodes.add(MAPPER.readTree(line));
                }
            }
            return nodes;
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Oracle output lines by case id. */
    static Map<String, JsonNode> byId(String resource)
    {
        Map<String, JsonNode> map = new LinkedHashMap<>();
        for (JsonNode node : lines(resource)) {
            map.put(node.path("id").asText(), node);
        }
        return map;
    }

    static List<String> ignoredKeys(JsonNode oracleLine)
    {
        List<String> keys = new ArrayList<>();
        oracleLine.path("ignoredContextKeys").forEach(key -> keys.add(key.asText()));
        return keys;
    }
}
