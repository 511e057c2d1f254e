package dev.bulwark.server.services.sts;

import dev.bulwark.protocol.error.AwsErrorException;
import dev.bulwark.server.services.iam.model.Tag;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.assertThatNoException;

/** The checks and role-chain rules of STS session tags, with AWS's wording. */
final class TestSessionTagRules
{
    private static final List<Tag> INHERITED = List.of(new Tag("Project", "apollo"));

    @Test
    void checksRunInAwsOrderWithAwsWording()
    {
        assertInvalid(() -> SessionTags.check(List.of(new Tag("a", "1"), new Tag("A", "2")), List.of("zzz"), INHERITED),
                "Duplicate tag keys found. Please note that Tag keys are case insensitive.");
        assertInvalid(() -> SessionTags.check(List.of(new Tag("a", "1")), List.of("b"), List.of()),
                "The specified transitive tag key must be included in the requested tags.");
        assertInvalid(() -> SessionTags.check(List.of(new Tag("PROJECT", "gemini")), List.of(), INHERITED),
                "One of the specified transitive tag keys can't be set because it conflicts with a transitive tag key from the calling session.");
        assertThatNoException().isThrownBy(() -> SessionTags.check(List.of(new Tag("Team", "red")), List.of("team"), INHERITED));
    }

    @Test
    void inheritedTransitiveTagsComeFirstAndStayTransitive()
    {
        List<Tag> passed = List.of(new Tag("team", "red"), new Tag("cost", "7"));
        assertThat(SessionTags.sessionTags(INHERITED, passed)).containsExactly(new Tag("Project", "apollo"), new Tag("team", "red"), new Tag("cost", "7"));
        assertThat(SessionTags.transitiveKeys(INHERITED, List.of("team", "TEAM"))).containsExactly("Project", "team");
    }

    @Test
    void conditionKeysDescribeTheRequestsTags()
    {
        Map<String, List<String>> keys = SessionTags.conditionKeys(List.of(new Tag("team", "red"), new Tag("cost", "7")), List.of("team"));
        assertThat(keys.get("aws:RequestTag/team")).containsExactly("red");
        assertThat(keys.get("aws:TagKeys")).containsExactly("team", "cost");
        assertThat(keys.get("sts:TransitiveTagKeys")).containsExactly("team");
        assertThat(SessionTags.conditionKeys(List.of(), List.of())).isEmpty();
    }

    @Test
    void tagsCountIntoThePackedSize()
    {
        assertThat(PackedPolicySize.percentOf(null, List.of(), List.of(new Tag("k".repeat(100), "v".repeat(104))))).isEqualTo(10);
        assertThat(PackedPolicySize.percentOf(null, List.of(), List.of())).isZero();
    }

    private static void assertInvalid(org.assertj.core.api.ThrowableAssert.ThrowingCallable call, String message)
    {
        assertThatThrownBy(call).isInstanceOfSatisfying(AwsErrorException.class, e -> {
            assertThat(e.code()).isEqualTo("InvalidParameterValue");
            assertThat(e.getMessage()).isEqualTo(message);
        });
    }
}
