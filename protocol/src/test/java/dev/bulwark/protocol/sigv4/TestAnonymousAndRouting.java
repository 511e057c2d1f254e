package dev.bulwark.protocol.sigv4;

import dev.bulwark.protocol.http.HttpRequest;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Optional;

import static dev.bulwark.protocol.sigv4.TestSigV4Errors.RESOLVER;
import static dev.bulwark.protocol.sigv4.TestSigV4Errors.T;
import static dev.bulwark.protocol.sigv4.TestSigV4Errors.USER;
import static org.assertj.core.api.Assertions.assertThat;

/** Unsigned requests and reading the credential scope before authentication. */
final class TestAnonymousAndRouting
{
    @Test
    void s3LetsAnonymousRequestsThroughToAuthorization()
    {
        HttpRequest request = Requests.unsigned("GET", "/public-bucket/file.txt", "versionId=1");

        VerifiedRequest verified = new SigV4Verifier(new MutableClock(T)).verify(request, Dialect.S3,
                key -> { throw new AssertionError("no key lookup for an anonymous request"); });

        assertThat(SigV4Verifier.isAnonymous(request)).isTrue();
        assertThat(verified.anonymous()).isTrue();
        assertThat(verified.accessKeyId()).isNull();
        assertThat(verified.sessionToken()).isEmpty();
    }

    @Test
    void signedRequestsAreNotAnonymous()
    {
        assertThat(SigV4Verifier.isAnonymous(Requests.iamPost(USER, T))).isFalse();
        assertThat(SigV4Verifier.isAnonymous(Requests.s3Presigned(USER, T, Duration.ofMinutes(5)))).isFalse();
    }

    @Test
    void peekReadsTheScopeFromTheHeaderWithoutVerifying()
    {
        SigningCredential wrongSecret = SigningCredential.longTerm(USER.accessKeyId(), "wrong");

        Optional<CredentialScope> scope = CredentialScope.peek(Requests.kmsPost(wrongSecret, T));

        assertThat(scope).contains(new CredentialScope(USER.accessKeyId(), "20250304", "us-east-1", "kms"));
    }

    @Test
    void peekReadsTheScopeFromAPresignedQuery()
    {
        assertThat(CredentialScope.peek(Requests.stsPresigned(USER, T, Duration.ofMinutes(5))))
                .contains(new CredentialScope(USER.accessKeyId(), "20250304", "us-east-1", "sts"));
    }

    @Test
    void peekFindsNothingInUnsignedOrMalformedRequests()
    {
        assertThat(CredentialScope.peek(Requests.unsigned("GET", "/", ""))).isEmpty();
        assertThat(CredentialScope.peek(Requests.withHeader(Requests.unsigned("GET", "/", ""), "Authorization",
                "AWS4-HMAC-SHA256 Credential=AKID/20250304/us-east-1, SignedHeaders=host, Signature=00"))).isEmpty();
    }

    @Test
    void peekSurvivesBrokenPercentEscapes()
    {
        HttpRequest request = Requests.unsigned("GET", "/", "bad=%zz&X-Amz-Credential=AKID%2F20250304%2Fus-east-1%2Fs3%2Faws4_request&x=%");

        assertThat(CredentialScope.peek(request)).contains(new CredentialScope("AKID", "20250304", "us-east-1", "s3"));
    }

    @Test
    void verifiedRequestReportsScopeAndSigningFacts()
    {
        VerifiedRequest verified = new SigV4Verifier(new MutableClock(T)).verify(Requests.stsPresigned(USER, T, Duration.ofMinutes(5)),
                Dialect.QUERY, RESOLVER);

        assertThat(verified.presigned()).isTrue();
        assertThat(verified.region()).isEqualTo("us-east-1");
        assertThat(verified.service()).isEqualTo("sts");
        assertThat(verified.unsignedPayload()).isFalse();
        assertThat(verified.streaming()).isFalse();
    }

    @Test
    void signingKeysAreDerivedOncePerScopeAndBounded()
    {
        SigningKeyCache cache = new SigningKeyCache(2);
        CredentialScope iam = new CredentialScope("AKID", "20250304", "us-east-1", "iam");

        byte[] first = cache.signingKey("secret", iam);
        byte[] again = cache.signingKey("secret", iam);
        cache.signingKey("secret", new CredentialScope("AKID", "20250304", "us-east-1", "sts"));
        cache.signingKey("secret", new CredentialScope("AKID", "20250305", "us-east-1", "sts"));

        assertThat(again).isSameAs(first);
        assertThat(cache.size()).isLessThanOrEqualTo(2);
        assertThat(cache.signingKey("other-secret", iam)).isNotEqualTo(first);
    }
}
