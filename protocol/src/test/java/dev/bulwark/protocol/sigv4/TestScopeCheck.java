package dev.bulwark.protocol.sigv4;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Set;

import static dev.bulwark.protocol.sigv4.TestSigV4Errors.RESOLVER;
import static dev.bulwark.protocol.sigv4.TestSigV4Errors.T;
import static dev.bulwark.protocol.sigv4.TestSigV4Errors.USER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** A signature only counts for the service and region it was scoped to. */
final class TestScopeCheck
{
    private final SigV4Verifier verifier = new SigV4Verifier(new MutableClock(T));

    @Test
    void matchingServiceAndRegionPass()
    {
        VerifiedRequest iam = verifier.verify(Requests.iamPost(USER, T), Dialect.QUERY, RESOLVER);

        assertThatCode(() -> ScopeCheck.requireScope(iam, Dialect.QUERY, "iam", Set.of("us-east-1", "eu-west-1"))).doesNotThrowAnyException();
        assertThatCode(() -> ScopeCheck.requireScope(iam, Dialect.QUERY, "iam", Set.of())).doesNotThrowAnyException();
    }

    @Test
    void signatureForAnotherServiceIsRejected()
    {
        VerifiedRequest iam = verifier.verify(Requests.iamPost(USER, T), Dialect.QUERY, RESOLVER);

        SigV4Exception e = catchThrowableOfType(SigV4Exception.class, () -> ScopeCheck.requireScope(iam, Dialect.QUERY, "sts", Set.of()));

        assertThat(e.code()).isEqualTo("SignatureDoesNotMatch");
        assertThat(e.httpStatus()).isEqualTo(403);
        assertThat(e.getMessage()).isEqualTo("Credential should be scoped to correct service: 'sts'. ");
    }

    @Test
    void signatureForAnotherRegionIsRejected()
    {
        VerifiedRequest kms = verifier.verify(Requests.kmsPost(USER, T), Dialect.JSON, RESOLVER);

        SigV4Exception e = catchThrowableOfType(SigV4Exception.class, () -> ScopeCheck.requireScope(kms, Dialect.JSON, "kms", Set.of("eu-west-1")));

        assertThat(e.code()).isEqualTo("InvalidSignatureException");
        assertThat(e.getMessage()).isEqualTo("Credential should be scoped to a valid region. ");
    }

    @Test
    void s3NamesTheExpectedRegion()
    {
        VerifiedRequest put = verifier.verify(Requests.s3Put(USER, T, new byte[0]), Dialect.S3, RESOLVER);
        VerifiedRequest presigned = verifier.verify(Requests.s3Presigned(USER, T, Duration.ofMinutes(5)), Dialect.S3, RESOLVER);

        SigV4Exception header = catchThrowableOfType(SigV4Exception.class, () -> ScopeCheck.requireScope(put, Dialect.S3, "s3", Set.of("eu-west-1")));
        SigV4Exception query = catchThrowableOfType(SigV4Exception.class, () -> ScopeCheck.requireScope(presigned, Dialect.S3, "s3", Set.of("eu-west-1")));

        assertThat(header.code()).isEqualTo("AuthorizationHeaderMalformed");
        assertThat(header.getMessage()).isEqualTo("The authorization header is malformed; the region 'us-east-1' is wrong; expecting 'eu-west-1'");
        assertThat(header.details()).containsEntry("Region", "eu-west-1");
        assertThat(query.code()).isEqualTo("AuthorizationQueryParametersError");
    }

    @Test
    void anonymousRequestsHaveNoScopeToCheck()
    {
        assertThatCode(() -> ScopeCheck.requireScope(VerifiedRequest.anonymousRequest(), Dialect.S3, "s3", Set.of("eu-west-1")))
                .doesNotThrowAnyException();
    }
}
