package dev.bulwark.server.services.iam;

import dev.bulwark.server.services.Access;
import dev.bulwark.server.services.Invocation;
import dev.bulwark.server.services.Operation;
import dev.bulwark.server.services.ServiceOperations;
import dev.bulwark.server.services.iam.ServiceLinkedRoleCatalog.LinkedService;
import dev.bulwark.server.services.iam.model.AttachedPolicy;
import dev.bulwark.server.services.iam.model.InlinePolicy;
import dev.bulwark.server.services.iam.model.Role;
import dev.bulwark.server.store.DuplicateKeyException;
import dev.bulwark.server.store.Store;
import software.amazon.awssdk.services.iam.model.CreateServiceLinkedRoleRequest;
import software.amazon.awssdk.services.iam.model.CreateServiceLinkedRoleResponse;
import software.amazon.awssdk.services.iam.model.DeleteServiceLinkedRoleRequest;
import software.amazon.awssdk.services.iam.model.DeleteServiceLinkedRoleResponse;
import software.amazon.awssdk.services.iam.model.DeletionTaskStatusType;
import software.amazon.awssdk.services.iam.model.GetServiceLinkedRoleDeletionStatusRequest;
import software.amazon.awssdk.services.iam.model.GetServiceLinkedRoleDeletionStatusResponse;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static dev.bulwark.server.services.iam.IamWire.changed;
import static dev.bulwark.server.services.iam.IamWire.read;
import static dev.bulwark.server.services.iam.IamWire.write;
import static java.util.Objects.requireNonNull;

/**
 * Service-linked roles: roles an AWS service owns, under {@code /aws-service-role/<service principal>/}, trusting
 * only that service, carrying the service's AWS managed service-role policy, and changeable only by the service
 * (ordinary role operations answer {@code UnmodifiableEntity}; see {@link IamRoleOperations}). Deletion is a task
 * in AWS; here it completes at once, so its status is {@code SUCCEEDED} as soon as it is asked for.
 */
public final class IamServiceLinkedRoleOperations implements ServiceOperations
{
    /** {@code task/aws-service-role/<service principal>/<role name>/<task id>}. */
    private static final Pattern DELETION_TASK = Pattern.compile("task(/aws-service-role/[\\w+=,.@-]+/)([\\w+=,.@-]+)/[\\w-]+");

    private final Store store;
    private final IamStore iam;
    private final InstanceProfileStore profiles;

    public IamServiceLinkedRoleOperations(Store store, IamStore iam, InstanceProfileStore profiles)
    {
        this.store = requireNonNull(store, "store is null");
        this.iam = requireNonNull(iam, "iam is null");
        this.profiles = requireNonNull(profiles, "profiles is null");
    }

    @Override
    public List<Operation<?, ?>> operations()
    {
        return List.of(
                write("CreateServiceLinkedRole", CreateServiceLinkedRoleRequest.class, this::createAccess, this::createServiceLinkedRole),
                write("DeleteServiceLinkedRole", DeleteServiceLinkedRoleRequest.class,
                        (in, r) -> List.of(Access.of("iam:DeleteServiceLinkedRole", roleArn(in, r.roleName()))), this::deleteServiceLinkedRole),
                read("GetServiceLinkedRoleDeletionStatus", GetServiceLinkedRoleDeletionStatusRequest.class, this::statusAccess,
                        this::getServiceLinkedRoleDeletionStatus));
    }

    private CreateServiceLinkedRoleResponse createServiceLinkedRole(Invocation in, CreateServiceLinkedRoleRequest request)
    {
        LinkedService service = ServiceLinkedRoleCatalog.find(request.awsServiceName()).orElseThrow(() -> ProfileErrors.unknownService(request.awsServiceName()));
        if (request.customSuffix() != null && !service.allowsCustomSuffix()) {
            throw ProfileErrors.customSuffixNotAllowed(service.servicePrincipal());
        }
        String name = service.roleName(request.customSuffix());
        Role role;
        try {
            role = iam.createRole(in.transaction(), in.accountId(), name, service.path(), service.trustPolicy(), request.description(),
                    Role.DEFAULT_MAX_SESSION_DURATION, null);
        }
        catch (DuplicateKeyException e) {
            throw ProfileErrors.serviceRoleNameTaken(name);
        }
        profiles.markServiceLinked(in.transaction(), role, service.servicePrincipal());
        // Attached only where Bulwark ships the policy's document (aws-managed-policies.json); a missing one is not invented.
        if (iam.findPolicy(in.transaction(), in.accountId(), service.policyArn()).isPresent()) {
            iam.attachPolicy(in.transaction(), role.asOwner(), service.policyArn());
        }
        changed(in);
        return CreateServiceLinkedRoleResponse.builder().role(IamRoleOperations.toSdk(role, List.of())).build();
    }

