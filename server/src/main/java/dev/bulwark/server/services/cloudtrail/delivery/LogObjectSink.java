package dev.bulwark.server.services.cloudtrail.delivery;

import java.util.Map;

/**
 * Where trail delivery writes objects: an S3 bucket once Bulwark has S3, a directory or memory until then. An
 * implementation either stores the whole object with its user metadata ({@code x-amz-meta-*} names without the
 * prefix) or throws {@link DeliveryException}.
 */
@FunctionalInterface
public interface LogObjectSink
{
    void put(String bucket, String key, byte[] bytes, Map<String, String> metadata) throws DeliveryException;

    /**
     * As {@link #put(String, String, byte[], Map)}, for the trail {@code trailArn}: a bucket policy may name the trail
     * in {@code aws:SourceArn}, as AWS's recommended trail bucket policy does.
     */
    default void put(String trailArn, String bucket, String key, byte[] bytes, Map<String, String> metadata) throws DeliveryException
    {
        put(bucket, key, bytes, metadata);
    }

    /** A delivery the bucket refused; {@code errorCode} is S3's ({@code NoSuchBucket}, {@code AccessDenied}), which GetTrailStatus reports. */
    final class DeliveryException extends Exception
    {
        private final String errorCode;

        public DeliveryException(String errorCode, String message)
        {
            super(message);
            this.errorCode = errorCode;
        }

        public String errorCode()
        {
            return errorCode;
        }
    }

    /** The sink of a server without S3: every bucket is missing, so trails report {@code NoSuchBucket} and keep their events. */
    static LogObjectSink noBuckets()
    {
        return (bucket, key, bytes, metadata) -> {
            throw new DeliveryException("NoSuchBucket", "The specified bucket does not exist: " + bucket);
        };
    }
}
