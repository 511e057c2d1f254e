package dev.bulwark.protocol.codec.bench;

import dev.bulwark.protocol.codec.ProtocolCodec;
import dev.bulwark.protocol.codec.ProtocolCodecs;
import dev.bulwark.protocol.http.HttpRequest;
import dev.bulwark.protocol.http.HttpResponse;
import dev.bulwark.protocol.model.OperationModel;
import dev.bulwark.protocol.model.ServiceModel;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.ListUsersResponse;
import software.amazon.awssdk.services.iam.model.User;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.EncryptResponse;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

/**
 * The codec on the request hot path: awsQuery decode of an IAM CreateUser form and encode of a ListUsers
 * response with ten users; awsJson decode of a KMS Encrypt request and encode of its response.
 *
 * <p>Run (figures go to docs/BENCHMARKS.md): {@code mvn -o -q -B -pl protocol test-compile
 * dependency:build-classpath -Dmdep.outputFile=/tmp/cp.txt -Dmdep.includeScope=test}, then
 * {@code java -cp protocol/target/test-classes:protocol/target/classes:$(cat /tmp/cp.txt)
 * org.openjdk.jmh.Main CodecBenchmark}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class CodecBenchmark
{
    private ProtocolCodec iam;
    private OperationModel createUser;
    private OperationModel listUsers;
    private HttpRequest createUserRequest;
    private ListUsersResponse listUsersResponse;

    private ProtocolCodec kms;
    private OperationModel encrypt;
    private HttpRequest encryptRequest;
    private EncryptResponse encryptResponse;

    @Setup
    public void setUp()
    {
        ServiceModel iamModel = ServiceModel.load("iam", IamClient.class);
        iam = ProtocolCodecs.forService(iamModel);
        createUser = iamModel.operation("CreateUser").orElseThrow();
        listUsers = iamModel.operation("ListUsers").orElseThrow();
        createUserRequest = new HttpRequest("POST", "/", "",
                HttpRequest.headersOf("Content-Type", "application/x-www-form-urlencoded; charset=utf-8", "Host", "127.0.0.1:4566"),
                ("Action=CreateUser&UserName=alice&Path=%2Fengineering%2Fplatform%2F&Tags.member.1.Key=team"
                        + "&Tags.member.1.Value=platform&Version=2010-05-08").getBytes(StandardCharsets.UTF_8),
                false, "127.0.0.1");
        listUsersResponse = ListUsersResponse.builder()
                .users(IntStream.range(0, 10).mapToObj(i -> User.builder()
                        .userName("user-" + i).userId("AIDAEXAMPLE0000000" + i).path("/")
                        .arn("arn:aws:iam::123456789012:user/user-" + i).createDate(Instant.parse("2025-01-01T00:00:00Z")).build()).toList())
                .isTruncated(false)
                .build();

        ServiceModel kmsModel = ServiceModel.load("kms", KmsClient.class);
        kms = ProtocolCodecs.forService(kmsModel);
        encrypt = kmsModel.operation("Encrypt").orElseThrow();
        encryptRequest = new HttpRequest("POST", "/", "",
                HttpRequest.headersOf("Content-Type", "application/x-amz-json-1.1", "X-Amz-Target", "TrentService.Encrypt"),
                "{\"KeyId\":\"alias/app\",\"Plaintext\":\"aGVsbG8gd29ybGQ=\",\"EncryptionContext\":{\"purpose\":\"test\"}}".getBytes(StandardCharsets.UTF_8),
                false, "127.0.0.1");
        encryptResponse = EncryptResponse.builder()
                .keyId("arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab")
                .ciphertextBlob(SdkBytes.fromByteArray(new byte[184]))
                .encryptionAlgorithm("SYMMETRIC_DEFAULT")
                .build();
    }

    @Benchmark
    public SdkRequest queryDecodeCreateUser()
    {
        return iam.decode(createUser, createUserRequest);
    }

    @Benchmark
    public HttpResponse queryEncodeListUsersOfTen()
    {
        return iam.encode(listUsers, listUsersResponse, "req-1");
    }

    @Benchmark
    public SdkRequest jsonDecodeEncrypt()
    {
        return kms.decode(encrypt, encryptRequest);
    }

    @Benchmark
    public HttpResponse jsonEncodeEncryptResponse()
    {
        return kms.encode(encrypt, encryptResponse, "req-1");
    }
}
