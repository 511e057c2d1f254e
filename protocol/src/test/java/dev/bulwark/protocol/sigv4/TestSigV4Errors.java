package dev.bulwark.protocol.sigv4;

import dev.bulwark.protocol.http.HttpRequest;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;
import java.util.stream.Stream;

import static dev.bulwark.protocol.sigv4.Requests.withBody;
import static dev.bulwark.protocol.sigv4.Requests.withHeader;
import static dev.bulwark.protocol.sigv4.Requests.withQuery;
import static dev.bulwark.protocol.sigv4.Requests.withoutHeader;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Each way a request can fail SigV4, with the code, status and wording AWS answers for each dialect. */
final class TestSigV4Errors
{
    static final Instant T = Instant.parse("2025-03-04T05:06:07Z");
    static final SigningCredential USER = SigningCredential.longTerm("AKIAUSER000000000001", "user/secret+key");
    static final SigningCredential SESSION = SigningCredential.temporary("ASIASESSION000000001", "session/secret",
            "token-of-the-session", T.plus(Duration.ofHours(1)));
    static final CredentialResolver RESOLVER = accessKeyId -> Stream.of(USER, SESSION)
            .filter(credential -> credential.accessKeyId().equals(accessKeyId)).findFirst();

    record Case(String name, Dialect dialect, Supplier<HttpRequest> request, Instant now, CredentialResolver resolver,
            String code, int status, String message)
    {
        Case(String name, Dialect dialect, Supplier<HttpRequest> request, Instant now, String code, int status, String message)
        {
            this(name, dialect, request, now, RESOLVER, code, status, message);
        }

        @Override
        public String toString()
        {
            return name;
        }
    }

    static final String MISMATCH = "The request signature we calculated does not match the signature you provided. "
            + "Check your AWS Secret Access Key and signing method. Consult the service documentation for details.";
    static final String INVALID_TOKEN = "The security token included in the request is invalid.";
    static final String EXPIRED_TOKEN = "The security token included in the request is expired";

