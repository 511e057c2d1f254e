package dev.bulwark.server.services.cloudtrail.delivery;

import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.TreeMap;

import static java.util.Objects.requireNonNull;

/**
 * A sink that keeps objects as files, {@code <root>/<bucket>/<key>}, with the user metadata beside each one in
 * {@code <key>.metadata.json}; a bucket is a directory that must exist. Written to a temporary file and moved into
 * place, so a reader never sees half an object.
 */
public final class DirectorySink implements LogObjectSink
{
    public static final String METADATA_SUFFIX = ".metadata.json";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path root;

    public DirectorySink(Path root)
    {
        this.root = requireNonNull(root, "root is null");
    }

    /** Makes the bucket's directory. */
    public void createBucket(String bucket)
    {
        try {
            Files.createDirectories(root.resolve(bucket));
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Path root()
    {
        return root;
    }

    @Override
    public void put(String bucket, String key, byte[] bytes, Map<String, String> metadata) throws DeliveryException
    {
        Path bucketDir = root.resolve(bucket);
        if (!Files.isDirectory(bucketDir)) {
            throw new DeliveryException("NoSuchBucket", "The specified bucket does not exist: " + bucket);
        }
        Path target = bucketDir.resolve(key).normalize();
        if (!target.startsWith(bucketDir)) {
            throw new DeliveryException("InvalidObjectName", "Object key escapes the bucket: " + key);
        }
        try {
            Files.createDirectories(target.getParent());
            write(target.resolveSibling(target.getFileName() + METADATA_SUFFIX), JSON.writeValueAsBytes(new TreeMap<>(metadata)));
            write(target, bytes);
        }
        catch (IOException e) {
            throw new DeliveryException("InternalError", "cannot write " + target + ": " + e.getMessage());
        }
    }

    private static void write(Path target, byte[] bytes) throws IOException
    {
        Path temporary = Files.createTempFile(target.getParent(), ".put-", ".tmp");
        Files.write(temporary, bytes);
        Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
