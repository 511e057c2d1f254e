package dev.bulwark.policy.validate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.policy.validate.JsonValue.JsonArray;
import dev.bulwark.policy.validate.JsonValue.JsonLiteral;
import dev.bulwark.policy.validate.JsonValue.JsonObject;
import dev.bulwark.policy.validate.JsonValue.JsonString;
import dev.bulwark.policy.validate.JsonValue.LiteralKind;
import dev.bulwark.policy.validate.JsonValue.Member;
import dev.bulwark.policy.validate.PositionedJsonReader.JsonSyntaxException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

final class TestPositionedJsonReader
{
    private static String text(String source, Span span)
    {
        return source.substring(span.start().offset(), span.end().offset());
    }

    @Test
    void testEverySpanCoversExactlyItsText()
    {
        String source = "{\n  \"Key\": [\"a\\\"b\", 12.5, true, null, {}],\n  \"Other\" : \"\\u00e9\"\n}";
        JsonObject root = (JsonObject) PositionedJsonReader.read(source);

        assertThat(text(source, root.span())).isEqualTo(source);
        Member key = root.members().get(0);
        assertThat(text(source, key.keySpan())).isEqualTo("\"Key\"");
        JsonArray array = (JsonArray) key.value();
        assertThat(text(source, array.span())).isEqualTo("[\"a\\\"b\", 12.5, true, null, {}]");
        assertThat(((JsonString) array.elements().get(0)).value()).isEqualTo("a\"b");
        assertThat(text(source, array.elements().get(0).span())).isEqualTo("\"a\\\"b\"");
        assertThat(array.elements().get(1)).isEqualTo(new JsonLiteral("12.5", LiteralKind.NUMBER, array.elements().get(1).span()));
        assertThat(text(source, array.elements().get(2).span())).isEqualTo("true");
        assertThat(text(source, array.elements().get(3).span())).isEqualTo("null");
        assertThat(text(source, array.elements().get(4).span())).isEqualTo("{}");
        Member other = root.members().get(1);
        assertThat(((JsonString) other.value()).value()).isEqualTo("é");
        assertThat(other.keySpan().start()).isEqualTo(new Position(3, 2, source.indexOf("\"Other\"")));
    }

    @Test
    void testMemberLookupIsCaseSensitiveAndTakesTheFirst()
    {
        JsonObject root = (JsonObject) PositionedJsonReader.read("{\"a\": 1, \"A\": 2, \"a\": 3}");

        assertThat(root.member("a")).get().extracting(member -> ((JsonLiteral) member.value()).text()).isEqualTo("1");
        assertThat(root.member("A")).get().extracting(member -> ((JsonLiteral) member.value()).text()).isEqualTo("2");
        assertThat(root.member("b")).isEmpty();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "'' | 1 | 0",
            "{ | 1 | 1",
            "{\"a\": } | 1 | 6",
            "{} {} | 1 | 3",
            "{\"a\": 1,\\n \"b\" 2} | 2 | 5",
    })
    void testSyntaxErrorCarriesWhereTheParserStopped(String source, int line, int column)
    {
        String text = source.replace("\\n", "\n");
        assertThatThrownBy(() -> PositionedJsonReader.read(text))
                .isInstanceOfSatisfying(JsonSyntaxException.class, e -> {
                    assertThat(e.position().line()).isEqualTo(line);
                    assertThat(e.position().column()).isEqualTo(column);
                });
    }
}
