package dev.bulwark.server.services.s3;

import dev.bulwark.protocol.error.AwsErrorException;

import java.util.Map;

/** S3's error codes, statuses and wording (S3 API Reference, "Error responses"), in one place. */
final class S3Errors
{
    private S3Errors() {}

    static AwsErrorException noSuchBucket(String bucket)
    {
        return error("NoSuchBucket", 404, "The specified bucket does not exist").withExtraFields(Map.of("BucketName", bucket));
    }

    static AwsErrorException noSuchKey(String key)
    {
        return error("NoSuchKey", 404, "The specified key does not exist.").withExtraFields(Map.of("Key", key));
    }

    static AwsErrorException bucketAlreadyOwnedByYou(String bucket)
    {
        return error("BucketAlreadyOwnedByYou", 409, "Your previous request to create the named bucket succeeded and you already own it.")
                .withExtraFields(Map.of("BucketName", bucket));
    }

    static AwsErrorException bucketAlreadyExists(String bucket)
    {
        return error("BucketAlreadyExists", 409,
                "The requested bucket name is not available. The bucket namespace is shared by all users of the system. Please select a different name and try again.")
                .withExtraFields(Map.of("BucketName", bucket));
    }

    static AwsErrorException invalidBucketName(String bucket)
    {
        return error("InvalidBucketName", 400, "The specified bucket is not valid.").withExtraFields(Map.of("BucketName", bucket));
    }

    static AwsErrorException bucketNotEmpty(String bucket)
    {
        return error("BucketNotEmpty", 409, "The bucket you tried to delete is not empty").withExtraFields(Map.of("BucketName", bucket));
    }

    static AwsErrorException illegalLocationConstraint(String constraint)
    {
        return error("IllegalLocationConstraintException", 400,
                "The " + constraint + " location constraint is incompatible for the region specific endpoint this request was sent to.");
    }

    static AwsErrorException invalidLocationConstraint()
    {
        return error("InvalidLocationConstraint", 400, "The specified location-constraint is not valid");
    }

    static AwsErrorException noSuchUpload(String uploadId)
    {
        return error("NoSuchUpload", 404,
                "The specified upload does not exist. The upload ID may be invalid, or the upload may have been aborted or completed.")
                .withExtraFields(Map.of("UploadId", uploadId));
    }

    static AwsErrorException invalidPart()
    {
        return error("InvalidPart", 400, "One or more of the specified parts could not be found.  The part may not have been uploaded, "
                + "or the specified entity tag may not match the part's entity tag.");
    }

    static AwsErrorException invalidPartOrder()
    {
        return error("InvalidPartOrder", 400, "The list of parts was not in ascending order. Parts must be ordered by part number.");
    }

    static AwsErrorException entityTooSmall()
    {
        return error("EntityTooSmall", 400, "Your proposed upload is smaller than the minimum allowed object size.");
    }

    static AwsErrorException malformedXml()
    {
        return error("MalformedXML", 400, "The XML you provided was not well-formed or did not validate against our published schema");
    }

    static AwsErrorException invalidRange(long size)
    {
        return error("InvalidRange", 416, "The requested range is not satisfiable").withExtraFields(Map.of("ActualObjectSize", Long.toString(size)));
    }

    static AwsErrorException preconditionFailed(String condition)
    {
        return error("PreconditionFailed", 412, "At least one of the pre-conditions you specified did not hold").withExtraFields(Map.of("Condition", condition));
    }

    static AwsErrorException notModified()
    {
        return error("NotModified", 304, "Not Modified");
    }

    static AwsErrorException noSuchBucketPolicy(String bucket)
    {
        return error("NoSuchBucketPolicy", 404, "The bucket policy does not exist").withExtraFields(Map.of("BucketName", bucket));
    }

    static AwsErrorException malformedPolicy(String message)
    {
        return error("MalformedPolicy", 400, message);
    }

    static AwsErrorException noSuchTagSet(String bucket)
    {
        return error("NoSuchTagSet", 404, "The TagSet does not exist").withExtraFields(Map.of("BucketName", bucket));
    }

    static AwsErrorException invalidTag(String message)
    {
        return error("InvalidTag", 400, message);
    }

    static AwsErrorException noSuchPublicAccessBlockConfiguration(String bucketOrAccount)
    {
        return error("NoSuchPublicAccessBlockConfiguration", 404, "The public access block configuration was not found")
                .withExtraFields(Map.of("BucketName", bucketOrAccount));
    }

    static AwsErrorException ownershipControlsNotFound(String bucket)
    {
        return error("OwnershipControlsNotFoundError", 404, "The bucket ownership controls were not found").withExtraFields(Map.of("BucketName", bucket));
    }

    static AwsErrorException encryptionConfigurationNotFound(String bucket)
    {
        return error("ServerSideEncryptionConfigurationNotFoundError", 404, "The server side encryption configuration was not found")
                .withExtraFields(Map.of("BucketName", bucket));
    }

    static AwsErrorException accessControlListNotSupported()
    {
        return error("AccessControlListNotSupported", 400, "The bucket does not allow ACLs");
    }

    static AwsErrorException accessDenied()
    {
        return error("AccessDenied", 403, "Access Denied");
    }

    static AwsErrorException invalidArgument(String message)
    {
        return error("InvalidArgument", 400, message);
    }

    static AwsErrorException invalidRequest(String message)
    {
        return error("InvalidRequest", 400, message);
    }

    static AwsErrorException badDigest()
    {
        return error("BadDigest", 400, "The Content-MD5 you specified did not match what we received.");
    }

    static AwsErrorException checksumMismatch(String algorithm)
    {
        return error("BadDigest", 400, "The " + algorithm + " you specified did not match the calculated checksum.");
    }

    static AwsErrorException invalidDigest()
    {
        return error("InvalidDigest", 400, "The Content-MD5 you specified is not valid.");
    }

    static AwsErrorException invalidEncryptionAlgorithm()
    {
        return error("InvalidEncryptionAlgorithmError", 400, "The encryption request you specified is not valid. The valid value is AES256.");
    }

    /** What S3 answers for an SSE-KMS request whose key KMS does not know; until KMS is wired every key is unknown. */
    static AwsErrorException kmsKeyNotFound(String keyId)
    {
        return error("KMS.NotFoundException", 400, "Invalid keyId '" + keyId + "'");
    }

    static AwsErrorException notImplementedHeader(String header)
    {
        return error("NotImplemented", 501, "A header you provided implies functionality that is not implemented").withExtraFields(Map.of("Header", header));
    }

    static AwsErrorException entityTooLarge()
    {
        return error("EntityTooLarge", 400, "Your proposed upload exceeds the maximum allowed object size.");
    }

    private static AwsErrorException error(String code, int status, String message)
    {
        return new AwsErrorException(code, status, status < 500, message);
    }
}
