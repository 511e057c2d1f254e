package dev.bulwark.server.services.iam;

import dev.bulwark.server.services.Access;
import dev.bulwark.server.services.Invocation;
import dev.bulwark.server.services.Operation;
import dev.bulwark.server.services.ServiceOperations;
import dev.bulwark.server.services.iam.model.ManagedPolicy;
import dev.bulwark.server.services.iam.model.Role;
import dev.bulwark.server.services.iam.model.Tag;
import dev.bulwark.server.store.Store;
import software.amazon.awssdk.services.iam.model.DeleteRolePermissionsBoundaryRequest;
import software.amazon.awssdk.services.iam.model.DeleteRolePermissionsBoundaryResponse;
import software.amazon.awssdk.services.iam.model.ListRoleTagsRequest;
import software.amazon.awssdk.services.iam.model.ListRoleTagsResponse;
import software.amazon.awssdk.services.iam.model.PutRolePermissionsBoundaryRequest;
import software.amazon.awssdk.services.iam.model.PutRolePermissionsBoundaryResponse;
import software.amazon.awssdk.services.iam.model.TagRoleRequest;
import software.amazon.awssdk.services.iam.model.TagRoleResponse;
import software.amazon.awssdk.services.iam.model.UntagRoleRequest;
import software.amazon.awssdk.services.iam.model.UntagRoleResponse;
import software.amazon.awssdk.services.iam.model.UpdateRoleDescriptionRequest;
import software.amazon.awssdk.services.iam.model.UpdateRoleDescriptionResponse;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static dev.bulwark.server.services.iam.IamWire.changed;
import static dev.bulwark.server.services.iam.IamWire.read;
import static dev.bulwark.server.services.iam.IamWire.write;
import static java.util.Objects.requireNonNull;

/**
 * What IAM keeps about a role beyond its trust and permission policies: its permissions boundary, description
 * and tags. A role's tags are principal tags ({@code aws:PrincipalTag}) in its sessions and resource tags when
 * others act on it, so tagging changes who may do what and announces a change in the account.
 */
public final class IamRoleDetailOperations implements ServiceOperations
{
    private final Store store;
    private final IamStore iam;

    public IamRoleDetailOperations(Store store, IamStore iam)
    {
        this.store = requireNonNull(store, "store is null");
        this.iam = requireNonNull(iam, "iam is null");
    }

    @Override
    public List<Operation<?, ?>> operations()
    {
        return List.of(
                write("PutRolePermissionsBoundary", PutRolePermissionsBoundaryRequest.class,
                        (in, r) -> roleAccess(in, "iam:PutRolePermissionsBoundary", r.roleName(), r.permissionsBoundary() == null ? Map.of()
                                : Map.of("iam:PermissionsBoundary", List.of(r.permissionsBoundary()))),
                        this::putRolePermissionsBoundary),
                write("DeleteRolePermissionsBoundary", DeleteRolePermissionsBoundaryRequest.class,
                        (in, r) -> roleAccess(in, "iam:DeleteRolePermissionsBoundary", r.roleName(), Map.of()), this::deleteRolePermissionsBoundary),
                write("UpdateRoleDescription", UpdateRoleDescriptionRequest.class,
                        (in, r) -> roleAccess(in, "iam:UpdateRoleDescription", r.roleName(), Map.of()), this::updateRoleDescription),
                write("TagRole", TagRoleRequest.class,
                        (in, r) -> roleAccess(in, "iam:TagRole", r.roleName(), IamTagConditions.requestedTags(r.tags())), this::tagRole),
                write("UntagRole", UntagRoleRequest.class,
                        (in, r) -> roleAccess(in, "iam:UntagRole", r.roleName(), IamTagConditions.removedTags(r.tagKeys())), this::untagRole),
                read("ListRoleTags", ListRoleTagsRequest.class, (in, r) -> roleAccess(in, "iam:ListRoleTags", r.roleName(), Map.of()), this::listRoleTags));
    }

