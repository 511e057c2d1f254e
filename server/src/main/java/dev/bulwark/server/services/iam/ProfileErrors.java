package dev.bulwark.server.services.iam;

import software.amazon.awssdk.services.iam.model.EntityAlreadyExistsException;
import software.amazon.awssdk.services.iam.model.InvalidInputException;
import software.amazon.awssdk.services.iam.model.LimitExceededException;
import software.amazon.awssdk.services.iam.model.NoSuchEntityException;
import software.amazon.awssdk.services.iam.model.UnmodifiableEntityException;

/**
 * IAM's wording for instance profiles, service-linked roles and account aliases (kept apart from {@link IamErrors}
 * so this work does not collide with others'). Wording marked "observed" is AWS's as reported by users of AWS;
 * the rest follows IAM's pattern for the same error on other entities.
 */
final class ProfileErrors
{
    /** IAM's InstanceProfilesPerAccount quota. */
    static final int INSTANCE_PROFILES_PER_ACCOUNT = 1000;
    /** IAM's InstanceSessionsPerInstanceProfile quota: one role per instance profile, not adjustable. */
    static final int ROLES_PER_INSTANCE_PROFILE = 1;

    private ProfileErrors() {}

    /** Observed. */
    static NoSuchEntityException noSuchInstanceProfile(String name)
    {
        return NoSuchEntityException.builder().message("Instance Profile " + name + " cannot be found.").build();
    }

    static EntityAlreadyExistsException instanceProfileExists(String name)
    {
        return EntityAlreadyExistsException.builder().message("Instance Profile " + name + " already exists.").build();
    }

    /** Observed. */
    static LimitExceededException instanceProfilesPerAccount()
    {
        return LimitExceededException.builder().message("Cannot exceed quota for InstanceProfilesPerAccount: " + INSTANCE_PROFILES_PER_ACCOUNT).build();
    }

    /** Observed. */
    static LimitExceededException rolesPerInstanceProfile()
    {
        return LimitExceededException.builder().message("Cannot exceed quota for InstanceSessionsPerInstanceProfile: " + ROLES_PER_INSTANCE_PROFILE).build();
    }

    /** Observed (UnmodifiableEntity, HTTP 400) for service-linked and other AWS-owned roles. */
    static UnmodifiableEntityException protectedRole(String roleName)
    {
        return UnmodifiableEntityException.builder()
                .message("Cannot perform the operation on the protected role '" + roleName + "' - this role is only modifiable by AWS")
                .build();
    }

    /** Observed. */
    static InvalidInputException customSuffixNotAllowed(String serviceName)
    {
        return InvalidInputException.builder().message("Custom suffix is not allowed for " + serviceName).build();
    }

    /** Observed. */
    static InvalidInputException serviceRoleNameTaken(String roleName)
    {
        return InvalidInputException.builder().message("Service role name " + roleName + " has been taken in this account, please try a different suffix.").build();
    }

    /** Observed: CreateRole under the service-linked roles' path. */
    static InvalidInputException serviceRolePathReserved()
    {
        return InvalidInputException.builder().message("Path prefix '" + ServiceLinkedRoleCatalog.PATH_PREFIX + "' can only be used for AWS Service linked Roles").build();
    }

    static InvalidInputException unknownService(String serviceName)
    {
        return InvalidInputException.builder().message("Invalid service name: " + serviceName).build();
    }

    static NoSuchEntityException notServiceLinked(String roleName)
    {
        return NoSuchEntityException.builder().message("The service-linked role with name " + roleName + " cannot be found.").build();
    }

    static NoSuchEntityException noSuchDeletionTask(String deletionTaskId)
    {
        return NoSuchEntityException.builder().message("Deletion task with id " + deletionTaskId + " cannot be found.").build();
    }

    static InvalidInputException invalidDeletionTaskId(String deletionTaskId)
    {
        return InvalidInputException.builder().message("Invalid deletion task id: " + deletionTaskId).build();
    }

    /** Observed. */
    static EntityAlreadyExistsException accountAliasExists(String alias)
    {
        return EntityAlreadyExistsException.builder().message("The account alias " + alias + " already exists.").build();
    }

    static NoSuchEntityException noSuchAccountAlias(String alias)
    {
        return NoSuchEntityException.builder().message("The account alias " + alias + " cannot be found.").build();
    }
}
