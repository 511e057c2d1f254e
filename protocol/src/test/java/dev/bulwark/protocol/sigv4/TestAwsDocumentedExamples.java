package dev.bulwark.protocol.sigv4;

import dev.bulwark.protocol.http.HttpRequest;
import org.junit.jupiter.api.Test;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** Signatures computed independently of the verifier: AWS's published example, and the Date-header fallback by hand. */
final class TestAwsDocumentedExamples
{
    static final SigningCredential DOC_KEY = SigningCredential.longTerm("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY");

    /** The IAM ListUsers example of AWS's "Signature Version 4 signing process" (2015-08-30, us-east-1, iam). */
    @Test
    void awsPublishedIamListUsersExampleVerifies()
    {
        HttpRequest request = new HttpRequest("GET", "/", "Action=ListUsers&Version=2010-05-08", Map.of(
                "Host", List.of("iam.amazonaws.com"),
                "Content-Type", List.of("application/x-www-form-urlencoded; charset=utf-8"),
                "X-Amz-Date", List.of("20150830T123600Z"),
                "Authorization", List.of("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/iam/aws4_request, "
                        + "SignedHeaders=content-type;host;x-amz-date, Signature=5d672d79c15b13162d9279b0855cfba6789a8edb4c82c400e06b5924a6f2b5d7")),
                new byte[0], true, "192.0.2.1");

        VerifiedRequest verified = new SigV4Verifier(new MutableClock(Instant.parse("2015-08-30T12:36:00Z")))
                .verify(request, Dialect.QUERY, key -> Optional.of(DOC_KEY).filter(c -> c.accessKeyId().equals(key)));

        assertThat(verified.service()).isEqualTo("iam");
        assertThat(SigV4Crypto.hex(SigV4Crypto.signingKey(DOC_KEY.secretKey(), "20150830", "us-east-1", "iam")))
                .isEqualTo("c4afb1cc5771d871763a393e44b703571b55cc28424d1a5e86da6ed3c154a4b9");
    }

    /** Without X-Amz-Date the HTTP Date header is signed, and its instant in ISO basic form goes into the string to sign. */
    @Test
    void dateHeaderStandsInForXAmzDate()
            throws Exception
    {
        String canonicalRequest = String.join("\n",
                "POST", "/", "",
                "date:Sun, 30 Aug 2015 12:36:00 GMT",
                "host:sts.amazonaws.com",
                "",
                "date;host",
                hex(MessageDigest.getInstance("SHA-256").digest("Action=GetCallerIdentity&Version=2011-06-15".getBytes(StandardCharsets.UTF_8))));
        String stringToSign = String.join("\n",
                "AWS4-HMAC-SHA256", "20150830T123600Z", "20150830/us-east-1/sts/aws4_request",
                hex(MessageDigest.getInstance("SHA-256").digest(canonicalRequest.getBytes(StandardCharsets.UTF_8))));
        byte[] key = ("AWS4" + DOC_KEY.secretKey()).getBytes(StandardCharsets.UTF_8);
        for (String part : List.of("20150830", "us-east-1", "sts", "aws4_request")) {
            key = hmac(key, part);
        }
        String signature = hex(hmac(key, stringToSign));
        HttpRequest request = new HttpRequest("POST", "/", "", Map.of(
                "Host", List.of("sts.amazonaws.com"),
                "Date", List.of("Sun, 30 Aug 2015 12:36:00 GMT"),
                "Authorization", List.of("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/sts/aws4_request, SignedHeaders=date;host, Signature=" + signature)),
                "Action=GetCallerIdentity&Version=2011-06-15".getBytes(StandardCharsets.UTF_8), true, "192.0.2.1");

        VerifiedRequest verified = new SigV4Verifier(new MutableClock(Instant.parse("2015-08-30T12:40:00Z")))
                .verify(request, Dialect.QUERY, ignored -> Optional.of(DOC_KEY));

        assertThat(verified.signingTime()).isEqualTo(Instant.parse("2015-08-30T12:36:00Z"));
    }

    private static byte[] hmac(byte[] key, String data)
            throws Exception
    {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
    }

    private static String hex(byte[] bytes)
    {
        return HexFormat.of().formatHex(bytes);
    }
}
