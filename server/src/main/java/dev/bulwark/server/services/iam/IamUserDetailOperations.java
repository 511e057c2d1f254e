package dev.bulwark.server.services.iam;

import dev.bulwark.server.auth.Caller;
import dev.bulwark.server.services.Access;
import dev.bulwark.server.services.Invocation;
import dev.bulwark.server.services.Operation;
import dev.bulwark.server.services.ServiceOperations;
import dev.bulwark.server.services.iam.model.AccessKey;
import dev.bulwark.server.services.iam.model.ManagedPolicy;
import dev.bulwark.server.services.iam.model.Tag;
import dev.bulwark.server.services.iam.model.User;
import dev.bulwark.server.store.DuplicateKeyException;
import dev.bulwark.server.store.Store;
import software.amazon.awssdk.services.iam.model.AccessKeyLastUsed;
import software.amazon.awssdk.services.iam.model.DeleteUserPermissionsBoundaryRequest;
import software.amazon.awssdk.services.iam.model.DeleteUserPermissionsBoundaryResponse;
import software.amazon.awssdk.services.iam.model.GetAccessKeyLastUsedRequest;
import software.amazon.awssdk.services.iam.model.GetAccessKeyLastUsedResponse;
import software.amazon.awssdk.services.iam.model.ListUserTagsRequest;
import software.amazon.awssdk.services.iam.model.ListUserTagsResponse;
import software.amazon.awssdk.services.iam.model.PutUserPermissionsBoundaryRequest;
import software.amazon.awssdk.services.iam.model.PutUserPermissionsBoundaryResponse;
import software.amazon.awssdk.services.iam.model.TagUserRequest;
import software.amazon.awssdk.services.iam.model.TagUserResponse;
import software.amazon.awssdk.services.iam.model.UntagUserRequest;
import software.amazon.awssdk.services.iam.model.UntagUserResponse;
import software.amazon.awssdk.services.iam.model.UpdateUserRequest;
import software.amazon.awssdk.services.iam.model.UpdateUserResponse;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static dev.bulwark.server.services.iam.IamWire.changed;
import static dev.bulwark.server.services.iam.IamWire.read;
import static dev.bulwark.server.services.iam.IamWire.seconds;
import static dev.bulwark.server.services.iam.IamWire.write;
import static java.util.Objects.requireNonNull;

/**
 * What IAM keeps about a user beyond its policies: permissions boundary, name and path, tags, and when its access
 * keys were last used. A boundary or a rename changes who may do what (the ARN policies match on), so both
 * announce a change in the account.
 */
public final class IamUserDetailOperations implements ServiceOperations
{
    /** What GetAccessKeyLastUsed reports as service and region for a key never used. */
    static final String NEVER_USED = "N/A";

    private final Store store;
    private final IamStore iam;

    public IamUserDetailOperations(Store store, IamStore iam)
    {
        this.store = requireNonNull(store, "store is null");
        this.iam = requireNonNull(iam, "iam is null");
    }

    @Override
    public List<Operation<?, ?>> operations()
    {
        return List.of(
                write("PutUserPermissionsBoundary", PutUserPermissionsBoundaryRequest.class,
                        (in, r) -> withBoundaryArn(userAccess(in, "iam:PutUserPermissionsBoundary", r.userName()), r.permissionsBoundary()),
                        this::putUserPermissionsBoundary),
                write("DeleteUserPermissionsBoundary", DeleteUserPermissionsBoundaryRequest.class,
                        (in, r) -> userAccess(in, "iam:DeleteUserPermissionsBoundary", r.userName()), this::deleteUserPermissionsBoundary),
                write("UpdateUser", UpdateUserRequest.class, this::updateUserAccess, this::updateUser),
                write("TagUser", TagUserRequest.class,
                        (in, r) -> IamTagConditions.with(userAccess(in, "iam:TagUser", r.userName()), IamTagConditions.requestedTags(r.tags())), this::tagUser),
                write("UntagUser", UntagUserRequest.class,
                        (in, r) -> IamTagConditions.with(userAccess(in, "iam:UntagUser", r.userName()), IamTagConditions.removedTags(r.tagKeys())), this::untagUser),
                read("ListUserTags", ListUserTagsRequest.class, (in, r) -> userAccess(in, "iam:ListUserTags", r.userName()), this::listUserTags),
                read("GetAccessKeyLastUsed", GetAccessKeyLastUsedRequest.class, this::accessKeyLastUsedAccess, this::getAccessKeyLastUsed));
    }

    // ---------------------------------------------------------------- permissions boundary

    private PutUserPermissionsBoundaryResponse putUserPermissionsBoundary(Invocation in, PutUserPermissionsBoundaryRequest request)
    {
        User user = existingUser(in, request.userName());
        ManagedPolicy boundary = iam.findPolicy(in.transaction(), in.accountId(), request.permissionsBoundary())
                .filter(ManagedPolicy::isAttachable)
                .orElseThrow(() -> IamErrors.noSuchPolicy(request.permissionsBoundary()));
        iam.setUserPermissionsBoundary(in.transaction(), user, boundary.arn());
        changed(in);
        return PutUserPermissionsBoundaryResponse.builder().build();
    }

    private DeleteUserPermissionsBoundaryResponse deleteUserPermissionsBoundary(Invocation in, DeleteUserPermissionsBoundaryRequest request)
    {
        User user = existingUser(in, request.userName());
        iam.setUserPermissionsBoundary(in.transaction(), user, null);
        changed(in);
        return DeleteUserPermissionsBoundaryResponse.builder().build();
    }

