package dev.bulwark.protocol.model;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import dev.bulwark.protocol.http.QueryStrings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;

final class TestUriTemplate
{
    static Stream<Arguments> matches()
    {
        return Stream.of(
                Arguments.of("/", "/", "", Map.of()),
                Arguments.of("/{Bucket}", "/photos", "", Map.of("Bucket", "photos")),
                Arguments.of("/{Bucket}", "/photos/", "", Map.of("Bucket", "photos")),
                Arguments.of("/{Bucket}/{Key+}", "/b/a/b%20c/%C3%BC+x.txt", "", Map.of("Bucket", "b", "Key", "a/b c/ü+x.txt")),
                Arguments.of("/{Bucket}?tagging", "/b", "tagging", Map.of("Bucket", "b")),
                Arguments.of("/{Bucket}?list-type=2", "/b", "list-type=2&prefix=p", Map.of("Bucket", "b")),
                Arguments.of("/tags/{ResourceArn}", "/tags/arn%3Aaws%3Ax%3A%3A1%3Ad%2Fe", "", Map.of("ResourceArn", "arn:aws:x::1:d/e")),
                Arguments.of("/detector/{DetectorId}/findings", "/detector/d1/findings", "", Map.of("detectorId", "d1")));
    }

    @ParameterizedTest(name = "{0} matches {1}?{2}")
    @MethodSource("matches")
    void matchesAndDecodesLabels(String template, String path, String query, Map<String, String> labels)
    {
        Optional<Map<String, String>> match = UriTemplate.parse(template).match(path, QueryStrings.parse(query));

        assertThat(match).isPresent();
        labels.forEach((name, value) -> assertThat(match.get()).containsEntry(name, value));
        assertThat(match.get()).hasSameSizeAs(labels);
    }

    static Stream<Arguments> mismatches()
    {
        return Stream.of(
                Arguments.of("/", "/b"),
                Arguments.of("/{Bucket}", "/b/k"),
                Arguments.of("/{Bucket}", "/"),
                Arguments.of("/{Bucket}/{Key+}", "/b"),
                Arguments.of("/{Bucket}/{Key+}", "/b/"),
                Arguments.of("/{Bucket}?tagging", "/b"),
                Arguments.of("/{Bucket}?list-type=2", "/b?list-type=1"),
                Arguments.of("/detector/{DetectorId}", "/detectors/d1"));
    }

    @ParameterizedTest(name = "{0} does not match {1}")
    @MethodSource("mismatches")
    void rejectsOtherPaths(String template, String target)
    {
        int q = target.indexOf('?');
        String path = q < 0 ? target : target.substring(0, q);
        String query = q < 0 ? "" : target.substring(q + 1);

        assertThat(UriTemplate.parse(template).match(path, QueryStrings.parse(query))).isEmpty();
    }

    @Test
    void moreSpecificTemplatesRankHigher()
    {
        List<String> ordered = List.of("/detector/{DetectorId}/findings/get", "/detector/{DetectorId}/findings", "/detector/{DetectorId}",
                "/{Bucket}/{Key+}?tagging", "/{Bucket}?tagging", "/{Bucket}", "/");
        for (int i = 0; i + 1 < ordered.size(); i++) {
            if (ordered.get(i).startsWith("/detector") == ordered.get(i + 1).startsWith("/detector")) {
                assertThat(UriTemplate.parse(ordered.get(i)).specificity())
                        .as("%s over %s", ordered.get(i), ordered.get(i + 1))
                        .isGreaterThan(UriTemplate.parse(ordered.get(i + 1)).specificity());
            }
        }
    }
}
