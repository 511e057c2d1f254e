package dev.bulwark.policy.validate;

import static dev.bulwark.policy.validate.PolicyType.IDENTITY_POLICY;
import static dev.bulwark.policy.validate.PolicyType.RESOURCE_CONTROL_POLICY;
import static dev.bulwark.policy.validate.PolicyType.RESOURCE_POLICY;
import static dev.bulwark.policy.validate.PolicyType.SERVICE_CONTROL_POLICY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.policy.reference.ServiceReference;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * One case per Access Analyzer check: a minimal policy that triggers it, the policy type, and the
 * issue code with its finding type. Statements are written into a valid skeleton so that the
 * expected finding is the only one, unless a case says otherwise.
 */
final class TestPolicyValidator
{
    private static final PolicyValidator VALIDATOR = PolicyValidator.create();

    private static String identity(String statement)
    {
        return "{\"Version\": \"2012-10-17\", \"Statement\": [" + statement + "]}";
    }

    static Stream<Arguments> singleFindingCases()
    {
        return Stream.of(
                // document
                Arguments.of(IDENTITY_POLICY, "{\"Version\": \"2012-10-17\", \"Statement\": [}", IssueCode.JSON_SYNTAX_ERROR),
                Arguments.of(IDENTITY_POLICY, "[]", IssueCode.DATA_TYPE_MISMATCH),
                Arguments.of(IDENTITY_POLICY, "{\"Statement\": [{\"Effect\": \"Allow\", \"Action\": \"s3:GetObject\", \"Resource\": \"*\"}]}", IssueCode.MISSING_VERSION),
                Arguments.of(IDENTITY_POLICY, "{\"Version\": \"2012-10-18\", \"Statement\": [{\"Effect\": \"Allow\", \"Action\": \"s3:GetObject\", \"Resource\": \"*\"}]}", IssueCode.INVALID_VERSION),
                Arguments.of(IDENTITY_POLICY, "{\"Version\": \"2012-10-17\"}", IssueCode.MISSING_STATEMENT),
                Arguments.of(IDENTITY_POLICY, "{\"Version\": \"2012-10-17\", \"Statment\": [], \"Statement\": {\"Effect\": \"Allow\", \"Action\": \"s3:GetObject\", \"Resource\": \"*\"}}", IssueCode.INVALID_POLICY_ELEMENT),
                // statement elements
                Arguments.of(IDENTITY_POLICY, identity("{\"Effect\": \"Allow\", \"Actions\": \"s3:GetObject\", \"Action\": \"s3:GetObject\", \"Resource\": \"*\"}"), IssueCode.INVALID_POLICY_ELEMENT),
                Arguments.of(IDENTITY_POLICY, identity("{\"Action\": \"s3:GetObject\", \"Resource\": \"*\"}"), IssueCode.MISSING_EFFECT),
                Arguments.of(IDENTITY_POLICY, identity("{\"Effect\": \"allow\", \"Action\": \"s3:GetObject\", \"Resource\": \"*\"}"), IssueCode.INVALID_EFFECT),
                Arguments.of(IDENTITY_POLICY, identity("{\"Effect\": \"Allow\", \"Resource\": \"*\"}"), IssueCode.MISSING_ACTION),
                Arguments.of(IDENTITY_POLICY, identity("{\"Effect\": \"Allow\", \"Action\": \"s3:GetObject\"}"), IssueCode.MISSING_RESOURCE),
                Arguments.of(IDENTITY_POLICY, identity("{\"Effect\": \"Deny\", \"Action\": \"s3:GetObject\", \"NotAction\": \"s3:PutObject\", \"Resource\": \"*\"}"), IssueCode.UNSUPPORTED_ELEMENT_COMBINATION),
                Arguments.of(IDENTITY_POLICY, identity("{\"Sid\": \"read only\", \"Effect\": \"Allow\", \"Action\": \"s3:GetObject\", \"Resource\": \"*\"}"), IssueCode.UNSUPPORTED_SID),
                Arguments.of(IDENTITY_POLICY, identity("{\"Sid\": \"\", \"Effect\": \"Allow\", \"Action\": \"s3:GetObject\", \"Resource\": \"*\"}"), IssueCode.EMPTY_SID_VALUE),
                Arguments.of(IDENTITY_POLICY, identity("{\"Sid\": \"A\", \"Effect\": \"Allow\", \"Action\": \"s3:GetObject\", \"Resource\": \"*\"}, {\"Sid\": \"A\", \"Effect\": \"Deny\", \"Action\": \"s3:PutObject\", \"Resource\": \"*\"}"), IssueCode.UNIQUE_SIDS_REQUIRED),
                Arguments.of(IDENTITY_POLICY, identity("{\"Effect\": \"Allow\", \"Action\": [], \"Resource\": \"*\"}"), IssueCode.EMPTY_ARRAY_ACTION),
                Arguments.of(IDENTITY_POLICY, identity("{\"Effect\": \"Allow\", \"Action\": \"s3:GetObject\", \"Resource\": []}"), IssueCode.EMPTY_ARRAY_RESOURCE),
                // actions
                Arguments.of(IDENTITY_POLICY, identity("{\"Effect\": \"Allow\", \"Action\": \"s3:GetObjects\", \"Resource\": \"*\"}"), IssueCode.INVALID_ACTION),
                Arguments.of(IDENTITY_POLICY, identity("{\"Effect\": \"Allow\", \"Action\": \"s3:Fetch*\", \"Resource\": \"*\"}"), IssueCode.INVALID_ACTION),
                Arguments.of(IDENTITY_POLICY, identity("{\"Effect\": \"Allow\", \"Action\": \"s4:GetObject\", \"Resource\": \"*\"}"), IssueCode.INVALID_SERVICE_IN_ACTION),
                Arguments.of(IDENTITY_POLICY, identity("{\"Effect\": \"Allow\", \"Action\": \"s3*:GetObject\", \"Resource\": \"*\"}"), IssueCode.WILDCARD_IN_SERVICE_NAME),
                Arguments.of(IDENTITY_POLICY, identity("{\"Effect\": \"Allow\", \"Action\": [\"iam:Get*\", \"iam:List*\", \"iam:GetCredentialReport\"], \"Resource\": \"*\"}"), IssueCode.REDUNDANT_ACTION),
                Arguments.of(IDENTITY_POLICY, identity("{\"Effect\": \"Allow\", \"Action\": \"s3:${aws:username}\", \"Resource\": \"*\"}"), IssueCode.VARIABLE_UNSUPPORTED_IN_ELEMENT),
                // resources
                Arguments.of(IDENTITY_POLICY, identity("{\"Effect\": \"Allow\", \"Action\": \"s3:GetObject\", \"Resource\": \"s3:::bucket/*\"}"), IssueCode.INVALID_ARN_PREFIX),
                Arguments.of(IDENTITY_POLICY, identity("{\"Effect\": \"Allow\", \"Action\": \"s3:GetObject\", \"Resource\": \"arn:aws:s3:bucket\"}"), IssueCode.MISSING_ARN_FIELD),
                Arguments.of(IDENTITY_POLICY, identity("{\"Effect\": \"Allow\", \"Action\": \"s3:GetObject\", \"Resource\": \"arn:amazon:s3:::bucket/*\"}"), IssueCode.INVALID_PARTITION),
                Arguments.of(IDENTITY_POLICY, identity("{\"Effect\": \"Allow\", \"Action\": \"s3:GetObject\", \"Resource\": \"arn:aws:S3:::bucket/*\"}"), IssueCode.INVALID_ARN_SERVICE_CASE),
                Arguments.of(IDENTITY_POLICY, identity("{\"Effect\": \"Allow\", \"Action\": \"sqs:SendMessage\", \"Resource\": \"arn:aws:sqs:us-east-1:1234:queue\"}"), IssueCode.INVALID_ARN_ACCOUNT),
                Arguments.of(IDENTITY_POLICY, identity("{\"Effect\": \"Allow\", \"Action\": \"s3:GetObject\", \"Resource\": \"arn:aws:s3::111122223333:bucket/*\"}"), IssueCode.ARN_ACCOUNT_NOT_ALLOWED),
                Arguments.of(IDENTITY_POLICY, identity("{\"Effect\": \"Allow\", \"Action\": \"iam:GetUser\", \"Resource\": \"arn:aws:iam:us-east-1:111122223333:user/alice\"}"), IssueCode.ARN_REGION_NOT_ALLOWED),
                Arguments.of(IDENTITY_POLICY, identity("{\"Effect\": \"Allow\", \"Action\": \"s3:GetObject\", \"Resource\": [\"arn:aws:s3:::bucket/*\", \"arn:aws:s3:::bucket/photos/cat.jpg\"]}"), IssueCode.REDUNDANT_RESOURCE),
                Arguments.of(IDENTITY_POLICY, identity("{\"Effect\": \"Allow\", \"Action\": \"sqs:SendMessage\", \"Resource\": \"arn:aws:sqs::111122223333:queue1\"}"), IssueCode.MISSING_ARN_REGION),
                Arguments.of(IDENTITY_POLICY, identity("{\"Effect\": \"Allow\", \"Action\": \"s3:GetObject\", \"Resource\": \"arn:aws:s3:::bucket/${aws:username\"}"), IssueCode.MISSING_BRACE_IN_VARIABLE),
                Arguments.of(IDENTITY_POLICY, identity("{\"Effect\": \"Allow\", \"Action\": \"s3:GetObject\", \"Resource\": \"arn:aws:s3:::bucket/${}\"}"), IssueCode.EMPTY_VARIABLE),
                Arguments.of(IDENTITY_POLICY, "{\"Version\": \"2008-10-17\", \"Statement\": [{\"Effect\": \"Allow\", \"Action\": \"s3:GetObject\", \"Resource\": \"arn:aws:s3:::bucket/${aws:username}/*\"}]}", IssueCode.VARIABLE_UNSUPPORTED_IN_VERSION),
                // principals
                Arguments.of(IDENTITY_POLICY, identity("{\"Effect\": \"Allow\", \"Principal\": \"*\", \"Action\": \"s3:GetObject\", \"Resource\": \"*\"}"), IssueCode.UNSUPPORTED_PRINCIPAL),
                Arguments.of(RESOURCE_POLICY, identity("{\"Effect\": \"Allow\", \"Action\": \"s3:GetObject\", \"Resource\": \"arn:aws:s3:::bucket/*\"}"), IssueCode.MISSING_PRINCIPAL),
                Arguments.of(RESOURCE_POLICY, identity("{\"Effect\": \"Allow\", \"Principal\": \"111122223333\", \"Action\": \"s3:GetObject\", \"Resource\": \"arn:aws:s3:::bucket/*\"}"), IssueCode.INVALID_PRINCIPAL_FORMAT),
                Arguments.of(RESOURCE_POLICY, identity("{\"Effect\": \"Allow\", \"Principal\": {\"User\": \"alice\"}, \"Action\": \"s3:GetObject\", \"Resource\": \"arn:aws:s3:::bucket/*\"}"), IssueCode.INVALID_PRINCIPAL_KEY),
                Arguments.of(RESOURCE_POLICY, identity("{\"Effect\": \"Allow\", \"Principal\": {}, \"Action\": \"s3:GetObject\", \"Resource\": \"arn:aws:s3:::bucket/*\"}"), IssueCode.EMPTY_OBJECT_PRINCIPAL),
                Arguments.of(RESOURCE_POLICY, identity("{\"Effect\": \"Allow\", \"Principal\": {\"AWS\": []}, \"Action\": \"s3:GetObject\", \"Resource\": \"arn:aws:s3:::bucket/*\"}"), IssueCode.EMPTY_ARRAY_PRINCIPAL),
                Arguments.of(RESOURCE_POLICY, identity("{\"Effect\": \"Allow\", \"Principal\": {\"AWS\": \"arn:aws:iam::111122223333:user/*\"}, \"Action\": \"s3:GetObject\", \"Resource\": \"arn:aws:s3:::bucket/*\"}"), IssueCode.UNSUPPORTED_WILDCARD_IN_PRINCIPAL),
                Arguments.of(RESOURCE_POLICY, identity("{\"Effect\": \"Allow\", \"Principal\": {\"AWS\": \"AROA1234567890EXAMPLE\"}, \"Action\": \"s3:GetObject\", \"Resource\": \"arn:aws:s3:::bucket/*\"}"), IssueCode.INVALID_ROLE_REFERENCE),
                Arguments.of(RESOURCE_POLICY, identity("{\"Effect\": \"Allow\", \"Principal\": {\"AWS\": \"AIDA1234567890EXAMPLE\"}, \"Action\": \"s3:GetObject\", \"Resource\": \"arn:aws:s3:::bucket/*\"}"), IssueCode.INVALID_USER_REFERENCE),
                Arguments.of(RESOURCE_POLICY, identity("{\"Effect\": \"Allow\", \"NotPrincipal\": {\"AWS\": \"arn:aws:iam::111122223333:root\"}, \"Action\": \"s3:GetObject\", \"Resource\": \"arn:aws:s3:::bucket/*\"}"), IssueCode.ALLOW_WITH_NOT_PRINCIPAL),
                Arguments.of(RESOURCE_POLICY, identity("{\"Sid\": \"A\", \"Effect\": \"Allow\", \"Principal\": \"*\", \"Action\": \"s3:GetObject\", \"Resource\": \"arn:aws:s3:::bucket/*\"}, {\"Sid\": \"A\", \"Effect\": \"Deny\", \"Principal\": \"*\", \"Action\": \"s3:PutObject\", \"Resource\": \"arn:aws:s3:::bucket/*\"}"), IssueCode.UNIQUE_SIDS_RECOMMENDED),
                Arguments.of(SERVICE_CONTROL_POLICY, identity("{\"Effect\": \"Deny\", \"Principal\": \"*\", \"Action\": \"s3:DeleteBucket\", \"Resource\": \"*\"}"), IssueCode.SCP_SYNTAX_ERROR_PRINCIPAL),
                Arguments.of(RESOURCE_CONTROL_POLICY, identity("{\"Effect\": \"Deny\", \"Action\": \"s3:GetObject\", \"Resource\": \"*\"}"), IssueCode.MISSING_PRINCIPAL),
                Arguments.of(RESOURCE_CONTROL_POLICY, identity("{\"Effect\": \"Deny\", \"Principal\": \"*\", \"Action\": [\"s3:GetObject\", \"ec2:RunInstances\"], \"Resource\": \"*\"}"), IssueCode.UNSUPPORTED_ACTION_IN_POLICY),
                // iam:PassRole and iam:CreateServiceLinkedRole
                Arguments.of(IDENTITY_POLICY, identity("{\"Effect\": \"Allow\", \"Action\": \"iam:PassRole\", \"Resource\": \"*\"}"), IssueCode.PASS_ROLE_WITH_STAR_IN_RESOURCE),
                Arguments.of(IDENTITY_POLICY, identity("{\"Effect\": \"Allow\", \"Action\": \"iam:PassRole\", \"Resource\": \"arn:aws:iam::111122223333:role/*\"}"), IssueCode.PASS_ROLE_WITH_STAR_IN_RESOURCE),
                Arguments.of(IDENTITY_POLICY, identity("{\"Effect\": \"Allow\", \"Action\": \"iam:Pass*\", \"Resource\": \"*\"}"), IssueCode.PASS_ROLE_WITH_STAR_IN_ACTION_AND_RESOURCE),
                Arguments.of(IDENTITY_POLICY, identity("{\"Effect\": \"Allow\", \"NotAction\": [\"s3:*\", \"iam:CreateServiceLinkedRole\"], \"Resource\": \"*\"}"), IssueCode.PASS_ROLE_WITH_STAR_IN_RESOURCE_AND_NOT_ACTION),
                Arguments.of(IDENTITY_POLICY, identity("{\"Effect\": \"Allow\", \"Action\": \"iam:PassRole\", \"NotResource\": \"arn:aws:iam::111122223333:role/admin\"}"), IssueCode.PASS_ROLE_WITH_NOT_RESOURCE),
                Arguments.of(IDENTITY_POLICY, identity("{\"Effect\": \"Allow\", \"Action\": \"iam:CreateServiceLinkedRole\", \"Resource\": \"*\"}"), IssueCode.CREATE_SLR_WITH_STAR_IN_RESOURCE),
                // conditions
                Arguments.of(IDENTITY_POLICY, identity("{\"Effect\": \"Allow\", \"Action\": \"s3:GetObject\", \"Resource\": \"*\", \"Condition\": {}}"), IssueCode.EMPTY_OBJECT_CONDITION),
                Arguments.of(IDENTITY_POLICY, identity("{\"Effect\": \"Allow\", \"Action\": \"s3:GetObject\", \"Resource\": \"*\", \"Condition\": {\"StringEqual\": {\"aws:username\": \"alice\"}}}"), IssueCode.INVALID_CONDITION_OPERATOR),
                Arguments.of(IDENTITY_POLICY, identity("{\"Effect\": \"Allow\", \"Action\": \"s3:GetObject\", \"Resource\": \"*\", \"Condition\": {\"NullIfExists\": {\"aws:username\": \"true\"}}}"), IssueCode.NULL_WITH_IF_EXISTS),
                Arguments.of(IDENTITY_POLICY, identity("{\"Effect\": \"Allow\", \"Action\": \"s3:GetObject\", \"Resource\": \"*\", \"Condition\": {\"ForAnyValue:Null\": {\"aws:TagKeys\": \"true\"}}}"), IssueCode.NULL_WITH_QUALIFIER),
                Arguments.of(IDENTITY_POLICY, identity("{\"Effect\": \"Allow\", \"Action\": \"s3:GetObject\", \"Resource\": \"*\", \"Condition\": {\"StringEquals\": {\"username\": \"alice\"}}}"), IssueCode.INVALID_CONDITION_KEY_FORMAT),
                Arguments.of(IDENTITY_POLICY, identity("{\"Effect\": \"Allow\", \"Action\": \"s3:GetObject\", \"Resource\": \"*\", \"Condition\": {\"StringEquals\": {\"aws:UserName\": \"alice\", \"aws:SourceAccountId\": \"111122223333\"}}}"), IssueCode.INVALID_GLOBAL_CONDITION_KEY),
                Arguments.of(IDENTITY_POLICY, identity("{\"Effect\": \"Allow\", \"Action\": \"s3:GetObject\", \"Resource\": \"*\", \"Condition\": {\"ArnEquals\": {\"aws:ARN\": \"arn:aws:iam::111122223333:user/alice\"}}}"), IssueCode.UNSUPPORTED_GLOBAL_CONDITION_KEY),
                Arguments.of(IDENTITY_POLICY, identity("{\"Effect\": \"Allow\", \"Action\": \"s3:GetObject\", \"Resource\": \"*\", \"Condition\": {\"StringEquals\": {\"s3:x-amz-acls\": \"private\"}}}"), IssueCode.INVALID_SERVICE_CONDITION_KEY),
                Arguments.of(IDENTITY_POLICY, identity("{\"Effect\": \"Allow\", \"Action\": \"s3:GetObject\", \"Resource\": \"*\", \"Condition\": {\"StringEquals\": {\"nosuchservice:Key\": \"x\"}}}"), IssueCode.INVALID_SERVICE),
                Arguments.of(IDENTITY_POLICY, identity("{\"Effect\": \"Allow\", \"Action\": \"s3:GetObject\", \"Resource\": \"*\", \"Condition\": {\"StringEquals\": {\"aws:ResourceTag\": \"x\"}}}"), IssueCode.MISSING_TAG_KEY_IN_CONDITION),
                Arguments.of(IDENTITY_POLICY, identity("{\"Effect\": \"Allow\", \"Action\": \"s3:GetObject\", \"Resource\": \"*\", \"Condition\": {\"StringEquals\": {\"aws:username\": \"alice\", \"aws:UserName\": \"bob\"}}}"), IssueCode.DUPLICATE_KEYS_WITH_DIFFERENT_CASE),
                Arguments.of(IDENTITY_POLICY, identity("{\"Effect\": \"Allow\", \"Action\": \"s3:GetObject\", \"Resource\": \"*\", \"Condition\": {\"StringEquals\": {\"aws:username\": []}}}"), IssueCode.EMPTY_ARRAY_CONDITION),
                Arguments.of(IDENTITY_POLICY, identity("{\"Effect\": \"Allow\", \"Action\": \"s3:GetObject\", \"Resource\": \"*\", \"Condition\": {\"ForAllValues:StringEquals\": {\"aws:TagKeys\": []}}}"), IssueCode.EMPTY_ARRAY_CONDITION_FORALLVALUES),
                Arguments.of(IDENTITY_POLICY, identity("{\"Effect\": \"Allow\", \"Action\": \"s3:GetObject\", \"Resource\": \"*\", \"Condition\": {\"ForAnyValue:StringEquals\": {\"aws:TagKeys\": []}}}"), IssueCode.EMPTY_ARRAY_CONDITION_FORANYVALUE),
                Arguments.of(IDENTITY_POLICY, identity("{\"Effect\": \"Allow\", \"Action\": \"s3:GetObject\", \"Resource\": \"*\", \"Condition\": {\"StringEqualsIfExists\": {\"aws:username\": []}}}"), IssueCode.EMPTY_ARRAY_CONDITION_IFEXISTS),
                Arguments.of(IDENTITY_POLICY, identity("{\"Effect\": \"Allow\", \"Action\": \"s3:GetObject\", \"Resource\": \"*\", \"Condition\": {\"StringEquals\": {\"aws:MultiFactorAuthPresent\": \"true\"}}}"), IssueCode.TYPE_MISMATCH),
                Arguments.of(IDENTITY_POLICY, identity("{\"Effect\": \"Allow\", \"Action\": \"s3:GetObject\", \"Resource\": \"*\", \"Condition\": {\"Bool\": {\"aws:SecureTransport\": \"yes\"}}}"), IssueCode.TYPE_MISMATCH_BOOLEAN),
                Arguments.of(IDENTITY_POLICY, identity("{\"Effect\": \"Allow\", \"Action\": \"s3:GetObject\", \"Resource\": \"*\", \"Condition\": {\"Bool\": {\"aws:SecureTransport\": [\"true\", \"false\"]}}}"), IssueCode.INVALID_CONDITION_MULTIPLE_BOOLEAN),
                Arguments.of(IDENTITY_POLICY, identity("{\"Effect\": \"Allow\", \"Action\": \"s3:GetObject\", \"Resource\": \"*\", \"Condition\": {\"NumericLessThan\": {\"aws:MultiFactorAuthAge\": \"one hour\"}}}"), IssueCode.TYPE_MISMATCH_NUMBER),
                Arguments.of(IDENTITY_POLICY, identity("{\"Effect\": \"Allow\", \"Action\": \"s3:GetObject\", \"Resource\": \"*\", \"Condition\": {\"DateLessThan\": {\"aws:CurrentTime\": \"next tuesday\"}}}"), IssueCode.TYPE_MISMATCH_DATE),
                Arguments.of(IDENTITY_POLICY, identity("{\"Effect\": \"Allow\", \"Action\": \"s3:GetObject\", \"Resource\": \"*\", \"Condition\": {\"IpAddress\": {\"aws:SourceIp\": \"203.0.113.300/24\"}}}"), IssueCode.TYPE_MISMATCH_IP_RANGE),
                Arguments.of(IDENTITY_POLICY, identity("{\"Effect\": \"Allow\", \"Action\": \"s3:GetObject\", \"Resource\": \"*\", \"Condition\": {\"IpAddress\": {\"aws:SourceIp\": \"203.0.113.5/24\"}}}"), IssueCode.IMPROVE_IP_RANGE),
                Arguments.of(IDENTITY_POLICY, identity("{\"Effect\": \"Allow\", \"Action\": \"s3:GetObject\", \"Resource\": \"*\", \"Condition\": {\"DateLessThan\": {\"aws:CurrentTime\": \"1767225600\"}}}"), IssueCode.INVALID_DATE_VALUE),
                Arguments.of(IDENTITY_POLICY, identity("{\"Effect\": \"Allow\", \"Action\": \"s3:GetObject\", \"Resource\": \"*\", \"Condition\": {\"IpAddress\": {\"aws:SourceIp\": [\"10.0.0.0/8\", \"192.168.1.0/24\"]}}}"), IssueCode.PRIVATE_IP_ADDRESS),
                Arguments.of(IDENTITY_POLICY, identity("{\"Effect\": \"Allow\", \"Action\": \"s3:GetObject\", \"Resource\": \"*\", \"Condition\": {\"NotIpAddress\": {\"aws:SourceIp\": \"172.16.0.0/12\"}}}"), IssueCode.PRIVATE_NOT_IP_ADDRESS),
                Arguments.of(IDENTITY_POLICY, identity("{\"Effect\": \"Allow\", \"Action\": \"s3:GetObject\", \"Resource\": \"*\", \"Condition\": {\"IpAddress\": {\"aws:SourceIp\": [\"10.0.0.0/8\", \"203.0.113.0/24\"]}}}"), IssueCode.PRIVATE_IP_ADDRESS_SUBSET),
                Arguments.of(IDENTITY_POLICY, identity("{\"Effect\": \"Allow\", \"Action\": \"s3:GetObject\", \"Resource\": \"*\", \"Condition\": {\"NotIpAddress\": {\"aws:SourceIp\": [\"10.0.0.0/8\", \"2001:db8::/32\"]}}}"), IssueCode.PRIVATE_NOT_IP_ADDRESS_SUBSET),
                Arguments.of(IDENTITY_POLICY, identity("{\"Effect\": \"Allow\", \"Action\": \"s3:GetObject\", \"Resource\": \"*\", \"Condition\": {\"StringEquals\": {\"aws:TagKeys\": \"team\"}}}"), IssueCode.MISSING_QUALIFIER),
                Arguments.of(IDENTITY_POLICY, identity("{\"Effect\": \"Allow\", \"Action\": \"s3:GetObject\", \"Resource\": \"*\", \"Condition\": {\"ForAllValues:StringEquals\": {\"aws:username\": [\"alice\", \"bob\"]}}}"), IssueCode.FORALLVALUES_WITH_SINGLE_VALUED_KEY),
                Arguments.of(IDENTITY_POLICY, identity("{\"Effect\": \"Allow\", \"Action\": \"s3:GetObject\", \"Resource\": \"*\", \"Condition\": {\"StringEquals\": {\"aws:PrincipalTag/team\": \"admin-*\"}}}"), IssueCode.WILDCARD_WITHOUT_LIKE_OPERATOR),
                Arguments.of(IDENTITY_POLICY, identity("{\"Effect\": \"Allow\", \"Action\": \"s3:GetObject\", \"Resource\": \"*\", \"Condition\": {\"NumericLessThan\": {\"aws:MultiFactorAuthAge\": \"${aws:TokenIssueTime}\"}}}"), IssueCode.INVALID_VARIABLE_FOR_OPERATOR),
                Arguments.of(IDENTITY_POLICY, identity("{\"Effect\": \"Allow\", \"Action\": \"s3:GetObject\", \"Resource\": \"*\", \"Condition\": {\"StringLike\": {\"s3:prefix\": \"home/${aws:user name}/*\"}}}"), IssueCode.UNSUPPORTED_SPACE_IN_VARIABLE),
                // tag conditions on actions that never carry the key
                Arguments.of(IDENTITY_POLICY, identity("{\"Effect\": \"Deny\", \"Action\": [\"ec2:TerminateInstances\", \"s3:ListAllMyBuckets\"], \"Resource\": \"*\", \"Condition\": {\"StringEquals\": {\"aws:ResourceTag/status\": \"Confidential\"}}}"), IssueCode.DENY_WITH_UNSUPPORTED_TAG_CONDITION_KEY_FOR_SERVICE),
                Arguments.of(IDENTITY_POLICY, identity("{\"Effect\": \"Allow\", \"Action\": [\"ec2:StartInstances\", \"s3:ListAllMyBuckets\"], \"Resource\": \"*\", \"Condition\": {\"StringEquals\": {\"aws:ResourceTag/team\": \"blue\"}}}"), IssueCode.ALLOW_WITH_UNSUPPORTED_TAG_CONDITION_KEY_FOR_SERVICE),
                Arguments.of(IDENTITY_POLICY, identity("{\"Effect\": \"Deny\", \"NotAction\": \"iam:*\", \"Resource\": \"*\", \"Condition\": {\"StringEquals\": {\"aws:ResourceTag/status\": \"Confidential\"}}}"), IssueCode.DENY_NOTACTION_WITH_UNSUPPORTED_TAG_CONDITION_KEY_FOR_SERVICE),
                // redundancy
                Arguments.of(IDENTITY_POLICY, identity("{\"Sid\": \"One\", \"Effect\": \"Allow\", \"Action\": [\"s3:GetObject\", \"s3:ListBucket\"], \"Resource\": \"*\"}, {\"Sid\": \"Two\", \"Effect\": \"Allow\", \"Action\": [\"s3:listbucket\", \"s3:GetObject\"], \"Resource\": \"*\"}"), IssueCode.REDUNDANT_STATEMENT));
    }

