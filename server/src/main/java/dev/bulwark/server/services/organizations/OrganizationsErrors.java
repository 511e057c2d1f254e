package dev.bulwark.server.services.organizations;

import software.amazon.awssdk.services.organizations.model.AccessDeniedException;
import software.amazon.awssdk.services.organizations.model.AccountAlreadyClosedException;
import software.amazon.awssdk.services.organizations.model.AccountAlreadyRegisteredException;
import software.amazon.awssdk.services.organizations.model.AccountNotFoundException;
import software.amazon.awssdk.services.organizations.model.AccountNotRegisteredException;
import software.amazon.awssdk.services.organizations.model.AlreadyInOrganizationException;
import software.amazon.awssdk.services.organizations.model.AwsOrganizationsNotInUseException;
import software.amazon.awssdk.services.organizations.model.ChildNotFoundException;
import software.amazon.awssdk.services.organizations.model.ConstraintViolationException;
import software.amazon.awssdk.services.organizations.model.CreateAccountStatusNotFoundException;
import software.amazon.awssdk.services.organizations.model.DestinationParentNotFoundException;
import software.amazon.awssdk.services.organizations.model.DuplicateAccountException;
import software.amazon.awssdk.services.organizations.model.DuplicateHandshakeException;
import software.amazon.awssdk.services.organizations.model.DuplicateOrganizationalUnitException;
import software.amazon.awssdk.services.organizations.model.DuplicatePolicyAttachmentException;
import software.amazon.awssdk.services.organizations.model.DuplicatePolicyException;
import software.amazon.awssdk.services.organizations.model.EffectivePolicyNotFoundException;
import software.amazon.awssdk.services.organizations.model.HandshakeAlreadyInStateException;
import software.amazon.awssdk.services.organizations.model.HandshakeConstraintViolationException;
import software.amazon.awssdk.services.organizations.model.HandshakeNotFoundException;
import software.amazon.awssdk.services.organizations.model.InvalidHandshakeTransitionException;
import software.amazon.awssdk.services.organizations.model.InvalidInputException;
import software.amazon.awssdk.services.organizations.model.MalformedPolicyDocumentException;
import software.amazon.awssdk.services.organizations.model.MasterCannotLeaveOrganizationException;
import software.amazon.awssdk.services.organizations.model.OrganizationNotEmptyException;
import software.amazon.awssdk.services.organizations.model.OrganizationalUnitNotEmptyException;
import software.amazon.awssdk.services.organizations.model.OrganizationalUnitNotFoundException;
import software.amazon.awssdk.services.organizations.model.ParentNotFoundException;
import software.amazon.awssdk.services.organizations.model.PolicyInUseException;
import software.amazon.awssdk.services.organizations.model.PolicyNotAttachedException;
import software.amazon.awssdk.services.organizations.model.PolicyNotFoundException;
import software.amazon.awssdk.services.organizations.model.PolicyTypeAlreadyEnabledException;
import software.amazon.awssdk.services.organizations.model.PolicyTypeNotEnabledException;
import software.amazon.awssdk.services.organizations.model.ResourcePolicyNotFoundException;
import software.amazon.awssdk.services.organizations.model.RootNotFoundException;
import software.amazon.awssdk.services.organizations.model.SourceParentNotFoundException;
import software.amazon.awssdk.services.organizations.model.TargetNotFoundException;

/**
 * Organizations' error wording, in one place. Each factory returns the SDK's modeled exception (the codec answers
 * its code and status from the AWS model, and its {@code Reason} member where the shape has one). Messages are
 * those AWS answers where they are known, else the sentence of the error shape's documentation in AWS's model.
 */
final class OrganizationsErrors
{
    private OrganizationsErrors() {}

    static AwsOrganizationsNotInUseException notInUse()
    {
        return AwsOrganizationsNotInUseException.builder().message("Your account is not a member of an organization.").build();
    }

