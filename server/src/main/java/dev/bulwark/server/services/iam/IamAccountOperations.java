package dev.bulwark.server.services.iam;

import dev.bulwark.policy.validate.IamPolicySizeLimit;
import dev.bulwark.server.services.Access;
import dev.bulwark.server.services.Invocation;
import dev.bulwark.server.services.Operation;
import dev.bulwark.server.services.ServiceOperations;
import dev.bulwark.server.services.iam.model.AccountCounts;
import software.amazon.awssdk.services.iam.model.GetAccountSummaryRequest;
import software.amazon.awssdk.services.iam.model.GetAccountSummaryResponse;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static dev.bulwark.server.services.iam.IamWire.read;
import static java.util.Objects.requireNonNull;

/**
 * Account-wide IAM views: GetAccountSummary, with the account's real entity counts and the IAM quotas Bulwark
 * enforces.
 */
public final class IamAccountOperations implements ServiceOperations
{
    private final IamStore iam;
    private final IamCredentialStore credentials;
    private final IdentityProviderStore providers = new IdentityProviderStore();
    private final InstanceProfileStore profiles = new InstanceProfileStore(dev.bulwark.server.services.iam.model.IamIds.secure());

    public IamAccountOperations(IamStore iam)
    {
        this.iam = requireNonNull(iam, "iam is null");
        this.credentials = new IamCredentialStore(iam.secrets(), iam.clock());
    }

    @Override
    public List<Operation<?, ?>> operations()
    {
        return List.of(read("GetAccountSummary", GetAccountSummaryRequest.class, (in, r) -> List.of(Access.of("iam:GetAccountSummary", "*")), this::getAccountSummary));
    }

    private GetAccountSummaryResponse getAccountSummary(Invocation in, GetAccountSummaryRequest request)
    {
        AccountCounts counts = iam.accountCounts(in.transaction(), in.accountId());
        // keyed by wire name: the SDK's SummaryKeyType lacks the newer keys (Providers, AssumeRolePolicySizeQuota, ...)
        Map<String, Integer> summary = new TreeMap<>();
        summary.put("Users", (int) counts.users());
        summary.put("UsersQuota", 5000);
        summary.put("Groups", (int) counts.groups());
        summary.put("GroupsQuota", 300);
        summary.put("Roles", (int) counts.roles());
        summary.put("RolesQuota", 1000);
        summary.put("Policies", (int) counts.policies());
        summary.put("PoliciesQuota", 1500);
        summary.put("PolicyVersionsInUse", (int) counts.attachments());
        summary.put("PolicyVersionsInUseQuota", 10000);
        summary.put("VersionsPerPolicyQuota", IamPolicyOperations.MAX_VERSIONS);
        summary.put("PolicySizeQuota", IamPolicySizeLimit.MANAGED_POLICY.maxCharacters());
        summary.put("UserPolicySizeQuota", IamPolicySizeLimit.USER_INLINE_POLICIES.maxCharacters());
        summary.put("GroupPolicySizeQuota", IamPolicySizeLimit.GROUP_INLINE_POLICIES.maxCharacters());
        summary.put("RolePolicySizeQuota", IamPolicySizeLimit.ROLE_INLINE_POLICIES.maxCharacters());
        summary.put("AssumeRolePolicySizeQuota", 2048);
        summary.put("GroupsPerUserQuota", 10);
        summary.put("AccessKeysPerUserQuota", 2);
        summary.put("SigningCertificatesPerUserQuota", 2);
        summary.put("AttachedPoliciesPerUserQuota", 10);
        summary.put("AttachedPoliciesPerGroupQuota", 10);
        summary.put("AttachedPoliciesPerRoleQuota", 10);
        summary.put("AccountAccessKeysPresent", counts.rootAccessKeys() > 0 ? 1 : 0);
        summary.put("AccountPasswordPresent", counts.rootPassword() ? 1 : 0);
        MfaDeviceStore.Counts mfa = MfaDeviceStore.counts(in.transaction(), in.accountId());
        summary.put("AccountMFAEnabled", mfa.rootEnabled() ? 1 : 0);
        summary.put("MFADevices", (int) mfa.devices());
        summary.put("MFADevicesInUse", (int) mfa.inUse());
        summary.put("AccountSigningCertificatesPresent", credentials.countRootSigningCertificates(in.transaction(), in.accountId()) > 0 ? 1 : 0);
        summary.put("ServerCertificates", (int) credentials.countServerCertificates(in.transaction(), in.accountId()));
        summary.put("ServerCertificatesQuota", IamServerCertificateOperations.SERVER_CERTIFICATES_PER_ACCOUNT);
        summary.put("InstanceProfiles", (int) profiles.countInstanceProfiles(in.transaction(), in.accountId()));
        summary.put("InstanceProfilesQuota", ProfileErrors.INSTANCE_PROFILES_PER_ACCOUNT);
        // OIDC and SAML identity providers together
        summary.put("Providers", providers.listOidc(in.transaction(), in.accountId()).size() + providers.listSaml(in.transaction(), in.accountId()).size());
        summary.put("GlobalEndpointTokenVersion", IamOutboundFederationOperations.summaryTokenVersion(
                OutboundFederationStore.globalEndpointTokenVersion(in.transaction(), in.accountId()).orElse(null)));
        return GetAccountSummaryResponse.builder().summaryMapWithStrings(summary).build();
    }
}
