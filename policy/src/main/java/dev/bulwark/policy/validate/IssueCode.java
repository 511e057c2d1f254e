package dev.bulwark.policy.validate;

import static dev.bulwark.policy.validate.FindingType.ERROR;
import static dev.bulwark.policy.validate.FindingType.SECURITY_WARNING;
import static dev.bulwark.policy.validate.FindingType.SUGGESTION;
import static dev.bulwark.policy.validate.FindingType.WARNING;

import java.util.Locale;

/**
 * The checks of the validator, named with IAM Access Analyzer's issue codes, with their finding type
 * and {@code findingDetails} wording. The wording follows the "IAM policy validation check
 * reference" (docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-reference-policy-checks.html),
 * with the policy's own values filled in where that page has placeholders. This enum is the only
 * place the wording lives.
 */
public enum IssueCode
{
    // errors: the policy, or part of it, does not work
    JSON_SYNTAX_ERROR(ERROR, "Fix the JSON syntax error at index %s line %s column %s."),
    DATA_TYPE_MISMATCH(ERROR, "The text does not match the expected JSON data type %s."),
    INVALID_POLICY_ELEMENT(ERROR, "The policy element %s is not valid."),
    INVALID_VERSION(ERROR, "The version %s is not valid. Use one of the following versions: 2012-10-17, 2008-10-17"),
    MISSING_STATEMENT(ERROR, "Add a statement to the policy"),
    UNIQUE_SIDS_REQUIRED(ERROR, "Duplicate statement IDs are not supported for this policy type. Update the Sid value."),
    UNSUPPORTED_SID(ERROR, "Update the characters in the Sid element to use one of the following character types: [a-z, A-Z, 0-9]"),
    MISSING_EFFECT(ERROR, "Add an Effect element to the policy statement with a value of Allow or Deny."),
    INVALID_EFFECT(ERROR, "The effect %s is not valid. Use Allow or Deny."),
    MISSING_ACTION(ERROR, "Add an Action or NotAction element to the policy statement."),
    MISSING_RESOURCE(ERROR, "Add a Resource or NotResource element to the policy statement."),
    MISSING_PRINCIPAL(ERROR, "Add a Principal element to the policy statement."),
    UNSUPPORTED_PRINCIPAL(ERROR, "The policy type %s does not support the Principal element. Remove the Principal element."),
    UNSUPPORTED_ELEMENT_COMBINATION(ERROR, "The policy elements %s and %s can not be used in the same statement. Remove one of these elements."),
    INVALID_ACTION(ERROR, "The action %s does not exist.%s"),
    INVALID_SERVICE_IN_ACTION(ERROR, "The service %s specified in the action does not exist.%s"),
    INVALID_SERVICE(ERROR, "The service %s does not exist. Use a valid service name."),
    INVALID_ARN_PREFIX(ERROR, "Add the required prefix (arn) to the resource ARN."),
    MISSING_ARN_FIELD(ERROR, "Resource ARNs must include at least 6 fields in the following structure: arn:partition:service:region:account:resource"),
    INVALID_ARN_SERVICE_CASE(ERROR, "Update the service name in the resource ARN to use all lowercase letters."),
    INVALID_PARTITION(ERROR, "The resource ARN for the service %s does not support the partition %s. Use the supported values: %s"),
    INVALID_ARN_ACCOUNT(ERROR, "The resource ARN account ID %s is not valid. Provide a 12-digit account ID."),
    MISSING_ARN_REGION(ERROR, "Add a Region to the resource ARN."),
    ARN_ACCOUNT_NOT_ALLOWED(ERROR, "The service %s does not support specifying an account ID in the resource ARN."),
    ARN_REGION_NOT_ALLOWED(ERROR, "The service %s does not support specifying a Region in the resource ARN."),
    INVALID_PRINCIPAL_KEY(ERROR, "The principal key %s is not valid."),
    INVALID_PRINCIPAL_FORMAT(ERROR, "The Principal element contents are not valid. Specify a key-value pair in the Principal element."),
    UNSUPPORTED_WILDCARD_IN_PRINCIPAL(ERROR, "Wildcards (*, ?) are not supported with the principal key %s. Replace the wildcard with a valid principal value."),
    SCP_SYNTAX_ERROR_PRINCIPAL(ERROR, "SCPs do not support specifying principals. Remove the Principal or NotPrincipal element."),
    POLICY_SIZE_EXCEEDS_SCP_QUOTA(ERROR, "The %s characters in the service control policy (SCP) exceed the %s character maximum for SCPs. We recommend that you use multiple granular policies."),
    DUPLICATE_KEYS_WITH_DIFFERENT_CASE(ERROR, "The condition key %s appears more than once with different capitalization in the same condition block. Remove the duplicate condition keys."),
    // the check reference lists this check without wording we could verify: the sentence is ours
    UNSUPPORTED_ACTION_IN_POLICY(ERROR, "The action %s is not supported in a resource control policy: resource control policies apply only to the services that support them."),
    INVALID_CONDITION_OPERATOR(ERROR, "The condition operator %s is not valid. Use a valid condition operator."),
    NULL_WITH_IF_EXISTS(ERROR, "The Null condition operator cannot be used with the IfExists suffix. Update the operator or the suffix."),
    INVALID_CONDITION_KEY_FORMAT(ERROR, "The condition key format is not valid. Use the format service:keyname."),
    INVALID_GLOBAL_CONDITION_KEY(ERROR, "The condition key %s does not exist. Use a valid condition key."),
    INVALID_SERVICE_CONDITION_KEY(ERROR, "The condition key %s does not exist in the service %s. Use a valid condition key."),
    UNSUPPORTED_GLOBAL_CONDITION_KEY(ERROR, "The condition key %s is not supported. Use aws:PrincipalArn or aws:SourceArn instead."),
    MISSING_TAG_KEY_IN_CONDITION(ERROR, "The condition key %s must include a tag key to control access based on tags. Use the format %s/tag-key and specify a key name for tag-key."),
    INVALID_CONDITION_MULTIPLE_BOOLEAN(ERROR, "The condition key %s does not support multiple Boolean values. Use a single Boolean value."),
    MISSING_QUALIFIER(ERROR, "The request context key %s has multiple values. Use the ForAllValues or ForAnyValue condition key qualifiers in your policy."),
    INVALID_VARIABLE_FOR_OPERATOR(ERROR, "Policy variables can only be used with String and ARN operators."),
    VARIABLE_UNSUPPORTED_IN_VERSION(ERROR, "To include variables in your policy, use the policy version 2012-10-17 or later."),
    VARIABLE_UNSUPPORTED_IN_ELEMENT(ERROR, "Policy variables are supported in the Resource and Condition elements. Remove the policy variable from this element."),
    MISSING_BRACE_IN_VARIABLE(ERROR, "The policy variable is missing a closing curly brace. Add } after the variable text."),
    EMPTY_VARIABLE(ERROR, "Empty policy variable. Remove the variable structure or provide a variable within the structure."),
    UNSUPPORTED_SPACE_IN_VARIABLE(ERROR, "A space is not supported within the policy variable text. Remove the space."),
    PRIVATE_IP_ADDRESS(ERROR, "aws:SourceIp works only for public IP address ranges. The values for condition key aws:SourceIp include only private IP addresses and will not have the desired effect. Update the value to include only public IP addresses."),
    PRIVATE_NOT_IP_ADDRESS(ERROR, "The values for condition key aws:SourceIp include only private IP addresses and has no effect. aws:SourceIp works only for public IP address ranges. Update the value to include only public IP addresses."),

