package dev.bulwark.server.services.iam;

import dev.bulwark.policy.document.MalformedPolicyException;
import dev.bulwark.policy.document.PolicyDocument;
import dev.bulwark.policy.validate.IamPolicySizeLimit;
import dev.bulwark.server.auth.Caller;
import dev.bulwark.server.services.Access;
import dev.bulwark.server.services.Invocation;
import dev.bulwark.server.services.Operation;
import dev.bulwark.server.services.ServiceOperations;
import dev.bulwark.server.services.iam.model.AccessKey;
import dev.bulwark.server.services.iam.model.AccessKeyStatus;
import dev.bulwark.server.services.iam.model.Group;
import dev.bulwark.server.services.iam.model.ManagedPolicy;
import dev.bulwark.server.services.iam.model.Page;
import dev.bulwark.server.services.iam.model.PolicyOwner;
import dev.bulwark.server.services.iam.model.PolicyScope;
import dev.bulwark.server.services.iam.model.User;
import dev.bulwark.server.services.iam.model.UserDependencies;
import dev.bulwark.server.store.DuplicateKeyException;
import dev.bulwark.server.store.Store;
import dev.bulwark.server.store.Tx;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.SdkResponse;
import software.amazon.awssdk.services.iam.model.*;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * IAM (awsQuery, global): the identity operations the spine needs — users, groups, access keys, inline and
 * attached policies. Handlers run inside the pipeline's transaction; authorization is declared per operation in
 * {@link #operations()} with the action and resource ARN AWS's service authorization reference gives.
 */
public final class IamService implements ServiceOperations
{
    /** The signing name and CloudTrail event source prefix of IAM. */
    public static final String SERVICE = "iam";

    /** Change-feed topic prefix announcing that who may do what changed in an account ({@code iam/<account>}). */
    public static final String CHANGE_TOPIC_PREFIX = "iam/";

    private final Store store;
    private final IamStore iam;

    public IamService(Store store, IamStore iam)
    {
        this.store = requireNonNull(store, "store is null");
        this.iam = requireNonNull(iam, "iam is null");
    }

    @Override
    public List<Operation<?, ?>> operations()
    {
        return List.of(
                write("CreateUser", CreateUserRequest.class,
                        (in, r) -> IamTagConditions.with(userAccess(in, "iam:CreateUser", r.path(), r.userName()), IamTagConditions.requestedTags(r.tags())),
                        this::createUser),
                read("GetUser", GetUserRequest.class, (in, r) -> existingUserAccess(in, "iam:GetUser", r.userName()), this::getUser),
                read("ListUsers", ListUsersRequest.class, (in, r) -> List.of(Access.of("iam:ListUsers", "*")), this::listUsers),
                write("DeleteUser", DeleteUserRequest.class, (in, r) -> existingUserAccess(in, "iam:DeleteUser", r.userName()), this::deleteUser),
                write("CreateAccessKey", CreateAccessKeyRequest.class, (in, r) -> existingUserAccess(in, "iam:CreateAccessKey", r.userName()), this::createAccessKey),
                read("ListAccessKeys", ListAccessKeysRequest.class, (in, r) -> existingUserAccess(in, "iam:ListAccessKeys", r.userName()), this::listAccessKeys),
                write("UpdateAccessKey", UpdateAccessKeyRequest.class, (in, r) -> existingUserAccess(in, "iam:UpdateAccessKey", r.userName()), this::updateAccessKey),
                write("DeleteAccessKey", DeleteAccessKeyRequest.class, (in, r) -> existingUserAccess(in, "iam:DeleteAccessKey", r.userName()), this::deleteAccessKey),
                write("PutUserPolicy", PutUserPolicyRequest.class, (in, r) -> existingUserAccess(in, "iam:PutUserPolicy", r.userName()), this::putUserPolicy),
                read("GetUserPolicy", GetUserPolicyRequest.class, (in, r) -> existingUserAccess(in, "iam:GetUserPolicy", r.userName()), this::getUserPolicy),
                read("ListUserPolicies", ListUserPoliciesRequest.class, (in, r) -> existingUserAccess(in, "iam:ListUserPolicies", r.userName()), this::listUserPolicies),
                write("DeleteUserPolicy", DeleteUserPolicyRequest.class, (in, r) -> existingUserAccess(in, "iam:DeleteUserPolicy", r.userName()), this::deleteUserPolicy),
                write("AttachUserPolicy", AttachUserPolicyRequest.class, (in, r) -> withPolicyArn(existingUserAccess(in, "iam:AttachUserPolicy", r.userName()), r.policyArn()), this::attachUserPolicy),
                write("DetachUserPolicy", DetachUserPolicyRequest.class, (in, r) -> withPolicyArn(existingUserAccess(in, "iam:DetachUserPolicy", r.userName()), r.policyArn()), this::detachUserPolicy),
                read("ListAttachedUserPolicies", ListAttachedUserPoliciesRequest.class, (in, r) -> existingUserAccess(in, "iam:ListAttachedUserPolicies", r.userName()), this::listAttachedUserPolicies),
                write("CreateGroup", CreateGroupRequest.class, (in, r) -> groupAccess(in, "iam:CreateGroup", r.path(), r.groupName()), this::createGroup),
                read("GetGroup", GetGroupRequest.class, (in, r) -> existingGroupAccess(in, "iam:GetGroup", r.groupName()), this::getGroup),
                read("ListGroups", ListGroupsRequest.class, (in, r) -> List.of(Access.of("iam:ListGroups", "*")), this::listGroups),
                write("DeleteGroup", DeleteGroupRequest.class, (in, r) -> existingGroupAccess(in, "iam:DeleteGroup", r.groupName()), this::deleteGroup),
                write("AddUserToGroup", AddUserToGroupRequest.class, (in, r) -> existingGroupAccess(in, "iam:AddUserToGroup", r.groupName()), this::addUserToGroup),
                write("RemoveUserFromGroup", RemoveUserFromGroupRequest.class, (in, r) -> existingGroupAccess(in, "iam:RemoveUserFromGroup", r.groupName()), this::removeUserFromGroup),
                read("ListGroupsForUser", ListGroupsForUserRequest.class, (in, r) -> existingUserAccess(in, "iam:ListGroupsForUser", r.userName()), this::listGroupsForUser),
                write("AttachGroupPolicy", AttachGroupPolicyRequest.class, (in, r) -> withPolicyArn(existingGroupAccess(in, "iam:AttachGroupPolicy", r.groupName()), r.policyArn()), this::attachGroupPolicy),
                write("DetachGroupPolicy", DetachGroupPolicyRequest.class, (in, r) -> withPolicyArn(existingGroupAccess(in, "iam:DetachGroupPolicy", r.groupName()), r.policyArn()), this::detachGroupPolicy),
                write("PutGroupPolicy", PutGroupPolicyRequest.class, (in, r) -> existingGroupAccess(in, "iam:PutGroupPolicy", r.groupName()), this::putGroupPolicy),
                read("ListAttachedGroupPolicies", ListAttachedGroupPoliciesRequest.class, (in, r) -> existingGroupAccess(in, "iam:ListAttachedGroupPolicies", r.groupName()), this::listAttachedGroupPolicies),
                read("GetPolicy", GetPolicyRequest.class, (in, r) -> List.of(Access.of("iam:GetPolicy", r.policyArn())), this::getPolicy),
                read("ListPolicies", ListPoliciesRequest.class, (in, r) -> List.of(Access.of("iam:ListPolicies", "*")), this::listPolicies));
    }

    // ---------------------------------------------------------------- users

    private CreateUserResponse createUser(Invocation in, CreateUserRequest request)
    {
        String path = pathOrRoot(request.path());
        try {
            List<dev.bulwark.server.services.iam.model.Tag> tags = IamTags.fromSdk(request.tags());
            IamTags.checkLimit(List.of(), tags);
            if (request.permissionsBoundary() != null) {
                // a boundary that does not resolve would be ignored when authorizing: refuse it, as AWS does
                iam.findPolicy(in.transaction(), in.accountId(), request.permissionsBoundary())
                        .filter(ManagedPolicy::isAttachable)
                        .orElseThrow(() -> IamErrors.noSuchPolicy(request.permissionsBoundary()));
            }
            User user = iam.createUser(in.transaction(), in.accountId(), request.userName(), path, request.permissionsBoundary());
            iam.tag(in.transaction(), user.asOwner(), tags);
            return CreateUserResponse.builder().user(toSdk(user).toBuilder().tags(tags.isEmpty() ? null : IamTags.toSdk(tags)).build()).build();
        }
        catch (DuplicateKeyException e) {
            throw IamErrors.userExists(request.userName());
        }
    }

    private GetUserResponse getUser(Invocation in, GetUserRequest request)
    {
        if (request.userName() == null && in.caller().kind() == Caller.PrincipalKind.ROOT) {
            return GetUserResponse.builder().user(software.amazon.awssdk.services.iam.model.User.builder()
                    .userId(in.accountId())
                    .arn(in.caller().arn())
                    .path("/")
                    .createDate(iam.findAccount(in.transaction(), in.accountId()).orElseThrow().created())
                    .build()).build();
        }
        User user = targetUser(in, request.userName());
        List<dev.bulwark.server.services.iam.model.Tag> tags = iam.tags(in.transaction(), user.asOwner());
        return GetUserResponse.builder().user(toSdk(user).toBuilder().tags(tags.isEmpty() ? null : IamTags.toSdk(tags)).build()).build();
    }

    private ListUsersResponse listUsers(Invocation in, ListUsersRequest request)
    {
        Page<User> page = iam.listUsers(in.transaction(), in.accountId(), request.pathPrefix(), request.marker(), maxItems(request.maxItems()));
        return ListUsersResponse.builder()
                .users(page.items().stream().map(IamService::toSdk).toList())
                .isTruncated(page.isTruncated())
                .marker(page.nextMarker())
                .build();
    }

    private DeleteUserResponse deleteUser(Invocation in, DeleteUserRequest request)
    {
        User user = existingUser(in, request.userName());
        UserDependencies dependencies = iam.userDependencies(in.transaction(), user);
        if (iam.findLoginProfile(in.transaction(), user).isPresent()) {
            throw IamErrors.mustDelete("delete login profile");
        }
        if (dependencies.accessKeys() > 0) {
            throw IamErrors.mustDelete("delete access keys");
        }
        if (dependencies.inlinePolicies() > 0) {
            throw IamErrors.mustDelete("delete policies");
        }
        if (dependencies.attachedPolicies() > 0) {
            throw IamErrors.mustDelete("detach all policies");
        }
        if (dependencies.groups() > 0) {
            throw IamErrors.mustDelete("remove user from all groups");
        }
        if (MfaDeviceStore.countAssignedTo(in.transaction(), user) > 0) {
            throw IamErrors.mustDelete("delete MFA device");
        }
        if (dependencies.signingCertificates() > 0) {
            throw IamErrors.mustDelete("delete certificates");
        }
        if (dependencies.sshPublicKeys() > 0 || dependencies.serviceSpecificCredentials() > 0) {
            // what IAM answers for SSH public keys (and, UNSURE, for service-specific credentials)
            throw IamErrors.mustDelete("remove referenced objects");
        }
        iam.deleteUser(in.transaction(), user);
        changed(in);
        return DeleteUserResponse.builder().build();
    }

    // ---------------------------------------------------------------- access keys

    private CreateAccessKeyResponse createAccessKey(Invocation in, CreateAccessKeyRequest request)
    {
        Optional<User> user = ownerOfKeys(in, request.userName());
        if (iam.countAccessKeys(in.transaction(), in.accountId(), user.orElse(null)) >= 2) {
            throw IamErrors.accessKeysPerUser();
        }
        AccessKey key = iam.createAccessKey(in.transaction(), in.accountId(), user.orElse(null));
        changed(in);
        return CreateAccessKeyResponse.builder().accessKey(software.amazon.awssdk.services.iam.model.AccessKey.builder()
                .userName(user.map(User::name).orElse(null))
                .accessKeyId(key.accessKeyId())
                .status(statusOf(key.status()))
                .secretAccessKey(key.secretAccessKey())
                .createDate(seconds(key.created()))
                .build()).build();
    }

    private ListAccessKeysResponse listAccessKeys(Invocation in, ListAccessKeysRequest request)
    {
        Optional<User> user = ownerOfKeys(in, request.userName());
        List<AccessKeyMetadata> keys = iam.listAccessKeys(in.transaction(), in.accountId(), user.orElse(null)).stream()
                .map(key -> AccessKeyMetadata.builder()
                        .userName(user.map(User::name).orElse(null))
                        .accessKeyId(key.accessKeyId())
                        .status(statusOf(key.status()))
                        .createDate(seconds(key.created()))
                        .build())
                .toList();
        IamListPaging.Slice<AccessKeyMetadata> page = IamListPaging.page(keys, request.marker(), request.maxItems());
        return ListAccessKeysResponse.builder().accessKeyMetadata(page.items()).isTruncated(page.isTruncated()).marker(page.nextMarker()).build();
    }

    private UpdateAccessKeyResponse updateAccessKey(Invocation in, UpdateAccessKeyRequest request)
    {
        ownedKey(in, request.userName(), request.accessKeyId());
        iam.updateAccessKeyStatus(in.transaction(), request.accessKeyId(), AccessKeyStatus.fromWire(request.statusAsString()));
        changed(in);
        return UpdateAccessKeyResponse.builder().build();
    }

    private DeleteAccessKeyResponse deleteAccessKey(Invocation in, DeleteAccessKeyRequest request)
    {
        ownedKey(in, request.userName(), request.accessKeyId());
        iam.deleteAccessKey(in.transaction(), request.accessKeyId());
        changed(in);
        return DeleteAccessKeyResponse.builder().build();
    }

    /** The key, if it belongs to the named user (or to the caller when no user is named). */
    private AccessKey ownedKey(Invocation in, String userName, String accessKeyId)
    {
        Optional<User> user = ownerOfKeys(in, userName);
        return iam.findAccessKey(in.transaction(), accessKeyId)
                .filter(key -> key.accountId().equals(in.accountId()))
                .filter(key -> user.map(u -> u.name().equalsIgnoreCase(String.valueOf(key.userName()))).orElse(key.isRootKey()))
                .orElseThrow(() -> IamErrors.noSuchAccessKey(accessKeyId));
    }

    /** Whose keys a call means: the named user, else the calling user, else (root caller) the root user. */
    private Optional<User> ownerOfKeys(Invocation in, String userName)
    {
        if (userName == null && in.caller().kind() == Caller.PrincipalKind.ROOT) {
            return Optional.empty();
        }
        return Optional.of(targetUser(in, userName));
    }

    // ---------------------------------------------------------------- user policies

    private PutUserPolicyResponse putUserPolicy(Invocation in, PutUserPolicyRequest request)
    {
        User user = existingUser(in, request.userName());
        checkPolicy(request.policyDocument());
        checkInlineSize(in, user.asOwner(), user.name(), request.policyName(), request.policyDocument(), IamPolicySizeLimit.USER_INLINE_POLICIES);
        iam.putInlinePolicy(in.transaction(), user.asOwner(), request.policyName(), request.policyDocument());
        changed(in);
        return PutUserPolicyResponse.builder().build();
    }

    private GetUserPolicyResponse getUserPolicy(Invocation in, GetUserPolicyRequest request)
    {
        User user = existingUser(in, request.userName());
        String document = iam.getInlinePolicy(in.transaction(), user.asOwner(), request.policyName())
                .orElseThrow(() -> IamErrors.noSuchUserPolicy(user.name(), request.policyName()))
                .document();
        return GetUserPolicyResponse.builder().userName(user.name()).policyName(request.policyName()).policyDocument(urlEncoded(document)).build();
    }

    private ListUserPoliciesResponse listUserPolicies(Invocation in, ListUserPoliciesRequest request)
    {
        User user = existingUser(in, request.userName());
        IamListPaging.Slice<String> page = IamListPaging.page(iam.listInlinePolicyNames(in.transaction(), user.asOwner()), request.marker(), request.maxItems());
        return ListUserPoliciesResponse.builder().policyNames(page.items()).isTruncated(page.isTruncated()).marker(page.nextMarker()).build();
    }

    private DeleteUserPolicyResponse deleteUserPolicy(Invocation in, DeleteUserPolicyRequest request)
    {
        User user = existingUser(in, request.userName());
        if (!iam.deleteInlinePolicy(in.transaction(), user.asOwner(), request.policyName())) {
            throw IamErrors.noSuchUserPolicy(user.name(), request.policyName());
        }
        changed(in);
        return DeleteUserPolicyResponse.builder().build();
    }

    private AttachUserPolicyResponse attachUserPolicy(Invocation in, AttachUserPolicyRequest request)
    {
        User user = existingUser(in, request.userName());
        attach(in, user.asOwner(), request.policyArn(), IamErrors.policiesPerUser());
        return AttachUserPolicyResponse.builder().build();
    }

    private DetachUserPolicyResponse detachUserPolicy(Invocation in, DetachUserPolicyRequest request)
    {
        detach(in, existingUser(in, request.userName()).asOwner(), request.policyArn());
        return DetachUserPolicyResponse.builder().build();
    }

    private ListAttachedUserPoliciesResponse listAttachedUserPolicies(Invocation in, ListAttachedUserPoliciesRequest request)
    {
        User user = existingUser(in, request.userName());
        IamListPaging.Slice<AttachedPolicy> page = IamListPaging.page(attached(in, user.asOwner()), request.marker(), request.maxItems());
        return ListAttachedUserPoliciesResponse.builder().attachedPolicies(page.items()).isTruncated(page.isTruncated()).marker(page.nextMarker()).build();
    }

    // ---------------------------------------------------------------- groups

    private CreateGroupResponse createGroup(Invocation in, CreateGroupRequest request)
    {
        try {
            Group group = iam.createGroup(in.transaction(), in.accountId(), request.groupName(), pathOrRoot(request.path()));
            return CreateGroupResponse.builder().group(toSdk(group)).build();
        }
        catch (DuplicateKeyException e) {
            throw IamErrors.groupExists(request.groupName());
        }
    }

    private GetGroupResponse getGroup(Invocation in, GetGroupRequest request)
    {
        Group group = existingGroup(in, request.groupName());
        IamListPaging.Slice<User> page = IamListPaging.page(iam.usersInGroup(in.transaction(), group), request.marker(), request.maxItems());
        return GetGroupResponse.builder()
                .group(toSdk(group))
                .users(page.items().stream().map(IamService::toSdk).toList())
                .isTruncated(page.isTruncated())
                .marker(page.nextMarker())
                .build();
    }

    private ListGroupsResponse listGroups(Invocation in, ListGroupsRequest request)
    {
        Page<Group> page = iam.listGroups(in.transaction(), in.accountId(), request.pathPrefix(), request.marker(), maxItems(request.maxItems()));
        return ListGroupsResponse.builder()
                .groups(page.items().stream().map(IamService::toSdk).toList())
                .isTruncated(page.isTruncated())
                .marker(page.nextMarker())
                .build();
    }

    private DeleteGroupResponse deleteGroup(Invocation in, DeleteGroupRequest request)
    {
        Group group = existingGroup(in, request.groupName());
        Tx tx = in.transaction();
        if (!iam.usersInGroup(tx, group).isEmpty()) {
            throw IamErrors.mustDelete("remove users from group");
        }
        if (iam.countInlinePolicies(tx, group.asOwner()) > 0) {
            throw IamErrors.mustDelete("delete policies");
        }
        if (iam.countAttachedPolicies(tx, group.asOwner()) > 0) {
            throw IamErrors.mustDelete("detach all policies");
        }
        iam.deleteGroup(tx, group);
        changed(in);
        return DeleteGroupResponse.builder().build();
    }

    private AddUserToGroupResponse addUserToGroup(Invocation in, AddUserToGroupRequest request)
    {
        Group group = existingGroup(in, request.groupName());
        User user = existingUser(in, request.userName());
        if (iam.groupsForUser(in.transaction(), user).size() >= 10) {
            throw IamErrors.groupsPerUser();
        }
        iam.addUserToGroup(in.transaction(), group, user);
        changed(in);
        return AddUserToGroupResponse.builder().build();
    }

    private RemoveUserFromGroupResponse removeUserFromGroup(Invocation in, RemoveUserFromGroupRequest request)
    {
        Group group = existingGroup(in, request.groupName());
        User user = existingUser(in, request.userName());
        if (!iam.removeUserFromGroup(in.transaction(), group, user)) {
            throw software.amazon.awssdk.services.iam.model.NoSuchEntityException.builder()
                    .message("User " + user.name() + " not in group " + group.name()).build();
        }
        changed(in);
        return RemoveUserFromGroupResponse.builder().build();
    }

    private ListGroupsForUserResponse listGroupsForUser(Invocation in, ListGroupsForUserRequest request)
    {
        User user = existingUser(in, request.userName());
        IamListPaging.Slice<Group> page = IamListPaging.page(iam.groupsForUser(in.transaction(), user), request.marker(), request.maxItems());
        return ListGroupsForUserResponse.builder()
                .groups(page.items().stream().map(IamService::toSdk).toList())
                .isTruncated(page.isTruncated())
                .marker(page.nextMarker())
                .build();
    }

    private AttachGroupPolicyResponse attachGroupPolicy(Invocation in, AttachGroupPolicyRequest request)
    {
        attach(in, existingGroup(in, request.groupName()).asOwner(), request.policyArn(), IamErrors.policiesPerGroup());
        return AttachGroupPolicyResponse.builder().build();
    }

    private DetachGroupPolicyResponse detachGroupPolicy(Invocation in, DetachGroupPolicyRequest request)
    {
        detach(in, existingGroup(in, request.groupName()).asOwner(), request.policyArn());
        return DetachGroupPolicyResponse.builder().build();
    }

    private PutGroupPolicyResponse putGroupPolicy(Invocation in, PutGroupPolicyRequest request)
    {
        Group group = existingGroup(in, request.groupName());
        checkPolicy(request.policyDocument());
        checkInlineSize(in, group.asOwner(), group.name(), request.policyName(), request.policyDocument(), IamPolicySizeLimit.GROUP_INLINE_POLICIES);
        iam.putInlinePolicy(in.transaction(), group.asOwner(), request.policyName(), request.policyDocument());
        changed(in);
        return PutGroupPolicyResponse.builder().build();
    }

    private ListAttachedGroupPoliciesResponse listAttachedGroupPolicies(Invocation in, ListAttachedGroupPoliciesRequest request)
    {
        Group group = existingGroup(in, request.groupName());
        IamListPaging.Slice<AttachedPolicy> page = IamListPaging.page(attached(in, group.asOwner()), request.marker(), request.maxItems());
        return ListAttachedGroupPoliciesResponse.builder().attachedPolicies(page.items()).isTruncated(page.isTruncated()).marker(page.nextMarker()).build();
    }

    // ---------------------------------------------------------------- managed policies

    private GetPolicyResponse getPolicy(Invocation in, GetPolicyRequest request)
    {
        ManagedPolicy policy = iam.findPolicy(in.transaction(), in.accountId(), request.policyArn())
                .orElseThrow(() -> IamErrors.noSuchPolicy(request.policyArn()));
        Policy.Builder sdk = toSdk(policy).toBuilder()
                .permissionsBoundaryUsageCount((int) iam.countBoundaryUsage(in.transaction(), in.accountId(), policy.arn()));
        if (!policy.isAwsManaged()) {
            sdk.tags(IamTags.toSdk(iam.tags(in.transaction(), IamPolicyOperations.owner(policy))));
        }
        return GetPolicyResponse.builder().policy(sdk.build()).build();
    }

    private ListPoliciesResponse listPolicies(Invocation in, ListPoliciesRequest request)
    {
        PolicyScope scope = request.scope() == null ? PolicyScope.ALL : PolicyScope.valueOf(request.scopeAsString().toUpperCase(java.util.Locale.ROOT));
        Page<ManagedPolicy> page = iam.listPolicies(in.transaction(), in.accountId(), scope, Boolean.TRUE.equals(request.onlyAttached()),
                request.pathPrefix(), request.marker(), maxItems(request.maxItems()));
        return ListPoliciesResponse.builder()
                .policies(page.items().stream().map(IamService::toSdk).toList())
                .isTruncated(page.isTruncated())
                .marker(page.nextMarker())
                .build();
    }

    private void attach(Invocation in, PolicyOwner owner, String policyArn, RuntimeException quotaError)
    {
        iam.findPolicy(in.transaction(), in.accountId(), policyArn)
                .filter(ManagedPolicy::isAttachable)
                .orElseThrow(() -> IamErrors.noSuchPolicy(policyArn));
        boolean already = iam.attachedPolicies(in.transaction(), owner).stream().anyMatch(p -> p.policyArn().equals(policyArn));
        if (!already && iam.countAttachedPolicies(in.transaction(), owner) >= 10) {
            throw quotaError;
        }
        iam.attachPolicy(in.transaction(), owner, policyArn);
        changed(in);
    }

    private void detach(Invocation in, PolicyOwner owner, String policyArn)
    {
        if (!iam.detachPolicy(in.transaction(), owner, policyArn)) {
            throw IamErrors.policyNotAttached(policyArn);
        }
        changed(in);
    }

    private List<AttachedPolicy> attached(Invocation in, PolicyOwner owner)
    {
        return iam.attachedPolicies(in.transaction(), owner).stream()
                .map(p -> AttachedPolicy.builder().policyArn(p.policyArn()).policyName(p.policyName()).build())
                .toList();
    }

    private static void checkPolicy(String document)
    {
        try {
            PolicyDocument.parse(document);
        }
        catch (MalformedPolicyException e) {
            throw IamErrors.malformedPolicy(e.getMessage());
        }
    }

    /** IAM limits the whitespace-free size of all of an entity's inline policies together, the new one included. */
    private void checkInlineSize(Invocation in, PolicyOwner owner, String ownerName, String policyName, String document, IamPolicySizeLimit limit)
    {
        List<String> documents = new java.util.ArrayList<>();
        iam.inlinePolicies(in.transaction(), owner).stream()
                .filter(policy -> !policy.policyName().equals(policyName))
                .forEach(policy -> documents.add(policy.document()));
        documents.add(document);
        limit.checkInlinePolicies(ownerName, documents).ifPresent(violation -> {
            throw LimitExceededException.builder().message(violation.message()).build();
        });
    }

    // ---------------------------------------------------------------- lookups and authorization helpers

    private User existingUser(Invocation in, String name)
    {
        return iam.findUser(in.transaction(), in.accountId(), name).orElseThrow(() -> IamErrors.noSuchUser(name));
    }

    /** The named user, or the calling IAM user when no name is given (as GetUser and the key operations do). */
    private User targetUser(Invocation in, String name)
    {
        if (name != null) {
            return existingUser(in, name);
        }
        String own = in.caller().userName().orElseThrow(() -> IamErrors.noSuchUser(in.caller().arn()));
        return existingUser(in, own);
    }

    private Group existingGroup(Invocation in, String name)
    {
        return iam.findGroup(in.transaction(), in.accountId(), name).orElseThrow(() -> IamErrors.noSuchGroup(name));
    }

    private static List<Access> userAccess(Invocation in, String action, String path, String name)
    {
        return List.of(Access.of(action, "arn:aws:iam::" + in.accountId() + ":user" + pathOrRoot(path) + name));
    }

    private static List<Access> groupAccess(Invocation in, String action, String path, String name)
    {
        return List.of(Access.of(action, "arn:aws:iam::" + in.accountId() + ":group" + pathOrRoot(path) + name));
    }

    /** The user's real ARN (with its path) when it exists; the caller's own user when none is named. */
    private List<Access> existingUserAccess(Invocation in, String action, String name)
    {
        if (name == null) {
            return List.of(Access.of(action, in.caller().kind() == Caller.PrincipalKind.IAM_USER ? in.caller().arn()
                    : "arn:aws:iam::" + in.accountId() + ":root"));
        }
        String arn = store.readOnly(tx -> iam.findUser(tx, in.accountId(), name)).map(User::arn)
                .orElse("arn:aws:iam::" + in.accountId() + ":user/" + name);
        return List.of(Access.of(action, arn));
    }

    private List<Access> existingGroupAccess(Invocation in, String action, String name)
    {
        String arn = store.readOnly(tx -> iam.findGroup(tx, in.accountId(), name)).map(Group::arn)
                .orElse("arn:aws:iam::" + in.accountId() + ":group/" + name);
        return List.of(Access.of(action, arn));
    }

    private static List<Access> withPolicyArn(List<Access> accesses, String policyArn)
    {
        return accesses.stream()
                .map(access -> new Access(access.action(), access.resource(),
                        policyArn == null ? access.conditionKeys() : java.util.Map.of("iam:PolicyARN", List.of(policyArn))))
                .toList();
    }

    /**
     * Announces, once the transaction commits, that the account's keys or policies changed: this node's caches and,
     * on PostgreSQL, every other node's drop what they hold for the account.
     */
    private static void changed(Invocation in)
    {
        in.transaction().publish(CHANGE_TOPIC_PREFIX + in.accountId());
    }

    private static String pathOrRoot(String path)
    {
        return path == null || path.isEmpty() ? "/" : path;
    }

    private static int maxItems(Integer requested)
    {
        return requested == null ? IamStore.DEFAULT_MAX_ITEMS : requested;
    }

    /** IAM returns policy documents URL-encoded (RFC 3986), as the CLI then decodes them. */
    private static String urlEncoded(String document)
    {
        return URLEncoder.encode(document, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** IAM reports times to the second. */
    private static java.time.Instant seconds(java.time.Instant instant)
    {
        return instant.truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
    }

    private static StatusType statusOf(AccessKeyStatus status)
    {
        return status == AccessKeyStatus.ACTIVE ? StatusType.ACTIVE : StatusType.INACTIVE;
    }

    static software.amazon.awssdk.services.iam.model.User toSdk(User user)
    {
        return software.amazon.awssdk.services.iam.model.User.builder()
                .path(user.path())
                .userName(user.name())
                .userId(user.userId())
                .arn(user.arn())
                .createDate(seconds(user.created()))
                .permissionsBoundary(user.permissionsBoundaryArn() == null ? null : AttachedPermissionsBoundary.builder()
                        .permissionsBoundaryType(PermissionsBoundaryAttachmentType.PERMISSIONS_BOUNDARY_POLICY)
                        .permissionsBoundaryArn(user.permissionsBoundaryArn())
                        .build())
                .build();
    }

    static software.amazon.awssdk.services.iam.model.Group toSdk(Group group)
    {
        return software.amazon.awssdk.services.iam.model.Group.builder()
                .path(group.path())
                .groupName(group.name())
                .groupId(group.groupId())
                .arn(group.arn())
                .createDate(seconds(group.created()))
                .build();
    }

    static Policy toSdk(ManagedPolicy policy)
    {
        return Policy.builder()
                .policyName(policy.name())
                .policyId(policy.policyId())
                .arn(policy.arn())
                .path(policy.path())
                .defaultVersionId(policy.defaultVersionId())
                .attachmentCount((int) policy.attachmentCount())
                .permissionsBoundaryUsageCount(0)
                .isAttachable(policy.isAttachable())
                .description(policy.description())
                .createDate(seconds(policy.created()))
                .updateDate(seconds(policy.updated()))
                .build();
    }

    private static <I extends SdkRequest, O extends SdkResponse> Operation<I, O> read(String name, Class<I> type,
            Operation.Authorization<I> authorization, Operation.Handler<I, O> handler)
    {
        return new Operation<>(SERVICE, name, type, authorization, true, handler);
    }

    private static <I extends SdkRequest, O extends SdkResponse> Operation<I, O> write(String name, Class<I> type,
            Operation.Authorization<I> authorization, Operation.Handler<I, O> handler)
    {
        return new Operation<>(SERVICE, name, type, authorization, false, handler);
    }
}
