package dev.bulwark.protocol.model;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import dev.bulwark.protocol.http.QueryStrings;

import static java.util.Objects.requireNonNull;

/**
 * A REST request URI template such as {@code /{Bucket}/{Key+}?tagging} or {@code /detector/{detectorId}},
 * compiled once. Path segments are literal or {@code {label}}; a trailing {@code {label+}} is greedy and may
 * span slashes (S3 object keys). The query part holds literal parameters that must be present, with or
 * without a value ({@code ?tagging}, {@code ?list-type=2}).
 *
 * <p>{@link #specificity()} orders templates so the router tries the most specific first: more literal
 * segments first, then more required query parameters, then non-greedy before greedy.
 */
public final class UriTemplate
{
    private final String text;
    private final List<String> segments;
    private final Map<String, String> requiredQuery;
    private final boolean greedy;

    private UriTemplate(String text, List<String> segments, Map<String, String> requiredQuery, boolean greedy)
    {
        this.text = text;
        this.segments = List.copyOf(segments);
        this.requiredQuery = Map.copyOf(requiredQuery);
        this.greedy = greedy;
    }

    public static UriTemplate parse(String template)
    {
        requireNonNull(template, "template is null");
        int q = template.indexOf('?');
        String path = q < 0 ? template : template.substring(0, q);
        Map<String, String> query = new LinkedHashMap<>();
        if (q >= 0) {
            QueryStrings.parse(template.substring(q + 1)).forEach((name, values) -> query.put(name, values.get(0)));
        }
        List<String> segments = new ArrayList<>();
        for (String segment : path.split("/", -1)) {
            if (!segment.isEmpty()) {
                segments.add(segment);
            }
        }
        boolean greedy = !segments.isEmpty() && segments.get(segments.size() - 1).endsWith("+}");
        return new UriTemplate(template, segments, query, greedy);
    }

    public String text()
    {
        return text;
    }

    /** Higher is more specific. */
    public int specificity()
    {
        int literals = (int) segments.stream().filter(segment -> !segment.startsWith("{")).count();
        return literals * 10_000 + segments.size() * 100 + requiredQuery.size() * 10 + (greedy ? 0 : 1);
    }

    /**
     * Matches a raw (percent-encoded) path and its decoded query parameters; returns the decoded label values,
     * keyed case-insensitively.
     * A query parameter declared without a value (e.g. {@code ?tagging}) only has to be present.
     */
    public Optional<Map<String, String>> match(String rawPath, Map<String, List<String>> query)
    {
        for (Map.Entry<String, String> required : requiredQuery.entrySet()) {
            List<String> values = query.get(required.getKey());
            if (values == null || (!required.getValue().isEmpty() && !values.contains(required.getValue()))) {
                return Optional.empty();
            }
        }
        String path = rawPath.startsWith("/") ? rawPath.substring(1) : rawPath;
        // Label names are matched case-insensitively: the AWS models spell them {DetectorId} where the SDK's
        // field location is detectorId.
        Map<String, String> labels = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        int position = 0;
        for (int i = 0; i < segments.size(); i++) {
            String segment = segments.get(i);
            if (greedy && i == segments.size() - 1) {
                String rest = position <= path.length() ? path.substring(position) : "";
                if (rest.isEmpty()) {
                    return Optional.empty();
                }
                labels.put(label(segment), decode(rest));
                return Optional.of(labels);
            }
            if (position > path.length()) {
                return Optional.empty();
            }
            int slash = path.indexOf('/', position);
            String actual = slash < 0 ? path.substring(position) : path.substring(position, slash);
            position = slash < 0 ? path.length() + 1 : slash + 1;
            if (segment.startsWith("{")) {
                if (actual.isEmpty()) {
                    return Optional.empty();
                }
                labels.put(label(segment), decode(actual));
            }
            else if (!segment.equals(actual)) {
                return Optional.empty();
            }
        }
        // Whatever remains must be nothing or a single trailing slash.
        String rest = position <= path.length() ? path.substring(position) : "";
        return rest.isEmpty() ? Optional.of(labels) : Optional.empty();
    }

    private static String label(String segment)
    {
        return segment.substring(1, segment.length() - (segment.endsWith("+}") ? 2 : 1));
    }

    /** Path decoding: unlike forms, '+' is a literal plus. */
    private static String decode(String raw)
    {
        return URLDecoder.decode(raw.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    @Override
    public String toString()
    {
        return text;
    }
}
