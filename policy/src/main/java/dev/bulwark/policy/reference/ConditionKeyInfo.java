package dev.bulwark.policy.reference;

import static java.util.Objects.requireNonNull;

/**
 * One condition key of the reference.
 *
 * @param name the key as AWS documents it; a parameterised key keeps its placeholder, for example
 *     {@code aws:ResourceTag/${TagKey}} or {@code kms:EncryptionContext:${EncryptionContextKey}}
 * @param type the key's data type
 * @param global true for AWS's global condition keys, which any service may receive
 */
public record ConditionKeyInfo(String name, ConditionKeyType type, boolean global)
{
    public ConditionKeyInfo
    {
        requireNonNull(name, "name is null");
        requireNonNull(type, "type is null");
    }

    /** True when the key has a placeholder, so a policy writes it with a concrete suffix. */
    public boolean isParameterised()
    {
        return KeyTemplate.hasPlaceholder(name);
    }
}