    private DeleteServiceLinkedRoleResponse deleteServiceLinkedRole(Invocation in, DeleteServiceLinkedRoleRequest request)
    {
        Role role = iam.findRole(in.transaction(), in.accountId(), request.roleName()).orElseThrow(() -> RoleErrors.noSuchRole(request.roleName()));
        if (profiles.linkedService(in.transaction(), role).isEmpty()) {
            throw ProfileErrors.notServiceLinked(role.name());
        }
        // the service owns the role's policies: they go with it
        for (AttachedPolicy attached : iam.attachedPolicies(in.transaction(), role.asOwner())) {
            iam.detachPolicy(in.transaction(), role.asOwner(), attached.policyArn());
        }
        for (InlinePolicy inline : iam.inlinePolicies(in.transaction(), role.asOwner())) {
            iam.deleteInlinePolicy(in.transaction(), role.asOwner(), inline.policyName());
        }
        profiles.unmarkServiceLinked(in.transaction(), role);
        iam.deleteRole(in.transaction(), role);
        String taskId = "task" + role.path() + role.name() + "/" + UUID.randomUUID();
        profiles.recordDeletionTask(in.transaction(), in.accountId(), taskId, DeletionTaskStatusType.SUCCEEDED.toString(), in.now());
        changed(in);
        return DeleteServiceLinkedRoleResponse.builder().deletionTaskId(taskId).build();
    }

    private GetServiceLinkedRoleDeletionStatusResponse getServiceLinkedRoleDeletionStatus(Invocation in, GetServiceLinkedRoleDeletionStatusRequest request)
    {
        if (!DELETION_TASK.matcher(request.deletionTaskId()).matches()) {
            throw ProfileErrors.invalidDeletionTaskId(request.deletionTaskId());
        }
        String status = profiles.deletionTaskStatus(in.transaction(), in.accountId(), request.deletionTaskId())
                .orElseThrow(() -> ProfileErrors.noSuchDeletionTask(request.deletionTaskId()));
        return GetServiceLinkedRoleDeletionStatusResponse.builder().status(status).build();
    }

    // ---------------------------------------------------------------- authorization

    /** iam:CreateServiceLinkedRole on the role it would create, with {@code iam:AWSServiceName}. */
    private List<Access> createAccess(Invocation in, CreateServiceLinkedRoleRequest request)
    {
        Optional<LinkedService> service = ServiceLinkedRoleCatalog.find(request.awsServiceName());
        String path = ServiceLinkedRoleCatalog.PATH_PREFIX + request.awsServiceName() + "/";
        String name = service.map(s -> s.roleName(request.customSuffix())).orElse("");
        return List.of(new Access("iam:CreateServiceLinkedRole", "arn:aws:iam::" + in.accountId() + ":role" + path + name,
                Map.of("iam:AWSServiceName", List.of(request.awsServiceName()))));
    }

    /** The deleted role the task id names. */
    private List<Access> statusAccess(Invocation in, GetServiceLinkedRoleDeletionStatusRequest request)
    {
        Matcher task = DELETION_TASK.matcher(request.deletionTaskId() == null ? "" : request.deletionTaskId());
        String resource = task.matches() ? "arn:aws:iam::" + in.accountId() + ":role" + task.group(1) + task.group(2) : "*";
        return List.of(Access.of("iam:GetServiceLinkedRoleDeletionStatus", resource));
    }

    private String roleArn(Invocation in, String name)
    {
        return store.readOnly(tx -> iam.findRole(tx, in.accountId(), name)).map(Role::arn).orElse("arn:aws:iam::" + in.accountId() + ":role/" + name);
    }
}
