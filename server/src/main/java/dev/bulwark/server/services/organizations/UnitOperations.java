package dev.bulwark.server.services.organizations;

import dev.bulwark.server.services.Access;
import dev.bulwark.server.services.Invocation;
import dev.bulwark.server.services.Operation;
import dev.bulwark.server.services.ServiceOperations;
import dev.bulwark.server.services.organizations.model.MemberAccount;
import dev.bulwark.server.services.organizations.model.Organization;
import dev.bulwark.server.services.organizations.model.OrganizationalUnit;
import software.amazon.awssdk.services.organizations.model.*;

import java.util.ArrayList;
import java.util.List;

import static dev.bulwark.server.services.organizations.OrgWire.read;
import static dev.bulwark.server.services.organizations.OrgWire.write;
import static java.util.Objects.requireNonNull;

/** Organizational units: the tree under the root, at most five OUs deep as in AWS, and walking it. */
final class UnitOperations implements ServiceOperations
{
    /** AWS: "the OU hierarchy can be five levels deep" under the root. */
    static final int MAX_DEPTH = 5;

    private final OrgWire wire;
    private final OrganizationsStore orgs;

    UnitOperations(OrgWire wire)
    {
        this.wire = requireNonNull(wire, "wire is null");
        this.orgs = wire.orgs();
    }

    @Override
    public List<Operation<?, ?>> operations()
    {
        return List.of(
                write("CreateOrganizationalUnit", CreateOrganizationalUnitRequest.class,
                        (in, r) -> List.of(wire.on(in, "organizations:CreateOrganizationalUnit", r.parentId(), OrgWire.requestTagKeys(r.tags()))), this::create),
                read("DescribeOrganizationalUnit", DescribeOrganizationalUnitRequest.class,
                        (in, r) -> List.of(wire.on(in, "organizations:DescribeOrganizationalUnit", r.organizationalUnitId())), this::describe),
                write("UpdateOrganizationalUnit", UpdateOrganizationalUnitRequest.class,
                        (in, r) -> List.of(wire.on(in, "organizations:UpdateOrganizationalUnit", r.organizationalUnitId())), this::update),
                write("DeleteOrganizationalUnit", DeleteOrganizationalUnitRequest.class,
                        (in, r) -> List.of(wire.on(in, "organizations:DeleteOrganizationalUnit", r.organizationalUnitId())), this::delete),
                read("ListOrganizationalUnitsForParent", ListOrganizationalUnitsForParentRequest.class,
                        (in, r) -> List.of(wire.on(in, "organizations:ListOrganizationalUnitsForParent", r.parentId())), this::listForParent),
                read("ListChildren", ListChildrenRequest.class, (in, r) -> List.of(wire.on(in, "organizations:ListChildren", r.parentId())), this::listChildren),
                read("ListParents", ListParentsRequest.class, (in, r) -> List.of(wire.on(in, "organizations:ListParents", r.childId())), this::listParents));
    }

    private CreateOrganizationalUnitResponse create(Invocation in, CreateOrganizationalUnitRequest request)
    {
        Organization organization = wire.managed(in);
        String parent = wire.parent(in, organization, request.parentId()).orElseThrow(OrganizationsErrors::parentNotFound);
        if (orgs.pathTo(in.transaction(), organization.id(), parent).size() > MAX_DEPTH) {
            throw OrganizationsErrors.ouDepth();
        }
        if (orgs.findUnitByName(in.transaction(), parent, request.name()).isPresent()) {
            throw OrganizationsErrors.duplicateUnit();
        }
        String rootId = orgs.root(in.transaction(), organization.id()).id();
        OrganizationalUnit unit = orgs.createUnit(in.transaction(), organization.id(), rootId, parent, request.name(), in.now());
        for (String type : orgs.enabledPolicyTypes(in.transaction(), rootId)) {
            OrganizationOperations.defaultPolicy(type).ifPresent(policy -> orgs.attach(in.transaction(), organization.id(), policy, unit.id()));
        }
        orgs.tag(in.transaction(), unit.id(), OrgWire.tags(request.tags()));
        OrgWire.changed(in);
        return CreateOrganizationalUnitResponse.builder().organizationalUnit(toSdk(organization, unit)).build();
    }

    private DescribeOrganizationalUnitResponse describe(Invocation in, DescribeOrganizationalUnitRequest request)
    {
        Organization organization = wire.readable(in);
        return DescribeOrganizationalUnitResponse.builder().organizationalUnit(toSdk(organization, unit(in, organization, request.organizationalUnitId()))).build();
    }