    static Stream<Case> cases()
    {
        SigningCredential wrongSecret = SigningCredential.longTerm(USER.accessKeyId(), "not-the-secret");
        SigningCredential unknown = SigningCredential.longTerm("AKIAUNKNOWN000000000", "whatever");
        SigningCredential otherToken = SigningCredential.temporary(SESSION.accessKeyId(), SESSION.secretKey(), "another-token", SESSION.expiration());
        SigningCredential sessionWithoutToken = SigningCredential.longTerm(SESSION.accessKeyId(), SESSION.secretKey());
        SigningCredential userWithToken = SigningCredential.temporary(USER.accessKeyId(), USER.secretKey(), "stray-token", T.plus(Duration.ofHours(1)));
        Duration skew = Duration.ofMinutes(15);
        return Stream.of(
                new Case("no authentication, query service", Dialect.QUERY, () -> Requests.unsigned("POST", "/", ""), T,
                        "MissingAuthenticationToken", 403, "Request is missing Authentication Token"),
                new Case("no authentication, JSON service", Dialect.JSON, () -> Requests.unsigned("POST", "/", ""), T,
                        "MissingAuthenticationTokenException", 400, "Request is missing Authentication Token"),
                new Case("Authorization lacks Credential and Signature", Dialect.QUERY,
                        () -> withHeader(Requests.iamPost(USER, T), "Authorization", "AWS4-HMAC-SHA256 SignedHeaders=host;x-amz-date"), T,
                        "IncompleteSignature", 400, "Authorization header requires 'Credential' parameter. Authorization header requires "
                        + "'Signature' parameter. Authorization=AWS4-HMAC-SHA256 SignedHeaders=host;x-amz-date"),
                new Case("no X-Amz-Date nor Date", Dialect.QUERY, () -> withoutHeader(Requests.iamPost(USER, T), "X-Amz-Date"), T,
                        "IncompleteSignature", 400, null),
                new Case("credential with four elements", Dialect.JSON,
                        () -> withHeader(Requests.kmsPost(USER, T), "Authorization",
                                "AWS4-HMAC-SHA256 Credential=AKIAUSER000000000001/20250304/us-east-1/kms, SignedHeaders=host;x-amz-date, Signature=00"), T,
                        "IncompleteSignatureException", 400, "Credential must have exactly 5 slash-delimited elements, e.g. "
                        + "keyid/date/region/service/term, got 'AKIAUSER000000000001/20250304/us-east-1/kms'"),
                new Case("credential date differs from the request date", Dialect.QUERY,
                        () -> withHeader(Requests.iamPost(USER, T), "Authorization", Requests.iamPost(USER, T).header("Authorization").orElseThrow()
                                .replace("/20250304/", "/20250303/")), T,
                        "SignatureDoesNotMatch", 403, "Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: "
                        + "'20250303' != '20250304', from '20250304T050607Z'."),
                new Case("host not signed", Dialect.QUERY,
                        () -> withHeader(Requests.iamPost(USER, T), "Authorization", Requests.iamPost(USER, T).header("Authorization").orElseThrow()
                                .replace("SignedHeaders=content-type;host;x-amz-date", "SignedHeaders=content-type;x-amz-date")), T,
                        "IncompleteSignature", 400, "'Host' or ':authority' must be a 'SignedHeader' in the AWS Authorization."),
                new Case("unknown access key, query service", Dialect.QUERY, () -> Requests.iamPost(unknown, T), T,
                        "InvalidClientTokenId", 403, INVALID_TOKEN),
                new Case("unknown access key, JSON service", Dialect.JSON, () -> Requests.kmsPost(unknown, T), T,
                        "UnrecognizedClientException", 400, INVALID_TOKEN),
                new Case("unknown access key, S3", Dialect.S3, () -> Requests.s3Put(unknown, T, new byte[0]), T,
                        "InvalidAccessKeyId", 403, "The AWS Access Key Id you provided does not exist in our records."),
                new Case("wrong secret, query service", Dialect.QUERY, () -> Requests.iamPost(wrongSecret, T), T,
                        "SignatureDoesNotMatch", 403, MISMATCH),
                new Case("wrong secret, JSON service", Dialect.JSON, () -> Requests.kmsPost(wrongSecret, T), T,
                        "InvalidSignatureException", 400, MISMATCH),
                new Case("wrong secret, S3", Dialect.S3, () -> Requests.s3Put(wrongSecret, T, new byte[0]), T,
                        "SignatureDoesNotMatch", 403, "The request signature we calculated does not match the signature you provided. "
                        + "Check your key and signing method."),
                new Case("signed more than 15 minutes ago", Dialect.QUERY, () -> Requests.iamPost(USER, T), T.plus(skew).plusSeconds(1),
                        "SignatureDoesNotMatch", 403, "Signature expired: 20250304T050607Z is now earlier than 20250304T050608Z (20250304T052108Z - 15 min.)"),
                new Case("signed more than 15 minutes ahead", Dialect.QUERY, () -> Requests.iamPost(USER, T), T.minus(skew).minusSeconds(1),
                        "SignatureDoesNotMatch", 403, "Signature not yet current: 20250304T050607Z is still later than 20250304T050606Z (20250304T045106Z + 15 min.)"),
                new Case("signed more than 15 minutes ago, JSON service", Dialect.JSON, () -> Requests.kmsPost(USER, T), T.plus(skew).plusSeconds(1),
                        "InvalidSignatureException", 400, "Signature expired: 20250304T050607Z is now earlier than 20250304T050608Z (20250304T052108Z - 15 min.)"),
                new Case("signed more than 15 minutes ago, S3", Dialect.S3, () -> Requests.s3Put(USER, T, new byte[0]), T.plus(skew).plusSeconds(1),
                        "RequestTimeTooSkewed", 403, "The difference between the request time and the current time is too large."),
                new Case("S3 presigned URL one second past expiry", Dialect.S3, () -> Requests.s3Presigned(USER, T, Duration.ofHours(1)),
                        T.plus(Duration.ofHours(1)).plusSeconds(1), "AccessDenied", 403, "Request has expired"),
                new Case("STS presigned URL past its shorter expiry", Dialect.QUERY, () -> Requests.stsPresigned(USER, T, Duration.ofSeconds(60)),
                        T.plusSeconds(61), "RequestExpired", 400, "Request has expired."),
                new Case("STS presigned URL valid longer than the skew window", Dialect.QUERY, () -> Requests.stsPresigned(USER, T, Duration.ofHours(1)),
                        T.plus(skew).plusSeconds(1), "SignatureDoesNotMatch", 403,
                        "Signature expired: 20250304T050607Z is now earlier than 20250304T050608Z (20250304T052108Z - 15 min.)"),
                new Case("S3 presigned X-Amz-Expires over seven days", Dialect.S3,
                        () -> { HttpRequest r = Requests.s3Presigned(USER, T, Duration.ofHours(1));
                                return withQuery(r, r.rawQuery().replace("X-Amz-Expires=3600", "X-Amz-Expires=604801")); }, T,
                        "AuthorizationQueryParametersError", 400, "X-Amz-Expires must be less than a week (in seconds) that is; 604800"),
                new Case("S3 presigned without X-Amz-Expires", Dialect.S3,
                        () -> { HttpRequest r = Requests.s3Presigned(USER, T, Duration.ofHours(1));
                                return withQuery(r, r.rawQuery().replace("X-Amz-Expires=3600&", "")); }, T,
                        "AuthorizationQueryParametersError", 400, "Query-string authentication version 4 requires the X-Amz-Algorithm, "
                        + "X-Amz-Credential, X-Amz-Signature, X-Amz-Date, X-Amz-SignedHeaders, and X-Amz-Expires parameters."),
                new Case("S3 with both Authorization header and presigned query", Dialect.S3,
                        () -> withHeader(Requests.s3Presigned(USER, T, Duration.ofHours(1)), "Authorization",
                                Requests.s3Put(USER, T, new byte[0]).header("Authorization").orElseThrow()), T,
                        "InvalidArgument", 400, null),
                new Case("session token of another session", Dialect.QUERY, () -> Requests.iamPost(otherToken, T), T,
                        "InvalidClientTokenId", 403, INVALID_TOKEN),
                new Case("temporary key used without its session token", Dialect.QUERY, () -> Requests.iamPost(sessionWithoutToken, T), T,
                        "InvalidClientTokenId", 403, INVALID_TOKEN),
                new Case("long-term key sent with a session token", Dialect.QUERY, () -> Requests.iamPost(userWithToken, T), T,
                        "InvalidClientTokenId", 403, INVALID_TOKEN),
                new Case("session token mismatch, S3", Dialect.S3, () -> Requests.s3Put(otherToken, T, new byte[0]), T,
                        "InvalidToken", 400, "The provided token is malformed or otherwise invalid."),
                new Case("session token mismatch in a presigned URL", Dialect.S3, () -> Requests.s3Presigned(otherToken, T, Duration.ofHours(1)), T,
                        "InvalidToken", 400, "The provided token is malformed or otherwise invalid."),
                new Case("expired temporary credentials, query service", Dialect.QUERY,
                        () -> Requests.iamPost(SESSION, SESSION.expiration().minusSeconds(60)), SESSION.expiration(),
                        "ExpiredToken", 403, EXPIRED_TOKEN),
                new Case("expired temporary credentials, JSON service", Dialect.JSON,
                        () -> Requests.kmsPost(SESSION, SESSION.expiration().minusSeconds(60)), SESSION.expiration(),
                        "ExpiredTokenException", 400, EXPIRED_TOKEN),
                new Case("expired temporary credentials, S3", Dialect.S3,
                        () -> Requests.s3Put(SESSION, SESSION.expiration().minusSeconds(60), new byte[0]), SESSION.expiration(),
                        "ExpiredToken", 400, "The provided token has expired."),
                new Case("S3 x-amz-* header added after signing", Dialect.S3,
                        () -> withHeader(Requests.s3Put(USER, T, new byte[0]), "x-amz-meta-added", "later"), T,
                        "AccessDenied", 403, "There were headers present in the request which were not signed"),
                new Case("S3 without x-amz-content-sha256", Dialect.S3,
                        () -> withoutHeader(Requests.s3Put(USER, T, new byte[0]), "x-amz-content-sha256"), T,
                        "InvalidRequest", 400, "Missing required header for this request: x-amz-content-sha256"),
                new Case("S3 x-amz-content-sha256 neither a hash nor a known mode", Dialect.S3,
                        () -> withHeader(Requests.s3Put(USER, T, new byte[0]), "x-amz-content-sha256", "not-a-hash"), T,
                        "InvalidArgument", 400, null),
                new Case("S3 SigV4a streaming payload", Dialect.S3,
                        () -> withHeader(Requests.s3Put(USER, T, new byte[0]), "x-amz-content-sha256", "STREAMING-AWS4-ECDSA-P256-SHA256-PAYLOAD"), T,
                        "NotImplemented", 501, "A header you provided implies functionality that is not implemented"),
                new Case("S3 body differs from the signed x-amz-content-sha256", Dialect.S3,
                        () -> withBody(Requests.s3Put(USER, T, "original".getBytes(StandardCharsets.UTF_8)), "tampered".getBytes(StandardCharsets.UTF_8)), T,
                        "XAmzContentSHA256Mismatch", 400, "The provided 'x-amz-content-sha256' header does not match what was computed."),
                new Case("IAM body differs from the one signed", Dialect.QUERY,
                        () -> withBody(Requests.iamPost(USER, T), "Action=DeleteUser&UserName=admin&Version=2010-05-08".getBytes(StandardCharsets.UTF_8)), T,
                        "SignatureDoesNotMatch", 403, MISMATCH),
                new Case("unsupported signature scheme", Dialect.QUERY,
                        () -> withHeader(Requests.iamPost(USER, T), "Authorization", "AWS AKIAUSER000000000001:c2lnbmF0dXJl"), T,
                        "IncompleteSignature", 400, "Unsupported AWS 'algorithm': 'AWS'"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void failsWithAwsCodeStatusAndWording(Case c)
    {
        HttpRequest request = c.request().get();
        SigV4Verifier verifier = new SigV4Verifier(new MutableClock(c.now()));

        assertThatThrownBy(() -> verifier.verify(request, c.dialect(), c.resolver()))
                .isInstanceOfSatisfying(SigV4Exception.class, e -> {
                    assertThat(e.code()).isEqualTo(c.code());
                    assertThat(e.httpStatus()).isEqualTo(c.status());
                    if (c.message() != null) {
                        assertThat(e.getMessage()).isEqualTo(c.message());
                    }
                });
    }
}