    @ParameterizedTest(name = "{2}")
    @MethodSource("singleFindingCases")
    void testPolicyGetsExactlyTheAccessAnalyzerFinding(PolicyType type, String policy, IssueCode expected)
    {
        List<Finding> findings = VALIDATOR.validate(policy, type);

        assertThat(findings).extracting(Finding::issueCode).containsExactly(expected);
        Finding finding = findings.get(0);
        assertThat(finding.findingType()).isEqualTo(expected.findingType());
        assertThat(finding.findingDetails()).isNotBlank().doesNotContain("%s");
        assertThat(finding.locations()).isNotEmpty();
    }

    static Stream<Arguments> validPolicies()
    {
        return Stream.of(
                Arguments.of(IDENTITY_POLICY, identity("{\"Sid\": \"ReadPhotos\", \"Effect\": \"Allow\", \"Action\": [\"s3:GetObject\", \"s3:ListBucket\"], \"Resource\": [\"arn:aws:s3:::photos\", \"arn:aws:s3:::photos/*\"]}")),
                Arguments.of(IDENTITY_POLICY, identity("{\"Effect\": \"Allow\", \"Action\": \"*\", \"Resource\": \"*\", \"Condition\": {\"Bool\": {\"aws:MultiFactorAuthPresent\": \"true\"}}}").replace("\"Action\": \"*\"", "\"Action\": \"s3:*\"")),
                Arguments.of(IDENTITY_POLICY, identity("{\"Effect\": \"Allow\", \"Action\": \"iam:PassRole\", \"Resource\": \"*\", \"Condition\": {\"StringEquals\": {\"iam:PassedToService\": \"ec2.amazonaws.com\"}}}")),
                Arguments.of(IDENTITY_POLICY, identity("{\"Effect\": \"Allow\", \"Action\": \"s3:ListBucket\", \"Resource\": \"arn:aws:s3:::home\", \"Condition\": {\"StringLike\": {\"s3:prefix\": [\"home/${aws:username}/*\", \"home/${aws:PrincipalTag/team, 'none'}/*\"]}}}")),
                Arguments.of(IDENTITY_POLICY, identity("{\"Effect\": \"Deny\", \"Action\": \"ec2:RunInstances\", \"Resource\": \"*\", \"Condition\": {\"ForAnyValue:StringNotEquals\": {\"aws:TagKeys\": [\"team\", \"cost-centre\"]}, \"DateGreaterThan\": {\"aws:CurrentTime\": \"2026-01-01T00:00:00Z\"}, \"IpAddress\": {\"aws:SourceIp\": \"203.0.113.0/24\"}}}")),
                Arguments.of(IDENTITY_POLICY, identity("{\"Effect\": \"Allow\", \"Action\": \"kms:Decrypt\", \"Resource\": \"arn:aws:kms:us-east-1:111122223333:key/*\", \"Condition\": {\"StringEquals\": {\"kms:EncryptionContext:Department\": \"IT\", \"kms:ViaService\": \"s3.us-east-1.amazonaws.com\"}}}")),
                Arguments.of(IDENTITY_POLICY, identity("{\"Effect\": \"Allow\", \"Action\": \"iam:GetPolicy\", \"Resource\": \"arn:aws:iam::aws:policy/ReadOnlyAccess\"}")),
                Arguments.of(RESOURCE_POLICY, identity("{\"Sid\": \"Public read\", \"Effect\": \"Allow\", \"Principal\": {\"AWS\": [\"arn:aws:iam::111122223333:root\", \"*\"]}, \"Action\": \"s3:GetObject\", \"Resource\": \"arn:aws:s3:::bucket/*\"}")),
                Arguments.of(RESOURCE_POLICY, identity("{\"Effect\": \"Allow\", \"Principal\": {\"Service\": \"cloudtrail.amazonaws.com\"}, \"Action\": \"s3:PutObject\", \"Resource\": \"arn:aws:s3:::trail/AWSLogs/111122223333/*\", \"Condition\": {\"StringEquals\": {\"aws:SourceArn\": \"arn:aws:cloudtrail:us-east-1:111122223333:trail/main\"}}}")),
                Arguments.of(SERVICE_CONTROL_POLICY, identity("{\"Effect\": \"Deny\", \"Action\": \"*\", \"Resource\": \"*\", \"Condition\": {\"StringNotEquals\": {\"aws:RequestedRegion\": [\"eu-west-1\", \"eu-central-1\"]}}}")),
                Arguments.of(RESOURCE_CONTROL_POLICY, identity("{\"Effect\": \"Deny\", \"Principal\": \"*\", \"Action\": \"s3:*\", \"Resource\": \"*\", \"Condition\": {\"StringNotEqualsIfExists\": {\"aws:SourceOrgID\": \"o-abcdefghij\"}, \"Bool\": {\"aws:PrincipalIsAWSService\": \"false\"}}}")));
    }

