package dev.bulwark.server.services.kms;

import dev.bulwark.protocol.error.AwsErrorException;
import dev.bulwark.server.services.kms.crypto.KmsCryptoException;
import software.amazon.awssdk.services.kms.model.AlreadyExistsException;
import software.amazon.awssdk.services.kms.model.DisabledException;
import software.amazon.awssdk.services.kms.model.DryRunOperationException;
import software.amazon.awssdk.services.kms.model.ExpiredImportTokenException;
import software.amazon.awssdk.services.kms.model.IncorrectKeyException;
import software.amazon.awssdk.services.kms.model.IncorrectKeyMaterialException;
import software.amazon.awssdk.services.kms.model.InvalidAliasNameException;
import software.amazon.awssdk.services.kms.model.InvalidArnException;
import software.amazon.awssdk.services.kms.model.InvalidCiphertextException;
import software.amazon.awssdk.services.kms.model.InvalidGrantIdException;
import software.amazon.awssdk.services.kms.model.InvalidGrantTokenException;
import software.amazon.awssdk.services.kms.model.InvalidImportTokenException;
import software.amazon.awssdk.services.kms.model.InvalidKeyUsageException;
import software.amazon.awssdk.services.kms.model.InvalidMarkerException;
import software.amazon.awssdk.services.kms.model.KmsInvalidMacException;
import software.amazon.awssdk.services.kms.model.KmsInvalidSignatureException;
import software.amazon.awssdk.services.kms.model.KmsInvalidStateException;
import software.amazon.awssdk.services.kms.model.LimitExceededException;
import software.amazon.awssdk.services.kms.model.MalformedPolicyDocumentException;
import software.amazon.awssdk.services.kms.model.NotFoundException;
import software.amazon.awssdk.services.kms.model.TagException;
import software.amazon.awssdk.services.kms.model.UnsupportedOperationException;

/**
 * KMS's error wording, in one place. Each factory returns the SDK's modeled exception (the codec answers its code and
 * status from the AWS model). Messages follow what KMS answers ("Key '<arn>' does not exist", "<arn> is disabled.",
 * "<arn> is pending deletion."); where the wording is not known, the sentence of the error shape's documentation.
 */
final class KmsErrors
{
    private KmsErrors() {}

    static NotFoundException keyNotFound(String keyArn)
    {
        return NotFoundException.builder().message("Key '" + keyArn + "' does not exist").build();
    }

    static NotFoundException aliasNotFound(String aliasArn)
    {
        return NotFoundException.builder().message("Alias " + aliasArn + " is not found.").build();
    }

    static NotFoundException invalidKeyId(String keyId)
    {
        return NotFoundException.builder().message("Invalid keyId '" + keyId + "'").build();
    }

    static DisabledException disabled(String keyArn)
    {
        return DisabledException.builder().message(keyArn + " is disabled.").build();
    }

    static KmsInvalidStateException pendingDeletion(String keyArn)
    {
        return KmsInvalidStateException.builder().message(keyArn + " is pending deletion.").build();
    }

    static KmsInvalidStateException pendingImport(String keyArn)
    {
        return KmsInvalidStateException.builder().message(keyArn + " is pending import.").build();
    }

    static KmsInvalidStateException notPendingDeletion(String keyArn)
    {
        return KmsInvalidStateException.builder().message(keyArn + " is not pending deletion.").build();
    }

    static KmsInvalidStateException invalidState(String message)
    {
        return KmsInvalidStateException.builder().message(message).build();
    }

    /** KMS answers a bad ciphertext without any message. */
    static InvalidCiphertextException invalidCiphertext()
    {
        return InvalidCiphertextException.builder().build();
    }

    static IncorrectKeyException incorrectKey()
    {
        return IncorrectKeyException.builder()
                .message("The key ID in the request does not identify a KMS key that can perform this operation.").build();
    }