    // security warnings: the policy allows more than it likely means to
    ALLOW_WITH_NOT_PRINCIPAL(SECURITY_WARNING, "Using Allow with NotPrincipal can be overly permissive. We recommend that you use Principal instead."),
    PASS_ROLE_WITH_STAR_IN_RESOURCE(SECURITY_WARNING, "Using the iam:PassRole action with wildcards (*) in the resource can be overly permissive because it allows iam:PassRole permissions on multiple resources. We recommend that you specify resource ARNs or add the iam:PassedToService condition key to your statement."),
    PASS_ROLE_WITH_STAR_IN_ACTION_AND_RESOURCE(SECURITY_WARNING, "Using wildcards (*) in the action and the resource can be overly permissive because it allows iam:PassRole permissions on all resources. We recommend that you specify resource ARNs or add the iam:PassedToService condition key to your statement."),
    PASS_ROLE_WITH_STAR_IN_RESOURCE_AND_NOT_ACTION(SECURITY_WARNING, "Using a resource with wildcards (*) and NotAction can be overly permissive because it allows iam:PassRole permissions on all resources. We recommend that you specify resource ARNs or add the iam:PassedToService condition key to your statement."),
    PASS_ROLE_WITH_NOT_RESOURCE(SECURITY_WARNING, "Using the iam:PassRole action with NotResource can be overly permissive because it can allow iam:PassRole permissions on multiple resources. We recommend that you specify resource ARNs instead."),
    PASS_ROLE_WITH_STAR_IN_ACTION_AND_NOT_RESOURCE(SECURITY_WARNING, "Using an action with a wildcard (*) and NotResource can be overly permissive because it can allow iam:PassRole permissions on multiple resources. We recommend that you specify resource ARNs instead."),
    PASS_ROLE_WITH_NOT_ACTION_AND_NOT_RESOURCE(SECURITY_WARNING, "Using NotAction with NotResource can be overly permissive because it can allow iam:PassRole permissions on multiple resources.. We recommend that you specify resource ARNs instead."),
    DENY_WITH_UNSUPPORTED_TAG_CONDITION_KEY_FOR_SERVICE(SECURITY_WARNING, "Using the effect Deny with the tag condition key %s and actions for services with the following prefixes can be overly permissive: %s. Actions for the listed services are not denied by this statement. We recommend that you move these actions to a different statement without this condition key."),
    DENY_NOTACTION_WITH_UNSUPPORTED_TAG_CONDITION_KEY_FOR_SERVICE(SECURITY_WARNING, "Using the effect Deny with NotAction and the tag condition key %s can be overly permissive because some service actions are not denied by this statement. This is because the condition key doesn't apply to some service actions. We recommend that you use Action instead of NotAction."),
    FORALLVALUES_WITH_SINGLE_VALUED_KEY(SECURITY_WARNING, "Using ForAllValues qualifier with the single-valued condition key %s can be overly permissive. We recommend that you remove ForAllValues:."),

