package dev.bulwark.server.services.s3.model;

import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * How an object is (or a bucket's objects are by default) encrypted at rest.
 *
 * @param algorithm {@code AES256} (SSE-S3) or {@code aws:kms} / {@code aws:kms:dsse} (SSE-KMS)
 * @param kmsKeyId  the KMS key for SSE-KMS, absent for the AWS managed key {@code aws/s3}
 */
public record Encryption(String algorithm, Optional<String> kmsKeyId, boolean bucketKeyEnabled)
{
    public static final String AES256 = "AES256";
    public static final Encryption SSE_S3 = new Encryption(AES256, Optional.empty(), false);

    public Encryption
    {
        requireNonNull(algorithm, "algorithm is null");
        requireNonNull(kmsKeyId, "kmsKeyId is null");
    }

    public boolean isKms()
    {
        return algorithm.startsWith("aws:kms");
    }
}
