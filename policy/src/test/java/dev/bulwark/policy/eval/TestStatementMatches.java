package dev.bulwark.policy.eval;

import static dev.bulwark.policy.eval.Fixtures.ALICE;
import static dev.bulwark.policy.eval.Fixtures.OBJECT;
import static dev.bulwark.policy.eval.Fixtures.context;
import static dev.bulwark.policy.eval.Fixtures.doc;
import static dev.bulwark.policy.eval.Fixtures.identity;
import static dev.bulwark.policy.eval.Fixtures.request;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Every applying statement, as the policy simulator reports them, with the engine's own matching. */
final class TestStatementMatches
{
    private static final String ALLOW_GET = "{\"Effect\":\"Allow\",\"Action\":\"s3:GetObject\",\"Resource\":\"*\"}";
    private static final String ALLOW_ALL_S3 = "{\"Effect\":\"Allow\",\"Action\":\"s3:*\",\"Resource\":\"arn:aws:s3:::bucket/*\"}";
    private static final String DENY_WITHOUT_MFA = "{\"Sid\":\"Mfa\",\"Effect\":\"Deny\",\"Action\":\"*\",\"Resource\":\"*\","
            + "\"Condition\":{\"Bool\":{\"aws:MultiFactorAuthPresent\":\"false\"}}}";
    private static final String OTHER_BUCKET = "{\"Effect\":\"Allow\",\"Action\":\"s3:*\",\"Resource\":\"arn:aws:s3:::other/*\"}";

    @Test
    void listsEveryApplyingStatementNotJustTheFirst()
    {
        CompiledPolicies policies = identity(doc(ALLOW_GET, OTHER_BUCKET), doc(ALLOW_ALL_S3, DENY_WITHOUT_MFA));
        AuthorizationRequest request = request(ALICE, "s3:GetObject", OBJECT).identityPolicies(policies).context(context("aws:MultiFactorAuthPresent", "true")).build();
        List<StatementMatches.Match> matches = StatementMatches.applying(policies, request);
        assertThat(matches).extracting(match -> match.ref().policyName() + "#" + match.ref().index()).containsExactly("identity0#0", "identity1#0");
        assertThat(matches).noneMatch(StatementMatches.Match::deny);
    }

    @Test
    void conditionsDecideApplyingButNotApplyingWithoutConditions()
    {
        CompiledPolicies policies = identity(doc(ALLOW_GET, DENY_WITHOUT_MFA));
        AuthorizationRequest noMfaKey = request(ALICE, "s3:GetObject", OBJECT).identityPolicies(policies).build();
        assertThat(StatementMatches.applying(policies, noMfaKey)).extracting(match -> match.ref().index()).containsExactly(0);
        assertThat(StatementMatches.applyingWithoutConditions(policies, noMfaKey)).extracting(match -> match.ref().index()).containsExactly(0, 1);
        AuthorizationRequest withoutMfa = request(ALICE, "s3:GetObject", OBJECT).identityPolicies(policies).context(context("aws:MultiFactorAuthPresent", "false")).build();
        List<StatementMatches.Match> matches = StatementMatches.applying(policies, withoutMfa);
        assertThat(matches).extracting(StatementMatches.Match::deny).containsExactly(false, true);
        assertThat(matches.get(1).ref().sid()).contains("Mfa");
        assertThat(PolicyEvaluator.evaluate(withoutMfa).statements()).containsExactly(matches.get(1).ref());
    }
}
