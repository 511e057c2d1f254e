package dev.bulwark.protocol.sigv4;

import dev.bulwark.protocol.http.HttpRequest;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;
import java.util.stream.Stream;

import static dev.bulwark.protocol.sigv4.TestSigV4Errors.RESOLVER;
import static dev.bulwark.protocol.sigv4.TestSigV4Errors.SESSION;
import static dev.bulwark.protocol.sigv4.TestSigV4Errors.T;
import static dev.bulwark.protocol.sigv4.TestSigV4Errors.USER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The last accepted and first rejected instant of every time limit: skew both ways, presign expiry, token expiry. */
final class TestSigV4TimeWindows
{
    record Edge(String name, Dialect dialect, Supplier<HttpRequest> request, Instant lastAccepted, Instant firstRejected)
    {
        @Override
        public String toString()
        {
            return name;
        }
    }

    static Stream<Edge> edges()
    {
        Duration skew = SigV4Verifier.MAX_CLOCK_SKEW;
        return Stream.of(
                new Edge("server clock ahead of the signer", Dialect.QUERY, () -> Requests.iamPost(USER, T), T.plus(skew), T.plus(skew).plusSeconds(1)),
                new Edge("server clock behind the signer", Dialect.QUERY, () -> Requests.iamPost(USER, T), T.minus(skew), T.minus(skew).minusSeconds(1)),
                new Edge("S3 server clock ahead", Dialect.S3, () -> Requests.s3Put(USER, T, new byte[0]), T.plus(skew), T.plus(skew).plusSeconds(1)),
                new Edge("S3 server clock behind", Dialect.S3, () -> Requests.s3Put(USER, T, new byte[0]), T.minus(skew), T.minus(skew).minusSeconds(1)),
                new Edge("S3 presigned for one hour", Dialect.S3, () -> Requests.s3Presigned(USER, T, Duration.ofHours(1)),
                        T.plus(Duration.ofHours(1)), T.plus(Duration.ofHours(1)).plusSeconds(1)),
                new Edge("S3 presigned for seven days", Dialect.S3, () -> Requests.s3Presigned(USER, T, Duration.ofDays(7)),
                        T.plus(Duration.ofDays(7)), T.plus(Duration.ofDays(7)).plusSeconds(1)),
                new Edge("STS presigned for one minute", Dialect.QUERY, () -> Requests.stsPresigned(USER, T, Duration.ofMinutes(1)),
                        T.plusSeconds(60), T.plusSeconds(61)),
                new Edge("temporary credentials expire", Dialect.QUERY, () -> Requests.iamPost(SESSION, SESSION.expiration().minusSeconds(5)),
                        SESSION.expiration().minusMillis(1), SESSION.expiration()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("edges")
    void acceptedUpToTheEdge(Edge edge)
    {
        VerifiedRequest verified = new SigV4Verifier(new MutableClock(edge.lastAccepted())).verify(edge.request().get(), edge.dialect(), RESOLVER);

        assertThat(verified.anonymous()).isFalse();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("edges")
    void rejectedPastTheEdge(Edge edge)
    {
        HttpRequest request = edge.request().get();
        SigV4Verifier verifier = new SigV4Verifier(new MutableClock(edge.firstRejected()));

        assertThatThrownBy(() -> verifier.verify(request, edge.dialect(), RESOLVER)).isInstanceOf(SigV4Exception.class);
    }
}
