package dev.bulwark.server.services.organizations;

import dev.bulwark.server.services.Access;
import dev.bulwark.server.services.Invocation;
import dev.bulwark.server.services.Operation;
import dev.bulwark.server.services.ServiceOperations;
import dev.bulwark.server.services.iam.IamStore;
import dev.bulwark.server.services.iam.model.Account;
import dev.bulwark.server.services.organizations.model.Organization;
import dev.bulwark.server.services.organizations.model.Root;
import software.amazon.awssdk.services.organizations.model.*;

import java.util.List;
import java.util.Set;

import static dev.bulwark.server.services.organizations.OrgWire.read;
import static dev.bulwark.server.services.organizations.OrgWire.write;
import static java.util.Objects.requireNonNull;

/**
 * The organization itself: create (the caller's account becomes the management account), describe, delete; its
 * root and the policy types enabled there; and the AWS services trusted to work across it.
 */
final class OrganizationOperations implements ServiceOperations
{
    /** The policy types Bulwark stores (SCPs and RCPs are what authorization enforces). */
    static final Set<String> POLICY_TYPES = Set.of(OrganizationsStore.SCP, OrganizationsStore.RCP, "TAG_POLICY", "BACKUP_POLICY",
            "AISERVICES_OPT_OUT_POLICY", "CHATBOT_POLICY");

    private final OrgWire wire;
    private final OrganizationsStore orgs;
    private final IamStore iam;

    OrganizationOperations(OrgWire wire, IamStore iam)
    {
        this.wire = requireNonNull(wire, "wire is null");
        this.orgs = wire.orgs();
        this.iam = requireNonNull(iam, "iam is null");
    }

    @Override
    public List<Operation<?, ?>> operations()
    {
        return List.of(
                write("CreateOrganization", CreateOrganizationRequest.class, (in, r) -> List.of(Access.of("organizations:CreateOrganization", "*")),
                        this::createOrganization),
                read("DescribeOrganization", DescribeOrganizationRequest.class, (in, r) -> List.of(Access.of("organizations:DescribeOrganization", "*")),
                        this::describeOrganization),
                write("DeleteOrganization", DeleteOrganizationRequest.class, (in, r) -> List.of(Access.of("organizations:DeleteOrganization", "*")),
                        this::deleteOrganization),
                read("ListRoots", ListRootsRequest.class, (in, r) -> List.of(Access.of("organizations:ListRoots", "*")), this::listRoots),
                write("EnablePolicyType", EnablePolicyTypeRequest.class,
                        (in, r) -> List.of(wire.on(in, "organizations:EnablePolicyType", r.rootId(), OrgWire.policyTypeKey(r.policyTypeAsString()))), this::enablePolicyType),
                write("DisablePolicyType", DisablePolicyTypeRequest.class,
                        (in, r) -> List.of(wire.on(in, "organizations:DisablePolicyType", r.rootId(), OrgWire.policyTypeKey(r.policyTypeAsString()))), this::disablePolicyType),
                write("EnableAWSServiceAccess", EnableAwsServiceAccessRequest.class, (in, r) -> List.of(new Access("organizations:EnableAWSServiceAccess",
                        "*", OrgWire.servicePrincipalKey(r.servicePrincipal()))), this::enableServiceAccess),
                write("DisableAWSServiceAccess", DisableAwsServiceAccessRequest.class, (in, r) -> List.of(new Access("organizations:DisableAWSServiceAccess",
                        "*", OrgWire.servicePrincipalKey(r.servicePrincipal()))), this::disableServiceAccess),
                read("ListAWSServiceAccessForOrganization", ListAwsServiceAccessForOrganizationRequest.class,
                        (in, r) -> List.of(Access.of("organizations:ListAWSServiceAccessForOrganization", "*")), this::listServiceAccess));
    }

