package dev.bulwark.server.services.iam;

import dev.bulwark.policy.document.MalformedPolicyException;
import dev.bulwark.policy.document.PolicyDocument;
import dev.bulwark.policy.document.PolicyGrammar;
import dev.bulwark.policy.validate.IamPolicySizeLimit;
import dev.bulwark.server.services.Access;
import dev.bulwark.server.services.Invocation;
import dev.bulwark.server.services.Operation;
import dev.bulwark.server.services.ServiceOperations;
import dev.bulwark.server.services.iam.model.Page;
import dev.bulwark.server.services.iam.model.Role;
import dev.bulwark.server.store.DuplicateKeyException;
import dev.bulwark.server.store.Store;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.SdkResponse;
import software.amazon.awssdk.services.iam.model.*;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * IAM roles: the role itself with its trust policy, its inline policies and managed-policy attachments. Every
 * change that alters who may do what publishes the account's change topic, so cached sessions and compiled
 * policies of the account are dropped on commit.
 */
public final class IamRoleOperations implements ServiceOperations
{
    private static final int MAX_ATTACHED_POLICIES = 10;

    private final Store store;
    private final IamStore iam;
    /** Instance profiles holding a role, and whether a role is service-linked (only its service may change it). */
    private final InstanceProfileStore profiles;

    public IamRoleOperations(Store store, IamStore iam)
    {
        this.store = requireNonNull(store, "store is null");
        this.iam = requireNonNull(iam, "iam is null");
        this.profiles = new InstanceProfileStore(dev.bulwark.server.services.iam.model.IamIds.secure());
    }

    @Override
    public List<Operation<?, ?>> operations()
    {
        return List.of(
                write("CreateRole", CreateRoleRequest.class, (in, r) -> IamTagConditions.with(List.of(new Access("iam:CreateRole", roleArn(in, r.path(), r.roleName()),
                        r.permissionsBoundary() == null ? Map.of() : Map.of("iam:PermissionsBoundary", List.of(r.permissionsBoundary())))),
                        IamTagConditions.requestedTags(r.tags())), this::createRole),
                read("GetRole", GetRoleRequest.class, (in, r) -> roleAccess(in, "iam:GetRole", r.roleName()), this::getRole),
                read("ListRoles", ListRolesRequest.class, (in, r) -> List.of(Access.of("iam:ListRoles", "*")), this::listRoles),
                write("DeleteRole", DeleteRoleRequest.class, (in, r) -> roleAccess(in, "iam:DeleteRole", r.roleName()), this::deleteRole),
                write("UpdateAssumeRolePolicy", UpdateAssumeRolePolicyRequest.class, (in, r) -> roleAccess(in, "iam:UpdateAssumeRolePolicy", r.roleName()),
                        this::updateAssumeRolePolicy),
                write("UpdateRole", UpdateRoleRequest.class, (in, r) -> roleAccess(in, "iam:UpdateRole", r.roleName()), this::updateRole),
                write("PutRolePolicy", PutRolePolicyRequest.class, (in, r) -> roleAccess(in, "iam:PutRolePolicy", r.roleName()), this::putRolePolicy),
                read("GetRolePolicy", GetRolePolicyRequest.class, (in, r) -> roleAccess(in, "iam:GetRolePolicy", r.roleName()), this::getRolePolicy),
                read("ListRolePolicies", ListRolePoliciesRequest.class, (in, r) -> roleAccess(in, "iam:ListRolePolicies", r.roleName()), this::listRolePolicies),
                write("DeleteRolePolicy", DeleteRolePolicyRequest.class, (in, r) -> roleAccess(in, "iam:DeleteRolePolicy", r.roleName()), this::deleteRolePolicy),
                write("AttachRolePolicy", AttachRolePolicyRequest.class, (in, r) -> withPolicyArn(roleAccess(in, "iam:AttachRolePolicy", r.roleName()), r.policyArn()),
                        this::attachRolePolicy),
                write("DetachRolePolicy", DetachRolePolicyRequest.class, (in, r) -> withPolicyArn(roleAccess(in, "iam:DetachRolePolicy", r.roleName()), r.policyArn()),
                        this::detachRolePolicy),
                read("ListAttachedRolePolicies", ListAttachedRolePoliciesRequest.class, (in, r) -> roleAccess(in, "iam:ListAttachedRolePolicies", r.roleName()),
                        this::listAttachedRolePolicies));
    }

    // ---------------------------------------------------------------- roles

