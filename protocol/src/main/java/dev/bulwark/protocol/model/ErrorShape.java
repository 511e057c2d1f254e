package dev.bulwark.protocol.model;

import static java.util.Objects.requireNonNull;

/**
 * How one modeled AWS error appears on the wire: its code (after any awsQueryError override, e.g. IAM's
 * {@code CredentialReportNotPresentException} is sent as {@code ReportNotPresent}), HTTP status and fault side.
 */
public record ErrorShape(String shapeName, String code, int httpStatus, boolean senderFault)
{
    public ErrorShape
    {
        requireNonNull(shapeName, "shapeName is null");
        requireNonNull(code, "code is null");
    }
}