    private CreateOrganizationResponse createOrganization(Invocation in, CreateOrganizationRequest request)
    {
        if (request.featureSet() == OrganizationFeatureSet.CONSOLIDATED_BILLING) {
            throw OrganizationsErrors.invalidInput("INVALID_ENUM", "Bulwark supports only organizations with all features (FeatureSet ALL).");
        }
        if (orgs.organizationOf(in.transaction(), in.accountId()).isPresent()) {
            throw OrganizationsErrors.alreadyInOrganization();
        }
        Account account = iam.findAccount(in.transaction(), in.accountId()).orElseThrow(OrganizationsErrors::accessDenied);
        Organization organization = orgs.createOrganization(in.transaction(), account.id(), account.name(), account.email(), in.now());
        OrgWire.changed(in);
        return CreateOrganizationResponse.builder().organization(toSdk(in, organization)).build();
    }

    private DescribeOrganizationResponse describeOrganization(Invocation in, DescribeOrganizationRequest request)
    {
        return DescribeOrganizationResponse.builder().organization(toSdk(in, wire.organization(in))).build();
    }

    private DeleteOrganizationResponse deleteOrganization(Invocation in, DeleteOrganizationRequest request)
    {
        Organization organization = wire.managed(in);
        if (orgs.members(in.transaction(), organization.id()).size() > 1) {
            throw OrganizationsErrors.organizationNotEmpty();
        }
        orgs.deleteOrganization(in.transaction(), organization);
        OrgWire.changed(in);
        return DeleteOrganizationResponse.builder().build();
    }

    private ListRootsResponse listRoots(Invocation in, ListRootsRequest request)
    {
        // Member accounts may list the root too (AWS: "This operation can be called from any account in the organization").
        Organization organization = wire.organization(in);
        Root root = orgs.root(in.transaction(), organization.id());
        OrgWire.Page<Root> page = OrgWire.page(List.of(root), request.nextToken(), request.maxResults());
        return ListRootsResponse.builder()
                .roots(page.items().stream().map(r -> toSdk(in, organization, r)).toList())
                .nextToken(page.nextToken())
                .build();
    }

    private EnablePolicyTypeResponse enablePolicyType(Invocation in, EnablePolicyTypeRequest request)
    {
        Organization organization = wire.managed(in);
        Root root = existingRoot(in, organization, request.rootId());
        String type = policyType(request.policyTypeAsString());
        if (orgs.enabledPolicyTypes(in.transaction(), root.id()).contains(type)) {
            throw OrganizationsErrors.policyTypeAlreadyEnabled();
        }
        orgs.enablePolicyType(in.transaction(), root.id(), type);
        // AWS attaches its managed full-access policy to the root, every OU and every account.
        defaultPolicy(type).ifPresent(policy -> targets(in, organization, root).forEach(target -> orgs.attach(in.transaction(), organization.id(), policy, target)));
        OrgWire.changed(in);
        return EnablePolicyTypeResponse.builder().root(toSdk(in, organization, root)).build();
    }

    private DisablePolicyTypeResponse disablePolicyType(Invocation in, DisablePolicyTypeRequest request)
    {
        Organization organization = wire.managed(in);
        Root root = existingRoot(in, organization, request.rootId());
        String type = policyType(request.policyTypeAsString());
        if (!orgs.enabledPolicyTypes(in.transaction(), root.id()).contains(type)) {
            throw OrganizationsErrors.policyTypeNotEnabled();
        }
        orgs.disablePolicyType(in.transaction(), organization.id(), root.id(), type);
        OrgWire.changed(in);
        return DisablePolicyTypeResponse.builder().root(toSdk(in, organization, root)).build();
    }

    private EnableAwsServiceAccessResponse enableServiceAccess(Invocation in, EnableAwsServiceAccessRequest request)
    {
        Organization organization = wire.managed(in);
        checkServicePrincipal(request.servicePrincipal());
        orgs.enableServiceAccess(in.transaction(), organization.id(), request.servicePrincipal(), in.now());
        return EnableAwsServiceAccessResponse.builder().build();
    }

    private DisableAwsServiceAccessResponse disableServiceAccess(Invocation in, DisableAwsServiceAccessRequest request)
    {
        Organization organization = wire.managed(in);
        checkServicePrincipal(request.servicePrincipal());
        orgs.disableServiceAccess(in.transaction(), organization.id(), request.servicePrincipal());
        return DisableAwsServiceAccessResponse.builder().build();
    }

