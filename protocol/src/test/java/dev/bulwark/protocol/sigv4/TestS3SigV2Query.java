package dev.bulwark.protocol.sigv4;

import dev.bulwark.protocol.http.HttpRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** boto3's default S3 presigned URLs (legacy SigV2 query auth): accepted until Expires, rejected with S3's errors. */
final class TestS3SigV2Query
{
    private final Boto3Fixture get = fixture("boto3 client SigV2: get_object");
    private final Boto3Fixture withToken = fixture("boto3 client SigV2: get_object with versionId");

    @Test
    void acceptedUntilExpiresInclusive()
    {
        Duration lifetime = Duration.ofHours(1);

        assertThat(verify(get, get.signedAt().plus(lifetime), get.resolver()).signatureV2()).isTrue();
        SigV4Exception e = fail(get, get.signedAt().plus(lifetime).plusSeconds(1), get.resolver());

        assertThat(e.code()).isEqualTo("AccessDenied");
        assertThat(e.getMessage()).isEqualTo("Request has expired");
        assertThat(e.details()).containsEntry("Expires", "2025-01-01T13:00:00Z").containsEntry("ServerTime", "2025-01-01T13:00:01Z");
    }

    @Test
    void wrongSecretShowsTheStringToSign()
    {
        SigV4Exception e = fail(get, get.signedAt(), key -> Optional.of(SigningCredential.longTerm(key, "not-the-secret")));

        assertThat(e.code()).isEqualTo("SignatureDoesNotMatch");
        assertThat(e.httpStatus()).isEqualTo(403);
        assertThat(e.details().get("StringToSign")).isEqualTo("GET\n\n\n1735736400\n/bucket/a%20b/%C3%A9%2Bx.txt");
    }

    @Test
    void unknownKeyIsInvalidAccessKeyId()
    {
        assertThat(fail(get, get.signedAt(), key -> Optional.empty()).code()).isEqualTo("InvalidAccessKeyId");
    }

    @Test
    void sessionTokenMustMatch()
    {
        SigningCredential other = SigningCredential.temporary(withToken.credential().accessKeyId(), withToken.credential().secretKey(),
                "other-token", withToken.credential().expiration());

        assertThat(fail(withToken, withToken.signedAt(), key -> Optional.of(other)).code()).isEqualTo("InvalidToken");
        assertThat(verify(withToken, withToken.signedAt(), withToken.resolver()).sessionToken()).isEqualTo(withToken.credential().sessionTokenIfAny());
    }

    @Test
    void subResourcesAreSigned()
    {
        HttpRequest original = withToken.request();
        HttpRequest otherVersion = Requests.withQuery(original, original.rawQuery().replace("versionId=3%2FL4kqtJl%2Bcp", "versionId=1"));

        SigV4Exception e = catchThrowableOfType(SigV4Exception.class, () -> new SigV4Verifier(new MutableClock(withToken.signedAt()))
                .verify(otherVersion, Dialect.S3, withToken.resolver()));

        assertThat(e.code()).isEqualTo("SignatureDoesNotMatch");
    }

    @Test
    void missingExpiresIsAccessDenied()
    {
        HttpRequest request = Requests.withQuery(get.request(), get.rawQuery().replaceAll("&Expires=\\d+", ""));

        SigV4Exception e = catchThrowableOfType(SigV4Exception.class,
                () -> new SigV4Verifier(new MutableClock(get.signedAt())).verify(request, Dialect.S3, get.resolver()));

        assertThat(e.code()).isEqualTo("AccessDenied");
        assertThat(e.getMessage()).isEqualTo("Query-string authentication requires the Signature, Expires and AWSAccessKeyId parameters");
    }

    @Test
    void notAnonymousAndNotHeldToARegion()
    {
        VerifiedRequest verified = verify(get, get.signedAt(), get.resolver());

        assertThat(SigV4Verifier.isAnonymous(get.request())).isFalse();
        assertThatCode(() -> ScopeCheck.requireScope(verified, Dialect.S3, "s3", Set.of("eu-west-1"))).doesNotThrowAnyException();
    }

    @ParameterizedTest(name = "{0}?{1}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "/bucket/key|\"\"|/bucket/key",
            "\"\"|\"\"|/",
            "/bucket|acl|/bucket?acl",
            "/bucket/key|versionId=a%2Fb&AWSAccessKeyId=x&uploads|/bucket/key?uploads&versionId=a/b",
            "/bucket/key|response-content-type=text%2Fplain&prefix=x&partNumber=2&uploadId=u|/bucket/key?partNumber=2&response-content-type=text/plain&uploadId=u",
            "/bucket|acl=|/bucket?acl=",
    })
    void canonicalResourceKeepsOnlySubResourcesSorted(String rawPath, String rawQuery, String resource)
    {
        assertThat(S3SigV2Query.canonicalResource(rawPath, rawQuery)).isEqualTo(resource);
    }

    private static VerifiedRequest verify(Boto3Fixture fixture, java.time.Instant now, CredentialResolver resolver)
    {
        return new SigV4Verifier(new MutableClock(now)).verify(fixture.request(), Dialect.S3, resolver);
    }

    private static SigV4Exception fail(Boto3Fixture fixture, java.time.Instant now, CredentialResolver resolver)
    {
        SigV4Exception e = catchThrowableOfType(SigV4Exception.class, () -> verify(fixture, now, resolver));
        assertThat(e).as("verification must fail").isNotNull();
        return e;
    }

    private static Boto3Fixture fixture(String namePrefix)
    {
        return Boto3Fixture.load().stream().filter(f -> f.name().startsWith(namePrefix)).findFirst().orElseThrow();
    }
}
