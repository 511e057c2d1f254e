package dev.bulwark.server.services.organizations.model;

import java.util.Locale;

import static java.util.Objects.requireNonNull;

/**
 * An organization policy of one type (SCP, RCP, tag, backup...). AWS managed policies ({@code FullAWSAccess},
 * {@code RCPFullAWSAccess}) belong to no organization ({@code organizationId} null) and cannot change.
 */
public record OrgPolicy(String id, String organizationId, String name, String description, String type, String content, boolean awsManaged)
{
    public OrgPolicy
    {
        requireNonNull(id, "id is null");
        requireNonNull(name, "name is null");
        requireNonNull(description, "description is null");
        requireNonNull(type, "type is null");
        requireNonNull(content, "content is null");
    }

    /** The policy's ARN: AWS managed ones live in the pseudo-account {@code aws}. */
    public String arn(Organization organization)
    {
        return awsManaged
                ? OrgArns.prefix("aws") + "policy/" + type.toLowerCase(Locale.ROOT) + "/" + id
                : organization.policyArn(type, id);
    }
}
