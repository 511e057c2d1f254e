package dev.bulwark.server.services.sts;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

final class TestPackedPolicySize
{
    @Test
    void percentageIsOfTheWhitespaceFreePlaintextBudgetRoundedUp()
    {
        String policy = "{ \"Version\" : \"2012-10-17\" }";
        int compact = "{\"Version\":\"2012-10-17\"}".length();
        assertThat(PackedPolicySize.percentOf(policy, List.of())).isEqualTo((int) Math.ceil(compact * 100.0 / 2048));
        assertThat(PackedPolicySize.percentOf(null, List.of())).isZero();
    }

    @Test
    void managedPolicyArnsCountTowardsTheBudget()
    {
        String arn = "arn:aws:iam::aws:policy/ReadOnlyAccess";
        assertThat(PackedPolicySize.percentOf(null, List.of(arn))).isEqualTo((int) Math.ceil(arn.length() * 100.0 / 2048));
        assertThat(PackedPolicySize.percentOf("x".repeat(2048), List.of())).isEqualTo(100);
        assertThat(PackedPolicySize.percentOf("x".repeat(2049), List.of())).isEqualTo(101);
    }
}