    private ListAwsServiceAccessForOrganizationResponse listServiceAccess(Invocation in, ListAwsServiceAccessForOrganizationRequest request)
    {
        Organization organization = wire.readable(in);
        List<EnabledServicePrincipal> all = orgs.serviceAccess(in.transaction(), organization.id()).entrySet().stream()
                .map(entry -> EnabledServicePrincipal.builder().servicePrincipal(entry.getKey()).dateEnabled(OrgWire.seconds(entry.getValue())).build())
                .toList();
        OrgWire.Page<EnabledServicePrincipal> page = OrgWire.page(all, request.nextToken(), request.maxResults());
        return ListAwsServiceAccessForOrganizationResponse.builder().enabledServicePrincipals(page.items()).nextToken(page.nextToken()).build();
    }

    // ---------------------------------------------------------------- helpers

    /** Service principals are {@code <service>.amazonaws.com}; anything else is not one AWS knows. */
    static void checkServicePrincipal(String servicePrincipal)
    {
        if (servicePrincipal == null || !servicePrincipal.matches("[a-z0-9][a-z0-9.-]*\\.amazonaws\\.com")) {
            throw OrganizationsErrors.invalidInput("UNRECOGNIZED_SERVICE_PRINCIPAL", "You specified an unrecognized service principal.");
        }
    }

    static String policyType(String type)
    {
        if (type == null || !POLICY_TYPES.contains(type)) {
            throw OrganizationsErrors.invalidInput("INVALID_ENUM_POLICY_TYPE", "You specified an invalid value for the policy type.");
        }
        return type;
    }

    static java.util.Optional<dev.bulwark.server.services.organizations.model.OrgPolicy> defaultPolicy(String type)
    {
        return switch (type) {
            case OrganizationsStore.SCP -> java.util.Optional.of(OrganizationsStore.FULL_AWS_ACCESS);
            case OrganizationsStore.RCP -> java.util.Optional.of(OrganizationsStore.RCP_FULL_AWS_ACCESS);
            default -> java.util.Optional.empty();
        };
    }

    /** The root, every OU and every account. */
    private List<String> targets(Invocation in, Organization organization, Root root)
    {
        List<String> targets = new java.util.ArrayList<>();
        java.util.ArrayDeque<String> parents = new java.util.ArrayDeque<>(List.of(root.id()));
        while (!parents.isEmpty()) {
            String parent = parents.pop();
            targets.add(parent);
            orgs.unitsOf(in.transaction(), parent).forEach(unit -> parents.add(unit.id()));
        }
        orgs.members(in.transaction(), organization.id()).forEach(member -> targets.add(member.accountId()));
        return targets;
    }

    private Root existingRoot(Invocation in, Organization organization, String rootId)
    {
        Root root = orgs.root(in.transaction(), organization.id());
        if (!root.id().equals(rootId)) {
            throw OrganizationsErrors.rootNotFound();
        }
        return root;
    }

    private software.amazon.awssdk.services.organizations.model.Organization toSdk(Invocation in, Organization organization)
    {
        String email = orgs.findMember(in.transaction(), organization.id(), organization.managementAccountId()).map(m -> m.email()).orElse(null);
        return software.amazon.awssdk.services.organizations.model.Organization.builder()
                .id(organization.id())
                .arn(organization.arn())
                .featureSet(organization.featureSet())
                .masterAccountArn(organization.accountArn(organization.managementAccountId()))
                .masterAccountId(organization.managementAccountId())
                .masterAccountEmail(email)
                // Deprecated in AWS's model and always this value for an organization with all features.
                .availablePolicyTypes(PolicyTypeSummary.builder().type(PolicyType.SERVICE_CONTROL_POLICY).status(PolicyTypeStatus.ENABLED).build())
                .build();
    }

    private software.amazon.awssdk.services.organizations.model.Root toSdk(Invocation in, Organization organization, Root root)
    {
        return software.amazon.awssdk.services.organizations.model.Root.builder()
                .id(root.id())
                .arn(organization.rootArn(root.id()))
                .name(root.name())
                .policyTypes(OrgWire.policyTypes(orgs.enabledPolicyTypes(in.transaction(), root.id())))
                .build();
    }
}
