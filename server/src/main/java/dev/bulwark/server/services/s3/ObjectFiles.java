package dev.bulwark.server.services.s3;

import dev.bulwark.protocol.http.HttpResponse.StreamingBody;
import dev.bulwark.server.auth.Caller;
import dev.bulwark.server.services.s3.model.Encryption;
import dev.bulwark.server.services.s3.model.Segment;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.logging.Logger;

import static java.util.Objects.requireNonNull;

/**
 * Object data on disk, encrypted: each file is a sequence of independently sealed chunks (AES-256-GCM under the
 * file's own data key, 64 KiB of plaintext each, nonce = chunk index, the index and a last-chunk flag as associated
 * data), so a range is served by decrypting only the chunks it covers, and reordered, altered or truncated chunks
 * fail authentication. A file is written under {@code s3/tmp}, forced to disk, then renamed into {@code s3/data}
 * and the directory forced: a file is either absent or whole. Rows that make it visible are committed afterwards;
 * a file no row names is an orphan, removed by {@link #sweepOrphans}.
 */
public final class ObjectFiles
{
    private static final Logger LOG = Logger.getLogger(ObjectFiles.class.getName());
    static final int CHUNK = 64 * 1024;
    private static final int TAG_BYTES = 16;
    private static final int SEALED_CHUNK = CHUNK + TAG_BYTES;
    /** A file younger than this may belong to a request still in flight (on this or another node): never an orphan yet. */
    private static final Duration ORPHAN_AGE = Duration.ofHours(1);
    private static final String AWS_MANAGED_KEY = "alias/aws/s3";

    private final Path tmp;
    private final Path data;
    private final ServerSideKeys keys;

    public ObjectFiles(Path dataDir, ServerSideKeys keys)
    {
        this.tmp = dataDir.resolve("s3").resolve("tmp");
        this.data = dataDir.resolve("s3").resolve("data");
        this.keys = requireNonNull(keys, "keys is null");
        try {
            Files.createDirectories(tmp);
            Files.createDirectories(data);
        }
        catch (IOException e) {
            throw new UncheckedIOException("cannot create object directories under " + dataDir, e);
        }
    }

    /** The KMS key an encryption setting asks for: absent for SSE-S3, the AWS managed {@code aws/s3} key when SSE-KMS names none. */
    static Optional<String> kmsKey(Encryption encryption)
    {
        return encryption.isKms() ? Optional.of(encryption.kmsKeyId().orElse(AWS_MANAGED_KEY)) : Optional.empty();
    }

    public void checkUsable(Encryption encryption, Caller caller)
    {
        keys.checkUsable(kmsKey(encryption), caller);
    }

    /** Encrypts and durably writes {@code plaintext[offset, offset+length)} as a new file under a data key from {@code encryption}'s provider. */
    public Segment write(byte[] plaintext, int offset, int length, Encryption encryption, Caller caller)
    {
        String name = UUID.randomUUID().toString();
        ServerSideKeys.DataKey key = keys.generate(kmsKey(encryption), context(name), caller);
        Path temporary = tmp.resolve(name);
        try {
            try (FileChannel out = FileChannel.open(temporary, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                long chunks = chunkCount(length);
                for (long index = 0; index < chunks; index++) {
                    int start = (int) (index * CHUNK);
                    int size = (int) Math.min(CHUNK, length - start);
                    ByteBuffer sealed = ByteBuffer.wrap(cipher(Cipher.ENCRYPT_MODE, key.plaintext(), index, index == chunks - 1)
                            .doFinal(plaintext, offset + start, size));
                    while (sealed.hasRemaining()) {
                        out.write(sealed);
                    }
                }
                out.force(true);
            }
            Path target = pathOf(name);
            Files.createDirectories(target.getParent());
            Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE);
            forceDirectory(target.getParent());
        }
        catch (IOException | GeneralSecurityException e) {
            deleteQuietly(temporary);
            throw new IllegalStateException("cannot write object data", e);
        }
        finally {
            java.util.Arrays.fill(key.plaintext(), (byte) 0);
        }
        return new Segment(name, key.wrapped(), length);
    }

    /** The plaintext bytes {@code [first, last]} of the concatenated segments, decrypted chunk by chunk as they are written out. */
    public StreamingBody read(List<Segment> segments, long first, long last, Encryption encryption, Caller caller)
    {
        long length = segments.isEmpty() || last < first ? 0 : last - first + 1;
        // Data keys are unwrapped before the response starts, so a key the caller may not use (or a disabled KMS key)
        // is answered as S3's error rather than a body cut short.
        java.util.Map<Segment, byte[]> dataKeys = new java.util.IdentityHashMap<>();
        long start = 0;
        for (Segment segment : segments) {
            long end = start + segment.size() - 1;
            if (segment.size() > 0 && end >= first && start <= last) {
                dataKeys.put(segment, keys.decrypt(kmsKey(encryption), segment.dataKey(), context(segment.fileName()), caller));
            }
            start += segment.size();
        }
        return new StreamingBody()
        {
            @Override
            public long length()
            {
                return length;
            }

            @Override
            public void writeTo(OutputStream out) throws IOException
            {
                long segmentStart = 0;
                for (Segment segment : segments) {
                    long segmentEnd = segmentStart + segment.size() - 1;
                    if (segment.size() > 0 && segmentEnd >= first && segmentStart <= last) {
                        writeRange(segment, dataKeys.get(segment), Math.max(first, segmentStart) - segmentStart, Math.min(last, segmentEnd) - segmentStart, out);
                    }
                    segmentStart += segment.size();
                }
            }
        };
    }