    @ParameterizedTest
    @MethodSource("validPolicies")
    void testWellFormedPolicyHasNoFindings(PolicyType type, String policy)
    {
        assertThat(VALIDATOR.validate(policy, type)).isEmpty();
    }

    @Test
    void testFederationTrustPolicyWithProviderKeysIsClean()
    {
        String trust = identity("""
                {"Effect": "Allow", "Principal": {"Federated": "arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com"},
                 "Action": "sts:AssumeRoleWithWebIdentity",
                 "Condition": {"StringEquals": {"token.actions.githubusercontent.com:aud": "sts.amazonaws.com"},
                               "StringLike": {"token.actions.githubusercontent.com:sub": "repo:octo-org/octo-repo:*"}}},
                {"Effect": "Allow", "Principal": {"Federated": "arn:aws:iam::111122223333:saml-provider/ADFS"}, "Action": "sts:AssumeRoleWithSAML",
                 "Condition": {"StringEquals": {"SAML:aud": "https://signin.aws.amazon.com/saml"}}},
                {"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::444455556666:root"}, "Action": "sts:AssumeRole",
                 "Condition": {"StringEquals": {"sts:ExternalId": "abc"}, "Bool": {"aws:MultiFactorAuthPresent": "true"}}}""");
        assertThat(VALIDATOR.validateTrustPolicy(trust)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"secretsmanager:ResourceTag/env", "glacier:ResourceTag/env", "s3:ExistingObjectTag/env", "ec2:ResourceTag/env"})
    void testServiceTagKeysWithAnyTagNameAreKnown(String key)
    {
        String policy = identity("{\"Effect\": \"Allow\", \"Action\": \"s3:GetObject\", \"Resource\": \"*\", \"Condition\": {\"StringEquals\": {\"" + key + "\": \"prod\"}}}");
        assertThat(VALIDATOR.validate(policy, IDENTITY_POLICY)).isEmpty();
    }