    private CreateRoleResponse createRole(Invocation in, CreateRoleRequest request)
    {
        if (pathOrRoot(request.path()).startsWith(ServiceLinkedRoleCatalog.PATH_PREFIX)) {
            throw ProfileErrors.serviceRolePathReserved();
        }
        checkTrustPolicy(request.assumeRolePolicyDocument());
        if (request.permissionsBoundary() != null) {
            existingPolicy(in, request.permissionsBoundary());
        }
        int maxSession = request.maxSessionDuration() == null ? Role.DEFAULT_MAX_SESSION_DURATION : request.maxSessionDuration();
        Role role;
        try {
            role = iam.createRole(in.transaction(), in.accountId(), request.roleName(), pathOrRoot(request.path()), request.assumeRolePolicyDocument(),
                    request.description(), maxSession, request.permissionsBoundary());
        }
        catch (DuplicateKeyException e) {
            throw RoleErrors.roleExists(request.roleName());
        }
        List<dev.bulwark.server.services.iam.model.Tag> tags = request.tags().stream()
                .map(tag -> new dev.bulwark.server.services.iam.model.Tag(tag.key(), tag.value()))
                .toList();
        iam.tag(in.transaction(), role.asOwner(), tags);
        return CreateRoleResponse.builder().role(toSdk(role, tags)).build();
    }

    private GetRoleResponse getRole(Invocation in, GetRoleRequest request)
    {
        Role role = existingRole(in, request.roleName());
        return GetRoleResponse.builder().role(toSdk(role, iam.tags(in.transaction(), role.asOwner()))).build();
    }

    private ListRolesResponse listRoles(Invocation in, ListRolesRequest request)
    {
        int maxItems = request.maxItems() == null ? IamStore.DEFAULT_MAX_ITEMS : request.maxItems();
        Page<Role> page = iam.listRoles(in.transaction(), in.accountId(), request.pathPrefix(), request.marker(), maxItems);
        return ListRolesResponse.builder()
                // ListRoles leaves out tags and the permissions boundary (IAM: "ListRoles" documentation)
                .roles(page.items().stream().map(role -> toSdk(role, List.of()).toBuilder().permissionsBoundary((AttachedPermissionsBoundary) null).build()).toList())
                .isTruncated(page.isTruncated())
                .marker(page.nextMarker())
                .build();
    }

    private DeleteRoleResponse deleteRole(Invocation in, DeleteRoleRequest request)
    {
        Role role = modifiableRole(in, request.roleName());
        if (profiles.countInstanceProfilesForRole(in.transaction(), role) > 0) {
            throw IamErrors.mustDelete("remove roles from instance profile");
        }
        if (iam.countInlinePolicies(in.transaction(), role.asOwner()) > 0) {
            throw IamErrors.mustDelete("delete policies");
        }
        if (iam.countAttachedPolicies(in.transaction(), role.asOwner()) > 0) {
            throw IamErrors.mustDelete("detach all policies");
        }
        iam.deleteRole(in.transaction(), role);
        changed(in);
        return DeleteRoleResponse.builder().build();
    }

    private UpdateAssumeRolePolicyResponse updateAssumeRolePolicy(Invocation in, UpdateAssumeRolePolicyRequest request)
    {
        Role role = modifiableRole(in, request.roleName());
        checkTrustPolicy(request.policyDocument());
        iam.updateAssumeRolePolicy(in.transaction(), role, request.policyDocument());
        changed(in);
        return UpdateAssumeRolePolicyResponse.builder().build();
    }

    private UpdateRoleResponse updateRole(Invocation in, UpdateRoleRequest request)
    {
        Role role = existingRole(in, request.roleName());
        // Parameters left out keep their value, as in IAM.
        String description = request.description() == null ? role.description() : request.description();
        int maxSession = request.maxSessionDuration() == null ? role.maxSessionDuration() : request.maxSessionDuration();
        iam.updateRole(in.transaction(), role, description, maxSession);
        return UpdateRoleResponse.builder().build();
    }

    // ---------------------------------------------------------------- inline policies

    private PutRolePolicyResponse putRolePolicy(Invocation in, PutRolePolicyRequest request)
    {
        Role role = modifiableRole(in, request.roleName());
        parse(request.policyDocument(), PolicyGrammar.IDENTITY);
        List<String> documents = new ArrayList<>();
        iam.inlinePolicies(in.transaction(), role.asOwner()).stream()
                .filter(policy -> !policy.policyName().equals(request.policyName()))
                .forEach(policy -> documents.add(policy.document()));
        documents.add(request.policyDocument());
        IamPolicySizeLimit.ROLE_INLINE_POLICIES.checkInlinePolicies(role.name(), documents).ifPresent(violation -> {
            throw LimitExceededException.builder().message(violation.message()).build();
        });
        iam.putInlinePolicy(in.transaction(), role.asOwner(), request.policyName(), request.policyDocument());
        changed(in);
        return PutRolePolicyResponse.builder().build();
    }

