package dev.bulwark.server.services.iam;

import software.amazon.awssdk.services.iam.model.EntityAlreadyExistsException;
import software.amazon.awssdk.services.iam.model.LimitExceededException;
import software.amazon.awssdk.services.iam.model.NoSuchEntityException;

/** IAM's wording for role errors (kept apart from {@link IamErrors} so role work does not collide with user work). */
final class RoleErrors
{
    /** IAM's ACLSizePerRole quota: the whitespace-free size of a trust policy. */
    static final int TRUST_POLICY_MAX_CHARACTERS = 2048;

    private RoleErrors() {}

    static NoSuchEntityException noSuchRole(String name)
    {
        return NoSuchEntityException.builder().message("The role with name " + name + " cannot be found.").build();
    }

    static NoSuchEntityException noSuchRolePolicy(String roleName, String policyName)
    {
        return NoSuchEntityException.builder().message("The role policy with name " + policyName + " cannot be found.").build();
    }

    static EntityAlreadyExistsException roleExists(String name)
    {
        return EntityAlreadyExistsException.builder().message("Role with name " + name + " already exists.").build();
    }

    static LimitExceededException policiesPerRole()
    {
        return LimitExceededException.builder().message("Cannot exceed quota for PoliciesPerRole: 10").build();
    }

    static LimitExceededException trustPolicySize()
    {
        return LimitExceededException.builder().message("Cannot exceed quota for ACLSizePerRole: " + TRUST_POLICY_MAX_CHARACTERS).build();
    }
}
