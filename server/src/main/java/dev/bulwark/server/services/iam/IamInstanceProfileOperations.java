package dev.bulwark.server.services.iam;

import dev.bulwark.server.services.Access;
import dev.bulwark.server.services.Invocation;
import dev.bulwark.server.services.Operation;
import dev.bulwark.server.services.ServiceOperations;
import dev.bulwark.server.services.iam.model.InstanceProfile;
import dev.bulwark.server.services.iam.model.Page;
import dev.bulwark.server.services.iam.model.Role;
import dev.bulwark.server.services.iam.model.Tag;
import dev.bulwark.server.store.DuplicateKeyException;
import dev.bulwark.server.store.Store;
import dev.bulwark.server.store.Tx;
import software.amazon.awssdk.services.iam.model.AddRoleToInstanceProfileRequest;
import software.amazon.awssdk.services.iam.model.AddRoleToInstanceProfileResponse;
import software.amazon.awssdk.services.iam.model.AttachedPermissionsBoundary;
import software.amazon.awssdk.services.iam.model.CreateInstanceProfileRequest;
import software.amazon.awssdk.services.iam.model.CreateInstanceProfileResponse;
import software.amazon.awssdk.services.iam.model.DeleteInstanceProfileRequest;
import software.amazon.awssdk.services.iam.model.DeleteInstanceProfileResponse;
import software.amazon.awssdk.services.iam.model.GetInstanceProfileRequest;
import software.amazon.awssdk.services.iam.model.GetInstanceProfileResponse;
import software.amazon.awssdk.services.iam.model.ListInstanceProfileTagsRequest;
import software.amazon.awssdk.services.iam.model.ListInstanceProfileTagsResponse;
import software.amazon.awssdk.services.iam.model.ListInstanceProfilesForRoleRequest;
import software.amazon.awssdk.services.iam.model.ListInstanceProfilesForRoleResponse;
import software.amazon.awssdk.services.iam.model.ListInstanceProfilesRequest;
import software.amazon.awssdk.services.iam.model.ListInstanceProfilesResponse;
import software.amazon.awssdk.services.iam.model.RemoveRoleFromInstanceProfileRequest;
import software.amazon.awssdk.services.iam.model.RemoveRoleFromInstanceProfileResponse;
import software.amazon.awssdk.services.iam.model.TagInstanceProfileRequest;
import software.amazon.awssdk.services.iam.model.TagInstanceProfileResponse;
import software.amazon.awssdk.services.iam.model.UntagInstanceProfileRequest;
import software.amazon.awssdk.services.iam.model.UntagInstanceProfileResponse;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static dev.bulwark.server.services.iam.IamWire.changed;
import static dev.bulwark.server.services.iam.IamWire.pathOrRoot;
import static dev.bulwark.server.services.iam.IamWire.read;
import static dev.bulwark.server.services.iam.IamWire.seconds;
import static dev.bulwark.server.services.iam.IamWire.write;
import static java.util.Objects.requireNonNull;

/**
 * IAM instance profiles: a named container holding at most one role (IAM's InstanceSessionsPerInstanceProfile
 * quota of 1, not adjustable), with tags. Putting a role in a profile passes it on, so AddRoleToInstanceProfile
 * also needs {@code iam:PassRole} on the role, as AWS requires. A role in a profile cannot be deleted
 * ({@link IamRoleOperations} asks {@link InstanceProfileStore#countInstanceProfilesForRole}).
 */
public final class IamInstanceProfileOperations implements ServiceOperations
{
    private final Store store;
    private final IamStore iam;
    private final InstanceProfileStore profiles;

    public IamInstanceProfileOperations(Store store, IamStore iam, InstanceProfileStore profiles)
    {
        this.store = requireNonNull(store, "store is null");
        this.iam = requireNonNull(iam, "iam is null");
        this.profiles = requireNonNull(profiles, "profiles is null");
    }

