package dev.bulwark.policy.eval;

import static dev.bulwark.policy.eval.Fixtures.ALICE;
import static dev.bulwark.policy.eval.Fixtures.OBJECT;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every condition operator, table-driven: an Allow statement with one condition clause, a request context, and
 * whether the condition holds (Allow) or not (ImplicitDeny). "-" as the request value means the key is absent.
 */
final class TestConditionOperators
{
    static Stream<Arguments> operators()
    {
        return Stream.of(
                // String
                row("StringEquals", "k", "\"eng\"", "eng", true),
                row("StringEquals", "k", "\"eng\"", "Eng", false),
                row("StringEquals", "k", "[\"ops\",\"eng\"]", "eng", true),
                row("StringEquals", "k", "\"eng\"", "-", false),
                row("StringNotEquals", "k", "\"eng\"", "ops", true),
                row("StringNotEquals", "k", "\"eng\"", "eng", false),
                row("StringNotEquals", "k", "[\"ops\",\"eng\"]", "eng", false),
                row("StringNotEquals", "k", "\"eng\"", "-", true),
                row("StringEqualsIgnoreCase", "k", "\"ENG\"", "eng", true),
                row("StringNotEqualsIgnoreCase", "k", "\"ENG\"", "eng", false),
                row("StringNotEqualsIgnoreCase", "k", "\"ENG\"", "ops", true),
                row("StringLike", "k", "\"eng-*\"", "eng-backend", true),
                row("StringLike", "k", "\"eng-*\"", "ops", false),
                row("StringLike", "k", "\"e?g\"", "eng", true),
                row("StringLike", "k", "\"E*\"", "eng", false),
                row("StringNotLike", "k", "\"eng-*\"", "ops", true),
                row("StringNotLike", "k", "\"eng-*\"", "eng-x", false),
                row("StringNotLike", "k", "\"eng-*\"", "-", true),
                // Numeric
                row("NumericEquals", "k", "\"10\"", "10", true),
                row("NumericEquals", "k", "\"10\"", "10.0", true),
                row("NumericEquals", "k", "\"10\"", "11", false),
                row("NumericEquals", "k", "\"10\"", "ten", false),
                row("NumericNotEquals", "k", "\"10\"", "11", true),
                row("NumericNotEquals", "k", "\"10\"", "10", false),
                row("NumericLessThan", "k", "\"10\"", "9", true),
                row("NumericLessThan", "k", "\"10\"", "10", false),
                row("NumericLessThanEquals", "k", "\"10\"", "10", true),
                row("NumericGreaterThan", "k", "\"10\"", "10.5", true),
                row("NumericGreaterThan", "k", "\"10\"", "-3", false),
                row("NumericGreaterThanEquals", "k", "10", "10", true),
                // Date: ISO 8601 and epoch seconds, on either side
                row("DateLessThan", "aws:CurrentTime", "\"2025-01-01T00:00:00Z\"", "2024-06-01T00:00:00Z", true),
                row("DateLessThan", "aws:CurrentTime", "\"2025-01-01T00:00:00Z\"", "2025-06-01T00:00:00Z", false),
                row("DateLessThan", "aws:CurrentTime", "\"1893456000\"", "2029-12-31T23:59:59Z", true),
                row("DateLessThan", "aws:CurrentTime", "\"1893456000\"", "2030-01-01T00:00:01Z", false),
                row("DateGreaterThan", "aws:EpochTime", "\"2024-01-01T00:00:00Z\"", "1735689600", true),
                row("DateEquals", "aws:CurrentTime", "\"2024-01-01\"", "2024-01-01T00:00:00Z", true),
                row("DateEquals", "aws:CurrentTime", "\"2024-01-01T01:00:00+01:00\"", "2024-01-01T00:00:00Z", true),
                row("DateNotEquals", "aws:CurrentTime", "\"2024-01-01T00:00:00Z\"", "2024-01-02T00:00:00Z", true),
                row("DateLessThanEquals", "aws:CurrentTime", "\"2024-01-01T00:00:00Z\"", "2024-01-01T00:00:00Z", true),
                row("DateGreaterThanEquals", "aws:CurrentTime", "\"2024-01-01T00:00:00Z\"", "2023-12-31T23:59:59Z", false),
                row("DateGreaterThan", "aws:CurrentTime", "\"2024-01-01T00:00:00Z\"", "-", false),
                // Bool
                row("Bool", "aws:SecureTransport", "\"true\"", "true", true),
                row("Bool", "aws:SecureTransport", "true", "TRUE", true),
                row("Bool", "aws:SecureTransport", "\"true\"", "false", false),
                row("Bool", "aws:MultiFactorAuthPresent", "\"false\"", "-", false),
                row("BoolIfExists", "aws:MultiFactorAuthPresent", "\"false\"", "-", true),
                // Binary
                row("BinaryEquals", "k", "\"QmluYXJ5VmFsdWU=\"", "QmluYXJ5VmFsdWU=", true),
                row("BinaryEquals", "k", "\"QmluYXJ5VmFsdWU=\"", "QmluYXJ5VmFsdWF=", false),
                // IP
                row("IpAddress", "aws:SourceIp", "\"203.0.113.0/24\"", "203.0.113.7", true),
                row("IpAddress", "aws:SourceIp", "\"203.0.113.0/24\"", "203.0.114.7", false),
                row("IpAddress", "aws:SourceIp", "\"203.0.113.7\"", "203.0.113.7", true),
                row("IpAddress", "aws:SourceIp", "\"10.0.0.0/9\"", "10.127.255.255", true),
                row("IpAddress", "aws:SourceIp", "\"10.0.0.0/9\"", "10.128.0.0", false),
                row("IpAddress", "aws:SourceIp", "\"2001:db8::/32\"", "2001:db8:85a3::8a2e:370:7334", true),
                row("IpAddress", "aws:SourceIp", "\"2001:db8::/32\"", "2001:db9::1", false),
                row("IpAddress", "aws:SourceIp", "\"2001:db8::/32\"", "203.0.113.7", false),
                row("IpAddress", "aws:SourceIp", "\"::ffff:203.0.113.0/120\"", "::ffff:203.0.113.9", true),
                row("IpAddress", "aws:SourceIp", "\"203.0.113.0/24\"", "not-an-ip", false),
                row("NotIpAddress", "aws:SourceIp", "\"10.0.0.0/8\"", "203.0.113.7", true),
                row("NotIpAddress", "aws:SourceIp", "\"10.0.0.0/8\"", "10.1.2.3", false),
                row("NotIpAddress", "aws:SourceIp", "\"10.0.0.0/8\"", "-", true),
                // ARN: part by part
                row("ArnLike", "aws:PrincipalArn", "\"arn:aws:iam::*:role/Dev\"", "arn:aws:iam::111111111111:role/Dev", true),
                row("ArnLike", "aws:PrincipalArn", "\"arn:aws:iam::*:role/*\"", "arn:aws:iam::111111111111:user/alice", false),
                row("ArnEquals", "aws:SourceArn", "\"arn:aws:sns:*:111111111111:topic\"", "arn:aws:sns:us-east-1:111111111111:topic", true),
                row("ArnEquals", "aws:SourceArn", "\"arn:aws:sns:us-east-1:111111111111:topic\"", "arn:aws:sns:us-east-1:111111111111:other", false),
                row("ArnLike", "aws:SourceArn", "\"arn:aws:s3:::bucket-*\"", "arn:aws:s3:::bucket-a/key", true),
                row("ArnLike", "aws:SourceArn", "\"arn:aws:*:us-east-1:*:*\"", "arn:aws:sqs:eu-west-1:111111111111:us-east-1", false),
                row("ArnLike", "aws:SourceArn", "\"arn:aws:s3:::*\"", "not-an-arn", false),
                row("ArnNotEquals", "aws:SourceArn", "\"arn:aws:sns:us-east-1:111111111111:topic\"", "arn:aws:sns:us-east-1:111111111111:other", true),
                row("ArnNotLike", "aws:PrincipalArn", "\"arn:aws:iam::*:role/*\"", "arn:aws:iam::111111111111:role/Dev", false),
                row("ArnNotLike", "aws:PrincipalArn", "\"arn:aws:iam::*:role/*\"", "-", true),
                // Null
                row("Null", "aws:TokenIssueTime", "\"true\"", "-", true),
                row("Null", "aws:TokenIssueTime", "\"true\"", "2024-01-01T00:00:00Z", false),
                row("Null", "aws:TokenIssueTime", "\"false\"", "2024-01-01T00:00:00Z", true),
                row("Null", "aws:TokenIssueTime", "false", "-", false),
                // IfExists
                row("StringEqualsIfExists", "k", "\"dev\"", "-", true),
                row("StringEqualsIfExists", "k", "\"dev\"", "prod", false),
                row("NumericLessThanIfExists", "k", "\"5\"", "-", true),
                // Set qualifiers on multivalued keys
                row("ForAnyValue:StringEquals", "aws:TagKeys", "[\"env\",\"secret\"]", "[owner,env]", true),
                row("ForAnyValue:StringEquals", "aws:TagKeys", "[\"env\",\"secret\"]", "[owner,cost]", false),
                row("ForAnyValue:StringEquals", "aws:TagKeys", "\"env\"", "-", false),
                row("ForAllValues:StringEquals", "aws:TagKeys", "[\"env\",\"owner\"]", "[owner,env]", true),
                row("ForAllValues:StringEquals", "aws:TagKeys", "[\"env\",\"owner\"]", "[owner,cost]", false),
                row("ForAllValues:StringEquals", "aws:TagKeys", "\"env\"", "-", true),
                row("ForAllValues:StringLike", "aws:TagKeys", "\"e*\"", "[env,eu]", true),
                row("ForAnyValue:StringNotEquals", "aws:TagKeys", "\"env\"", "[env,owner]", true),
                row("ForAnyValue:StringNotEquals", "aws:TagKeys", "\"env\"", "[env]", false),
                row("ForAllValues:StringNotEquals", "aws:TagKeys", "[\"secret\"]", "[env,owner]", true),
                row("ForAllValues:StringNotEquals", "aws:TagKeys", "[\"secret\"]", "[env,secret]", false),
                row("ForAnyValue:StringEqualsIfExists", "aws:TagKeys", "\"env\"", "-", true),
                // Key names are case-insensitive, values are not
                row("StringEquals", "AWS:PRINCIPALTAG/Team", "\"eng\"", "eng", true));
    }

    private static Arguments row(String operator, String key, String policyValues, String requestValue, boolean holds)
    {
        return Arguments.of(operator, key, policyValues, requestValue, holds);
    }

    @ParameterizedTest(name = "{0} {1} {2} vs {3} -> {4}")
    @MethodSource("operators")
    void conditionOperatorFollowsAwsSemantics(String operator, String key, String policyValues, String requestValue, boolean holds)
    {
        String requestKey = key.equals("AWS:PRINCIPALTAG/Team") ? "aws:PrincipalTag/team" : key;
        CompiledPolicies policies = Fixtures.identity(Fixtures.doc("{\"Effect\":\"Allow\",\"Action\":\"s3:GetObject\",\"Resource\":\"*\","
                + "\"Condition\":{\"" + operator + "\":{\"" + key + "\":" + policyValues + "}}}"));
        RequestContext context = requestValue.equals("-") ? RequestContext.EMPTY : Fixtures.context(requestKey, requestValue);

        DecisionEffect effect = Fixtures.effect(Fixtures.request(ALICE, "s3:GetObject", OBJECT).identityPolicies(policies).context(context));

        assertThat(effect).isEqualTo(holds ? DecisionEffect.ALLOW : DecisionEffect.IMPLICIT_DENY);
    }
}
