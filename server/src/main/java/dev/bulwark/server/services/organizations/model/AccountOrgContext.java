package dev.bulwark.server.services.organizations.model;

import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * What authorization needs to know about an account's place in its organization (see
 * {@code OrganizationsStore#contextOf}): the organization, whether the account is its management account, the
 * account's OU path as {@code aws:PrincipalOrgPaths}/{@code aws:ResourceOrgPaths} spell it, and the policy
 * documents of each level from the root down to the account itself.
 *
 * @param path        the ids from the root down to the account's parent: {@code [r-ab12, ou-ab12-11111111, ...]}
 * @param orgPath     {@code o-xxxxxxxxxx/r-ab12/ou-ab12-11111111/}: organization, root and OUs, each followed by {@code /}
 * @param scpLevels   the SCP documents attached at each level, root first and the account last (path size + 1
 *                    lists); empty when SCPs are not enabled in the root, so none apply
 * @param rcpLevels   the same for RCPs (each level holds {@code RCPFullAWSAccess} while RCPs are enabled)
 */
public record AccountOrgContext(String organizationId, String managementAccountId, String accountId, List<String> path, String orgPath,
        List<List<String>> scpLevels, List<List<String>> rcpLevels)
{
    public AccountOrgContext
    {
        requireNonNull(organizationId, "organizationId is null");
        requireNonNull(managementAccountId, "managementAccountId is null");
        requireNonNull(accountId, "accountId is null");
        path = List.copyOf(requireNonNull(path, "path is null"));
        requireNonNull(orgPath, "orgPath is null");
        scpLevels = requireNonNull(scpLevels, "scpLevels is null").stream().map(List::copyOf).toList();
        rcpLevels = requireNonNull(rcpLevels, "rcpLevels is null").stream().map(List::copyOf).toList();
    }

    /** SCPs never limit the management account; RCPs never protect its resources. */
    public boolean isManagementAccount()
    {
        return accountId.equals(managementAccountId);
    }
}
