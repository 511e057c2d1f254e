package dev.bulwark.server.auth;

import dev.bulwark.server.services.Access;
import dev.bulwark.server.services.iam.model.Tag;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code aws:PrincipalTag/<key>}: session tags override the principal's own tags whatever the case of the key. */
final class TestPrincipalTagConditionKeys
{
    private static final Authorizer.RequestFacts FACTS = new Authorizer.RequestFacts(Instant.parse("2026-11-23T12:00:00Z"), true, "127.0.0.1", "us-east-1",
            Optional.empty());
    private static final Caller ALICE = Caller.user("123456789012", "arn:aws:iam::123456789012:user/alice", "AIDAEXAMPLEALICE00001", "alice",
            "AKIAEXAMPLEEXAMPLE01");

    @Test
    void sessionTagsReplaceTagsOfTheSameKeyInAnyCase()
    {
        List<Tag> role = List.of(new Tag("Team", "blue"), new Tag("cost", "42"));
        List<Tag> merged = Authorizer.withSessionTags(role, List.of(new Tag("team", "red"), new Tag("project", "apollo")));
        assertThat(merged).containsExactlyInAnyOrder(new Tag("team", "red"), new Tag("project", "apollo"), new Tag("cost", "42"));
        assertThat(Authorizer.withSessionTags(role, List.of())).isEqualTo(role);
    }

    @Test
    void principalTagsBecomeConditionKeysNextToTheGlobalOnes()
    {
        Map<String, List<String>> keys = Authorizer.conditionKeys(ALICE, Access.of("iam:ListUsers", "*"), FACTS,
                List.of(new Tag("team", "blue"), new Tag("cost-center", "")));
        assertThat(keys.get("aws:PrincipalTag/team")).containsExactly("blue");
        assertThat(keys.get("aws:PrincipalTag/cost-center")).containsExactly("");
        assertThat(keys.get("aws:PrincipalIsAWSService")).containsExactly("false");
        assertThat(Authorizer.conditionKeys(ALICE, Access.of("iam:ListUsers", "*"), FACTS)).doesNotContainKey("aws:PrincipalTag/team");
        assertThat(Authorizer.conditionKeys(Caller.anonymous(), Access.of("iam:ListUsers", "*"), FACTS)).doesNotContainKey("aws:PrincipalIsAWSService");
    }
}
