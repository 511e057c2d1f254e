package dev.bulwark.policy.eval;

import static dev.bulwark.policy.eval.Fixtures.ALICE;
import static dev.bulwark.policy.eval.Fixtures.context;
import static dev.bulwark.policy.eval.Fixtures.effect;
import static dev.bulwark.policy.eval.Fixtures.identity;
import static dev.bulwark.policy.eval.Fixtures.request;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Policy variables in Resource and in condition values, table-driven. */
final class TestPolicyVariables
{
    private static final String V2012 = "\"Version\":\"2012-10-17\",";

    static Stream<Arguments> resources()
    {
        return Stream.of(
                row(V2012, "arn:aws:s3:::b/home/${aws:username}/*", "arn:aws:s3:::b/home/alice/f", context("aws:username", "alice"), true),
                row(V2012, "arn:aws:s3:::b/home/${aws:username}/*", "arn:aws:s3:::b/home/bob/f", context("aws:username", "alice"), false),
                row(V2012, "arn:aws:s3:::b/home/${aws:username}/*", "arn:aws:s3:::b/home/alice/f", context(), false),
                row(V2012, "arn:aws:s3:::b/home/${AWS:UserName}/*", "arn:aws:s3:::b/home/alice/f", context("aws:username", "alice"), true),
                row(V2012, "arn:aws:s3:::b/home/${aws:username, 'shared'}/*", "arn:aws:s3:::b/home/shared/f", context(), true),
                row(V2012, "arn:aws:s3:::b/home/${aws:username, 'shared'}/*", "arn:aws:s3:::b/home/alice/f", context("aws:username", "alice"), true),
                row(V2012, "arn:aws:s3:::b/${aws:PrincipalTag/team}/*", "arn:aws:s3:::b/eng/f", context("aws:PrincipalTag/team", "eng"), true),
                row(V2012, "arn:aws:s3:::b/${aws:userid}/*", "arn:aws:s3:::b/AIDAEXAMPLE/f", context("aws:userid", "AIDAEXAMPLE"), true),
                row(V2012, "arn:aws:s3:::b/${aws:RequestTag/env}/*", "arn:aws:s3:::b/dev/f", context("aws:RequestTag/env", "[dev,prod]"), false),
                row(V2012, "arn:aws:s3:::b/${*}", "arn:aws:s3:::b/*", context(), true),
                row(V2012, "arn:aws:s3:::b/${*}", "arn:aws:s3:::b/anything", context(), false),
                row(V2012, "arn:aws:s3:::b/${?}", "arn:aws:s3:::b/x", context(), false),
                row(V2012, "arn:aws:s3:::b/${$}x", "arn:aws:s3:::b/$x", context(), true),
                row(V2012, "arn:aws:s3:::b/${aws:username}", "arn:aws:s3:::b/a*", context("aws:username", "a*"), true),
                row(V2012, "arn:aws:s3:::b/${aws:username}", "arn:aws:s3:::b/abc", context("aws:username", "a*"), false),
                row("", "arn:aws:s3:::b/home/${aws:username}/*", "arn:aws:s3:::b/home/alice/f", context("aws:username", "alice"), false),
                row("", "arn:aws:s3:::b/home/${aws:username}/*", "arn:aws:s3:::b/home/${aws:username}/f", context("aws:username", "alice"), true),
                row("\"Version\":\"2008-10-17\",", "arn:aws:s3:::b/home/${aws:username}/*", "arn:aws:s3:::b/home/alice/f", context("aws:username", "alice"), false));
    }

    private static Arguments row(String version, String pattern, String resource, RequestContext context, boolean allowed)
    {
        return Arguments.of(version, pattern, resource, context, allowed);
    }

    @ParameterizedTest(name = "{0}{1} vs {2} with {3} -> {4}")
    @MethodSource("resources")
    void resourceVariablesAreSubstitutedOnlyIn2012Policies(String version, String pattern, String resource, RequestContext context, boolean allowed)
    {
        String policy = "{" + version + "\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"s3:GetObject\",\"Resource\":\"" + pattern + "\"}]}";

        assertThat(effect(request(ALICE, "s3:GetObject", resource).identityPolicies(identity(policy)).context(context)))
                .isEqualTo(allowed ? DecisionEffect.ALLOW : DecisionEffect.IMPLICIT_DENY);
    }

    static Stream<Arguments> conditions()
    {
        return Stream.of(
                Arguments.of("StringEquals", "\"${aws:username}\"", context("aws:ResourceTag/owner", "alice", "aws:username", "alice"), true),
                Arguments.of("StringEquals", "\"${aws:username}\"", context("aws:ResourceTag/owner", "bob", "aws:username", "alice"), false),
                Arguments.of("StringEquals", "\"${aws:username}\"", context("aws:ResourceTag/owner", "alice"), false),
                Arguments.of("StringLike", "\"${aws:username}-*\"", context("aws:ResourceTag/owner", "alice-2", "aws:username", "alice"), true),
                Arguments.of("StringEquals", "\"${aws:username, 'alice'}\"", context("aws:ResourceTag/owner", "alice"), true));
    }

    @ParameterizedTest(name = "{0} {1} with {2} -> {3}")
    @MethodSource("conditions")
    void conditionValuesSubstituteVariables(String operator, String value, RequestContext context, boolean allowed)
    {
        String policy = "{" + V2012 + "\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"s3:GetObject\",\"Resource\":\"*\","
                + "\"Condition\":{\"" + operator + "\":{\"aws:ResourceTag/owner\":" + value + "}}}]}";

        assertThat(effect(request(ALICE, "s3:GetObject", "arn:aws:s3:::b/x").identityPolicies(identity(policy)).context(context)))
                .isEqualTo(allowed ? DecisionEffect.ALLOW : DecisionEffect.IMPLICIT_DENY);
    }
}
