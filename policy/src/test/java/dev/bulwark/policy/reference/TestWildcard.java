package dev.bulwark.policy.reference;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

final class TestWildcard
{
    @ParameterizedTest
    @CsvSource({
            "*, '', true",
            "*, getobject, true",
            "get*, getobject, true",
            "get*, get, true",
            "get*, putobject, false",
            "*object, getobject, true",
            "*object, getobjectacl, false",
            "g?t*, getobject, true",
            "g?t*, gt, false",
            "?, a, true",
            "?, '', false",
            "a*b*c, aXXbYYc, true",
            "a*b*c, aXXbYY, false",
            "a**c, ac, true",
            "getobject, getobject, true",
            "getobject, getobjects, false",
    })
    void testStarMatchesAnyRunAndQuestionMarkExactlyOneCharacter(String pattern, String text, boolean expected)
    {
        assertThat(Wildcard.matches(pattern, text)).isEqualTo(expected);
    }
}
