package dev.bulwark.protocol.sigv4;

/**
 * Which family of AWS services a request is addressed to. The family decides the error codes and wording,
 * how the canonical URI is built, and whether unauthenticated requests may pass on to authorization.
 */
public enum Dialect
{
    /** awsQuery and ec2 services (IAM, STS, SNS…): codes such as {@code InvalidClientTokenId}, 403. */
    QUERY,
    /** awsJson and restJson services (KMS, DynamoDB…): codes end in {@code Exception}, mostly 400. */
    JSON,
    /** S3: path used as sent, anonymous requests allowed, XML errors with extra diagnostic fields. */
    S3;

    /** S3 signs the path exactly as sent; every other service normalises it and encodes it a second time. */
    boolean encodesPathTwice()
    {
        return this != S3;
    }
}
