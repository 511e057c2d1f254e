package dev.bulwark.policy.eval;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

final class TestGlob
{
    static Stream<Arguments> patterns()
    {
        return Stream.of(
                Arguments.of("", "", true),
                Arguments.of("", "a", false),
                Arguments.of("*", "", true),
                Arguments.of("*", "anything/at:all", true),
                Arguments.of("abc", "abc", true),
                Arguments.of("abc", "abcd", false),
                Arguments.of("a?c", "abc", true),
                Arguments.of("a?c", "ac", false),
                Arguments.of("a*", "a", true),
                Arguments.of("*c", "abc", true),
                Arguments.of("*c", "abcd", false),
                Arguments.of("a*c", "ac", true),
                Arguments.of("a*c", "abbbc", true),
                Arguments.of("a*b*c", "aXbYc", true),
                Arguments.of("a*b*c", "acb", false),
                Arguments.of("*ab*ab*", "xxabyyab", true),
                Arguments.of("*ab*ab*", "xxab", false),
                Arguments.of("a*a", "a", false),
                Arguments.of("?*?", "ab", true),
                Arguments.of("?*?", "a", false),
                Arguments.of("**", "x", true),
                Arguments.of("*a?c*", "zzabc", true),
                Arguments.of("Case", "case", false));
    }

    @ParameterizedTest(name = "''{0}'' vs ''{1}'' -> {2}")
    @MethodSource("patterns")
    void wildcardPatternMatchesLikeIam(String pattern, String text, boolean matches)
    {
        assertThat(Glob.compile(pattern).matches(text)).isEqualTo(matches);
        assertThat(Glob.matches(pattern, null, 0, pattern.length(), text, 0, text.length())).as("uncompiled").isEqualTo(matches);
    }

    @Test
    void literalCharactersAreNotWildcards()
    {
        boolean[] literal = {false, true, false};

        assertThat(Glob.compile("a*c", literal).matches("a*c")).isTrue();
        assertThat(Glob.compile("a*c", literal).matches("abc")).isFalse();
        assertThat(Glob.compile("a?c", literal).matches("abc")).isFalse();
        assertThat(Glob.matches("a*c", literal, 0, 3, "a*c", 0, 3)).isTrue();
        assertThat(Glob.matches("a*c", literal, 0, 3, "abc", 0, 3)).isFalse();
    }

    @Test
    void hostilePatternDecidesCorrectlyOnLongText()
    {
        Glob hostile = Glob.compile("*a*a*a*a*a*a*a*a*a*a*b");
        String almost = "a".repeat(200_000);

        assertThat(hostile.matches(almost)).isFalse();
        assertThat(hostile.matches(almost + "b")).isTrue();
    }

    @Test
    void matchesARegionOfTheText()
    {
        assertThat(Glob.compile("us-*").matches("arn:aws:sqs:us-east-1:1:q", 12, 21)).isTrue();
        assertThat(Glob.compile("us-*").matches("arn:aws:sqs:eu-west-1:1:q", 12, 21)).isFalse();
    }
}