    private UpdateOrganizationalUnitResponse update(Invocation in, UpdateOrganizationalUnitRequest request)
    {
        Organization organization = wire.managed(in);
        OrganizationalUnit unit = unit(in, organization, request.organizationalUnitId());
        if (request.name() == null || request.name().equals(unit.name())) {
            return UpdateOrganizationalUnitResponse.builder().organizationalUnit(toSdk(organization, unit)).build();
        }
        if (orgs.findUnitByName(in.transaction(), unit.parentId(), request.name()).isPresent()) {
            throw OrganizationsErrors.duplicateUnit();
        }
        orgs.renameUnit(in.transaction(), unit.id(), request.name());
        OrganizationalUnit renamed = new OrganizationalUnit(unit.id(), unit.organizationId(), unit.parentId(), request.name(), unit.created());
        return UpdateOrganizationalUnitResponse.builder().organizationalUnit(toSdk(organization, renamed)).build();
    }

    private DeleteOrganizationalUnitResponse delete(Invocation in, DeleteOrganizationalUnitRequest request)
    {
        Organization organization = wire.managed(in);
        OrganizationalUnit unit = unit(in, organization, request.organizationalUnitId());
        if (!orgs.unitsOf(in.transaction(), unit.id()).isEmpty() || !orgs.membersOf(in.transaction(), unit.id()).isEmpty()) {
            throw OrganizationsErrors.unitNotEmpty();
        }
        orgs.deleteUnit(in.transaction(), organization.id(), unit.id());
        OrgWire.changed(in);
        return DeleteOrganizationalUnitResponse.builder().build();
    }

    private ListOrganizationalUnitsForParentResponse listForParent(Invocation in, ListOrganizationalUnitsForParentRequest request)
    {
        Organization organization = wire.readable(in);
        String parent = wire.parent(in, organization, request.parentId()).orElseThrow(OrganizationsErrors::parentNotFound);
        OrgWire.Page<OrganizationalUnit> page = OrgWire.page(orgs.unitsOf(in.transaction(), parent), request.nextToken(), request.maxResults());
        return ListOrganizationalUnitsForParentResponse.builder()
                .organizationalUnits(page.items().stream().map(unit -> toSdk(organization, unit)).toList())
                .nextToken(page.nextToken())
                .build();
    }

    private ListChildrenResponse listChildren(Invocation in, ListChildrenRequest request)
    {
        Organization organization = wire.readable(in);
        String parent = wire.parent(in, organization, request.parentId()).orElseThrow(OrganizationsErrors::parentNotFound);
        List<Child> all = new ArrayList<>();
        switch (request.childTypeAsString()) {
            case "ACCOUNT" -> orgs.membersOf(in.transaction(), parent).forEach(member ->
                    all.add(Child.builder().id(member.accountId()).type(ChildType.ACCOUNT).build()));
            case "ORGANIZATIONAL_UNIT" -> orgs.unitsOf(in.transaction(), parent).forEach(unit ->
                    all.add(Child.builder().id(unit.id()).type(ChildType.ORGANIZATIONAL_UNIT).build()));
            default -> throw OrganizationsErrors.invalidInput("INVALID_ENUM", "You specified an invalid value for the child type.");
        }
        OrgWire.Page<Child> page = OrgWire.page(all, request.nextToken(), request.maxResults());
        return ListChildrenResponse.builder().children(page.items()).nextToken(page.nextToken()).build();
    }

    private ListParentsResponse listParents(Invocation in, ListParentsRequest request)
    {
        Organization organization = wire.readable(in);
        String child = request.childId();
        String parentId;
        if (child.startsWith("ou-")) {
            parentId = orgs.findUnit(in.transaction(), organization.id(), child).map(OrganizationalUnit::parentId).orElseThrow(OrganizationsErrors::childNotFound);
        }
        else {
            parentId = orgs.findMember(in.transaction(), organization.id(), child).map(MemberAccount::parentId).orElseThrow(OrganizationsErrors::childNotFound);
        }
        Parent parent = Parent.builder().id(parentId).type(parentId.startsWith("r-") ? ParentType.ROOT : ParentType.ORGANIZATIONAL_UNIT).build();
        return ListParentsResponse.builder().parents(parent).build();
    }

    private OrganizationalUnit unit(Invocation in, Organization organization, String ouId)
    {
        return orgs.findUnit(in.transaction(), organization.id(), ouId).orElseThrow(OrganizationsErrors::unitNotFound);
    }

    static software.amazon.awssdk.services.organizations.model.OrganizationalUnit toSdk(Organization organization, OrganizationalUnit unit)
    {
        return software.amazon.awssdk.services.organizations.model.OrganizationalUnit.builder()
                .id(unit.id())
                .arn(organization.unitArn(unit.id()))
                .name(unit.name())
                .build();
    }
}
