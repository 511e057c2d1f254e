package dev.bulwark.policy.validate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

final class TestIamPolicySizeLimit
{
    /** A document of exactly {@code size} non-whitespace characters, padded with whitespace IAM does not count. */
    private static String documentOfSize(int size)
    {
        String frame = "{\"Version\":\"2012-10-17\",\"Id\":\"\"}";
        String id = "x".repeat(size - frame.length());
        return "{\n  \"Version\": \"2012-10-17\",\n  \"Id\": \"" + id + "\"\n}\n";
    }

    @Test
    void testWhitespaceIsNotCounted()
    {
        assertThat(IamPolicySizeLimit.size("{ \"a\" :\t[ 1 ,\n 2 ] }")).isEqualTo("{\"a\":[1,2]}".length());
        assertThat(IamPolicySizeLimit.size(documentOfSize(100))).isEqualTo(100);
    }

    @Test
    void testManagedPolicyAtQuotaFitsAndOneMoreCharacterDoesNot()
    {
        assertThat(IamPolicySizeLimit.MANAGED_POLICY.checkManagedPolicy(documentOfSize(6_144))).isEmpty();
        assertThat(IamPolicySizeLimit.MANAGED_POLICY.checkManagedPolicy(documentOfSize(6_145))).contains(
                new IamPolicySizeLimit.Violation("LimitExceeded", "Cannot exceed quota for PolicySize: 6144", 6_145, 6_144));
    }

    @ParameterizedTest
    @CsvSource({
            "USER_INLINE_POLICIES, 2048, alice, Maximum policy size of 2048 bytes exceeded for user alice",
            "GROUP_INLINE_POLICIES, 5120, admins, Maximum policy size of 5120 bytes exceeded for group admins",
            "ROLE_INLINE_POLICIES, 10240, app-role, Maximum policy size of 10240 bytes exceeded for role app-role",
    })
    void testInlinePoliciesCountTogether(IamPolicySizeLimit limit, int quota, String entity, String message)
    {
        String half = documentOfSize(quota / 2);
        assertThat(limit.maxCharacters()).isEqualTo(quota);
        assertThat(limit.checkInlinePolicies(entity, List.of(half, half))).isEmpty();

        String overHalf = documentOfSize(quota / 2 + 1);
        assertThat(limit.checkInlinePolicies(entity, List.of(half, overHalf))).get().satisfies(violation -> {
            assertThat(violation.errorCode()).isEqualTo("LimitExceeded");
            assertThat(violation.message()).isEqualTo(message);
            assertThat(violation.size()).isEqualTo(quota + 1);
        });
    }

    @Test
    void testLimitsAreNotMixedUp()
    {
        assertThatThrownBy(() -> IamPolicySizeLimit.USER_INLINE_POLICIES.checkManagedPolicy("{}")).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> IamPolicySizeLimit.MANAGED_POLICY.checkInlinePolicies("alice", List.of("{}"))).isInstanceOf(IllegalStateException.class);
    }
}
