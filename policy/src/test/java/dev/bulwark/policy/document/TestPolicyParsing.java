package dev.bulwark.policy.document;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

final class TestPolicyParsing
{
    private static final String OK_STATEMENT = "{\"Effect\":\"Allow\",\"Action\":\"s3:ListBucket\",\"Resource\":\"arn:aws:s3:::example_bucket\"}";

    private static String policy(String statements)
    {
        return "{\"Version\":\"2012-10-17\",\"Statement\":" + statements + "}";
    }

    /** Documents IAM rejects, with the MalformedPolicyDocument message IAM gives for each. */
    static Stream<Arguments> malformedDocuments()
    {
        return Stream.of(
                Arguments.of("not JSON", "This is not a json document", "Syntax errors in policy."),
                Arguments.of("unknown version", "{\"Version\":\"2013-10-17\",\"Statement\":" + OK_STATEMENT + "}", "Syntax errors in policy."),
                Arguments.of("no Statement", "{\"Version\":\"2012-10-17\"}", "Syntax errors in policy."),
                Arguments.of("empty Statement array", policy("[]"), "Syntax errors in policy."),
                Arguments.of("statement that is a string", policy("[\"afd\"]"), "Syntax errors in policy."),
                Arguments.of("unknown top-level field", "{\"Version\":\"2012-10-17\",\"Statement\":" + OK_STATEMENT + ",\"Extra field\":\"value\"}", "Syntax errors in policy."),
                Arguments.of("unknown statement field", policy("{\"Effect\":\"Allow\",\"Action\":\"s3:ListBucket\",\"Resource\":\"*\",\"Extra\":1}"), "Syntax errors in policy."),
                Arguments.of("Id that is an array", "{\"Version\":\"2012-10-17\",\"Id\":[\"x\"],\"Statement\":" + OK_STATEMENT + "}", "Syntax errors in policy."),
                Arguments.of("missing Effect", policy("{\"Action\":\"s3:ListBucket\",\"Resource\":\"*\"}"), "Syntax errors in policy."),
                Arguments.of("invalid Effect", policy("{\"Effect\":\"invalid\",\"Action\":\"s3:ListBucket\",\"Resource\":\"*\"}"), "Syntax errors in policy."),
                Arguments.of("Action and NotAction", policy("{\"Effect\":\"Allow\",\"Action\":\"s3:ListBucket\",\"NotAction\":\"iam:x\",\"Resource\":\"*\"}"), "Syntax errors in policy."),
                Arguments.of("Resource and NotResource", policy("{\"Effect\":\"Allow\",\"Action\":\"s3:ListBucket\",\"Resource\":\"*\",\"NotResource\":\"*\"}"), "Syntax errors in policy."),
                Arguments.of("Resource that is an object", policy("{\"Effect\":\"Allow\",\"Action\":\"s3:ListBucket\",\"Resource\":{\"a\":\"b\"}}"), "Syntax errors in policy."),
                Arguments.of("nested array in Action", policy("{\"Effect\":\"Deny\",\"Action\":[[]],\"Resource\":\"*\"}"), "Syntax errors in policy."),
                Arguments.of("Condition that is an array", policy("{\"Effect\":\"Allow\",\"Action\":\"s3:ListBucket\",\"Resource\":\"*\",\"Condition\":[]}"), "Syntax errors in policy."),
                Arguments.of("unknown condition operator", policy("{\"Effect\":\"Allow\",\"Action\":\"s3:ListBucket\",\"Resource\":\"*\",\"Condition\":{\"x\":{\"a\":\"1\"}}}"), "Syntax errors in policy."),
                Arguments.of("double colon in set qualifier", policy("{\"Effect\":\"Allow\",\"Action\":\"s3:ListBucket\",\"Resource\":\"*\",\"Condition\":{\"ForAnyValue::StringEqualsIfExists\":{\"a\":\"asf\"}}}"), "Syntax errors in policy."),
                Arguments.of("condition value that is an object", policy("{\"Effect\":\"Allow\",\"Action\":\"s3:ListBucket\",\"Resource\":\"*\",\"Condition\":{\"DateGreaterThan\":{\"a\":{}}}}"), "Syntax errors in policy."),
                Arguments.of("Effect in the wrong case", policy("{\"Effect\":\"denY\",\"Action\":\"s3:ListBucket\",\"Resource\":\"*\"}"), "The policy failed legacy parsing"),
                Arguments.of("date that is not a date", policy("{\"Effect\":\"Allow\",\"Action\":\"s3:ListBucket\",\"Resource\":\"*\",\"Condition\":{\"DateGreaterThan\":{\"a\":\"sdfdsf\"}}}"), "The policy failed legacy parsing"),
                Arguments.of("epoch beyond a long", policy("{\"Effect\":\"Allow\",\"Action\":\"s3:ListBucket\",\"Resource\":\"*\",\"Condition\":{\"DateLessThan\":{\"a\":\"9223372036854775808\"}}}"), "The policy failed legacy parsing"),
                Arguments.of("five-part ARN", policy("{\"Effect\":\"Allow\",\"Action\":\"s3:ListBucket\",\"Resource\":\"arn:aws:s3::example_bucket\"}"), "The policy failed legacy parsing"),
                Arguments.of("duplicate Sid", policy("[{\"Sid\":\"sdf\"," + OK_STATEMENT.substring(1) + ",{\"Sid\":\"sdf\",\"Effect\":\"Allow\"}]"), "Statement IDs (SID) in a single policy must be unique."),
                Arguments.of("no actions", policy("{\"Effect\":\"Allow\",\"Resource\":\"*\"}"), "Policy statement must contain actions."),
                Arguments.of("empty Action list", policy("{\"Effect\":\"Allow\",\"Action\":[],\"Resource\":\"*\"}"), "Policy statement must contain actions."),
                Arguments.of("no resources, checked before action syntax", policy("{\"Effect\":\"Allow\",\"Action\":\"invalid\"}"), "Policy statement must contain resources."),
                Arguments.of("action without vendor", policy("{\"Effect\":\"Allow\",\"Action\":\"invalid\",\"Resource\":\"*\"}"), "Actions/Conditions must be prefaced by a vendor, e.g., iam, sdb, ec2, etc."),
                Arguments.of("action with two colons", policy("{\"Effect\":\"Allow\",\"Action\":\"s3:List:Bucket\",\"Resource\":\"*\"}"), "Actions/Condition can contain only one colon."),
                Arguments.of("vendor with a space", policy("{\"Effect\":\"Allow\",\"Action\":\"a a:ListBucket\",\"Resource\":\"*\"}"), "Vendor a a is not valid"),
                Arguments.of("resource that is not an ARN", policy("{\"Effect\":\"Allow\",\"Action\":\"s3:ListBucket\",\"Resource\":\"invalid resource\"}"), "Resource invalid resource must be in ARN format or \"*\"."),
                Arguments.of("empty resource", policy("{\"Effect\":\"Allow\",\"Action\":\"s3:ListBucket\",\"Resource\":\"\"}"), "Resource  must be in ARN format or \"*\"."),
                Arguments.of("unknown partition", policy("{\"Effect\":\"Allow\",\"Action\":\"s3:ListBucket\",\"Resource\":[\"arn:error:s3:::example_bucket\"]}"), "Partition \"error\" is not valid for resource \"arn:error:s3:::example_bucket\"."),
                Arguments.of("colon-separated non-ARN read as an ARN", policy(statement("a:bsdfdsafsad")), "Partition \"bsdfdsafsad\" is not valid for resource \"arn:bsdfdsafsad:*:*:*:*\"."),
                Arguments.of("padded to six fields", policy(statement("aws:s3:::example_bucket")), "Partition \"s3\" is not valid for resource \"arn:s3:::example_bucket:*\"."),
                Arguments.of("ARN with only a partition", policy(statement("arn:aws")), "Resource vendor must be fully qualified and cannot contain regexes."),
                Arguments.of("ARN without a service", policy(statement("arn:aws::::example_bucket")), "The policy failed legacy parsing"),
                Arguments.of("IAM ARN naming no IAM resource type", policy(statement("arn:aws:iam:::example_bucket")),
                        "IAM resource path must either be \"*\" or start with user/, federated-user/, role/, group/, instance-profile/, mfa/, server-certificate/, "
                                + "policy/, sms-mfa/, saml-provider/, oidc-provider/, report/, access-report/."),
                Arguments.of("IAM ARN with a region", policy(statement("arn:aws:iam:us-east-1::example_bucket")),
                        "IAM resource arn:aws:iam:us-east-1::example_bucket cannot contain region information."),
                Arguments.of("malformed resource reported before a malformed action",
                        policy("{\"Effect\":\"Allow\",\"Action\":\"s:3:ListBucket\",\"Resource\":\"sdfsadf\"}"), "Resource sdfsadf must be in ARN format or \"*\"."),
                Arguments.of("unknown partition reported before a short ARN",
                        policy("{\"Effect\":\"Allow\",\"Action\":\"s3:ListBucket\",\"Resource\":[\"arn:aws:s3::example_bucket\",\"arn:error:s3:::example_bucket\"]}"),
                        "Partition \"error\" is not valid for resource \"arn:error:s3:::example_bucket\"."),
                Arguments.of("date with month 13", policy(dated("234-13")), "The policy failed legacy parsing"),
                Arguments.of("date with a one-digit offset", policy(dated("2016-12-13t2:00:00.593194+1")), "The policy failed legacy parsing"),
                Arguments.of("date with ten fraction digits", policy(dated("2016-12-13t2:00:00.1999999999+10:59")), "The policy failed legacy parsing"),
                Arguments.of("bucket ARN with a region", policy(statement("arn:aws:s3:us-east-1::example_bucket")),
                        "Resource arn:aws:s3:us-east-1::example_bucket can not contain region information."));
    }