    static AccessDeniedException accessDenied()
    {
        return AccessDeniedException.builder().message("You don't have permissions to access this resource.").build();
    }

    static AlreadyInOrganizationException alreadyInOrganization()
    {
        return AlreadyInOrganizationException.builder().message("The AWS account is already a member of an organization.").build();
    }

    static OrganizationNotEmptyException organizationNotEmpty()
    {
        return OrganizationNotEmptyException.builder()
                .message("To delete an organization you must first remove all member accounts (except the management account).").build();
    }

    static AccountNotFoundException accountNotFound()
    {
        return AccountNotFoundException.builder().message("You specified an account that doesn't exist.").build();
    }

    static AccountAlreadyClosedException accountAlreadyClosed()
    {
        return AccountAlreadyClosedException.builder().message("You attempted to close an account that is already closed.").build();
    }

    static ChildNotFoundException childNotFound()
    {
        return ChildNotFoundException.builder().message("We can't find an organizational unit (OU) or AWS account with the ChildId that you specified.").build();
    }

    static ParentNotFoundException parentNotFound()
    {
        return ParentNotFoundException.builder().message("You specified parent that doesn't exist.").build();
    }

    static SourceParentNotFoundException sourceParentNotFound()
    {
        return SourceParentNotFoundException.builder().message("You specified a source parent that doesn't exist.").build();
    }

    static DestinationParentNotFoundException destinationParentNotFound()
    {
        return DestinationParentNotFoundException.builder().message("You specified a destination parent that doesn't exist.").build();
    }

    static DuplicateAccountException duplicateAccount()
    {
        return DuplicateAccountException.builder().message("That account is already present in the specified destination.").build();
    }

    static RootNotFoundException rootNotFound()
    {
        return RootNotFoundException.builder().message("You specified a root that doesn't exist.").build();
    }

    static OrganizationalUnitNotFoundException unitNotFound()
    {
        return OrganizationalUnitNotFoundException.builder().message("You specified an organizational unit that doesn't exist.").build();
    }

    static DuplicateOrganizationalUnitException duplicateUnit()
    {
        return DuplicateOrganizationalUnitException.builder().message("An OU with the same name already exists.").build();
    }

    static OrganizationalUnitNotEmptyException unitNotEmpty()
    {
        return OrganizationalUnitNotEmptyException.builder()
                .message("The specified OU is not empty. Move all accounts to another root or to other OUs, remove all child OUs, and try the operation again.")
                .build();
    }

    static PolicyNotFoundException policyNotFound()
    {
        return PolicyNotFoundException.builder().message("We can't find a policy with the PolicyId that you specified.").build();
    }

    static DuplicatePolicyException duplicatePolicy()
    {
        return DuplicatePolicyException.builder().message("A policy with the same name already exists.").build();
    }

    static PolicyInUseException policyInUse()
    {
        return PolicyInUseException.builder()
                .message("The policy is attached to one or more entities. You must detach it from all roots, OUs, and accounts before performing this operation.")
                .build();
    }

    static TargetNotFoundException targetNotFound()
    {
        return TargetNotFoundException.builder().message("You specified a target that doesn't exist.").build();
    }

    static DuplicatePolicyAttachmentException duplicateAttachment()
    {
        return DuplicatePolicyAttachmentException.builder().message("The selected policy is already attached to the specified target.").build();
    }

    static PolicyNotAttachedException policyNotAttached()
    {
        return PolicyNotAttachedException.builder().message("The policy isn't attached to the specified target in the specified root.").build();
    }

    static PolicyTypeAlreadyEnabledException policyTypeAlreadyEnabled()
    {
        return PolicyTypeAlreadyEnabledException.builder().message("The specified policy type is already enabled.").build();
    }

    static PolicyTypeNotEnabledException policyTypeNotEnabled()
    {
        return PolicyTypeNotEnabledException.builder().message("This operation can be performed only for enabled policy types.").build();
    }