    @Override
    public List<Operation<?, ?>> operations()
    {
        return List.of(
                write("CreateInstanceProfile", CreateInstanceProfileRequest.class,
                        (in, r) -> List.of(new Access("iam:CreateInstanceProfile", profileArn(in, pathOrRoot(r.path()), r.instanceProfileName()),
                                IamTagConditions.requestTags(requestTags(r.tags())))),
                        this::createInstanceProfile),
                read("GetInstanceProfile", GetInstanceProfileRequest.class, (in, r) -> profileAccess(in, "iam:GetInstanceProfile", r.instanceProfileName()),
                        this::getInstanceProfile),
                read("ListInstanceProfiles", ListInstanceProfilesRequest.class,
                        (in, r) -> List.of(Access.of("iam:ListInstanceProfiles", profileArn(in, r.pathPrefix() == null ? "/" : r.pathPrefix(), ""))),
                        this::listInstanceProfiles),
                read("ListInstanceProfilesForRole", ListInstanceProfilesForRoleRequest.class,
                        (in, r) -> List.of(Access.of("iam:ListInstanceProfilesForRole", roleArn(in, r.roleName()))), this::listInstanceProfilesForRole),
                write("DeleteInstanceProfile", DeleteInstanceProfileRequest.class, (in, r) -> profileAccess(in, "iam:DeleteInstanceProfile", r.instanceProfileName()),
                        this::deleteInstanceProfile),
                write("AddRoleToInstanceProfile", AddRoleToInstanceProfileRequest.class,
                        (in, r) -> List.of(profileAccess(in, "iam:AddRoleToInstanceProfile", r.instanceProfileName()).get(0), passRole(in, r.roleName())),
                        this::addRoleToInstanceProfile),
                write("RemoveRoleFromInstanceProfile", RemoveRoleFromInstanceProfileRequest.class,
                        (in, r) -> profileAccess(in, "iam:RemoveRoleFromInstanceProfile", r.instanceProfileName()), this::removeRoleFromInstanceProfile),
                write("TagInstanceProfile", TagInstanceProfileRequest.class,
                        (in, r) -> profileAccess(in, "iam:TagInstanceProfile", r.instanceProfileName(), IamTagConditions.requestTags(requestTags(r.tags()))),
                        this::tagInstanceProfile),
                write("UntagInstanceProfile", UntagInstanceProfileRequest.class,
                        (in, r) -> profileAccess(in, "iam:UntagInstanceProfile", r.instanceProfileName(), IamTagConditions.removedTags(r.tagKeys())),
                        this::untagInstanceProfile),
                read("ListInstanceProfileTags", ListInstanceProfileTagsRequest.class,
                        (in, r) -> profileAccess(in, "iam:ListInstanceProfileTags", r.instanceProfileName()), this::listInstanceProfileTags));
    }

    // ---------------------------------------------------------------- profiles

    private CreateInstanceProfileResponse createInstanceProfile(Invocation in, CreateInstanceProfileRequest request)
    {
        List<Tag> tags = IamTags.fromSdk(request.tags());
        if (profiles.countInstanceProfiles(in.transaction(), in.accountId()) >= ProfileErrors.INSTANCE_PROFILES_PER_ACCOUNT) {
            throw ProfileErrors.instanceProfilesPerAccount();
        }
        InstanceProfile profile;
        try {
            profile = profiles.createInstanceProfile(in.transaction(), in.accountId(), request.instanceProfileName(), pathOrRoot(request.path()), in.now());
        }
        catch (DuplicateKeyException e) {
            throw ProfileErrors.instanceProfileExists(request.instanceProfileName());
        }
        profiles.tag(in.transaction(), profile, tags);
        return CreateInstanceProfileResponse.builder().instanceProfile(toSdk(in, profile, tags, true)).build();
    }

    private GetInstanceProfileResponse getInstanceProfile(Invocation in, GetInstanceProfileRequest request)
    {
        InstanceProfile profile = existingProfile(in, request.instanceProfileName());
        return GetInstanceProfileResponse.builder().instanceProfile(toSdk(in, profile, profiles.tags(in.transaction(), profile), true)).build();
    }

    private ListInstanceProfilesResponse listInstanceProfiles(Invocation in, ListInstanceProfilesRequest request)
    {
        int maxItems = request.maxItems() == null ? IamStore.DEFAULT_MAX_ITEMS : request.maxItems();
        Page<InstanceProfile> page = profiles.listInstanceProfiles(in.transaction(), in.accountId(), request.pathPrefix(), request.marker(), maxItems);
        // listings leave out tags (IAM: "ListInstanceProfiles" documentation); GetInstanceProfile has them
        return ListInstanceProfilesResponse.builder()
                .instanceProfiles(page.items().stream().map(profile -> toSdk(in, profile, List.of(), false)).toList())
                .isTruncated(page.isTruncated())
                .marker(page.nextMarker())
                .build();
    }

