package dev.bulwark.server.services.iam;

import dev.bulwark.server.services.Access;
import dev.bulwark.server.services.Invocation;
import dev.bulwark.server.services.Operation;
import dev.bulwark.server.services.ServiceOperations;
import dev.bulwark.server.services.organizations.OrganizationsStore;
import dev.bulwark.server.services.organizations.model.Organization;
import software.amazon.awssdk.services.iam.model.AccountNotManagementOrDelegatedAdministratorException;
import software.amazon.awssdk.services.iam.model.DisableOrganizationsRootCredentialsManagementRequest;
import software.amazon.awssdk.services.iam.model.DisableOrganizationsRootCredentialsManagementResponse;
import software.amazon.awssdk.services.iam.model.DisableOrganizationsRootSessionsRequest;
import software.amazon.awssdk.services.iam.model.DisableOrganizationsRootSessionsResponse;
import software.amazon.awssdk.services.iam.model.EnableOrganizationsRootCredentialsManagementRequest;
import software.amazon.awssdk.services.iam.model.EnableOrganizationsRootCredentialsManagementResponse;
import software.amazon.awssdk.services.iam.model.EnableOrganizationsRootSessionsRequest;
import software.amazon.awssdk.services.iam.model.EnableOrganizationsRootSessionsResponse;
import software.amazon.awssdk.services.iam.model.ListOrganizationsFeaturesRequest;
import software.amazon.awssdk.services.iam.model.ListOrganizationsFeaturesResponse;
import software.amazon.awssdk.services.iam.model.OrganizationNotFoundException;
import software.amazon.awssdk.services.iam.model.OrganizationNotInAllFeaturesModeException;
import software.amazon.awssdk.services.iam.model.ServiceAccessNotEnabledException;

import java.util.List;

import static dev.bulwark.server.services.iam.IamWire.read;
import static dev.bulwark.server.services.iam.IamWire.write;
import static java.util.Objects.requireNonNull;

/**
 * Centralized root access for member accounts: the organization's management account (or IAM's delegated
 * administrator) enables root credentials management and root sessions ({@code sts:AssumeRoot}) for the whole
 * organization. Prerequisites, checked in this order: an organization, all features, a caller that is the management
 * account or registered as delegated administrator for {@code iam.amazonaws.com}, and trusted access for
 * {@code iam.amazonaws.com} enabled in Organizations.
 */
public final class IamRootAccessOperations implements ServiceOperations
{
    public static final String IAM_SERVICE_PRINCIPAL = "iam.amazonaws.com";

    private final OrganizationsStore organizations;
    private final RootAccessStore features;

    public IamRootAccessOperations(OrganizationsStore organizations, RootAccessStore features)
    {
        this.organizations = requireNonNull(organizations, "organizations is null");
        this.features = requireNonNull(features, "features is null");
    }

    @Override
    public List<Operation<?, ?>> operations()
    {
        return List.of(
                write("EnableOrganizationsRootCredentialsManagement", EnableOrganizationsRootCredentialsManagementRequest.class,
                        (in, r) -> List.of(Access.of("iam:EnableOrganizationsRootCredentialsManagement", "*")),
                        (in, r) -> {
                            String org = change(in, RootAccessStore.ROOT_CREDENTIALS_MANAGEMENT, true);
                            return EnableOrganizationsRootCredentialsManagementResponse.builder().organizationId(org)
                                    .enabledFeaturesWithStrings(features.features(in.transaction(), org)).build();
                        }),
                write("DisableOrganizationsRootCredentialsManagement", DisableOrganizationsRootCredentialsManagementRequest.class,
                        (in, r) -> List.of(Access.of("iam:DisableOrganizationsRootCredentialsManagement", "*")),
                        (in, r) -> {
                            String org = change(in, RootAccessStore.ROOT_CREDENTIALS_MANAGEMENT, false);
                            return DisableOrganizationsRootCredentialsManagementResponse.builder().organizationId(org)
                                    .enabledFeaturesWithStrings(features.features(in.transaction(), org)).build();
                        }),
                write("EnableOrganizationsRootSessions", EnableOrganizationsRootSessionsRequest.class,
                        (in, r) -> List.of(Access.of("iam:EnableOrganizationsRootSessions", "*")),
                        (in, r) -> {
                            String org = change(in, RootAccessStore.ROOT_SESSIONS, true);
                            return EnableOrganizationsRootSessionsResponse.builder().organizationId(org)
                                    .enabledFeaturesWithStrings(features.features(in.transaction(), org)).build();
                        }),
                write("DisableOrganizationsRootSessions", DisableOrganizationsRootSessionsRequest.class,
                        (in, r) -> List.of(Access.of("iam:DisableOrganizationsRootSessions", "*")),
                        (in, r) -> {
                            String org = change(in, RootAccessStore.ROOT_SESSIONS, false);
                            return DisableOrganizationsRootSessionsResponse.builder().organizationId(org)
                                    .enabledFeaturesWithStrings(features.features(in.transaction(), org)).build();
                        }),
                read("ListOrganizationsFeatures", ListOrganizationsFeaturesRequest.class,
                        (in, r) -> List.of(Access.of("iam:ListOrganizationsFeatures", "*")),
                        (in, r) -> {
                            Organization org = requireAdministrator(in, organizations, in.accountId());
                            return ListOrganizationsFeaturesResponse.builder().organizationId(org.id())
                                    .enabledFeaturesWithStrings(features.features(in.transaction(), org.id())).build();
                        }));
    }

    private String change(Invocation in, String feature, boolean enable)
    {
        Organization org = requireAdministrator(in, organizations, in.accountId());
        if (enable) {
            features.enable(in.transaction(), org.id(), feature);
        }
        else {
            features.disable(in.transaction(), org.id(), feature);
        }
        return org.id();
    }

    /**
     * The organization {@code accountId} administers root access for: it must be the management account or IAM's
     * delegated administrator of an organization in all-features mode with trusted access for IAM.
     */
    public static Organization requireAdministrator(Invocation in, OrganizationsStore organizations, String accountId)
    {
        Organization org = organizations.organizationOf(in.transaction(), accountId)
                .orElseThrow(() -> error(OrganizationNotFoundException.builder(), "The request was rejected because no organization is associated with your account."));
        if (!"ALL".equals(org.featureSet())) {
            throw error(OrganizationNotInAllFeaturesModeException.builder(),
                    "The request was rejected because your organization does not have All features enabled.");
        }
        boolean delegated = organizations.delegations(in.transaction(), org.id(), IAM_SERVICE_PRINCIPAL).stream()
                .anyMatch(delegation -> delegation.accountId().equals(accountId));
        if (!org.managementAccountId().equals(accountId) && !delegated) {
            throw error(AccountNotManagementOrDelegatedAdministratorException.builder(),
                    "The request was rejected because the account making the request is not the management account or delegated administrator account for centralized root access.");
        }
        if (!organizations.serviceAccess(in.transaction(), org.id()).containsKey(IAM_SERVICE_PRINCIPAL)) {
            throw error(ServiceAccessNotEnabledException.builder(),
                    "The request was rejected because trusted access is not enabled for IAM in Organizations.");
        }
        return org;
    }

    private static RuntimeException error(software.amazon.awssdk.services.iam.model.IamException.Builder builder, String message)
    {
        return builder.message(message).build();
    }
}