    private static String dated(String date)
    {
        return "{\"Effect\":\"Allow\",\"Action\":\"s3:ListBucket\",\"Resource\":\"*\",\"Condition\":{\"DateLessThanEquals\":{\"a\":\"" + date + "\"}}}";
    }

    private static String statement(String resource)
    {
        return "{\"Effect\":\"Allow\",\"Action\":\"s3:ListBucket\",\"Resource\":\"" + resource + "\"}";
    }

    @Test
    void looseDatesAndDottedVendorsPassAsIamLetsThem()
    {
        for (String date : List.of("01T", "2016-12-13t2:00:00.593194+23", "-292275054", "2019-07-01T13:20:15Z")) {
            PolicyDocument.parse(policy("{\"Effect\":\"Allow\",\"Action\":\"s3:ListBucket\",\"Resource\":\"*\",\"Condition\":{\"DateLessThan\":{\"a\":\"" + date + "\"}}}"),
                    PolicyGrammar.IDENTITY);
        }
        PolicyDocument.parse(policy("{\"Effect\":\"Allow\",\"Action\":\"s3.s:ListBucket\",\"Resource\":\"*\"}"), PolicyGrammar.IDENTITY);
        // Access points name their region and account.
        PolicyDocument.parse(policy(statement("arn:aws:s3:us-west-2:123456789012:accesspoint/test")), PolicyGrammar.IDENTITY);
        PolicyDocument.parse(policy(statement("arn:aws:iam::123456789012:role/*")), PolicyGrammar.IDENTITY);
        PolicyDocument.parse(policy(statement("arn:aws:iam::123456789012:root")), PolicyGrammar.IDENTITY);
    }