    private ListInstanceProfilesForRoleResponse listInstanceProfilesForRole(Invocation in, ListInstanceProfilesForRoleRequest request)
    {
        Role role = existingRole(in, request.roleName());
        int maxItems = request.maxItems() == null ? IamStore.DEFAULT_MAX_ITEMS : request.maxItems();
        Page<InstanceProfile> page = profiles.listInstanceProfilesForRole(in.transaction(), role, request.marker(), maxItems);
        return ListInstanceProfilesForRoleResponse.builder()
                .instanceProfiles(page.items().stream().map(profile -> toSdk(in, profile, List.of(), false)).toList())
                .isTruncated(page.isTruncated())
                .marker(page.nextMarker())
                .build();
    }

    private DeleteInstanceProfileResponse deleteInstanceProfile(Invocation in, DeleteInstanceProfileRequest request)
    {
        InstanceProfile profile = existingProfile(in, request.instanceProfileName());
        if (!profiles.roles(in.transaction(), profile).isEmpty()) {
            throw IamErrors.mustDelete("remove roles from instance profile");
        }
        profiles.deleteInstanceProfile(in.transaction(), profile);
        return DeleteInstanceProfileResponse.builder().build();
    }

    // ---------------------------------------------------------------- the role

    private AddRoleToInstanceProfileResponse addRoleToInstanceProfile(Invocation in, AddRoleToInstanceProfileRequest request)
    {
        InstanceProfile profile = existingProfile(in, request.instanceProfileName());
        Role role = existingRole(in, request.roleName());
        if (profiles.linkedService(in.transaction(), role).isPresent()) {
            throw ProfileErrors.protectedRole(role.name());
        }
        // the store holds at most ROLES_PER_INSTANCE_PROFILE (one) role per profile
        if (!profiles.addRole(in.transaction(), profile, role)) {
            throw ProfileErrors.rolesPerInstanceProfile();
        }
        changed(in);
        return AddRoleToInstanceProfileResponse.builder().build();
    }

    private RemoveRoleFromInstanceProfileResponse removeRoleFromInstanceProfile(Invocation in, RemoveRoleFromInstanceProfileRequest request)
    {
        InstanceProfile profile = existingProfile(in, request.instanceProfileName());
        Role role = existingRole(in, request.roleName());
        if (!profiles.removeRole(in.transaction(), profile, role)) {
            // the role exists but is not in this profile
            throw RoleErrors.noSuchRole(request.roleName());
        }
        changed(in);
        return RemoveRoleFromInstanceProfileResponse.builder().build();
    }

    // ---------------------------------------------------------------- tags

    private TagInstanceProfileResponse tagInstanceProfile(Invocation in, TagInstanceProfileRequest request)
    {
        InstanceProfile profile = existingProfile(in, request.instanceProfileName());
        List<Tag> tags = IamTags.fromSdk(request.tags());
        IamTags.checkLimit(profiles.tags(in.transaction(), profile), tags);
        profiles.tag(in.transaction(), profile, tags);
        return TagInstanceProfileResponse.builder().build();
    }

    private UntagInstanceProfileResponse untagInstanceProfile(Invocation in, UntagInstanceProfileRequest request)
    {
        InstanceProfile profile = existingProfile(in, request.instanceProfileName());
        profiles.untag(in.transaction(), profile, request.tagKeys());
        return UntagInstanceProfileResponse.builder().build();
    }

    private ListInstanceProfileTagsResponse listInstanceProfileTags(Invocation in, ListInstanceProfileTagsRequest request)
    {
        InstanceProfile profile = existingProfile(in, request.instanceProfileName());
        IamListPaging.Slice<software.amazon.awssdk.services.iam.model.Tag> page = IamListPaging.page(IamTags.toSdk(profiles.tags(in.transaction(), profile)),
                request.marker(), request.maxItems());
        return ListInstanceProfileTagsResponse.builder().tags(page.items()).isTruncated(page.isTruncated()).marker(page.nextMarker()).build();
    }

    // ---------------------------------------------------------------- helpers

    private software.amazon.awssdk.services.iam.model.InstanceProfile toSdk(Invocation in, InstanceProfile profile, List<Tag> tags, boolean full)
    {
        return toSdk(in.transaction(), iam, profiles, profile, tags, full);
    }

