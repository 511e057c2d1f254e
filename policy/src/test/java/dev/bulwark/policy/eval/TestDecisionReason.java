package dev.bulwark.policy.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** AccessDenied wording rendered from decisions (AWS IAM "Troubleshoot access denied error messages"). */
final class TestDecisionReason
{
    private static final StatementRef REF = new StatementRef(PolicyType.IDENTITY, "p", 0, Optional.empty());

    static Stream<Arguments> reasons()
    {
        return Stream.of(
                Arguments.of(DecisionEffect.IMPLICIT_DENY, PolicyType.IDENTITY, "because no identity-based policy allows the s3:GetObject action"),
                Arguments.of(DecisionEffect.IMPLICIT_DENY, PolicyType.RESOURCE, "because no resource-based policy allows the s3:GetObject action"),
                Arguments.of(DecisionEffect.IMPLICIT_DENY, PolicyType.PERMISSIONS_BOUNDARY, "because no permissions boundary allows the s3:GetObject action"),
                Arguments.of(DecisionEffect.IMPLICIT_DENY, PolicyType.SESSION, "because no session policy allows the s3:GetObject action"),
                Arguments.of(DecisionEffect.IMPLICIT_DENY, PolicyType.SCP, "because no service control policy allows the s3:GetObject action"),
                Arguments.of(DecisionEffect.IMPLICIT_DENY, PolicyType.RCP, "because no resource control policy allows the s3:GetObject action"),
                Arguments.of(DecisionEffect.EXPLICIT_DENY, PolicyType.IDENTITY, "with an explicit deny in an identity-based policy"),
                Arguments.of(DecisionEffect.EXPLICIT_DENY, PolicyType.RESOURCE, "with an explicit deny in a resource-based policy"),
                Arguments.of(DecisionEffect.EXPLICIT_DENY, PolicyType.PERMISSIONS_BOUNDARY, "with an explicit deny in a permissions boundary"),
                Arguments.of(DecisionEffect.EXPLICIT_DENY, PolicyType.SESSION, "with an explicit deny in a session policy"),
                Arguments.of(DecisionEffect.EXPLICIT_DENY, PolicyType.SCP, "with an explicit deny in a service control policy"),
                Arguments.of(DecisionEffect.EXPLICIT_DENY, PolicyType.RCP, "with an explicit deny in a resource control policy"));
    }

    @ParameterizedTest(name = "{0} by {1}")
    @MethodSource("reasons")
    void reasonNamesThePolicyTypeThatDenied(DecisionEffect effect, PolicyType type, String reason)
    {
        Decision decision = new Decision(effect, Optional.of(type), List.of(), "s3:GetObject");

        assertThat(decision.reason()).isEqualTo(reason);
    }

    @Test
    void accessDeniedMessageHasAwsShape()
    {
        Decision decision = PolicyEvaluator.evaluate(Fixtures.request(Fixtures.ALICE, "s3:GetObject", Fixtures.OBJECT).build());

        assertThat(decision.accessDeniedMessage(Fixtures.ALICE, Fixtures.OBJECT)).isEqualTo(
                "User: arn:aws:iam::111111111111:user/alice is not authorized to perform: s3:GetObject on resource: arn:aws:s3:::bucket/data/file.txt"
                        + " because no identity-based policy allows the s3:GetObject action");
    }

    @Test
    void allowHasNoReasonAndNoDenyingType()
    {
        Decision decision = new Decision(DecisionEffect.ALLOW, Optional.empty(), List.of(REF), "s3:GetObject");

        assertThat(decision.reason()).isEmpty();
        assertThatThrownBy(() -> new Decision(DecisionEffect.ALLOW, Optional.of(PolicyType.IDENTITY), List.of(), "s3:GetObject"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Decision(DecisionEffect.IMPLICIT_DENY, Optional.empty(), List.of(), "s3:GetObject"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
