package dev.bulwark.server.services.kms.crypto;

import java.util.Optional;

/** What a KMS key may be used for ({@code KeyUsage} on the wire). */
public enum KeyUsage
{
    ENCRYPT_DECRYPT,
    SIGN_VERIFY,
    GENERATE_VERIFY_MAC,
    KEY_AGREEMENT;

    public static Optional<KeyUsage> parse(String wireName)
    {
        for (KeyUsage usage : values()) {
            if (usage.name().equals(wireName)) {
                return Optional.of(usage);
            }
        }
        return Optional.empty();
    }
}
