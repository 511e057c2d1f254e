package dev.bulwark.protocol.sigv4;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/** The canonicalisation rules of SigV4, one row per rule. */
final class TestCanonicalRequest
{
    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "\"\"|/",
            "/|/",
            "/a/b|/a/b",
            "/a/./b|/a/b",
            "/a/../b|/b",
            "/../a|/a",
            "/a//b|/a/b",
            "/a/b/|/a/b/",
            "/a/b/..|/a",
            "/caf%C3%A9|/caf%25C3%25A9",
            "/a%20b/x%2Fy|/a%2520b/x%252Fy",
            "/~user/it's|/~user/it%27s",
            "/-_.~|/-_.~",
    })
    void nonS3PathIsNormalisedAndEncodedAgain(String rawPath, String canonical)
    {
        assertThat(CanonicalRequest.canonicalUri(rawPath, Dialect.QUERY)).isEqualTo(canonical);
    }

    @ParameterizedTest(name = "[{0}]")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "\"\"|/",
            "/bucket/a/./b/../c//d|/bucket/a/./b/../c//d",
            "/caf%C3%A9%20x|/caf%C3%A9%20x",
    })
    void s3PathIsSignedAsSent(String rawPath, String canonical)
    {
        assertThat(CanonicalRequest.canonicalUri(rawPath, Dialect.S3)).isEqualTo(canonical);
    }

    @ParameterizedTest(name = "[{0}]")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "\"\"|\"\"",
            "b=2&a=1|a=1&b=2",
            "a=2&a=10&a=1|a=1&a=10&a=2",
            "flag&empty=|empty=&flag=",
            "x=a%20b&y=a+b|x=a%20b&y=a%20b",
            "plus=1%2B1|plus=1%2B1",
            "k=%7e%2d%5F%2E|k=~-_.",
            "uni=%C3%A9%E2%82%AC|uni=%C3%A9%E2%82%AC",
            "r=!*'()|r=%21%2A%27%28%29",
            "B=1&a=1&_=1|B=1&_=1&a=1",
            "%E2%82%AC=1&z=1|%E2%82%AC=1&z=1",
            "&&a=1&&|a=1",
            "bad=%zz|bad=%25zz",
    })
    void queryIsDecodedReEncodedAndSorted(String rawQuery, String canonical)
    {
        assertThat(CanonicalRequest.canonicalQuery(QueryParameter.parse(rawQuery), false)).isEqualTo(canonical);
    }

    @ParameterizedTest(name = "[{0}]")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "value|value",
            "\"  leading and trailing  \"|leading and trailing",
            "\"a   b \t\t c\"|a b c",
            "\"\t\"|\"\"",
            "'single   quoted'|'single quoted'",
    })
    void headerValuesAreTrimmedAndSpacesCollapsed(String value, String canonical)
    {
        StringBuilder out = new StringBuilder();
        CanonicalRequest.appendTrimmed(out, value);
        assertThat(out.toString()).isEqualTo(canonical);
    }
}
