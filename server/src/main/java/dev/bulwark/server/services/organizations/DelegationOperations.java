package dev.bulwark.server.services.organizations;

import dev.bulwark.server.services.Access;
import dev.bulwark.server.services.Invocation;
import dev.bulwark.server.services.Operation;
import dev.bulwark.server.services.ServiceOperations;
import dev.bulwark.server.services.organizations.model.MemberAccount;
import dev.bulwark.server.services.organizations.model.Organization;
import software.amazon.awssdk.services.organizations.model.*;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static dev.bulwark.server.services.organizations.OrgWire.read;
import static dev.bulwark.server.services.organizations.OrgWire.write;
import static java.util.Objects.requireNonNull;

/** Delegated administrators of AWS services, and tags on roots, OUs, accounts and policies. */
final class DelegationOperations implements ServiceOperations
{
    /** AWS: at most 50 tags per resource. */
    static final int MAX_TAGS = 50;

    private final OrgWire wire;
    private final OrganizationsStore orgs;

    DelegationOperations(OrgWire wire)
    {
        this.wire = requireNonNull(wire, "wire is null");
        this.orgs = wire.orgs();
    }

    @Override
    public List<Operation<?, ?>> operations()
    {
        return List.of(
                write("RegisterDelegatedAdministrator", RegisterDelegatedAdministratorRequest.class,
                        (in, r) -> List.of(wire.on(in, "organizations:RegisterDelegatedAdministrator", r.accountId(), OrgWire.servicePrincipalKey(r.servicePrincipal()))),
                        this::register),
                write("DeregisterDelegatedAdministrator", DeregisterDelegatedAdministratorRequest.class,
                        (in, r) -> List.of(wire.on(in, "organizations:DeregisterDelegatedAdministrator", r.accountId(), OrgWire.servicePrincipalKey(r.servicePrincipal()))),
                        this::deregister),
                read("ListDelegatedAdministrators", ListDelegatedAdministratorsRequest.class, (in, r) -> List.of(new Access(
                        "organizations:ListDelegatedAdministrators", "*", OrgWire.servicePrincipalKey(r.servicePrincipal()))), this::listAdministrators),
                read("ListDelegatedServicesForAccount", ListDelegatedServicesForAccountRequest.class,
                        (in, r) -> List.of(wire.on(in, "organizations:ListDelegatedServicesForAccount", r.accountId())), this::listServices),
                write("TagResource", TagResourceRequest.class, (in, r) -> List.of(wire.on(in, "organizations:TagResource", r.resourceId(),
                        OrgWire.requestTagKeys(r.tags()))), this::tag),
                write("UntagResource", UntagResourceRequest.class, (in, r) -> List.of(wire.on(in, "organizations:UntagResource", r.resourceId(),
                        r.hasTagKeys() ? Map.of("aws:TagKeys", r.tagKeys()) : Map.of())), this::untag),
                read("ListTagsForResource", ListTagsForResourceRequest.class,
                        (in, r) -> List.of(wire.on(in, "organizations:ListTagsForResource", r.resourceId())), this::listTags));
    }

    private RegisterDelegatedAdministratorResponse register(Invocation in, RegisterDelegatedAdministratorRequest request)
    {
        Organization organization = wire.managed(in);
        OrganizationOperations.checkServicePrincipal(request.servicePrincipal());
        MemberAccount member = wire.member(in, organization, request.accountId());
        if (member.accountId().equals(organization.managementAccountId())) {
            throw OrganizationsErrors.constraint("CANNOT_REGISTER_MASTER_AS_DELEGATED_ADMINISTRATOR",
                    "You cannot register master account/yourself as delegated administrator for your organization.");
        }
        if (!orgs.registerDelegatedAdministrator(in.transaction(), organization.id(), member.accountId(), request.servicePrincipal(), in.now())) {
            throw OrganizationsErrors.alreadyRegistered();
        }
        OrgWire.changed(in);
        return RegisterDelegatedAdministratorResponse.builder().build();
    }

    private DeregisterDelegatedAdministratorResponse deregister(Invocation in, DeregisterDelegatedAdministratorRequest request)
    {
        Organization organization = wire.managed(in);
        OrganizationOperations.checkServicePrincipal(request.servicePrincipal());
        MemberAccount member = wire.member(in, organization, request.accountId());
        if (!orgs.deregisterDelegatedAdministrator(in.transaction(), organization.id(), member.accountId(), request.servicePrincipal())) {
            throw OrganizationsErrors.notRegistered();
        }
        OrgWire.changed(in);
        return DeregisterDelegatedAdministratorResponse.builder().build();
    }

