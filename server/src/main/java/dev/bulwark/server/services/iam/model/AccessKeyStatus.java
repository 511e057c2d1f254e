package dev.bulwark.server.services.iam.model;

import static java.util.Objects.requireNonNull;

/** Whether an access key may sign requests. */
public enum AccessKeyStatus
{
    ACTIVE("Active"),
    INACTIVE("Inactive");

    private final String wireValue;

    AccessKeyStatus(String wireValue)
    {
        this.wireValue = wireValue;
    }

    /** The value IAM's API uses: {@code Active} or {@code Inactive}. */
    public String wireValue()
    {
        return wireValue;
    }

    /** Parses IAM's wire value (exact case, as IAM requires). */
    public static AccessKeyStatus fromWire(String value)
    {
        requireNonNull(value, "value is null");
        for (AccessKeyStatus status : values()) {
            if (status.wireValue.equals(value)) {
                return status;
            }
        }
        throw new IllegalArgumentException("not an access key status: " + value);
    }
}