    @Test
    void managedPoliciesMustSay2012BeforeAnythingElseIsChecked()
    {
        String ok = "{\"Effect\":\"Allow\",\"Action\":\"s3:ListBucket\",\"Resource\":\"*\"}";
        for (String document : List.of("{\"Statement\":" + ok + "}", "{\"Version\":\"2008-10-17\",\"Statement\":" + ok + "}",
                "{\"Statement\":{\"Effect\":\"denY\",\"Action\":\"s3:ListBucket\",\"Resource\":\"*\"}}")) {
            assertThatThrownBy(() -> PolicyDocument.parse(document, PolicyGrammar.MANAGED))
                    .isInstanceOf(MalformedPolicyException.class)
                    .hasMessage("Policy document must be version 2012-10-17 or greater.");
        }
        // Inline policies may still be 2008-10-17 documents or carry no version.
        PolicyDocument.parse("{\"Statement\":" + ok + "}", PolicyGrammar.IDENTITY);
        PolicyDocument.parse("{\"Version\":\"2008-10-17\",\"Statement\":" + ok + "}", PolicyGrammar.IDENTITY);
        PolicyDocument.parse(policy(ok), PolicyGrammar.MANAGED);
    }

    @Test
    void trustPoliciesAllowOnlyStsSessionActionsAndNoResource()
    {
        String principal = "\"Principal\":{\"Service\":[\"ec2.amazonaws.com\"]}";
        assertThatThrownBy(() -> PolicyDocument.parse(policy("{\"Effect\":\"Allow\"," + principal + ",\"Action\":[\"sts:BadAssumeRole\"]}"), PolicyGrammar.TRUST))
                .isInstanceOf(MalformedPolicyException.class)
                .hasMessage("Trust Policy statement actions can only be sts:AssumeRole, sts:AssumeRoleWithSAML,  and sts:AssumeRoleWithWebIdentity");
        assertThatThrownBy(() -> PolicyDocument.parse(policy("{\"Effect\":\"Allow\"," + principal + ",\"Action\":\"sts:AssumeRole\",\"Resource\":\"*\"}"), PolicyGrammar.TRUST))
                .isInstanceOf(MalformedPolicyException.class)
                .hasMessage("Has prohibited field Resource.");
        for (String action : List.of("sts:AssumeRole", "STS:assumerolewithwebidentity", "sts:TagSession", "sts:SetSourceIdentity", "sts:*", "sts:AssumeRole*", "*")) {
            PolicyDocument.parse(policy("{\"Effect\":\"Allow\"," + principal + ",\"Action\":\"" + action + "\"}"), PolicyGrammar.TRUST);
        }
        // The same statement is fine as a general resource policy.
        PolicyDocument.parse(policy("{\"Effect\":\"Allow\"," + principal + ",\"Action\":\"sts:BadAssumeRole\",\"Resource\":\"*\"}"), PolicyGrammar.RESOURCE);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformedDocuments")
    void malformedDocumentIsRejectedWithIamWording(String name, String json, String message)
    {
        assertThatThrownBy(() -> PolicyDocument.parse(json, PolicyGrammar.IDENTITY))
                .isInstanceOf(MalformedPolicyException.class)
                .hasMessage(message);
    }

    @Test
    void identityPolicyMustNotNamePrincipal()
    {
        assertThatThrownBy(() -> PolicyDocument.parse(policy("{\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"s3:*\",\"Resource\":\"*\"}"), PolicyGrammar.IDENTITY))
                .isInstanceOf(MalformedPolicyException.class)
                .hasMessage("Policy document should not specify a principal.");
    }

    @Test
    void resourcePolicyMustNamePrincipal()
    {
        assertThatThrownBy(() -> PolicyDocument.parse(policy(OK_STATEMENT), PolicyGrammar.RESOURCE))
                .isInstanceOf(MalformedPolicyException.class)
                .hasMessage("Missing required field Principal");
    }

    @Test
    void awsPrincipalMustBeAnAccountAnArnOrStar()
    {
        assertThatThrownBy(() -> PolicyDocument.parse(policy("{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"alice\"},\"Action\":\"s3:*\",\"Resource\":\"*\"}"), PolicyGrammar.RESOURCE))
                .isInstanceOf(MalformedPolicyException.class)
                .hasMessage("Invalid principal in policy: \"AWS\":\"alice\"");
    }

    @Test
    void trustPolicyWithoutResourceParses()
    {
        PolicyDocument document = PolicyDocument.parse(policy("{\"Effect\":\"Allow\",\"Principal\":{\"Service\":\"ec2.amazonaws.com\"},\"Action\":\"sts:AssumeRole\"}"), PolicyGrammar.RESOURCE);

        assertThat(document.statements().get(0).resources()).isEmpty();
        assertThat(document.statements().get(0).principal().orElseThrow().valuesOf(PrincipalType.SERVICE)).containsExactly("ec2.amazonaws.com");
    }

    @Test
    void stringOrArrayIsAcceptedWhereverAwsAcceptsBoth()
    {
        PolicyDocument single = PolicyDocument.parse(policy("{\"Effect\":\"Allow\",\"Action\":\"s3:GetObject\",\"Resource\":\"*\"}"));
        PolicyDocument array = PolicyDocument.parse(policy("[{\"Effect\":\"Allow\",\"Action\":[\"s3:GetObject\"],\"Resource\":[\"*\"]}]"));

        assertThat(single.statements()).isEqualTo(array.statements());
    }

    @Test
    void everyElementIsKeptInTheRecords()
    {
        PolicyDocument document = PolicyDocument.parse("{\"Version\":\"2012-10-17\",\"Id\":\"p1\",\"Statement\":[{\"Sid\":\"One\",\"Effect\":\"Deny\","
                + "\"NotPrincipal\":{\"AWS\":[\"111122223333\",\"arn:aws:iam::111122223333:user/bob\"],\"CanonicalUser\":\"abc\",\"Federated\":\"cognito-identity.amazonaws.com\"},"
                + "\"NotAction\":\"iam:*\",\"NotResource\":[\"arn:aws:s3:::b/*\"],"
                + "\"Condition\":{\"ForAllValues:StringLikeIfExists\":{\"aws:TagKeys\":[\"a*\",\"b\"]},\"Bool\":{\"aws:SecureTransport\":false},\"NumericLessThan\":{\"s3:max-keys\":10}}}]}");

        Statement statement = document.statements().get(0);
        assertThat(document.version()).contains(PolicyVersion.V2012_10_17);
        assertThat(document.id()).contains("p1");
        assertThat(statement.sid()).contains("One");
        assertThat(statement.effect()).isEqualTo(StatementEffect.DENY);
        PrincipalClause principal = statement.principal().orElseThrow();
        assertThat(principal.negated()).isTrue();
        assertThat(principal.values()).isEqualTo(Map.of(
                PrincipalType.AWS, List.of("111122223333", "arn:aws:iam::111122223333:user/bob"),
                PrincipalType.CANONICAL_USER, List.of("abc"),
                PrincipalType.FEDERATED, List.of("cognito-identity.amazonaws.com")));
        assertThat(statement.actions()).isEqualTo(new ElementList(true, List.of("iam:*")));
        assertThat(statement.resources()).contains(new ElementList(true, List.of("arn:aws:s3:::b/*")));
        assertThat(statement.conditions()).extracting(ConditionClause::key, ConditionClause::values).containsExactly(
                org.assertj.core.groups.Tuple.tuple("aws:TagKeys", List.of("a*", "b")),
                org.assertj.core.groups.Tuple.tuple("aws:SecureTransport", List.of("false")),
                org.assertj.core.groups.Tuple.tuple("s3:max-keys", List.of("10")));
        ConditionOperator operator = statement.conditions().get(0).operator();
        assertThat(operator.qualifier()).isEqualTo(ConditionOperator.SetQualifier.FOR_ALL_VALUES);
        assertThat(operator.base()).isEqualTo(ConditionOperator.BaseOperator.STRING_LIKE);
        assertThat(operator.ifExists()).isTrue();
    }

    @Test
    void missingVersionMeansTheOldLanguage()
    {
        PolicyDocument document = PolicyDocument.parse("{\"Statement\":" + OK_STATEMENT + "}");

        assertThat(document.version()).isEqualTo(Optional.empty());
        assertThat(document.effectiveVersion()).isEqualTo(PolicyVersion.V2008_10_17);
    }

    @Test
    void operatorWithoutKeysIsAcceptedAndIgnored()
    {
        PolicyDocument document = PolicyDocument.parse(policy("{\"Effect\":\"Allow\",\"Action\":\"s3:ListBucket\",\"Resource\":\"*\",\"Condition\":{\"a\":{},\"DateGreaterThan\":{}}}"));

        assertThat(document.statements().get(0).conditions()).isEmpty();
    }

    @Test
    void nullIfExistsIsNotAnOperator()
    {
        assertThat(ConditionOperator.parse("NullIfExists")).isEmpty();
        assertThat(ConditionOperator.parse("StringEqualsIfExists")).isPresent();
        assertThat(ConditionOperator.parse("ForAnyValue:Null")).isPresent();
    }
}
