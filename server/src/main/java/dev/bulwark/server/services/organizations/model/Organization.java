package dev.bulwark.server.services.organizations.model;

import java.time.Instant;

import static java.util.Objects.requireNonNull;

/** An organization: its {@code o-} id, management account and feature set (always {@code ALL} here). */
public record Organization(String id, String managementAccountId, String featureSet, Instant created)
{
    public Organization
    {
        requireNonNull(id, "id is null");
        requireNonNull(managementAccountId, "managementAccountId is null");
        requireNonNull(featureSet, "featureSet is null");
        requireNonNull(created, "created is null");
    }

    /** {@code arn:aws:organizations::<management>:organization/o-...}. */
    public String arn()
    {
        return OrgArns.prefix(managementAccountId) + "organization/" + id;
    }

    public String accountArn(String accountId)
    {
        return OrgArns.prefix(managementAccountId) + "account/" + id + "/" + accountId;
    }

    public String rootArn(String rootId)
    {
        return OrgArns.prefix(managementAccountId) + "root/" + id + "/" + rootId;
    }

    public String unitArn(String ouId)
    {
        return OrgArns.prefix(managementAccountId) + "ou/" + id + "/" + ouId;
    }

    public String handshakeArn(String action, String handshakeId)
    {
        return OrgArns.prefix(managementAccountId) + "handshake/" + id + "/" + action.toLowerCase(java.util.Locale.ROOT) + "/" + handshakeId;
    }

    /** A customer policy's ARN; AWS managed ones use {@link OrgPolicy#arn}. */
    public String policyArn(String policyType, String policyId)
    {
        return OrgArns.prefix(managementAccountId) + "policy/" + id + "/" + policyType.toLowerCase(java.util.Locale.ROOT) + "/" + policyId;
    }
}
