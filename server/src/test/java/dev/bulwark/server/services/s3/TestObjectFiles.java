package dev.bulwark.server.services.s3;

import dev.bulwark.server.auth.Caller;
import dev.bulwark.server.services.s3.model.Encryption;
import dev.bulwark.server.services.s3.model.Segment;
import dev.bulwark.server.store.SecretBox;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Encrypted object files: ranges across chunk and segment boundaries, tamper detection, key binding, orphan sweep. */
final class TestObjectFiles
{
    private static final Caller CALLER = Caller.root("123456789012", Optional.empty());
    private static final Encryption SSE = Encryption.SSE_S3;

    @TempDir
    Path dataDir;

    private ObjectFiles files()
    {
        byte[] key = new byte[32];
        new Random(1).nextBytes(key);
        return new ObjectFiles(dataDir, new SseS3Keys(SecretBox.withKey(key)));
    }

    @Test
    void anyRangeOfSeveralSegmentsReadsBackExactly() throws IOException
    {
        ObjectFiles files = files();
        byte[] data = new byte[3 * ObjectFiles.CHUNK + 17];
        new Random(2).nextBytes(data);
        Segment first = files.write(data, 0, 100_000, SSE, CALLER);
        Segment second = files.write(data, 100_000, data.length - 100_000, SSE, CALLER);
        List<Segment> segments = List.of(first, second);
        Random random = new Random(3);
        for (int i = 0; i < 50; i++) {
            int a = random.nextInt(data.length);
            int b = a + random.nextInt(data.length - a);
            assertThat(read(files, segments, a, b)).isEqualTo(Arrays.copyOfRange(data, a, b + 1));
        }
        assertThat(read(files, segments, 0, data.length - 1)).isEqualTo(data);
        assertThat(files.readAll(segments, SSE, CALLER)).isEqualTo(data);
    }

    @Test
    void theFileHoldsCiphertextAndAlteredBytesFailAuthentication() throws IOException
    {
        ObjectFiles files = files();
        byte[] data = new byte[ObjectFiles.CHUNK * 2];
        Arrays.fill(data, (byte) 'A');
        Segment segment = files.write(data, 0, data.length, SSE, CALLER);
        Path file = files.pathOf(segment.fileName());
        byte[] stored = Files.readAllBytes(file);
        assertThat(stored.length).isEqualTo(data.length + 2 * 16);
        assertThat(new String(stored, java.nio.charset.StandardCharsets.ISO_8859_1)).doesNotContain("AAAAAAAAAAAAAAAA");
        stored[ObjectFiles.CHUNK + 16 + 5] ^= 1;
        Files.write(file, stored);
        assertThat(read(files, List.of(segment), 0, 10)).hasSize(11);
        assertThatThrownBy(() -> read(files, List.of(segment), ObjectFiles.CHUNK + 1, ObjectFiles.CHUNK + 2)).isInstanceOf(IOException.class)
                .hasMessageContaining("failed authentication");
    }

    @Test
    void aDataKeyOpensOnlyForItsOwnFile()
    {
        ObjectFiles files = files();
        Segment one = files.write(new byte[10], 0, 10, SSE, CALLER);
        Segment two = files.write(new byte[10], 0, 10, SSE, CALLER);
        Segment swapped = new Segment(two.fileName(), one.dataKey(), 10);
        assertThatThrownBy(() -> read(files, List.of(swapped), 0, 9)).isInstanceOf(RuntimeException.class);
    }

    @Test
    void orphansOlderThanAnHourAreSweptAndReferencedOrFreshFilesKept() throws IOException
    {
        ObjectFiles files = files();
        Segment kept = files.write(new byte[5], 0, 5, SSE, CALLER);
        Segment orphan = files.write(new byte[5], 0, 5, SSE, CALLER);
        Segment fresh = files.write(new byte[5], 0, 5, SSE, CALLER);
        Instant now = Instant.now();
        for (Segment segment : List.of(kept, orphan)) {
            Files.setLastModifiedTime(files.pathOf(segment.fileName()), FileTime.from(now.minus(Duration.ofHours(2))));
        }
        assertThat(files.sweepOrphans(Set.of(kept.fileName()), now)).isEqualTo(1);
        assertThat(files.pathOf(kept.fileName())).exists();
        assertThat(files.pathOf(orphan.fileName())).doesNotExist();
        assertThat(files.pathOf(fresh.fileName())).exists();
    }

    @Test
    void rangesAreParsedAsS3Does()
    {
        assertThat(Range.parse("bytes=0-9", 100)).hasValueSatisfying(r -> assertThat(r).containsExactly(0, 9));
        assertThat(Range.parse("bytes=90-", 100)).hasValueSatisfying(r -> assertThat(r).containsExactly(90, 99));
        assertThat(Range.parse("bytes=-10", 100)).hasValueSatisfying(r -> assertThat(r).containsExactly(90, 99));
        assertThat(Range.parse("bytes=50-1000", 100)).hasValueSatisfying(r -> assertThat(r).containsExactly(50, 99));
        assertThat(Range.parse("bytes=9-3", 100)).isEmpty();
        assertThat(Range.parse("items=0-3", 100)).isEmpty();
        assertThatThrownBy(() -> Range.parse("bytes=100-", 100)).hasMessageContaining("not satisfiable");
    }

    @Test
    void bucketNamesFollowS3sRules()
    {
        assertThat(BucketNames.isValid("awsdoc-example-bucket")).isTrue();
        assertThat(BucketNames.isValid("my.bucket.name")).isTrue();
        for (String bad : List.of("ab", "Upper", "-start", "end-", "two..dots", "192.168.5.4", "xn--punycode", "sthree-x", "name-s3alias", "x".repeat(64))) {
            assertThat(BucketNames.isValid(bad)).as(bad).isFalse();
        }
    }

    private static byte[] read(ObjectFiles files, List<Segment> segments, long first, long last) throws IOException
    {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        files.read(segments, first, last, SSE, CALLER).writeTo(out);
        return out.toByteArray();
    }
}
