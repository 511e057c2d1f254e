package dev.bulwark.protocol.route;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import dev.bulwark.protocol.http.HttpRequest;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;

final class TestVirtualHostedStyle
{
    private static final VirtualHostedStyle STYLE = new VirtualHostedStyle(List.of("s3.localhost", "s3.eu-west-1.amazonaws.com"));

    static Stream<Arguments> rewrites()
    {
        return Stream.of(
                Arguments.of("my-bucket.s3.localhost:4566", "/photos/a%20b.jpg", "/my-bucket/photos/a%20b.jpg"),
                Arguments.of("my-bucket.s3.localhost", "/", "/my-bucket"),
                Arguments.of("My.Bucket.s3.eu-west-1.amazonaws.com", "/k", "/my.bucket/k"),
                Arguments.of("s3.localhost:4566", "/my-bucket/k", "/my-bucket/k"),
                Arguments.of("localhost:4566", "/my-bucket/k", "/my-bucket/k"),
                Arguments.of("127.0.0.1:4566", "/my-bucket", "/my-bucket"));
    }

    @ParameterizedTest(name = "{0}{1} -> {2}")
    @MethodSource("rewrites")
    void rewritesBucketSubdomainsToPathStyle(String host, String path, String expected)
    {
        HttpRequest request = new HttpRequest("GET", path, "tagging", Map.of("Host", List.of(host)), new byte[0], false, "127.0.0.1");

        HttpRequest rewritten = STYLE.toPathStyle(request);

        assertThat(rewritten.rawPath()).isEqualTo(expected);
        assertThat(rewritten.rawQuery()).isEqualTo("tagging");
        assertThat(rewritten.header("Host")).contains(host);
    }
}
