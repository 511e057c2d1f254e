package dev.bulwark.policy.validate;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Optional;

/**
 * A JSON value of the policy text together with where it is written. The validator works on this
 * tree rather than on a parsed {@code PolicyDocument} because every finding must point at a path
 * and a span, and because it must keep going after the first problem, where a parser stops.
 */
sealed interface JsonValue
{
    Span span();

    /** The JSON type as Access Analyzer names it in {@code DATA_TYPE_MISMATCH}. */
    String typeName();

    record JsonObject(List<Member> members, Span span) implements JsonValue
    {
        public JsonObject
        {
            members = List.copyOf(requireNonNull(members, "members is null"));
            requireNonNull(span, "span is null");
        }

        /** The first member with exactly this key; policy element names are case-sensitive. */
        Optional<Member> member(String key)
        {
            return members.stream().filter(member -> member.key().equals(key)).findFirst();
        }

        @Override
        public String typeName()
        {
            return "Object";
        }
    }

    record Member(String key, Span keySpan, JsonValue value)
    {
        public Member
        {
            requireNonNull(key, "key is null");
            requireNonNull(keySpan, "keySpan is null");
            requireNonNull(value, "value is null");
        }
    }

    record JsonArray(List<JsonValue> elements, Span span) implements JsonValue
    {
        public JsonArray
        {
            elements = List.copyOf(requireNonNull(elements, "elements is null"));
            requireNonNull(span, "span is null");
        }

        @Override
        public String typeName()
        {
            return "Array";
        }
    }

    record JsonString(String value, Span span) implements JsonValue
    {
        public JsonString
        {
            requireNonNull(value, "value is null");
            requireNonNull(span, "span is null");
        }

        @Override
        public String typeName()
        {
            return "String";
        }
    }

    /** A number, {@code true}, {@code false} or {@code null}, kept as written. */
    record JsonLiteral(String text, LiteralKind kind, Span span) implements JsonValue
    {
        public JsonLiteral
        {
            requireNonNull(text, "text is null");
            requireNonNull(kind, "kind is null");
            requireNonNull(span, "span is null");
        }

        @Override
        public String typeName()
        {
            return switch (kind) {
                case NUMBER -> "Number";
                case BOOLEAN -> "Boolean";
                case NULL -> "Null";
            };
        }
    }

    enum LiteralKind
    {
        NUMBER,
        BOOLEAN,
        NULL
    }
}