    /**
     * The wire shape. {@code full}: the profile's tags, and its roles as GetRole returns them (tags, permissions
     * boundary); otherwise roles as ListRoles returns them. Also used by GetAccountAuthorizationDetails.
     */
    static software.amazon.awssdk.services.iam.model.InstanceProfile toSdk(Tx tx, IamStore iam, InstanceProfileStore profiles, InstanceProfile profile,
            List<Tag> tags, boolean full)
    {
        List<software.amazon.awssdk.services.iam.model.Role> roles = new ArrayList<>();
        for (Role role : profiles.roles(tx, profile)) {
            software.amazon.awssdk.services.iam.model.Role sdk = IamRoleOperations.toSdk(role, full ? iam.tags(tx, role.asOwner()) : List.of());
            roles.add(full ? sdk : sdk.toBuilder().permissionsBoundary((AttachedPermissionsBoundary) null).build());
        }
        return software.amazon.awssdk.services.iam.model.InstanceProfile.builder()
                .path(profile.path())
                .instanceProfileName(profile.name())
                .instanceProfileId(profile.instanceProfileId())
                .arn(profile.arn())
                .createDate(seconds(profile.created()))
                .roles(roles)
                .tags(tags.isEmpty() ? null : IamTags.toSdk(tags))
                .build();
    }

    private InstanceProfile existingProfile(Invocation in, String name)
    {
        return profiles.findInstanceProfile(in.transaction(), in.accountId(), name).orElseThrow(() -> ProfileErrors.noSuchInstanceProfile(name));
    }

    private Role existingRole(Invocation in, String name)
    {
        return iam.findRole(in.transaction(), in.accountId(), name).orElseThrow(() -> RoleErrors.noSuchRole(name));
    }

    private List<Access> profileAccess(Invocation in, String action, String name)
    {
        return profileAccess(in, action, name, Map.of());
    }

    /**
     * The profile's real ARN (with its path) when it exists, else the ARN its name implies; with the request's
     * own condition keys and the profile's tags as {@code aws:ResourceTag/<key>}.
     */
    private List<Access> profileAccess(Invocation in, String action, String name, Map<String, List<String>> requestKeys)
    {
        Optional<Map.Entry<InstanceProfile, List<Tag>>> found = store.readOnly(tx -> profiles.findInstanceProfile(tx, in.accountId(), name)
                .map(profile -> Map.entry(profile, profiles.tags(tx, profile))));
        String arn = found.map(entry -> entry.getKey().arn()).orElse(profileArn(in, "/", name));
        Map<String, List<String>> keys = new HashMap<>(requestKeys);
        found.ifPresent(entry -> keys.putAll(IamTagConditions.resourceTags(entry.getValue())));
        return List.of(new Access(action, arn, keys));
    }

    private String roleArn(Invocation in, String name)
    {
        return store.readOnly(tx -> iam.findRole(tx, in.accountId(), name)).map(Role::arn).orElse("arn:aws:iam::" + in.accountId() + ":role/" + name);
    }

    /**
     * The role is passed to EC2, to whichever instance will use the profile: AWS documents that the PassRole check
     * of AddRoleToInstanceProfile carries {@code iam:AssociatedResourceArn} {@code arn:aws:ec2:*:<account>:instance/*};
     * {@code iam:PassedToService} is EC2's principal, the service instance profiles are for.
     */
    private Access passRole(Invocation in, String roleName)
    {
        return new Access("iam:PassRole", roleArn(in, roleName), Map.of(
                "iam:PassedToService", List.of("ec2.amazonaws.com"),
                "iam:AssociatedResourceArn", List.of("arn:aws:ec2:*:" + in.accountId() + ":instance/*")));
    }

    /**
     * The request's tags for its condition keys, unvalidated: authorization runs before the handler, which refuses
     * duplicate keys with InvalidInput ({@link IamTags#fromSdk}); an exception here would surface as a 500.
     */
    private static List<Tag> requestTags(List<software.amazon.awssdk.services.iam.model.Tag> tags)
    {
        return tags.stream().map(tag -> new Tag(tag.key(), tag.value() == null ? "" : tag.value())).toList();
    }

    private static String profileArn(Invocation in, String path, String name)
    {
        return "arn:aws:iam::" + in.accountId() + ":instance-profile" + path + name;
    }
}