    private ListDelegatedAdministratorsResponse listAdministrators(Invocation in, ListDelegatedAdministratorsRequest request)
    {
        Organization organization = wire.readable(in);
        Map<String, java.time.Instant> first = new java.util.LinkedHashMap<>();
        orgs.delegations(in.transaction(), organization.id(), request.servicePrincipal())
                .forEach(d -> first.merge(d.accountId(), d.registered(), (a, b) -> a.isBefore(b) ? a : b));
        List<DelegatedAdministrator> all = first.entrySet().stream()
                .map(entry -> {
                    MemberAccount member = wire.member(in, organization, entry.getKey());
                    Account account = OrgWire.toSdk(organization, member);
                    return DelegatedAdministrator.builder()
                            .id(account.id()).arn(account.arn()).email(account.email()).name(account.name())
                            .status(account.statusAsString()).state(account.stateAsString())
                            .joinedMethod(account.joinedMethodAsString()).joinedTimestamp(account.joinedTimestamp())
                            .delegationEnabledDate(OrgWire.seconds(entry.getValue()))
                            .build();
                })
                .toList();
        OrgWire.Page<DelegatedAdministrator> page = OrgWire.page(all, request.nextToken(), request.maxResults());
        return ListDelegatedAdministratorsResponse.builder().delegatedAdministrators(page.items()).nextToken(page.nextToken()).build();
    }

    private ListDelegatedServicesForAccountResponse listServices(Invocation in, ListDelegatedServicesForAccountRequest request)
    {
        Organization organization = wire.readable(in);
        MemberAccount member = wire.member(in, organization, request.accountId());
        List<DelegatedService> all = orgs.delegations(in.transaction(), organization.id(), null).stream()
                .filter(d -> d.accountId().equals(member.accountId()))
                .map(d -> DelegatedService.builder().servicePrincipal(d.servicePrincipal()).delegationEnabledDate(OrgWire.seconds(d.registered())).build())
                .toList();
        if (all.isEmpty()) {
            throw OrganizationsErrors.notRegistered();
        }
        OrgWire.Page<DelegatedService> page = OrgWire.page(all, request.nextToken(), request.maxResults());
        return ListDelegatedServicesForAccountResponse.builder().delegatedServices(page.items()).nextToken(page.nextToken()).build();
    }

    // ---------------------------------------------------------------- tags

    private TagResourceResponse tag(Invocation in, TagResourceRequest request)
    {
        Organization organization = wire.managed(in);
        String resource = taggable(in, organization, request.resourceId());
        Map<String, String> tags = new HashMap<>(orgs.tags(in.transaction(), resource));
        tags.putAll(OrgWire.tags(request.tags()));
        if (tags.size() > MAX_TAGS) {
            throw OrganizationsErrors.constraint("MAX_TAG_LIMIT_EXCEEDED", "You have exceeded the number of tags allowed on this resource.");
        }
        orgs.tag(in.transaction(), resource, OrgWire.tags(request.tags()));
        return TagResourceResponse.builder().build();
    }

    private UntagResourceResponse untag(Invocation in, UntagResourceRequest request)
    {
        Organization organization = wire.managed(in);
        orgs.untag(in.transaction(), taggable(in, organization, request.resourceId()), request.tagKeys());
        return UntagResourceResponse.builder().build();
    }

    private ListTagsForResourceResponse listTags(Invocation in, ListTagsForResourceRequest request)
    {
        Organization organization = wire.readable(in);
        List<Tag> all = orgs.tags(in.transaction(), taggable(in, organization, request.resourceId())).entrySet().stream()
                .map(entry -> Tag.builder().key(entry.getKey()).value(entry.getValue()).build())
                .toList();
        OrgWire.Page<Tag> page = OrgWire.page(all, request.nextToken(), null);
        return ListTagsForResourceResponse.builder().tags(page.items()).nextToken(page.nextToken()).build();
    }

    /** A root, OU, account or customer policy of the organization. */
    private String taggable(Invocation in, Organization organization, String resourceId)
    {
        boolean exists = resourceId.startsWith("p-")
                ? orgs.findPolicy(in.transaction(), organization.id(), resourceId).filter(p -> !p.awsManaged()).isPresent()
                : resourceId.startsWith("rp-")
                        ? orgs.resourcePolicy(in.transaction(), organization.id()).filter(p -> p.getKey().equals(resourceId)).isPresent()
                        : wire.targetExists(in, organization, resourceId);
        if (!exists) {
            throw OrganizationsErrors.targetNotFound();
        }
        return resourceId;
    }
}