    static MalformedPolicyDocumentException malformedPolicy()
    {
        return MalformedPolicyDocumentException.builder()
                .message("The provided policy document does not meet the requirements of the specified policy type.").build();
    }

    static EffectivePolicyNotFoundException effectivePolicyNotFound()
    {
        return EffectivePolicyNotFoundException.builder().message("No effective policy of specified type is found for the target.").build();
    }

    static CreateAccountStatusNotFoundException createAccountStatusNotFound()
    {
        return CreateAccountStatusNotFoundException.builder()
                .message("We can't find an create account request with the CreateAccountRequestId that you specified.").build();
    }

    static HandshakeNotFoundException handshakeNotFound()
    {
        return HandshakeNotFoundException.builder().message("We can't find a handshake with the HandshakeId that you specified.").build();
    }

    static HandshakeAlreadyInStateException handshakeAlreadyInState(String state)
    {
        return HandshakeAlreadyInStateException.builder().message("The specified handshake is already in the requested state: " + state + ".").build();
    }

    static InvalidHandshakeTransitionException invalidHandshakeTransition()
    {
        return InvalidHandshakeTransitionException.builder()
                .message("You can't perform the operation on the handshake in its current state.").build();
    }

    static DuplicateHandshakeException duplicateHandshake()
    {
        return DuplicateHandshakeException.builder().message("A handshake with the same action and target already exists.").build();
    }

    static HandshakeConstraintViolationException alreadyInAnOrganizationHandshake()
    {
        return HandshakeConstraintViolationException.builder()
                .message("The handshake request is invalid because the invited account is already a member of an organization.")
                .reason("ALREADY_IN_AN_ORGANIZATION").build();
    }

    static MasterCannotLeaveOrganizationException managementCannotLeave()
    {
        return MasterCannotLeaveOrganizationException.builder()
                .message("You can't remove a management account from an organization. If you want the management account to become a member account "
                        + "in another organization, you must first delete the current organization of the management account.")
                .build();
    }

    static AccountAlreadyRegisteredException alreadyRegistered()
    {
        return AccountAlreadyRegisteredException.builder()
                .message("The provided account is already a delegated administrator for your organization.").build();
    }

    static AccountNotRegisteredException notRegistered()
    {
        return AccountNotRegisteredException.builder()
                .message("The provided account is not a registered delegated administrator for your organization.").build();
    }

    static ConstraintViolationException constraint(String reason, String message)
    {
        return ConstraintViolationException.builder().message(message).reason(reason).build();
    }

    static ConstraintViolationException ouDepth()
    {
        return constraint("OU_DEPTH_LIMIT_EXCEEDED", "You attempted to create an OU tree that is too many levels deep.");
    }

    static ConstraintViolationException lastPolicyOfType()
    {
        return constraint("MIN_POLICY_TYPE_ATTACHMENT_LIMIT_EXCEEDED",
                "You attempted to detach a policy from an entity that would cause the entity to have fewer than the minimum number of policies of a "
                        + "certain type required.");
    }

    static ConstraintViolationException policyTooLarge()
    {
        return constraint("POLICY_CONTENT_LIMIT_EXCEEDED", "You attempted to create a policy that is larger than the maximum size.");
    }

    static InvalidInputException invalidInput(String reason, String message)
    {
        return InvalidInputException.builder().message(message).reason(reason).build();
    }

    static ResourcePolicyNotFoundException resourcePolicyNotFound()
    {
        return ResourcePolicyNotFoundException.builder().message("We can't find a resource policy request with the parameter that you specified.").build();
    }

    static HandshakeConstraintViolationException alreadyAllFeatures()
    {
        return HandshakeConstraintViolationException.builder()
                .message("This organization has already enabled all features.")
                .reason("ORGANIZATION_ALREADY_HAS_ALL_FEATURES").build();
    }
}