    @Test
    void testUnsupportedTagKeyFindingNamesTheServicesThatIgnoreIt()
    {
        String policy = identity("{\"Effect\": \"Deny\", \"Action\": [\"ec2:TerminateInstances\", \"s3:ListAllMyBuckets\"], \"Resource\": \"*\", \"Condition\": {\"StringEquals\": {\"aws:ResourceTag/status\": \"Confidential\"}}}");
        Finding finding = VALIDATOR.validate(policy, IDENTITY_POLICY).get(0);

        assertThat(finding.findingDetails()).contains("tag condition key aws:ResourceTag/status", "prefixes can be overly permissive: s3.");
        assertThat(finding.locations().get(0).path()).containsExactly(
                PathElement.value("Statement"), PathElement.index(0), PathElement.value("Condition"), PathElement.value("StringEquals"), PathElement.key("aws:ResourceTag/status"));
    }

    @Test
    void testTrustPolicyNeedsNoResource()
    {
        String trust = identity("{\"Effect\": \"Allow\", \"Principal\": {\"Service\": \"ec2.amazonaws.com\"}, \"Action\": \"sts:AssumeRole\"}");
        assertThat(VALIDATOR.validateTrustPolicy(trust)).isEmpty();
        assertThat(VALIDATOR.validate(trust, RESOURCE_POLICY)).extracting(Finding::issueCode).containsExactly(IssueCode.MISSING_RESOURCE);
        assertThat(VALIDATOR.validate(trust, RESOURCE_POLICY, ValidatePolicyResourceType.S3_BUCKET)).extracting(Finding::issueCode).containsExactly(IssueCode.MISSING_RESOURCE);
        assertThat(ValidatePolicyResourceType.fromAwsName("AWS::IAM::AssumeRolePolicyDocument")).contains(ValidatePolicyResourceType.IAM_ASSUME_ROLE_POLICY_DOCUMENT);
    }

