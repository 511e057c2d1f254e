package dev.bulwark.server.services.iam.model;

import java.time.Instant;

import static java.util.Objects.requireNonNull;

/**
 * A long-term access key. {@code userName} is null for the account's root user. The secret is plaintext only in
 * memory (the store seals it), and {@link #toString} never shows it. The last-used fields are null until first use.
 */
public record AccessKey(
        String accessKeyId,
        String accountId,
        String userName,
        String secretAccessKey,
        AccessKeyStatus status,
        Instant created,
        Instant lastUsedDate,
        String lastUsedService,
        String lastUsedRegion)
{
    public AccessKey
    {
        requireNonNull(accessKeyId, "accessKeyId is null");
        Arns.requireAccountId(accountId);
        requireNonNull(secretAccessKey, "secretAccessKey is null");
        requireNonNull(status, "status is null");
        requireNonNull(created, "created is null");
    }

    public boolean isRootKey()
    {
        return userName == null;
    }

    public boolean isActive()
    {
        return status == AccessKeyStatus.ACTIVE;
    }

    @Override
    public String toString()
    {
        return "AccessKey[accessKeyId=" + accessKeyId + ", accountId=" + accountId + ", userName=" + (userName == null ? "<root>" : userName)
                + ", secretAccessKey=***, status=" + status + ", created=" + created + ", lastUsedDate=" + lastUsedDate
                + ", lastUsedService=" + lastUsedService + ", lastUsedRegion=" + lastUsedRegion + "]";
    }
}