    private GetRolePolicyResponse getRolePolicy(Invocation in, GetRolePolicyRequest request)
    {
        Role role = existingRole(in, request.roleName());
        String document = iam.getInlinePolicy(in.transaction(), role.asOwner(), request.policyName())
                .orElseThrow(() -> RoleErrors.noSuchRolePolicy(role.name(), request.policyName()))
                .document();
        return GetRolePolicyResponse.builder().roleName(role.name()).policyName(request.policyName()).policyDocument(urlEncoded(document)).build();
    }

    private ListRolePoliciesResponse listRolePolicies(Invocation in, ListRolePoliciesRequest request)
    {
        Role role = existingRole(in, request.roleName());
        IamListPaging.Slice<String> page = IamListPaging.page(iam.listInlinePolicyNames(in.transaction(), role.asOwner()), request.marker(), request.maxItems());
        return ListRolePoliciesResponse.builder().policyNames(page.items()).isTruncated(page.isTruncated()).marker(page.nextMarker()).build();
    }

    private DeleteRolePolicyResponse deleteRolePolicy(Invocation in, DeleteRolePolicyRequest request)
    {
        Role role = modifiableRole(in, request.roleName());
        if (!iam.deleteInlinePolicy(in.transaction(), role.asOwner(), request.policyName())) {
            throw RoleErrors.noSuchRolePolicy(role.name(), request.policyName());
        }
        changed(in);
        return DeleteRolePolicyResponse.builder().build();
    }

    // ---------------------------------------------------------------- managed policies

    private AttachRolePolicyResponse attachRolePolicy(Invocation in, AttachRolePolicyRequest request)
    {
        Role role = modifiableRole(in, request.roleName());
        existingPolicy(in, request.policyArn());
        boolean already = iam.attachedPolicies(in.transaction(), role.asOwner()).stream().anyMatch(p -> p.policyArn().equals(request.policyArn()));
        if (!already && iam.countAttachedPolicies(in.transaction(), role.asOwner()) >= MAX_ATTACHED_POLICIES) {
            throw RoleErrors.policiesPerRole();
        }
        iam.attachPolicy(in.transaction(), role.asOwner(), request.policyArn());
        changed(in);
        return AttachRolePolicyResponse.builder().build();
    }

    private DetachRolePolicyResponse detachRolePolicy(Invocation in, DetachRolePolicyRequest request)
    {
        Role role = modifiableRole(in, request.roleName());
        if (!iam.detachPolicy(in.transaction(), role.asOwner(), request.policyArn())) {
            throw IamErrors.policyNotAttached(request.policyArn());
        }
        changed(in);
        return DetachRolePolicyResponse.builder().build();
    }

    private ListAttachedRolePoliciesResponse listAttachedRolePolicies(Invocation in, ListAttachedRolePoliciesRequest request)
    {
        Role role = existingRole(in, request.roleName());
        List<AttachedPolicy> attached = iam.attachedPolicies(in.transaction(), role.asOwner()).stream()
                .map(p -> AttachedPolicy.builder().policyArn(p.policyArn()).policyName(p.policyName()).build())
                .toList();
        IamListPaging.Slice<AttachedPolicy> page = IamListPaging.page(attached, request.marker(), request.maxItems());
        return ListAttachedRolePoliciesResponse.builder().attachedPolicies(page.items()).isTruncated(page.isTruncated()).marker(page.nextMarker()).build();
    }

    // ---------------------------------------------------------------- helpers

    private Role existingRole(Invocation in, String name)
    {
        return iam.findRole(in.transaction(), in.accountId(), name).orElseThrow(() -> RoleErrors.noSuchRole(name));
    }

    /** The role, unless it is service-linked: only its service may change it (UnmodifiableEntity, AWS's wording). */
    private Role modifiableRole(Invocation in, String name)
    {
        Role role = existingRole(in, name);
        InstanceProfileStore.checkModifiable(in.transaction(), role);
        return role;
    }

