package dev.bulwark.policy.validate;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import dev.bulwark.policy.validate.JsonValue.JsonArray;
import dev.bulwark.policy.validate.JsonValue.JsonLiteral;
import dev.bulwark.policy.validate.JsonValue.JsonObject;
import dev.bulwark.policy.validate.JsonValue.JsonString;
import dev.bulwark.policy.validate.JsonValue.LiteralKind;
import dev.bulwark.policy.validate.JsonValue.Member;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Reads JSON text into a {@link JsonValue} tree with a span for every value and key, using
 * Jackson's streaming parser for the grammar and the character offsets it reports.
 */
final class PositionedJsonReader
{
    private static final JsonFactory FACTORY = JsonFactory.builder().build();

    private final String text;
    private final int[] lineStarts;

    private PositionedJsonReader(String text)
    {
        this.text = text;
        this.lineStarts = lineStarts(text);
    }

    /** The tree of {@code text}; a syntax error is thrown with its position. */
    static JsonValue read(String text)
    {
        PositionedJsonReader reader = new PositionedJsonReader(text);
        try (JsonParser parser = FACTORY.createParser(text)) {
            JsonToken first = parser.nextToken();
            if (first == null) {
                throw reader.syntaxError(text.length());
            }
            JsonValue root = reader.readValue(parser, first);
            if (parser.nextToken() != null) {
                throw reader.syntaxError(offset(parser.currentTokenLocation()));
            }
            return root;
        }
        catch (JsonProcessingException e) {
            throw reader.syntaxError(e.getLocation() == null ? 0 : offset(e.getLocation()));
        }
        catch (IOException e) {
            // reading from a String cannot fail with anything but a parse error
            throw new UncheckedIOException(e);
        }
    }

    /** The position of a character offset of the text. */
    Position position(int offset)
    {
        int index = Arrays.binarySearch(lineStarts, offset);
        int line = index >= 0 ? index : -index - 2;
        return new Position(line + 1, offset - lineStarts[line], offset);
    }

    private JsonValue readValue(JsonParser parser, JsonToken token)
            throws IOException
    {
        int start = offset(parser.currentTokenLocation());
        switch (token) {
            case START_OBJECT -> {
                List<Member> members = new ArrayList<>();
                for (JsonToken next = parser.nextToken(); next != JsonToken.END_OBJECT; next = parser.nextToken()) {
                    int keyStart = offset(parser.currentTokenLocation());
                    String key = parser.currentName();
                    Span keySpan = span(keyStart, stringEnd(keyStart));
                    JsonValue value = readValue(parser, parser.nextToken());
                    members.add(new Member(key, keySpan, value));
                }
                return new JsonObject(members, span(start, offset(parser.currentTokenLocation()) + 1));
            }
            case START_ARRAY -> {
                List<JsonValue> elements = new ArrayList<>();
                for (JsonToken next = parser.nextToken(); next != JsonToken.END_ARRAY; next = parser.nextToken()) {
                    elements.add(readValue(parser, next));
                }
                return new JsonArray(elements, span(start, offset(parser.currentTokenLocation()) + 1));
            }
            case VALUE_STRING -> {
                return new JsonString(parser.getText(), span(start, stringEnd(start)));
            }
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> {
                String number = parser.getText();
                return new JsonLiteral(number, LiteralKind.NUMBER, span(start, start + number.length()));
            }
            case VALUE_TRUE, VALUE_FALSE -> {
                String bool = parser.getText();
                return new JsonLiteral(bool, LiteralKind.BOOLEAN, span(start, start + bool.length()));
            }
            case VALUE_NULL -> {
                return new JsonLiteral("null", LiteralKind.NULL, span(start, start + 4));
            }
            default -> throw new IllegalStateException("unexpected JSON token " + token + " at offset " + start);
        }
    }

    /** The offset after the closing quote of the string token starting at {@code quote}. */
    private int stringEnd(int quote)
    {
        int index = quote + 1;
        while (index < text.length()) {
            char c = text.charAt(index);
            if (c == '\\') {
                index += 2;
                continue;
            }
            if (c == '"') {
                return index + 1;
            }
            index++;
        }
        return text.length();
    }

    private Span span(int start, int end)
    {
        return new Span(position(start), position(Math.min(end, text.length())));
    }

    private JsonSyntaxException syntaxError(long offset)
    {
        int clamped = (int) Math.max(0, Math.min(offset, text.length()));
        return new JsonSyntaxException(position(clamped));
    }

    private static int offset(JsonLocation location)
    {
        return (int) location.getCharOffset();
    }

    private static int[] lineStarts(String text)
    {
        List<Integer> starts = new ArrayList<>();
        starts.add(0);
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                starts.add(i + 1);
            }
        }
        return starts.stream().mapToInt(Integer::intValue).toArray();
    }

    /** The text is not JSON; {@link #position()} is where the parser gave up. */
    static final class JsonSyntaxException extends RuntimeException
    {
        private static final long serialVersionUID = 1L;

        private final transient Position position;

        JsonSyntaxException(Position position)
        {
            super("JSON syntax error at " + position);
            this.position = position;
        }

        Position position()
        {
            return position;
        }
    }
}
