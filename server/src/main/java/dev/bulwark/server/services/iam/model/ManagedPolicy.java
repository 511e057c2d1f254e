package dev.bulwark.server.services.iam.model;

import java.time.Instant;

import static java.util.Objects.requireNonNull;

/**
 * A managed policy with its default version's document. {@code accountId} is {@value #AWS_ACCOUNT} for AWS managed
 * policies. {@code attachmentCount} counts attachments in the account that read it (AWS reports it per account).
 */
public record ManagedPolicy(
        String arn,
        String accountId,
        String name,
        String path,
        String policyId,
        String defaultVersionId,
        String document,
        String description,
        Instant created,
        Instant updated,
        long attachmentCount,
        boolean isAttachable)
{
    /** The pseudo account owning AWS managed policies, as in {@code arn:aws:iam::aws:policy/...}. */
    public static final String AWS_ACCOUNT = "aws";

    public ManagedPolicy
    {
        requireNonNull(arn, "arn is null");
        requireNonNull(accountId, "accountId is null");
        requireNonNull(name, "name is null");
        Arns.requirePath(path);
        requireNonNull(policyId, "policyId is null");
        requireNonNull(defaultVersionId, "defaultVersionId is null");
        requireNonNull(document, "document is null");
        requireNonNull(created, "created is null");
        requireNonNull(updated, "updated is null");
    }

    /** {@code arn:aws:iam::<account or aws>:policy<path><name>}. */
    public static String arnOf(String accountId, String path, String name)
    {
        return "arn:" + Arns.PARTITION + ":iam::" + accountId + ":policy" + Arns.requirePath(path) + name;
    }

    public boolean isAwsManaged()
    {
        return AWS_ACCOUNT.equals(accountId);
    }
}