    private void existingPolicy(Invocation in, String policyArn)
    {
        iam.findPolicy(in.transaction(), in.accountId(), policyArn)
                .filter(dev.bulwark.server.services.iam.model.ManagedPolicy::isAttachable)
                .orElseThrow(() -> IamErrors.noSuchPolicy(policyArn));
    }

    /** A trust policy is a resource policy (it must name principals) and has its own, smaller size quota. */
    private static void checkTrustPolicy(String document)
    {
        parse(document, PolicyGrammar.TRUST);
        if (IamPolicySizeLimit.size(document) > RoleErrors.TRUST_POLICY_MAX_CHARACTERS) {
            throw RoleErrors.trustPolicySize();
        }
    }

    private static void parse(String document, PolicyGrammar grammar)
    {
        try {
            PolicyDocument.parse(document, grammar);
        }
        catch (MalformedPolicyException e) {
            throw IamErrors.malformedPolicy(e.getMessage());
        }
    }

    /** The role's real ARN (with its path) when it exists, else the ARN its name implies. */
    /** The action on the named role, with the role's tags as {@code aws:ResourceTag/<key>} (and {@code iam:ResourceTag}) for ABAC. */
    private List<Access> roleAccess(Invocation in, String action, String name)
    {
        Optional<Map.Entry<Role, List<dev.bulwark.server.services.iam.model.Tag>>> found = store.readOnly(tx -> iam.findRole(tx, in.accountId(), name)
                .map(role -> Map.entry(role, iam.tags(tx, role.asOwner()))));
        String arn = found.map(entry -> entry.getKey().arn()).orElse("arn:aws:iam::" + in.accountId() + ":role/" + name);
        return List.of(new Access(action, arn, found.map(entry -> IamTagConditions.resourceTags(entry.getValue())).orElse(Map.of())));
    }

    private static String roleArn(Invocation in, String path, String name)
    {
        return "arn:aws:iam::" + in.accountId() + ":role" + pathOrRoot(path) + name;
    }

    private static List<Access> withPolicyArn(List<Access> accesses, String policyArn)
    {
        return accesses.stream()
                .map(access -> new Access(access.action(), access.resource(), policyArn == null ? access.conditionKeys() : Map.of("iam:PolicyARN", List.of(policyArn))))
                .toList();
    }

    private static void changed(Invocation in)
    {
        in.transaction().publish(IamService.CHANGE_TOPIC_PREFIX + in.accountId());
    }

    private static String pathOrRoot(String path)
    {
        return path == null || path.isEmpty() ? "/" : path;
    }

    /** IAM returns policy documents URL-encoded (RFC 3986), as the CLI then decodes them. */
    static String urlEncoded(String document)
    {
        return URLEncoder.encode(document, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static Instant seconds(Instant instant)
    {
        return instant.truncatedTo(ChronoUnit.SECONDS);
    }

    /** The role as GetRole returns it (also inside instance profiles and service-linked role responses). */
    static software.amazon.awssdk.services.iam.model.Role toSdk(Role role, List<dev.bulwark.server.services.iam.model.Tag> tags)
    {
        return software.amazon.awssdk.services.iam.model.Role.builder()
                .path(role.path())
                .roleName(role.name())
                .roleId(role.roleId())
                .arn(role.arn())
                .createDate(seconds(role.created()))
                .assumeRolePolicyDocument(urlEncoded(role.assumeRolePolicyDocument()))
                .description(role.description())
                .maxSessionDuration(role.maxSessionDuration())
                .permissionsBoundary(role.permissionsBoundaryArn() == null ? null : AttachedPermissionsBoundary.builder()
                        .permissionsBoundaryType(PermissionsBoundaryAttachmentType.PERMISSIONS_BOUNDARY_POLICY)
                        .permissionsBoundaryArn(role.permissionsBoundaryArn())
                        .build())
                .tags(tags.isEmpty() ? null : tags.stream().map(tag -> Tag.builder().key(tag.key()).value(tag.value()).build()).toList())
                .build();
    }

    private static <I extends SdkRequest, O extends SdkResponse> Operation<I, O> read(String name, Class<I> type,
            Operation.Authorization<I> authorization, Operation.Handler<I, O> handler)
    {
        return new Operation<>(IamService.SERVICE, name, type, authorization, true, handler);
    }

    private static <I extends SdkRequest, O extends SdkResponse> Operation<I, O> write(String name, Class<I> type,
            Operation.Authorization<I> authorization, Operation.Handler<I, O> handler)
    {
        return new Operation<>(IamService.SERVICE, name, type, authorization, false, handler);
    }
}
