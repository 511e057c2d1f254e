package dev.bulwark.server.services.iam;

import software.amazon.awssdk.services.iam.model.DeleteConflictException;
import software.amazon.awssdk.services.iam.model.EntityAlreadyExistsException;
import software.amazon.awssdk.services.iam.model.LimitExceededException;
import software.amazon.awssdk.services.iam.model.MalformedPolicyDocumentException;
import software.amazon.awssdk.services.iam.model.NoSuchEntityException;

/**
 * IAM's error wording, in one place: the messages are part of the compatibility contract. Each factory returns
 * the SDK's modeled exception; the codec answers it with the code and status of IAM's model.
 */
final class IamErrors
{
    private IamErrors() {}

    static NoSuchEntityException noSuchUser(String name)
    {
        return NoSuchEntityException.builder().message("The user with name " + name + " cannot be found.").build();
    }

    static NoSuchEntityException noSuchGroup(String name)
    {
        return NoSuchEntityException.builder().message("The group with name " + name + " cannot be found.").build();
    }

    static NoSuchEntityException noSuchAccessKey(String accessKeyId)
    {
        return NoSuchEntityException.builder().message("The Access Key with id " + accessKeyId + " cannot be found.").build();
    }

    static NoSuchEntityException noSuchPolicy(String policyArn)
    {
        return NoSuchEntityException.builder().message("Policy " + policyArn + " does not exist or is not attachable.").build();
    }

    static NoSuchEntityException noSuchUserPolicy(String userName, String policyName)
    {
        return NoSuchEntityException.builder().message("The user policy with name " + policyName + " cannot be found.").build();
    }

    static NoSuchEntityException noSuchGroupPolicy(String groupName, String policyName)
    {
        return NoSuchEntityException.builder().message("The group policy with name " + policyName + " cannot be found.").build();
    }

    static NoSuchEntityException policyNotAttached(String policyArn)
    {
        return NoSuchEntityException.builder().message("Policy " + policyArn + " was not found.").build();
    }

    static EntityAlreadyExistsException userExists(String name)
    {
        return EntityAlreadyExistsException.builder().message("User with name " + name + " already exists.").build();
    }

    static EntityAlreadyExistsException groupExists(String name)
    {
        return EntityAlreadyExistsException.builder().message("Group with name " + name + " already exists.").build();
    }

    static LimitExceededException accessKeysPerUser()
    {
        return LimitExceededException.builder().message("Cannot exceed quota for AccessKeysPerUser: 2").build();
    }

    static LimitExceededException policiesPerUser()
    {
        return LimitExceededException.builder().message("Cannot exceed quota for PoliciesPerUser: 10").build();
    }

    static LimitExceededException policiesPerGroup()
    {
        return LimitExceededException.builder().message("Cannot exceed quota for PoliciesPerGroup: 10").build();
    }

    static LimitExceededException groupsPerUser()
    {
        return LimitExceededException.builder().message("Cannot exceed quota for GroupsPerUser: 10").build();
    }

    static DeleteConflictException mustDelete(String what)
    {
        return DeleteConflictException.builder().message("Cannot delete entity, must " + what + " first.").build();
    }

    static MalformedPolicyDocumentException malformedPolicy(String message)
    {
        return MalformedPolicyDocumentException.builder().message(message).build();
    }
}
