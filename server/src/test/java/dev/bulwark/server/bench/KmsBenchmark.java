package dev.bulwark.server.bench;

import dev.bulwark.server.auth.Caller;
import dev.bulwark.server.services.Invocation;
import dev.bulwark.server.services.Operation;
import dev.bulwark.server.services.kms.KeyVault;
import dev.bulwark.server.services.kms.KmsOperations;
import dev.bulwark.server.services.kms.KmsStore;
import dev.bulwark.server.services.kms.SoftwareKeyVault;
import dev.bulwark.server.store.SecretBox;
import dev.bulwark.server.store.Store;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.services.kms.model.CreateKeyRequest;
import software.amazon.awssdk.services.kms.model.CreateKeyResponse;
import software.amazon.awssdk.services.kms.model.DecryptRequest;
import software.amazon.awssdk.services.kms.model.EncryptRequest;
import software.amazon.awssdk.services.kms.model.EncryptResponse;
import software.amazon.awssdk.services.kms.model.GenerateDataKeyRequest;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * KMS's own cost per call, without HTTP, SigV4 or audit: each benchmark computes the operation's accesses (key
 * lookup, aliases, tags, the cached compiled key policy) and runs its handler in a store transaction on an embedded
 * SQLite store, as the pipeline's authorize and invoke steps do. Figures go to docs/BENCHMARKS.md.
 * Run: {@code java -cp target/test-classes:target/classes:<test classpath> dev.bulwark.server.bench.KmsBenchmark}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 3)
@Measurement(iterations = 3, time = 3)
@Fork(1)
public class KmsBenchmark
{
    private static final String ACCOUNT = "111122223333";

    @Param({"32", "4096"})
    public int plaintextBytes;

    private Path dataDir;
    private Store store;
    private Operation<?, ?> encrypt;
    private Operation<?, ?> decrypt;
    private Operation<?, ?> generateDataKey;
    private Invocation invocation;
    private EncryptRequest encryptRequest;
    private DecryptRequest decryptRequest;
    private GenerateDataKeyRequest dataKeyRequest;
    private KeyVault vault;
    private KeyVault.MaterialRef material;
    private byte[] plaintext;
    private byte[] associatedData;

    @Setup
    public void setUp() throws Exception
    {
        dataDir = Files.createTempDirectory("bulwark-kms-bench");
        store = Store.open(dataDir, null);
        SecretBox box = SecretBox.openOrCreate(dataDir);
        vault = new SoftwareKeyVault(box, new SecureRandom());
        KmsOperations kms = new KmsOperations(store, new KmsStore(), vault, box, new SecureRandom());
        invocation = new Invocation(Caller.root(ACCOUNT, Optional.empty()), Instant.now(), "us-east-1", "bench", Optional.empty());
        Operation<?, ?> create = find(kms, "CreateKey");
        CreateKeyResponse key = (CreateKeyResponse) store.inTransaction(tx -> create.invoke(invocation.withTx(tx), CreateKeyRequest.builder().build()));
        String keyId = key.keyMetadata().keyId();
        encrypt = find(kms, "Encrypt");
        decrypt = find(kms, "Decrypt");
        generateDataKey = find(kms, "GenerateDataKey");
        Map<String, String> context = Map.of("bucket", "reports", "object", "q3.csv");
        encryptRequest = EncryptRequest.builder().keyId(keyId).plaintext(SdkBytes.fromByteArray(new byte[plaintextBytes])).encryptionContext(context).build();
        EncryptResponse encrypted = (EncryptResponse) call(encrypt, encryptRequest);
        decryptRequest = DecryptRequest.builder().ciphertextBlob(encrypted.ciphertextBlob()).encryptionContext(context).build();
        KeyVault.Created created = vault.generate(keyId, 99, "SYMMETRIC_DEFAULT");
        material = new KeyVault.MaterialRef(keyId, 99, "SYMMETRIC_DEFAULT", created.handle());
        plaintext = new byte[plaintextBytes];
        associatedData = new byte[64];
        dataKeyRequest = GenerateDataKeyRequest.builder().keyId(keyId).keySpec("AES_256").encryptionContext(context).build();
    }

    @TearDown
    public void tearDown()
    {
        store.close();
    }

    private static Operation<?, ?> find(KmsOperations kms, String name)
    {
        return kms.operations().stream().filter(operation -> operation.name().equals(name)).findFirst().orElseThrow();
    }

    /** Authorization's accesses (not the policy decision itself) and the handler in a read transaction. */
    private Object call(Operation<?, ?> operation, SdkRequest request)
    {
        operation.accessesFor(invocation, request);
        return store.readOnly(tx -> operation.invoke(invocation.withTx(tx), request));
    }

    @Benchmark
    public Object encrypt()
    {
        return call(encrypt, encryptRequest);
    }

    @Benchmark
    public Object decrypt()
    {
        return call(decrypt, decryptRequest);
    }

    @Benchmark
    public Object generateDataKey()
    {
        return call(generateDataKey, dataKeyRequest);
    }

    /** The vault alone: unseal the key under the root key, AES-256-GCM, zero the key. */
    @Benchmark
    public Object vaultEncrypt()
    {
        return vault.encryptSymmetric(material, associatedData, plaintext);
    }

    /** The store alone: one empty read transaction (each KMS call here takes two: authorization and handler). */
    @Benchmark
    public Object emptyReadTransaction()
    {
        return store.readOnly(tx -> tx.isReadOnly());
    }

    /**
     * Without arguments, the JMH run (wall-clock time per call). With {@code --cpu}, the calling thread's CPU time per
     * call as well, from {@code ThreadMXBean}: on a loaded machine wall-clock time mostly measures waiting for a core.
     */
    public static void main(String[] args) throws Exception
    {
        if (args.length > 0 && args[0].equals("--cpu")) {
            cpuReport();
            return;
        }
        new Runner(new OptionsBuilder().include(KmsBenchmark.class.getSimpleName()).build()).run();
    }

    private static void cpuReport() throws Exception
    {
        java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
        for (int size : new int[] {32, 4096}) {
            KmsBenchmark benchmark = new KmsBenchmark();
            benchmark.plaintextBytes = size;
            benchmark.setUp();
            Map<String, Runnable> calls = new java.util.LinkedHashMap<>();
            calls.put("encrypt", benchmark::encrypt);
            calls.put("decrypt", benchmark::decrypt);
            calls.put("generateDataKey", benchmark::generateDataKey);
            calls.put("vaultEncrypt", benchmark::vaultEncrypt);
            calls.put("emptyReadTransaction", benchmark::emptyReadTransaction);
            int calls_per_round = 1000;
            for (int round = 0; round < 5; round++) {
                StringBuilder line = new StringBuilder("plaintext " + size + " B, round " + round + ":");
                for (Map.Entry<String, Runnable> call : calls.entrySet()) {
                    long wall = System.nanoTime();
                    long cpu = threads.getCurrentThreadCpuTime();
                    for (int i = 0; i < calls_per_round; i++) {
                        call.getValue().run();
                    }
                    line.append(String.format(" %s %d µs CPU (%d µs wall);", call.getKey(), (threads.getCurrentThreadCpuTime() - cpu) / calls_per_round / 1000,
                            (System.nanoTime() - wall) / calls_per_round / 1000));
                }
                System.out.println(line);
            }
            benchmark.tearDown();
        }
    }
}
