package dev.bulwark.server.services.kms.crypto;

import static java.util.Objects.requireNonNull;

/**
 * A cryptographic operation failed for a reason the caller must map to KMS's error: the message is for logs and
 * tests, never for the wire (it may say more than AWS does).
 */
public final class KmsCryptoException extends Exception
{
    public enum Reason
    {
        /** The ciphertext or wrapped material is not one this key made (KMS: InvalidCiphertextException). */
        INVALID_CIPHERTEXT,
        /** A message, digest or peer key the algorithm cannot take (KMS: ValidationException). */
        INVALID_SIGNATURE_INPUT,
        /** Imported key material that does not fit the key spec (KMS: IncorrectKeyMaterialException). */
        INVALID_KEY_MATERIAL,
        /** An algorithm the key spec does not offer (KMS: InvalidKeyUsageException / ValidationException). */
        UNSUPPORTED
    }

    private final Reason reason;

    public KmsCryptoException(Reason reason, String message)
    {
        super(message);
        this.reason = requireNonNull(reason, "reason is null");
    }

    public KmsCryptoException(Reason reason, String message, Throwable cause)
    {
        super(message, cause);
        this.reason = requireNonNull(reason, "reason is null");
    }

    public Reason reason()
    {
        return reason;
    }
}
