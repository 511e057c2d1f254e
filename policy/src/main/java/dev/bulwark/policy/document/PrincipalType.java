package dev.bulwark.policy.document;

import java.util.Optional;

/** The keys of a {@code Principal} object. */
public enum PrincipalType
{
    AWS("AWS"),
    SERVICE("Service"),
    FEDERATED("Federated"),
    CANONICAL_USER("CanonicalUser");

    private final String key;

    PrincipalType(String key)
    {
        this.key = key;
    }

    /** The JSON key, e.g. {@code "CanonicalUser"}. */
    public String key()
    {
        return key;
    }

    public static Optional<PrincipalType> fromKey(String key)
    {
        for (PrincipalType type : values()) {
            if (type.key.equals(key)) {
                return Optional.of(type);
            }
        }
        return Optional.empty();
    }
}