    @Test
    void testResourceTypeOnlyGoesWithResourcePolicies()
    {
        assertThatThrownBy(() -> VALIDATOR.validate("{}", IDENTITY_POLICY, ValidatePolicyResourceType.S3_BUCKET))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void testAdministratorAccessWarnsAboutPassRoleAndServiceLinkedRoles()
    {
        List<Finding> findings = VALIDATOR.validate(identity("{\"Effect\": \"Allow\", \"Action\": \"*\", \"Resource\": \"*\"}"), IDENTITY_POLICY);
        assertThat(findings).extracting(Finding::issueCode)
                .containsExactly(IssueCode.PASS_ROLE_WITH_STAR_IN_ACTION_AND_RESOURCE, IssueCode.CREATE_SLR_WITH_STAR_IN_ACTION_AND_RESOURCE);
    }

    @Test
    void testFindingsOfSeveralStatementsAreAllReported()
    {
        String policy = identity("{\"Effect\": \"Allow\", \"Action\": \"s3:GetObjects\", \"Resource\": \"*\"}, {\"Effect\": \"Permit\", \"Action\": \"s4:Get\", \"Resource\": \"*\"}");
        assertThat(VALIDATOR.validate(policy, IDENTITY_POLICY)).extracting(Finding::issueCode)
                .containsExactly(IssueCode.INVALID_ACTION, IssueCode.INVALID_EFFECT, IssueCode.INVALID_SERVICE_IN_ACTION);
    }

    @Test
    void testInvalidActionPointsAtTheActionValue()
    {
        String policy = """
                {
                  "Version": "2012-10-17",
                  "Statement": [
                    {"Effect": "Allow", "Action": ["s3:GetObject", "s3:GetObjects"], "Resource": "*"}
                  ]
                }""";
        Finding finding = VALIDATOR.validate(policy, IDENTITY_POLICY).get(0);

        assertThat(finding.findingDetails()).isEqualTo("The action s3:GetObjects does not exist. Did you mean s3:GetObject?");
        assertThat(finding.learnMoreLink())
                .isEqualTo("https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-reference-policy-checks.html#access-analyzer-reference-policy-checks-error-invalid-action");
        Location location = finding.locations().get(0);
        assertThat(location.path()).containsExactly(
                PathElement.value("Statement"), PathElement.index(0), PathElement.value("Action"), PathElement.index(1));
        int offset = policy.indexOf("\"s3:GetObjects\"");
        int column = offset - (policy.lastIndexOf('\n', offset) + 1);
        int length = "\"s3:GetObjects\"".length();
        assertThat(location.span()).isEqualTo(new Span(new Position(4, column, offset), new Position(4, column + length, offset + length)));
        assertThat(policy.substring(location.span().start().offset(), location.span().end().offset())).isEqualTo("\"s3:GetObjects\"");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "s3:GetObjects | The action s3:GetObjects does not exist. Did you mean s3:GetObject?",
            "iam:CreatUser | The action iam:CreatUser does not exist. Did you mean iam:CreateUser?",
            "s3:Frobnicate | The action s3:Frobnicate does not exist.",
            "s3:Fetch* | The action s3:Fetch* does not exist.",
            "sts3:GetObject | The service sts3 specified in the action does not exist. Did you mean sts?",
            "nosuchservice:GetObject | The service nosuchservice specified in the action does not exist.",
    })
    void testMisspeltActionGetsTheClosestKnownName(String action, String details)
    {
        String policy = identity("{\"Effect\": \"Allow\", \"Action\": \"" + action + "\", \"Resource\": \"*\"}");
        assertThat(VALIDATOR.validate(policy, IDENTITY_POLICY)).singleElement().extracting(Finding::findingDetails).isEqualTo(details);
    }

