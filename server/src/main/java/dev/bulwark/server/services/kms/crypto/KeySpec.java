package dev.bulwark.server.services.kms.crypto;

import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The key specs KMS offers outside China's regions, with what each may do: the usages CreateKey accepts and the
 * algorithms DescribeKey lists for a usage (AWS KMS Developer Guide, "Key spec reference"; lists in the order
 * DescribeKey answers them).
 */
public enum KeySpec
{
    SYMMETRIC_DEFAULT(Family.SYMMETRIC, 256, null),
    RSA_2048(Family.RSA, 2048, null),
    RSA_3072(Family.RSA, 3072, null),
    RSA_4096(Family.RSA, 4096, null),
    ECC_NIST_P256(Family.ECC, 256, "secp256r1"),
    ECC_NIST_P384(Family.ECC, 384, "secp384r1"),
    ECC_NIST_P521(Family.ECC, 521, "secp521r1"),
    ECC_SECG_P256K1(Family.ECC, 256, "secp256k1"),
    HMAC_224(Family.HMAC, 224, null),
    HMAC_256(Family.HMAC, 256, null),
    HMAC_384(Family.HMAC, 384, null),
    HMAC_512(Family.HMAC, 512, null);

    enum Family { SYMMETRIC, RSA, ECC, HMAC }

    private static final List<String> RSA_SIGNING = List.of("RSASSA_PKCS1_V1_5_SHA_256", "RSASSA_PKCS1_V1_5_SHA_384", "RSASSA_PKCS1_V1_5_SHA_512",
            "RSASSA_PSS_SHA_256", "RSASSA_PSS_SHA_384", "RSASSA_PSS_SHA_512");

    private final Family family;
    private final int bits;
    private final String curve;

    KeySpec(Family family, int bits, String curve)
    {
        this.family = family;
        this.bits = bits;
        this.curve = curve;
    }

    public static Optional<KeySpec> parse(String wireName)
    {
        for (KeySpec spec : values()) {
            if (spec.name().equals(wireName)) {
                return Optional.of(spec);
            }
        }
        return Optional.empty();
    }

    public boolean isSymmetric()
    {
        return family == Family.SYMMETRIC;
    }

    public boolean isRsa()
    {
        return family == Family.RSA;
    }

    public boolean isEcc()
    {
        return family == Family.ECC;
    }

    public boolean isHmac()
    {
        return family == Family.HMAC;
    }

    /** RSA modulus, curve or key size in bits. */
    int bits()
    {
        return bits;
    }

    /** The SEC 2 curve name of an ECC spec. */
    String curve()
    {
        return curve;
    }

    /** The usages CreateKey accepts for this spec; the first is KMS's default where it has one. */
    public Set<KeyUsage> allowedUsages()
    {
        return switch (family) {
            case SYMMETRIC -> EnumSet.of(KeyUsage.ENCRYPT_DECRYPT);
            case RSA -> EnumSet.of(KeyUsage.ENCRYPT_DECRYPT, KeyUsage.SIGN_VERIFY);
            case ECC -> this == ECC_SECG_P256K1 ? EnumSet.of(KeyUsage.SIGN_VERIFY) : EnumSet.of(KeyUsage.SIGN_VERIFY, KeyUsage.KEY_AGREEMENT);
            case HMAC -> EnumSet.of(KeyUsage.GENERATE_VERIFY_MAC);
        };
    }

    public List<String> encryptionAlgorithms(KeyUsage usage)
    {
        if (usage != KeyUsage.ENCRYPT_DECRYPT || !allowedUsages().contains(usage)) {
            return List.of();
        }
        return isSymmetric() ? List.of("SYMMETRIC_DEFAULT") : List.of("RSAES_OAEP_SHA_1", "RSAES_OAEP_SHA_256");
    }

    public List<String> signingAlgorithms(KeyUsage usage)
    {
        if (usage != KeyUsage.SIGN_VERIFY || !allowedUsages().contains(usage)) {
            return List.of();
        }
        return switch (this) {
            case RSA_2048, RSA_3072, RSA_4096 -> RSA_SIGNING;
            case ECC_NIST_P256, ECC_SECG_P256K1 -> List.of("ECDSA_SHA_256");
            case ECC_NIST_P384 -> List.of("ECDSA_SHA_384");
            case ECC_NIST_P521 -> List.of("ECDSA_SHA_512");
            default -> List.of();
        };
    }

    public List<String> macAlgorithms(KeyUsage usage)
    {
        if (usage != KeyUsage.GENERATE_VERIFY_MAC || !isHmac()) {
            return List.of();
        }
        return List.of("HMAC_SHA_" + bits);
    }

    public List<String> keyAgreementAlgorithms(KeyUsage usage)
    {
        return usage == KeyUsage.KEY_AGREEMENT && allowedUsages().contains(usage) ? List.of("ECDH") : List.of();
    }
}
