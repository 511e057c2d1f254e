package dev.bulwark.policy.validate;

import static java.util.Objects.requireNonNull;

/**
 * One step of a path through the policy's JSON, like Access Analyzer's {@code PathElement} union:
 * an array index, an object key itself, or the value stored under a key.
 */
public sealed interface PathElement
{
    /** The element at this index of a JSON array. */
    record Index(int index) implements PathElement
    {
        public Index
        {
            if (index < 0) {
                throw new IllegalArgumentException("index is negative: " + index);
            }
        }
    }

    /** The key itself of an object member, for example a misspelt element name. */
    record Key(String key) implements PathElement
    {
        public Key
        {
            requireNonNull(key, "key is null");
        }
    }

    /** The value stored under a key of a JSON object. */
    record Value(String value) implements PathElement
    {
        public Value
        {
            requireNonNull(value, "value is null");
        }
    }

    static PathElement index(int index)
    {
        return new Index(index);
    }

    static PathElement key(String key)
    {
        return new Key(key);
    }

    static PathElement value(String key)
    {
        return new Value(key);
    }
}