    @Test
    void testJsonSyntaxErrorNamesItsPosition()
    {
        String policy = "{\n  \"Version\": \"2012-10-17\",\n  \"Statement\": [}\n";
        Finding finding = VALIDATOR.validate(policy, IDENTITY_POLICY).get(0);

        assertThat(finding.issueCode()).isEqualTo(IssueCode.JSON_SYNTAX_ERROR);
        int offset = policy.indexOf('}');
        assertThat(finding.findingDetails()).isEqualTo("Fix the JSON syntax error at index " + offset + " line 3 column 16.");
    }

    @Test
    void testIdentityPolicyOverQuotaGetsSizeWarning()
    {
        StringBuilder actions = new StringBuilder();
        List<String> names = ServiceReference.instance().actionsMatching("ec2:Describe*");
        for (String name : names) {
            actions.append(actions.isEmpty() ? "" : ", ").append('"').append(name).append('"');
        }
        String policy = identity("{\"Effect\": \"Allow\", \"Action\": [" + actions + "], \"Resource\": \"*\"}");
        assertThat(IamPolicySizeLimit.size(policy)).isGreaterThan(6_144);

        assertThat(VALIDATOR.validate(policy, IDENTITY_POLICY)).extracting(Finding::issueCode)
                .containsExactly(IssueCode.POLICY_SIZE_EXCEEDS_IDENTITY_POLICY_QUOTA);
    }
}