    // ---------------------------------------------------------------- name and path

    private UpdateUserResponse updateUser(Invocation in, UpdateUserRequest request)
    {
        User user = existingUser(in, request.userName());
        try {
            iam.updateUser(in.transaction(), user, request.newUserName(), request.newPath());
        }
        catch (DuplicateKeyException e) {
            throw IamErrors.userExists(request.newUserName());
        }
        changed(in);
        return UpdateUserResponse.builder().build();
    }

    /** AWS authorizes UpdateUser on the user as it is and as it will be (a rename needs both). */
    private List<Access> updateUserAccess(Invocation in, UpdateUserRequest request)
    {
        Optional<User> user = store.readOnly(tx -> iam.findUser(tx, in.accountId(), request.userName()));
        String path = request.newPath() != null ? request.newPath() : user.map(User::path).orElse("/");
        String name = request.newUserName() != null ? request.newUserName() : request.userName();
        List<Access> accesses = new ArrayList<>(userAccess(in, "iam:UpdateUser", request.userName()));
        String newArn = "arn:aws:iam::" + in.accountId() + ":user" + path + name;
        if (!accesses.get(0).resource().equals(newArn)) {
            accesses.add(Access.of("iam:UpdateUser", newArn));
        }
        return accesses;
    }

    // ---------------------------------------------------------------- tags

    private TagUserResponse tagUser(Invocation in, TagUserRequest request)
    {
        User user = existingUser(in, request.userName());
        List<Tag> tags = IamTags.fromSdk(request.tags());
        IamTags.checkLimit(iam.tags(in.transaction(), user.asOwner()), tags);
        iam.tag(in.transaction(), user.asOwner(), tags);
        // tags are principal tags (aws:PrincipalTag) in the user's own requests
        changed(in);
        return TagUserResponse.builder().build();
    }

    private UntagUserResponse untagUser(Invocation in, UntagUserRequest request)
    {
        User user = existingUser(in, request.userName());
        iam.untag(in.transaction(), user.asOwner(), request.tagKeys());
        changed(in);
        return UntagUserResponse.builder().build();
    }

    private ListUserTagsResponse listUserTags(Invocation in, ListUserTagsRequest request)
    {
        User user = existingUser(in, request.userName());
        IamListPaging.Slice<Tag> page = IamListPaging.page(iam.tags(in.transaction(), user.asOwner()),
                request.marker(), request.maxItems());
        return ListUserTagsResponse.builder().tags(IamTags.toSdk(page.items())).isTruncated(page.isTruncated()).marker(page.nextMarker()).build();
    }

    // ---------------------------------------------------------------- access key last used

    private GetAccessKeyLastUsedResponse getAccessKeyLastUsed(Invocation in, GetAccessKeyLastUsedRequest request)
    {
        AccessKey key = iam.findAccessKey(in.transaction(), request.accessKeyId())
                .filter(found -> found.accountId().equals(in.accountId()))
                .orElseThrow(() -> IamErrors.noSuchAccessKey(request.accessKeyId()));
        AccessKeyLastUsed.Builder lastUsed = AccessKeyLastUsed.builder();
        if (key.lastUsedDate() == null) {
            lastUsed.serviceName(NEVER_USED).region(NEVER_USED);
        }
        else {
            lastUsed.lastUsedDate(seconds(key.lastUsedDate()))
                    .serviceName(key.lastUsedService() == null ? NEVER_USED : key.lastUsedService())
                    .region(key.lastUsedRegion() == null ? NEVER_USED : key.lastUsedRegion());
        }
        return GetAccessKeyLastUsedResponse.builder().userName(key.userName()).accessKeyLastUsed(lastUsed.build()).build();
    }

    /** The resource is the key's user (the account's root for a root key). */
    private List<Access> accessKeyLastUsedAccess(Invocation in, GetAccessKeyLastUsedRequest request)
    {
        Optional<AccessKey> key = store.readOnly(tx -> iam.findAccessKey(tx, request.accessKeyId()))
                .filter(found -> found.accountId().equals(in.accountId()));
        if (key.isEmpty() || key.get().isRootKey()) {
            return List.of(Access.of("iam:GetAccessKeyLastUsed", "arn:aws:iam::" + in.accountId() + ":root"));
        }
        return userAccess(in, "iam:GetAccessKeyLastUsed", key.get().userName());
    }

    // ---------------------------------------------------------------- helpers

    private User existingUser(Invocation in, String name)
    {
        if (name == null && in.caller().kind() == Caller.PrincipalKind.IAM_USER) {
            name = in.caller().userName().orElseThrow();
        }
        String target = name;
        return iam.findUser(in.transaction(), in.accountId(), target).orElseThrow(() -> IamErrors.noSuchUser(target));
    }

    /** The user's real ARN (with its path) when it exists. */
    private List<Access> userAccess(Invocation in, String action, String name)
    {
        if (name == null) {
            return List.of(Access.of(action, in.caller().arn()));
        }
        String arn = store.readOnly(tx -> iam.findUser(tx, in.accountId(), name)).map(User::arn)
                .orElse("arn:aws:iam::" + in.accountId() + ":user/" + name);
        return List.of(Access.of(action, arn));
    }

    private static List<Access> withBoundaryArn(List<Access> accesses, String boundaryArn)
    {
        if (boundaryArn == null) {
            return accesses;
        }
        return accesses.stream()
                .map(access -> new Access(access.action(), access.resource(), java.util.Map.of("iam:PermissionsBoundary", List.of(boundaryArn))))
                .toList();
    }
}