    /** The whole plaintext of the segments (CopyObject); objects here fit in memory since request bodies do. */
    public byte[] readAll(List<Segment> segments, Encryption encryption, Caller caller)
    {
        long total = segments.stream().mapToLong(Segment::size).sum();
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream((int) total);
        try {
            read(segments, 0, total - 1, encryption, caller).writeTo(out);
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private void writeRange(Segment segment, byte[] key, long first, long last, OutputStream out) throws IOException
    {
        long chunks = chunkCount(segment.size());
        try (FileChannel in = FileChannel.open(pathOf(segment.fileName()), StandardOpenOption.READ)) {
            for (long index = first / CHUNK; index <= last / CHUNK; index++) {
                long plainStart = index * CHUNK;
                int plainSize = (int) Math.min(CHUNK, segment.size() - plainStart);
                ByteBuffer sealed = ByteBuffer.allocate(plainSize + TAG_BYTES);
                long position = index * SEALED_CHUNK;
                while (sealed.hasRemaining()) {
                    int read = in.read(sealed, position + sealed.position());
                    if (read < 0) {
                        throw new IOException("object data file " + segment.fileName() + " is truncated");
                    }
                }
                byte[] plain;
                try {
                    plain = cipher(Cipher.DECRYPT_MODE, key, index, index == chunks - 1).doFinal(sealed.array());
                }
                catch (GeneralSecurityException e) {
                    throw new IOException("object data file " + segment.fileName() + " failed authentication at chunk " + index, e);
                }
                int from = (int) Math.max(0, first - plainStart);
                int to = (int) Math.min(plainSize - 1, last - plainStart);
                out.write(plain, from, to - from + 1);
            }
        }
        finally {
            java.util.Arrays.fill(key, (byte) 0);
        }
    }

    /** Removes files of data no row refers to any more (called after the commit that dropped their rows). */
    public void delete(List<Segment> segments)
    {
        for (Segment segment : segments) {
            deleteQuietly(pathOf(segment.fileName()));
        }
    }

    /**
     * Removes files no row names (a crash between the rename and the commit, or between a commit and the removal of
     * replaced data) and abandoned temporary files, once they are old enough not to belong to a request in flight.
     */
    public int sweepOrphans(Set<String> referenced, Instant now)
    {
        int removed = 0;
        Instant cutoff = now.minus(ORPHAN_AGE);
        List<Path> candidates = new ArrayList<>();
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(data)) {
            for (Path dir : dirs) {
                try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
                    files.forEach(file -> {
                        if (!referenced.contains(file.getFileName().toString())) {
                            candidates.add(file);
                        }
                    });
                }
            }
            try (DirectoryStream<Path> files = Files.newDirectoryStream(tmp)) {
                files.forEach(candidates::add);
            }
            for (Path file : candidates) {
                FileTime modified = Files.getLastModifiedTime(file);
                if (modified.toInstant().isBefore(cutoff)) {
                    deleteQuietly(file);
                    removed++;
                }
            }
        }
        catch (IOException e) {
            LOG.warning("orphan sweep of object data stopped: " + e);
        }
        return removed;
    }

    /** Where a file's bytes are, for tests that check they are not the plaintext. */
    public Path pathOf(String fileName)
    {
        return data.resolve(fileName.substring(0, 2)).resolve(fileName);
    }

    private static Map<String, String> context(String fileName)
    {
        return Map.of("bulwark:s3:file", fileName);
    }

    private static long chunkCount(long size)
    {
        return Math.max(1, (size + CHUNK - 1) / CHUNK);
    }

    private static Cipher cipher(int mode, byte[] key, long index, boolean lastChunk) throws GeneralSecurityException
    {
        byte[] nonce = ByteBuffer.allocate(12).putInt(0).putLong(index).array();
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(mode, new SecretKeySpec(key, "AES"), new GCMParameterSpec(TAG_BYTES * 8, nonce));
        cipher.updateAAD(ByteBuffer.allocate(9).putLong(index).put((byte) (lastChunk ? 1 : 0)).array());
        return cipher;
    }

    private static void forceDirectory(Path dir)
    {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        }
        catch (IOException e) {
            // Some file systems cannot open a directory for fsync; the rename itself is still atomic there.
            LOG.fine("cannot fsync directory " + dir + ": " + e);
        }
    }

    private static void deleteQuietly(Path file)
    {
        try {
            Files.deleteIfExists(file);
        }
        catch (IOException e) {
            LOG.warning("cannot remove " + file + ": " + e);
        }
    }
}
