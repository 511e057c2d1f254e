package dev.bulwark.server.services.kms.model;

import java.util.Optional;

/** A KMS key's state as AWS names it ({@code KeyState} in DescribeKey). */
public enum KeyState
{
    ENABLED("Enabled"),
    DISABLED("Disabled"),
    PENDING_DELETION("PendingDeletion"),
    PENDING_IMPORT("PendingImport");

    private final String wireName;

    KeyState(String wireName)
    {
        this.wireName = wireName;
    }

    public String wireName()
    {
        return wireName;
    }

    public static Optional<KeyState> fromWire(String name)
    {
        for (KeyState state : values()) {
            if (state.wireName.equals(name)) {
                return Optional.of(state);
            }
        }
        return Optional.empty();
    }
}
