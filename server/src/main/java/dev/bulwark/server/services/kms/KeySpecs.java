package dev.bulwark.server.services.kms;

import dev.bulwark.server.services.kms.crypto.KeySpec;
import dev.bulwark.server.services.kms.crypto.KeyUsage;

import java.util.List;
import java.util.Optional;

/**
 * The key specs and usages of stored keys (kept as their wire names) mapped onto the crypto package's
 * {@link KeySpec} and {@link KeyUsage}: which combinations CreateKey accepts and which algorithms DescribeKey lists.
 */
final class KeySpecs
{
    static final String SYMMETRIC_DEFAULT = "SYMMETRIC_DEFAULT";
    static final String ENCRYPT_DECRYPT = "ENCRYPT_DECRYPT";
    static final String SIGN_VERIFY = "SIGN_VERIFY";
    static final String GENERATE_VERIFY_MAC = "GENERATE_VERIFY_MAC";
    static final String KEY_AGREEMENT = "KEY_AGREEMENT";
    static final String ALL_SPECS = "[RSA_2048, RSA_3072, RSA_4096, ECC_NIST_P256, ECC_NIST_P384, ECC_NIST_P521, ECC_SECG_P256K1, SYMMETRIC_DEFAULT, "
            + "HMAC_224, HMAC_256, HMAC_384, HMAC_512, SM2, ML_DSA_44, ML_DSA_65, ML_DSA_87]";

    private KeySpecs() {}

    static Optional<KeySpec> parse(String keySpec)
    {
        return KeySpec.parse(keySpec);
    }

    /** A stored key's spec (always one this server made). */
    static KeySpec of(String keySpec)
    {
        return KeySpec.parse(keySpec).orElseThrow(() -> new IllegalStateException("stored key spec unknown: " + keySpec));
    }

    static boolean supported(String keySpec)
    {
        return KeySpec.parse(keySpec).isPresent();
    }

    static boolean allows(String keySpec, String keyUsage)
    {
        return KeySpec.parse(keySpec).flatMap(spec -> KeyUsage.parse(keyUsage).map(usage -> spec.allowedUsages().contains(usage))).orElse(false);
    }

    /** Whether material of this spec may be imported (Origin EXTERNAL): every spec this server makes, as in AWS today. */
    static boolean importable(String keySpec)
    {
        return supported(keySpec);
    }

    static List<String> encryptionAlgorithms(String keySpec, String keyUsage)
    {
        return algorithms(keySpec, keyUsage, Kind.ENCRYPTION);
    }

    static List<String> signingAlgorithms(String keySpec, String keyUsage)
    {
        return algorithms(keySpec, keyUsage, Kind.SIGNING);
    }

    static List<String> macAlgorithms(String keySpec, String keyUsage)
    {
        return algorithms(keySpec, keyUsage, Kind.MAC);
    }

    static List<String> keyAgreementAlgorithms(String keySpec, String keyUsage)
    {
        return algorithms(keySpec, keyUsage, Kind.AGREEMENT);
    }

    private enum Kind { ENCRYPTION, SIGNING, MAC, AGREEMENT }

    private static List<String> algorithms(String keySpec, String keyUsage, Kind kind)
    {
        Optional<KeySpec> spec = KeySpec.parse(keySpec);
        Optional<KeyUsage> usage = KeyUsage.parse(keyUsage);
        if (spec.isEmpty() || usage.isEmpty()) {
            return List.of();
        }
        return switch (kind) {
            case ENCRYPTION -> spec.get().encryptionAlgorithms(usage.get());
            case SIGNING -> spec.get().signingAlgorithms(usage.get());
            case MAC -> spec.get().macAlgorithms(usage.get());
            case AGREEMENT -> spec.get().keyAgreementAlgorithms(usage.get());
        };
    }
}
