package dev.bulwark.server.services.cloudtrail.delivery;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The directory sink: objects and metadata side by side, missing buckets and escaping keys refused. */
final class TestDirectorySink
{
    @Test
    void storesObjectsWithTheirMetadata() throws Exception
    {
        Path root = Files.createTempDirectory("sink");
        DirectorySink sink = new DirectorySink(root);
        assertThatThrownBy(() -> sink.put("logs", "a/b.json.gz", new byte[] {1}, Map.of()))
                .isInstanceOfSatisfying(LogObjectSink.DeliveryException.class, e -> assertThat(e.errorCode()).isEqualTo("NoSuchBucket"));
        sink.createBucket("logs");
        sink.put("logs", "a/b.json.gz", new byte[] {1, 2, 3}, Map.of("signature", "ab"));
        assertThat(Files.readAllBytes(root.resolve("logs/a/b.json.gz"))).containsExactly(1, 2, 3);
        assertThat(Files.readString(root.resolve("logs/a/b.json.gz" + DirectorySink.METADATA_SUFFIX))).isEqualTo("{\"signature\":\"ab\"}");
        assertThatThrownBy(() -> sink.put("logs", "../outside", new byte[] {1}, Map.of()))
                .isInstanceOfSatisfying(LogObjectSink.DeliveryException.class, e -> assertThat(e.errorCode()).isEqualTo("InvalidObjectName"));
        assertThatThrownBy(() -> LogObjectSink.noBuckets().put("any", "k", new byte[0], Map.of()))
                .isInstanceOfSatisfying(LogObjectSink.DeliveryException.class, e -> assertThat(e.errorCode()).isEqualTo("NoSuchBucket"));
    }
}