    // general warnings: not best practice
    MISSING_VERSION(WARNING, "We recommend that you specify the Version element to help you with debugging permission issues."),
    UNIQUE_SIDS_RECOMMENDED(WARNING, "We recommend that you use statement IDs that are unique to your policy. Update the Sid value."),
    WILDCARD_WITHOUT_LIKE_OPERATOR(WARNING, "Your condition value includes a * or ? character. If you meant to use a wildcard (*, ?), update the condition operator to include Like."),
    POLICY_SIZE_EXCEEDS_IDENTITY_POLICY_QUOTA(WARNING, "The %s characters in the identity policy, excluding whitespace, exceed the %s character maximum for inline and managed policies. We recommend that you use multiple granular policies."),
    CREATE_SLR_WITH_STAR_IN_RESOURCE(WARNING, "Using the iam:CreateServiceLinkedRole action with wildcards (*) in the resource can allow creation of unintended service-linked roles. We recommend that you specify resource ARNs instead."),
    CREATE_SLR_WITH_STAR_IN_ACTION_AND_RESOURCE(WARNING, "Using wildcards (*) in the action and the resource can allow creation of unintended service-linked roles because it allows iam:CreateServiceLinkedRole permissions on all resources. We recommend that you specify resource ARNs instead."),
    CREATE_SLR_WITH_STAR_IN_RESOURCE_AND_NOT_ACTION(WARNING, "Using a resource with wildcards (*) and NotAction can allow creation of unintended service-linked roles because it allows iam:CreateServiceLinkedRole permissions on all resources. We recommend that you specify resource ARNs instead."),
    CREATE_SLR_WITH_NOT_RESOURCE(WARNING, "Using the iam:CreateServiceLinkedRole action with NotResource can allow creation of unintended service-linked roles for multiple resources. We recommend that you specify resource ARNs instead."),
    CREATE_SLR_WITH_STAR_IN_ACTION_AND_NOT_RESOURCE(WARNING, "Using an action with a wildcard(*) and NotResource can allow creation of unintended service-linked roles because it can allow iam:CreateServiceLinkedRole permissions on multiple resources. We recommend that you specify resource ARNs instead."),
    CREATE_SLR_WITH_NOT_ACTION_AND_NOT_RESOURCE(WARNING, "Using NotAction with NotResource can allow creation of unintended service-linked roles because it allows iam:CreateServiceLinkedRole permissions on multiple resources. We recommend that you specify resource ARNs instead."),
    INVALID_DATE_VALUE(WARNING, "The date %s might not resolve as expected. We recommend that you use the YYYY-MM-DD format."),
    TYPE_MISMATCH(WARNING, "Use the operator type %s instead of operator %s for the condition key %s."),
    TYPE_MISMATCH_BOOLEAN(WARNING, "Add a valid Boolean value (true or false) for the condition operator %s."),
    TYPE_MISMATCH_DATE(WARNING, "The date condition operator is used with an invalid value. Specify a valid date using YYYY-MM-DD or other ISO 8601 date/time format."),
    TYPE_MISMATCH_IP_RANGE(WARNING, "The condition operator %s is used with an invalid IP range value. Specify the IP range in standard CIDR format."),
    TYPE_MISMATCH_NUMBER(WARNING, "Add a valid numeric value for the condition operator %s."),
    INVALID_ROLE_REFERENCE(WARNING, "The Principal element includes the IAM role ID %s. We recommend that you use a role ARN instead."),
    INVALID_USER_REFERENCE(WARNING, "The Principal element includes the IAM user ID %s. We recommend that you use a user ARN instead."),