    static InvalidKeyUsageException invalidKeyUsage(String keyArn, String keyUsage, String operation)
    {
        return InvalidKeyUsageException.builder().message(keyArn + " key usage is " + keyUsage + " which is not valid for " + operation + ".").build();
    }

    static InvalidKeyUsageException invalidKeyUsage(String message)
    {
        return InvalidKeyUsageException.builder().message(message).build();
    }

    /** The AWS validation message for one member ({@code constraint} as AWS states it, e.g. "Member must ..."). */
    static AwsErrorException validation(Object value, String member, String constraint)
    {
        return AwsErrorException.sender("ValidationException", 400,
                "1 validation error detected: Value '" + value + "' at '" + member + "' failed to satisfy constraint: " + constraint);
    }

    static AwsErrorException validation(String message)
    {
        return AwsErrorException.sender("ValidationException", 400, message);
    }

    static AlreadyExistsException aliasExists(String aliasArn)
    {
        return AlreadyExistsException.builder().message("An alias with the name " + aliasArn + " already exists").build();
    }

    static InvalidAliasNameException invalidAliasName(String message)
    {
        return InvalidAliasNameException.builder().message(message).build();
    }

    static MalformedPolicyDocumentException malformedPolicy(String message)
    {
        return MalformedPolicyDocumentException.builder().message(message).build();
    }

    static MalformedPolicyDocumentException lockout()
    {
        return MalformedPolicyDocumentException.builder()
                .message("The new key policy will not allow you to update the key policy in the future.").build();
    }

    static UnsupportedOperationException unsupported(String message)
    {
        return UnsupportedOperationException.builder().message(message).build();
    }

    static InvalidGrantIdException invalidGrantId(String grantId)
    {
        return InvalidGrantIdException.builder().message("Grant ID " + grantId + " not found").build();
    }

    static InvalidGrantTokenException invalidGrantToken()
    {
        return InvalidGrantTokenException.builder().message("The grant token is not valid.").build();
    }

    static InvalidArnException invalidArn(String arn)
    {
        return InvalidArnException.builder().message("Invalid arn " + arn).build();
    }

    static TagException tag(String message)
    {
        return TagException.builder().message(message).build();
    }

    static InvalidMarkerException invalidMarker()
    {
        return InvalidMarkerException.builder().message("Invalid marker").build();
    }

    static DryRunOperationException dryRun()
    {
        return DryRunOperationException.builder().message("The request would have succeeded, but the DryRun option is set.").build();
    }

    static IncorrectKeyMaterialException incorrectKeyMaterial()
    {
        return IncorrectKeyMaterialException.builder()
                .message("The key material in the request is, expired, invalid, or is not the same key material that was previously imported into this KMS key.")
                .build();
    }

    static InvalidImportTokenException invalidImportToken()
    {
        return InvalidImportTokenException.builder().message("The import token is not valid for this KMS key.").build();
    }

    static ExpiredImportTokenException expiredImportToken()
    {
        return ExpiredImportTokenException.builder().message("The import token has expired. Use GetParametersForImport to get a new import token.").build();
    }

    static KmsInvalidSignatureException invalidSignature()
    {
        return KmsInvalidSignatureException.builder().build();
    }

    static KmsInvalidMacException invalidMac()
    {
        return KmsInvalidMacException.builder().build();
    }

    static LimitExceededException limitExceeded(String message)
    {
        return LimitExceededException.builder().message(message).build();
    }

    /** A crypto-package failure as KMS answers it. */
    static RuntimeException crypto(KmsCryptoException e)
    {
        return switch (e.reason()) {
            case INVALID_CIPHERTEXT -> invalidCiphertext();
            case INVALID_SIGNATURE_INPUT -> validation(e.getMessage());
            case INVALID_KEY_MATERIAL -> incorrectKeyMaterial();
            case UNSUPPORTED -> invalidKeyUsage(e.getMessage());
        };
    }
}
