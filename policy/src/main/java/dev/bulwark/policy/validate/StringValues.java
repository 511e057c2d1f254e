package dev.bulwark.policy.validate;

import static java.util.Objects.requireNonNull;

import dev.bulwark.policy.validate.JsonValue.JsonArray;
import dev.bulwark.policy.validate.JsonValue.JsonString;
import java.util.ArrayList;
import java.util.List;

/**
 * The strings of an element that takes a string or an array of strings ({@code Action},
 * {@code Resource}, principal values), each with its path and span. Values of another JSON type are
 * reported as {@code DATA_TYPE_MISMATCH} and skipped.
 */
final class StringValues
{
    private StringValues() {}

    record Entry(String value, List<PathElement> path, Span span)
    {
        Entry
        {
            requireNonNull(value, "value is null");
            path = List.copyOf(requireNonNull(path, "path is null"));
            requireNonNull(span, "span is null");
        }

        Location location()
        {
            return new Location(path, span);
        }
    }

    /** The entries, or empty for an empty array; {@code isArray} callers tell the two apart with {@link #isEmptyArray}. */
    static List<Entry> of(JsonValue value, List<PathElement> path, ValidationContext context)
    {
        List<Entry> entries = new ArrayList<>();
        if (value instanceof JsonString string) {
            entries.add(new Entry(string.value(), path, string.span()));
        }
        else if (value instanceof JsonArray array) {
            for (int i = 0; i < array.elements().size(); i++) {
                JsonValue element = array.elements().get(i);
                List<PathElement> elementPath = ValidationContext.path(path, PathElement.index(i));
                if (element instanceof JsonString string) {
                    entries.add(new Entry(string.value(), elementPath, string.span()));
                }
                else {
                    context.add(IssueCode.DATA_TYPE_MISMATCH, elementPath, element.span(), "String");
                }
            }
        }
        else {
            context.add(IssueCode.DATA_TYPE_MISMATCH, path, value.span(), "Array");
        }
        return entries;
    }

    /** The string entries only, without reporting other types: for checks that run after the element was reported on. */
    static List<Entry> quietly(JsonValue value, List<PathElement> path)
    {
        List<Entry> entries = new ArrayList<>();
        if (value instanceof JsonString string) {
            entries.add(new Entry(string.value(), path, string.span()));
        }
        else if (value instanceof JsonArray array) {
            for (int i = 0; i < array.elements().size(); i++) {
                if (array.elements().get(i) instanceof JsonString string) {
                    entries.add(new Entry(string.value(), ValidationContext.path(path, PathElement.index(i)), string.span()));
                }
            }
        }
        return entries;
    }

    static boolean isEmptyArray(JsonValue value)
    {
        return value instanceof JsonArray array && array.elements().isEmpty();
    }
}