    // suggestions: no effect on access
    ALLOW_WITH_UNSUPPORTED_TAG_CONDITION_KEY_FOR_SERVICE(SUGGESTION, "Using the effect Allow with the tag condition key %s and actions for services with the following prefixes does not affect the policy: %s. Actions for the listed service are not allowed by this statement. We recommend that you move these actions to a different statement without this condition key."),
    ALLOW_NOTACTION_WITH_UNSUPPORTED_TAG_CONDITION_KEY_FOR_SERVICE(SUGGESTION, "Using the effect Allow with NotAction and the tag condition key %s allows only service actions that support the condition key. The condition key doesn't apply to some service actions. We recommend that you use Action instead of NotAction."),
    EMPTY_ARRAY_ACTION(SUGGESTION, "This statement includes no actions and does not affect the policy. Specify actions."),
    EMPTY_ARRAY_RESOURCE(SUGGESTION, "This statement includes no resources and does not affect the policy. Specify resources."),
    EMPTY_ARRAY_PRINCIPAL(SUGGESTION, "This statement includes no principals and does not affect the policy. Specify principals."),
    EMPTY_OBJECT_PRINCIPAL(SUGGESTION, "This statement includes no principals and does not affect the policy. Specify principals."),
    EMPTY_OBJECT_CONDITION(SUGGESTION, "This condition block is empty and it does not affect the policy. Specify conditions."),
    EMPTY_ARRAY_CONDITION(SUGGESTION, "There are no values for the condition key %s and it does not affect the policy. Specify conditions."),
    EMPTY_ARRAY_CONDITION_FORALLVALUES(SUGGESTION, "The ForAllValues prefix with an empty condition key matches only if the key %s is missing from the request context. To determine if the request context is empty, we recommend that you use the Null condition operator with the value of true instead."),
    EMPTY_ARRAY_CONDITION_FORANYVALUE(SUGGESTION, "The ForAnyValue prefix with an empty condition key %s never matches the request context and it does not affect the policy. Specify conditions."),
    EMPTY_ARRAY_CONDITION_IFEXISTS(SUGGESTION, "The IfExists suffix with an empty condition key matches only if the key %s is missing from the request context. To determine if the request context is empty, we recommend that you use the Null condition operator with the value of true instead."),
    EMPTY_SID_VALUE(SUGGESTION, "Add a value to the empty string in the Sid element."),
    IMPROVE_IP_RANGE(SUGGESTION, "The non-zero bits in the IP address after the masked bits are ignored. Replace address %s with %s."),
    NULL_WITH_QUALIFIER(SUGGESTION, "Avoid using the Null condition operator with the ForAllValues or ForAnyValue qualifiers because they always return a true or false respectively."),
    PRIVATE_IP_ADDRESS_SUBSET(SUGGESTION, "The values for condition key aws:SourceIp include a mix of private and public IP addresses. The private addresses will not have the desired effect. aws:SourceIp works only for public IP address ranges. To define permissions for private IP ranges, use aws:VpcSourceIp."),
    PRIVATE_NOT_IP_ADDRESS_SUBSET(SUGGESTION, "The values for condition key aws:SourceIp include a mix of private and public IP addresses. The private addresses have no effect. aws:SourceIp works only for public IP address ranges. To define permissions for private IP ranges, use aws:VpcSourceIp."),
    REDUNDANT_ACTION(SUGGESTION, "The %s action(s) are redundant because they provide similar permissions. Update the policy to remove the redundant action such as: %s."),
    REDUNDANT_RESOURCE(SUGGESTION, "The %s resource ARN(s) are redundant because they reference the same resource. Review the use of wildcards (*) and update the policy to remove the redundant resource such as: %s."),
    REDUNDANT_STATEMENT(SUGGESTION, "The statements are redundant because they provide identical permissions. Update the policy to remove the redundant statement."),
    WILDCARD_IN_SERVICE_NAME(SUGGESTION, "Avoid using wildcards (*, ?) in the service name because it might grant unintended access to other AWS services with similar names.");

    private static final String REFERENCE_PAGE = "https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-reference-policy-checks.html";

    private final FindingType findingType;
    private final String template;

    IssueCode(FindingType findingType, String template)
    {
        this.findingType = findingType;
        this.template = template;
    }

    public FindingType findingType()
    {
        return findingType;
    }

    /**
     * The section of AWS's check reference for this issue; its anchors follow one scheme, built
     * from the finding type and the issue code.
     */
    public String learnMoreLink()
    {
        String kind = switch (findingType) {
            case ERROR -> "error";
            case SECURITY_WARNING -> "security-warning";
            case WARNING -> "general-warning";
            case SUGGESTION -> "suggestion";
        };
        return REFERENCE_PAGE + "#access-analyzer-reference-policy-checks-" + kind + "-" + name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** The finding details with the placeholders filled, in order. */
    public String details(Object... arguments)
    {
        return String.format(Locale.ROOT, template, arguments);
    }
}