    private PutRolePermissionsBoundaryResponse putRolePermissionsBoundary(Invocation in, PutRolePermissionsBoundaryRequest request)
    {
        Role role = existingRole(in, request.roleName());
        InstanceProfileStore.checkModifiable(in.transaction(), role);
        ManagedPolicy boundary = iam.findPolicy(in.transaction(), in.accountId(), request.permissionsBoundary())
                .filter(ManagedPolicy::isAttachable)
                .orElseThrow(() -> IamErrors.noSuchPolicy(request.permissionsBoundary()));
        iam.setRolePermissionsBoundary(in.transaction(), role, boundary.arn());
        changed(in);
        return PutRolePermissionsBoundaryResponse.builder().build();
    }

    private DeleteRolePermissionsBoundaryResponse deleteRolePermissionsBoundary(Invocation in, DeleteRolePermissionsBoundaryRequest request)
    {
        Role role = existingRole(in, request.roleName());
        InstanceProfileStore.checkModifiable(in.transaction(), role);
        iam.setRolePermissionsBoundary(in.transaction(), role, null);
        changed(in);
        return DeleteRolePermissionsBoundaryResponse.builder().build();
    }

    /** The older form of UpdateRole's description change; it answers the updated role. */
    private UpdateRoleDescriptionResponse updateRoleDescription(Invocation in, UpdateRoleDescriptionRequest request)
    {
        Role role = existingRole(in, request.roleName());
        iam.updateRole(in.transaction(), role, request.description(), role.maxSessionDuration());
        Role updated = existingRole(in, request.roleName());
        List<Tag> tags = iam.tags(in.transaction(), updated.asOwner());
        return UpdateRoleDescriptionResponse.builder().role(IamRoleOperations.toSdk(updated, tags)).build();
    }

    private TagRoleResponse tagRole(Invocation in, TagRoleRequest request)
    {
        Role role = existingRole(in, request.roleName());
        List<Tag> tags = IamTags.fromSdk(request.tags());
        IamTags.checkLimit(iam.tags(in.transaction(), role.asOwner()), tags);
        iam.tag(in.transaction(), role.asOwner(), tags);
        changed(in);
        return TagRoleResponse.builder().build();
    }

    private UntagRoleResponse untagRole(Invocation in, UntagRoleRequest request)
    {
        Role role = existingRole(in, request.roleName());
        iam.untag(in.transaction(), role.asOwner(), request.tagKeys());
        changed(in);
        return UntagRoleResponse.builder().build();
    }

    private ListRoleTagsResponse listRoleTags(Invocation in, ListRoleTagsRequest request)
    {
        Role role = existingRole(in, request.roleName());
        IamListPaging.Slice<Tag> page = IamListPaging.page(iam.tags(in.transaction(), role.asOwner()),
                request.marker(), request.maxItems());
        return ListRoleTagsResponse.builder().tags(IamTags.toSdk(page.items())).isTruncated(page.isTruncated()).marker(page.nextMarker()).build();
    }

    private Role existingRole(Invocation in, String name)
    {
        return iam.findRole(in.transaction(), in.accountId(), name).orElseThrow(() -> RoleErrors.noSuchRole(name));
    }

    /** The role's real ARN (with its path) and its tags as resource tags, when it exists. */
    private List<Access> roleAccess(Invocation in, String action, String name, Map<String, List<String>> requestKeys)
    {
        Optional<Map.Entry<Role, List<Tag>>> found = store.readOnly(tx -> iam.findRole(tx, in.accountId(), name)
                .map(role -> Map.entry(role, iam.tags(tx, role.asOwner()))));
        String arn = found.map(entry -> entry.getKey().arn()).orElse("arn:aws:iam::" + in.accountId() + ":role/" + name);
        Map<String, List<String>> keys = new HashMap<>(requestKeys);
        found.ifPresent(entry -> keys.putAll(IamTagConditions.resourceTags(entry.getValue())));
        return List.of(new Access(action, arn, keys));
    }
}
