package dev.bulwark.server.services.iam;

import dev.bulwark.server.services.Access;
import dev.bulwark.server.services.Invocation;
import dev.bulwark.server.services.Operation;
import dev.bulwark.server.services.ServiceOperations;
import dev.bulwark.server.services.iam.model.Group;
import dev.bulwark.server.store.DuplicateKeyException;
import dev.bulwark.server.store.Store;
import software.amazon.awssdk.services.iam.model.DeleteGroupPolicyRequest;
import software.amazon.awssdk.services.iam.model.DeleteGroupPolicyResponse;
import software.amazon.awssdk.services.iam.model.GetGroupPolicyRequest;
import software.amazon.awssdk.services.iam.model.GetGroupPolicyResponse;
import software.amazon.awssdk.services.iam.model.ListGroupPoliciesRequest;
import software.amazon.awssdk.services.iam.model.ListGroupPoliciesResponse;
import software.amazon.awssdk.services.iam.model.UpdateGroupRequest;
import software.amazon.awssdk.services.iam.model.UpdateGroupResponse;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static dev.bulwark.server.services.iam.IamWire.changed;
import static dev.bulwark.server.services.iam.IamWire.read;
import static dev.bulwark.server.services.iam.IamWire.urlEncoded;
import static dev.bulwark.server.services.iam.IamWire.write;
import static java.util.Objects.requireNonNull;

/**
 * A group's inline policies beyond PutGroupPolicy, and renaming or moving a group. Group policies apply to every
 * member, so each change announces a change in the account.
 */
public final class IamGroupDetailOperations implements ServiceOperations
{
    private final Store store;
    private final IamStore iam;

    public IamGroupDetailOperations(Store store, IamStore iam)
    {
        this.store = requireNonNull(store, "store is null");
        this.iam = requireNonNull(iam, "iam is null");
    }

    @Override
    public List<Operation<?, ?>> operations()
    {
        return List.of(
                read("GetGroupPolicy", GetGroupPolicyRequest.class, (in, r) -> groupAccess(in, "iam:GetGroupPolicy", r.groupName()), this::getGroupPolicy),
                read("ListGroupPolicies", ListGroupPoliciesRequest.class, (in, r) -> groupAccess(in, "iam:ListGroupPolicies", r.groupName()), this::listGroupPolicies),
                write("DeleteGroupPolicy", DeleteGroupPolicyRequest.class, (in, r) -> groupAccess(in, "iam:DeleteGroupPolicy", r.groupName()), this::deleteGroupPolicy),
                write("UpdateGroup", UpdateGroupRequest.class, this::updateGroupAccess, this::updateGroup));
    }

    private GetGroupPolicyResponse getGroupPolicy(Invocation in, GetGroupPolicyRequest request)
    {
        Group group = existingGroup(in, request.groupName());
        String document = iam.getInlinePolicy(in.transaction(), group.asOwner(), request.policyName())
                .orElseThrow(() -> IamErrors.noSuchGroupPolicy(group.name(), request.policyName()))
                .document();
        return GetGroupPolicyResponse.builder().groupName(group.name()).policyName(request.policyName()).policyDocument(urlEncoded(document)).build();
    }

    private ListGroupPoliciesResponse listGroupPolicies(Invocation in, ListGroupPoliciesRequest request)
    {
        Group group = existingGroup(in, request.groupName());
        IamListPaging.Slice<String> page = IamListPaging.page(iam.listInlinePolicyNames(in.transaction(), group.asOwner()), request.marker(), request.maxItems());
        return ListGroupPoliciesResponse.builder().policyNames(page.items()).isTruncated(page.isTruncated()).marker(page.nextMarker()).build();
    }

    private DeleteGroupPolicyResponse deleteGroupPolicy(Invocation in, DeleteGroupPolicyRequest request)
    {
        Group group = existingGroup(in, request.groupName());
        if (!iam.deleteInlinePolicy(in.transaction(), group.asOwner(), request.policyName())) {
            throw IamErrors.noSuchGroupPolicy(group.name(), request.policyName());
        }
        changed(in);
        return DeleteGroupPolicyResponse.builder().build();
    }

    private UpdateGroupResponse updateGroup(Invocation in, UpdateGroupRequest request)
    {
        Group group = existingGroup(in, request.groupName());
        try {
            iam.updateGroup(in.transaction(), group, request.newGroupName(), request.newPath());
        }
        catch (DuplicateKeyException e) {
            throw IamErrors.groupExists(request.newGroupName());
        }
        changed(in);
        return UpdateGroupResponse.builder().build();
    }

    /** As for UpdateUser, AWS authorizes a rename or move on the group as it is and as it will be. */
    private List<Access> updateGroupAccess(Invocation in, UpdateGroupRequest request)
    {
        Optional<Group> group = store.readOnly(tx -> iam.findGroup(tx, in.accountId(), request.groupName()));
        String path = request.newPath() != null ? request.newPath() : group.map(Group::path).orElse("/");
        String name = request.newGroupName() != null ? request.newGroupName() : request.groupName();
        List<Access> accesses = new ArrayList<>(groupAccess(in, "iam:UpdateGroup", request.groupName()));
        String newArn = "arn:aws:iam::" + in.accountId() + ":group" + path + name;
        if (!accesses.get(0).resource().equals(newArn)) {
            accesses.add(Access.of("iam:UpdateGroup", newArn));
        }
        return accesses;
    }

    private Group existingGroup(Invocation in, String name)
    {
        return iam.findGroup(in.transaction(), in.accountId(), name).orElseThrow(() -> IamErrors.noSuchGroup(name));
    }

    /** The group's real ARN (with its path) when it exists, else the ARN its name implies. */
    private List<Access> groupAccess(Invocation in, String action, String name)
    {
        String arn = store.readOnly(tx -> iam.findGroup(tx, in.accountId(), name)).map(Group::arn)
                .orElse("arn:aws:iam::" + in.accountId() + ":group/" + name);
        return List.of(Access.of(action, arn));
    }
}
