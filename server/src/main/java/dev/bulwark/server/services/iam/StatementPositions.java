package dev.bulwark.server.services.iam;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import software.amazon.awssdk.services.iam.model.Position;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Where each statement of a policy text starts and ends, as the policy simulator reports them in
 * {@code MatchedStatements}: lines from 1, and columns counted from 1 just past the statement's opening and
 * closing braces. (AWS's own example: in {@code {"Version":"2012-10-17","Statement":{...}}} on one line of 167
 * characters, the statement runs from column 38 to column 167.)
 */
final class StatementPositions
{
    private static final JsonFactory JSON = JsonFactory.builder().build();

    private StatementPositions() {}

    /** One statement's span. */
    record Span(Position start, Position end) {}

    /** The spans of the statements of {@code text}, in order; empty when the text has no object statements. */
    static List<Span> of(String text)
    {
        List<Span> spans = new ArrayList<>();
        try (JsonParser parser = JSON.createParser(text)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return spans;
            }
            for (JsonToken token = parser.nextToken(); token == JsonToken.FIELD_NAME; token = parser.nextToken()) {
                String name = parser.currentName();
                JsonToken value = parser.nextToken();
                if (!name.equals("Statement")) {
                    parser.skipChildren();
                    continue;
                }
                if (value == JsonToken.START_OBJECT) {
                    spans.add(span(text, parser));
                }
                else if (value == JsonToken.START_ARRAY) {
                    for (JsonToken element = parser.nextToken(); element != JsonToken.END_ARRAY; element = parser.nextToken()) {
                        if (element == JsonToken.START_OBJECT) {
                            spans.add(span(text, parser));
                        }
                        else {
                            parser.skipChildren();
                        }
                    }
                }
                return spans;
            }
            return spans;
        }
        catch (IOException e) {
            return spans;
        }
    }

    private static Span span(String text, JsonParser parser)
            throws IOException
    {
        int open = (int) parser.currentTokenLocation().getCharOffset();
        parser.skipChildren();
        int close = (int) parser.currentTokenLocation().getCharOffset();
        return new Span(position(text, open), position(text, close));
    }

    /** The position just past the character at {@code offset}: 1-based line, 1-based column of the next character. */
    static Position position(String text, int offset)
    {
        int line = 1;
        int lineStart = 0;
        for (int i = 0; i < offset; i++) {
            if (text.charAt(i) == '\n') {
                line++;
                lineStart = i + 1;
            }
        }
        return Position.builder().line(line).column(offset - lineStart + 2).build();
    }
}
