package dev.bulwark.server.auth;

import dev.bulwark.server.services.Access;
import dev.bulwark.server.services.iam.model.Role;
import dev.bulwark.server.services.iam.model.RoleSession;
import dev.bulwark.server.services.iam.model.User;
import dev.bulwark.server.services.iam.model.UserSession;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code aws:MultiFactorAuthPresent} and {@code aws:MultiFactorAuthAge} as AWS documents them: absent for long-term
 * keys, present (true or false) for temporary credentials, the age counted at each request.
 */
final class TestMfaConditionKeys
{
    private static final String ACCOUNT = "123456789012";
    private static final Instant NOW = Instant.parse("2026-11-23T12:00:00Z");
    private static final User ALICE = new User(ACCOUNT, "alice", "/", "AIDAEXAMPLEALICE00001", NOW.minusSeconds(86_400), null);
    private static final Access LIST_USERS = Access.of("iam:ListUsers", "*");

    @Test
    void longTermKeysCarryNoMfaKeys()
    {
        Map<String, List<String>> keys = keys(Caller.user(ACCOUNT, ALICE.arn(), ALICE.userId(), "alice", "AKIAEXAMPLEEXAMPLE01"), LIST_USERS);
        assertThat(keys).doesNotContainKeys("aws:MultiFactorAuthPresent", "aws:MultiFactorAuthAge", "aws:TokenIssueTime");
        assertThat(keys(Caller.root(ACCOUNT, Optional.of("AKIAEXAMPLEEXAMPLE02")), LIST_USERS)).doesNotContainKey("aws:MultiFactorAuthPresent");
    }

    @Test
    void sessionsWithoutMfaSayFalseAndCarryNoAge()
    {
        Map<String, List<String>> keys = keys(Caller.of(session(null)), LIST_USERS);
        assertThat(keys.get("aws:MultiFactorAuthPresent")).containsExactly("false");
        assertThat(keys).doesNotContainKey("aws:MultiFactorAuthAge");
        assertThat(keys.get("aws:TokenIssueTime")).containsExactly("2026-11-23T11:50:00Z");

        Role role = new Role(ACCOUNT, "App", "/", "AROAEXAMPLEAPP000001", NOW.minusSeconds(3600), "{}", null, 3600, null);
        RoleSession roleSession = new RoleSession("ASIAEXAMPLEEXAMPLE03", "secret", "token", role, "s", null, List.of(), null, NOW.minusSeconds(60),
                NOW.plusSeconds(3540));
        assertThat(keys(Caller.assumedRole(roleSession), LIST_USERS).get("aws:MultiFactorAuthPresent")).containsExactly("false");
    }

    @Test
    void mfaSessionsSayTrueWithTheAgeAtThisRequest()
    {
        Map<String, List<String>> keys = keys(Caller.of(session(NOW.minusSeconds(600))), LIST_USERS);
        assertThat(keys.get("aws:MultiFactorAuthPresent")).containsExactly("true");
        assertThat(keys.get("aws:MultiFactorAuthAge")).containsExactly("600");

        Role role = new Role(ACCOUNT, "App", "/", "AROAEXAMPLEAPP000001", NOW.minusSeconds(3600), "{}", null, 3600, null);
        RoleSession roleSession = new RoleSession("ASIAEXAMPLEEXAMPLE03", "secret", "token", role, "s", null, List.of(), null, NOW.minusSeconds(60),
                NOW.plusSeconds(3540), NOW.minusSeconds(60));
        Map<String, List<String>> roleKeys = keys(Caller.assumedRole(roleSession), LIST_USERS);
        assertThat(roleKeys.get("aws:MultiFactorAuthPresent")).containsExactly("true");
        assertThat(roleKeys.get("aws:MultiFactorAuthAge")).containsExactly("60");
    }

    @Test
    void aRequestThatProvesMfaItselfDeclaresItsKeys()
    {
        Access assumeWithMfa = new Access("sts:AssumeRole", "arn:aws:iam::" + ACCOUNT + ":role/App",
                Map.of("aws:MultiFactorAuthPresent", List.of("true"), "aws:MultiFactorAuthAge", List.of("0")));
        assertThat(keys(Caller.of(session(null)), assumeWithMfa).get("aws:MultiFactorAuthPresent")).containsExactly("true");
        assertThat(keys(Caller.user(ACCOUNT, ALICE.arn(), ALICE.userId(), "alice", "AKIAEXAMPLEEXAMPLE01"), assumeWithMfa).get("aws:MultiFactorAuthAge"))
                .containsExactly("0");
    }

    @Test
    void federatedUsersAreTheirOwnPrincipal()
    {
        UserSession federated = new UserSession("ASIAEXAMPLEEXAMPLE04", "secret", "token", ACCOUNT, ALICE, "app", null, List.of(), null,
                NOW.minusSeconds(60), NOW.plusSeconds(3540));
        Caller caller = Caller.of(federated);
        assertThat(caller.kind()).isEqualTo(Caller.PrincipalKind.FEDERATED_USER);
        Map<String, List<String>> keys = keys(caller, LIST_USERS);
        assertThat(keys.get("aws:PrincipalArn")).containsExactly("arn:aws:sts::" + ACCOUNT + ":federated-user/app");
        assertThat(keys.get("aws:userid")).containsExactly(ACCOUNT + ":app");
        assertThat(keys.get("aws:PrincipalType")).containsExactly("FederatedUser");
        assertThat(keys).doesNotContainKey("aws:username");
    }

    private static UserSession session(Instant mfa)
    {
        return new UserSession("ASIAEXAMPLEEXAMPLE05", "secret", "token", ACCOUNT, ALICE, null, null, List.of(), mfa, NOW.minusSeconds(600),
                NOW.plusSeconds(3000));
    }

    private static Map<String, List<String>> keys(Caller caller, Access access)
    {
        return Authorizer.conditionKeys(caller, access, new Authorizer.RequestFacts(NOW, true, "127.0.0.1", "us-east-1", Optional.empty()));
    }
}
