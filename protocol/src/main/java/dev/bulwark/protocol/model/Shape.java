package dev.bulwark.protocol.model;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import static java.util.Objects.requireNonNull;

/**
 * The validation-relevant part of one input shape from the AWS service model: the SDK model classes carry no
 * length, range, pattern or enum constraints and (outside S3) no required markers, so the codecs read them here.
 *
 * <p>{@code min}/{@code max} bound the length of strings, blobs, lists and maps, and the value of numbers.
 * Member, list-member, map-key and map-value entries name other shapes of the same service; a name absent from
 * the table means a shape without constraints.
 */
public record Shape(
        String name,
        String type,
        Optional<BigDecimal> min,
        Optional<BigDecimal> max,
        Optional<Pattern> pattern,
        List<String> enumValues,
        List<String> required,
        Map<String, String> members,
        Optional<String> listMember,
        Optional<String> mapKey,
        Optional<String> mapValue)
{
    public Shape
    {
        requireNonNull(name, "name is null");
        requireNonNull(type, "type is null");
        requireNonNull(min, "min is null");
        requireNonNull(max, "max is null");
        requireNonNull(pattern, "pattern is null");
        enumValues = List.copyOf(requireNonNull(enumValues, "enumValues is null"));
        required = List.copyOf(requireNonNull(required, "required is null"));
        members = Map.copyOf(requireNonNull(members, "members is null"));
        requireNonNull(listMember, "listMember is null");
        requireNonNull(mapKey, "mapKey is null");
        requireNonNull(mapValue, "mapValue is null");
    }

    /** Numbers are bounded by value; everything else by length. */
    public boolean isNumeric()
    {
        return switch (type) {
            case "integer", "long", "float", "double", "bigdecimal", "biginteger", "short", "byte" -> true;
            default -> false;
        };
    }
}
