package dev.bulwark.protocol.bench;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import dev.bulwark.protocol.codec.ProtocolCodec;
import dev.bulwark.protocol.http.HttpRequest;
import dev.bulwark.protocol.http.HttpResponse;
import dev.bulwark.protocol.model.OperationModel;
import dev.bulwark.protocol.model.ServiceModel;
import dev.bulwark.protocol.route.Route;
import dev.bulwark.protocol.route.ServiceRegistry;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.CreateUserResponse;
import software.amazon.awssdk.services.iam.model.Tag;
import software.amazon.awssdk.services.iam.model.User;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.EncryptResponse;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The codecs' per-request cost: route + decode (with validation) and encode, for awsQuery (IAM CreateUser),
 * awsJson (KMS Encrypt) and restXml routing (S3 PUT object among four same-template operations).
 * Run: {@code java -cp target/test-classes:target/classes:<test classpath> dev.bulwark.protocol.bench.CodecBenchmark}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(1)
public class CodecBenchmark
{
    private final ServiceRegistry registry = ServiceRegistry.of(List.of(
            ServiceModel.load("iam", IamClient.class),
            ServiceModel.load("kms", KmsClient.class),
            ServiceModel.load("s3", S3Client.class)));

    private final HttpRequest createUser = post(Map.of("Content-Type", List.of("application/x-www-form-urlencoded")),
            "Action=CreateUser&Version=2010-05-08&UserName=alice&Path=%2Feng%2F&Tags.member.1.Key=team&Tags.member.1.Value=blue");
    private final HttpRequest encrypt = post(Map.of("Content-Type", List.of("application/x-amz-json-1.1"), "X-Amz-Target", List.of("TrentService.Encrypt")),
            "{\"KeyId\":\"alias/app\",\"Plaintext\":\"aGVsbG8gd29ybGQ=\",\"EncryptionContext\":{\"purpose\":\"bench\"}}");
    private final HttpRequest putObject = new HttpRequest("PUT", "/bucket/some/key.txt", "", Map.of("Content-Type", List.of("text/plain")),
            "hello".getBytes(StandardCharsets.UTF_8), false, "127.0.0.1");

    private final CreateUserResponse createUserResponse = CreateUserResponse.builder().user(User.builder().userName("alice").userId("AIDAEXAMPLE")
            .arn("arn:aws:iam::123456789012:user/eng/alice").path("/eng/").createDate(Instant.parse("2024-01-01T00:00:00Z"))
            .tags(Tag.builder().key("team").value("blue").build()).build()).build();
    private final EncryptResponse encryptResponse = EncryptResponse.builder().keyId("arn:aws:kms:eu-west-1:123456789012:key/k")
            .ciphertextBlob(SdkBytes.fromByteArray(new byte[184])).encryptionAlgorithm("SYMMETRIC_DEFAULT").build();

    private static HttpRequest post(Map<String, List<String>> headers, String body)
    {
        return new HttpRequest("POST", "/", "", headers, body.getBytes(StandardCharsets.UTF_8), false, "127.0.0.1");
    }

    @Benchmark
    public Object queryRouteAndDecode()
    {
        Route route = registry.route(createUser, "iam").orElseThrow();
        return route.codec().decode(route.operation(), createUser);
    }

    @Benchmark
    public HttpResponse queryEncode()
    {
        ProtocolCodec codec = registry.codec(registry.service("iam").orElseThrow());
        OperationModel operation = codec.service().operation("CreateUser").orElseThrow();
        return codec.encode(operation, createUserResponse, "req");
    }

    @Benchmark
    public Object jsonRouteAndDecode()
    {
        Route route = registry.route(encrypt, "kms").orElseThrow();
        return route.codec().decode(route.operation(), encrypt);
    }

    @Benchmark
    public HttpResponse jsonEncode()
    {
        ProtocolCodec codec = registry.codec(registry.service("kms").orElseThrow());
        return codec.encode(codec.service().operation("Encrypt").orElseThrow(), encryptResponse, "req");
    }

    @Benchmark
    public Object restXmlRouteAndDecode()
    {
        Route route = registry.route(putObject, "s3").orElseThrow();
        return route.codec().decode(route.operation(), putObject);
    }

    public static void main(String[] args)
            throws RunnerException
    {
        new Runner(new OptionsBuilder().include(CodecBenchmark.class.getSimpleName()).build()).run();
    }
}
