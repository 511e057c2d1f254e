package dev.bulwark.policy.bench;

import dev.bulwark.policy.document.PolicyDocument;
import dev.bulwark.policy.eval.AuthorizationRequest;
import dev.bulwark.policy.eval.CompiledPolicies;
import dev.bulwark.policy.eval.PolicySource;
import dev.bulwark.policy.eval.PolicyType;
import dev.bulwark.policy.eval.RequestContext;
import dev.bulwark.policy.eval.RequestPrincipal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A principal shaped like a real one: 10 attached policies, 50 statements over 10 services, with wildcards,
 * conditions, policy variables and a few denies; plus the organisation and boundary around it.
 */
final class TypicalPrincipal
{
    static final String[] SERVICES = {"s3", "dynamodb", "sqs", "kms", "ec2", "lambda", "logs", "sns", "iam", "cloudwatch"};

    private TypicalPrincipal() {}

    static List<String> policyJson()
    {
        List<String> policies = new ArrayList<>();
        for (int p = 0; p < 10; p++) {
            String service = SERVICES[p];
            List<String> statements = new ArrayList<>();
            statements.add("{\"Sid\":\"Read" + p + "\",\"Effect\":\"Allow\",\"Action\":[\"" + service + ":Get*\",\"" + service + ":List*\",\"" + service + ":Describe*\"],"
                    + "\"Resource\":\"arn:aws:" + service + ":*:111111111111:*\"}");
            statements.add("{\"Sid\":\"Write" + p + "\",\"Effect\":\"Allow\",\"Action\":[\"" + service + ":Put*\",\"" + service + ":Create*\"],"
                    + "\"Resource\":\"arn:aws:" + service + ":us-east-1:111111111111:team-*\","
                    + "\"Condition\":{\"StringEquals\":{\"aws:PrincipalTag/team\":[\"eng\",\"ops\"]},\"Bool\":{\"aws:SecureTransport\":\"true\"}}}");
            statements.add("{\"Sid\":\"Home" + p + "\",\"Effect\":\"Allow\",\"Action\":\"" + service + ":*\","
                    + "\"Resource\":\"arn:aws:" + service + ":*:111111111111:home/${aws:username}/*\"}");
            statements.add("{\"Sid\":\"NoDelete" + p + "\",\"Effect\":\"Deny\",\"Action\":\"" + service + ":Delete*\",\"Resource\":\"*\","
                    + "\"Condition\":{\"BoolIfExists\":{\"aws:MultiFactorAuthPresent\":\"false\"}}}");
            statements.add("{\"Sid\":\"Net" + p + "\",\"Effect\":\"Deny\",\"Action\":\"" + service + ":*\",\"Resource\":\"*\","
                    + "\"Condition\":{\"NotIpAddress\":{\"aws:SourceIp\":[\"10.0.0.0/8\",\"203.0.113.0/24\",\"2001:db8::/32\"]}}}");
            policies.add("{\"Version\":\"2012-10-17\",\"Statement\":[" + String.join(",", statements) + "]}");
        }
        return policies;
    }

    static List<PolicySource> parsed()
    {
        List<PolicySource> sources = new ArrayList<>();
        List<String> json = policyJson();
        for (int i = 0; i < json.size(); i++) {
            sources.add(new PolicySource(PolicyType.IDENTITY, "arn:aws:iam::111111111111:policy/p" + i, PolicyDocument.parse(json.get(i))));
        }
        return sources;
    }

    static RequestContext context()
    {
        return RequestContext.of(Map.of(
                "aws:username", List.of("alice"),
                "aws:PrincipalArn", List.of("arn:aws:iam::111111111111:user/alice"),
                "aws:PrincipalAccount", List.of("111111111111"),
                "aws:PrincipalTag/team", List.of("eng"),
                "aws:SecureTransport", List.of("true"),
                "aws:MultiFactorAuthPresent", List.of("true"),
                "aws:SourceIp", List.of("203.0.113.9"),
                "aws:CurrentTime", List.of("2026-01-01T00:00:00Z"),
                "aws:RequestedRegion", List.of("us-east-1")));
    }

    /** Identity policies only: s3:PutObject on a team object, allowed by a conditional statement. */
    static AuthorizationRequest identityOnly(CompiledPolicies identity)
    {
        return AuthorizationRequest.builder(RequestPrincipal.parse("arn:aws:iam::111111111111:user/alice"), "s3:PutObject",
                        "arn:aws:s3:us-east-1:111111111111:team-data/report.csv")
                .identityPolicies(identity)
                .context(context())
                .build();
    }

    /** The same request with a bucket policy, a boundary and two SCP levels: every policy type visited. */
    static AuthorizationRequest everything(CompiledPolicies identity)
    {
        CompiledPolicies scp = compile(PolicyType.SCP, "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"*\"},"
                + "{\"Effect\":\"Deny\",\"NotAction\":[\"iam:*\",\"sts:*\"],\"Resource\":\"*\",\"Condition\":{\"StringNotEquals\":{\"aws:RequestedRegion\":[\"us-east-1\",\"eu-west-1\"]}}}]}");
        CompiledPolicies boundary = compile(PolicyType.PERMISSIONS_BOUNDARY, "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":[\"s3:*\",\"dynamodb:*\",\"sqs:*\"],\"Resource\":\"*\"}]}");
        CompiledPolicies bucket = compile(PolicyType.RESOURCE, "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Deny\",\"Principal\":\"*\",\"Action\":\"s3:*\",\"Resource\":\"*\","
                + "\"Condition\":{\"Bool\":{\"aws:SecureTransport\":\"false\"}}},{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"arn:aws:iam::111111111111:root\"},\"Action\":\"s3:*\",\"Resource\":\"*\"}]}");
        return AuthorizationRequest.builder(RequestPrincipal.parse("arn:aws:iam::111111111111:user/alice"), "s3:PutObject",
                        "arn:aws:s3:us-east-1:111111111111:team-data/report.csv")
                .identityPolicies(identity)
                .resourcePolicy(bucket)
                .permissionsBoundary(boundary)
                .scpLevels(List.of(scp, scp))
                .context(context())
                .build();
    }

    static CompiledPolicies compile(PolicyType type, String json)
    {
        return CompiledPolicies.compile(new PolicySource(type, type.name(), PolicyDocument.parse(json)));
    }
}
