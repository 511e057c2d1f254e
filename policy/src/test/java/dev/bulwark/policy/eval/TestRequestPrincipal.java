package dev.bulwark.policy.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

final class TestRequestPrincipal
{
    static Stream<Arguments> principals()
    {
        return Stream.of(
                Arguments.of("arn:aws:iam::111111111111:root", PrincipalKind.ROOT, "111111111111", null),
                Arguments.of("arn:aws:iam::111111111111:user/path/alice", PrincipalKind.USER, "111111111111", null),
                Arguments.of("arn:aws:iam::111111111111:role/path/Dev", PrincipalKind.ROLE, "111111111111", "Dev"),
                Arguments.of("arn:aws:sts::111111111111:assumed-role/Dev/s1", PrincipalKind.ASSUMED_ROLE, "111111111111", "Dev"),
                Arguments.of("arn:aws:sts::111111111111:federated-user/fred", PrincipalKind.FEDERATED_USER, "111111111111", null),
                Arguments.of("cloudtrail.amazonaws.com", PrincipalKind.SERVICE, null, null),
                Arguments.of("anonymous", PrincipalKind.ANONYMOUS, null, null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("principals")
    void principalKindAccountAndRoleComeFromTheArn(String text, PrincipalKind kind, String account, String role)
    {
        RequestPrincipal principal = RequestPrincipal.parse(text);

        assertThat(principal.kind()).isEqualTo(kind);
        assertThat(principal.accountId()).isEqualTo(Optional.ofNullable(account));
        assertThat(principal.roleName()).isEqualTo(Optional.ofNullable(role));
        assertThat(principal.arn()).isEqualTo(text);
    }

    @ParameterizedTest
    @ValueSource(strings = {"arn:aws:s3:::bucket", "arn:aws:sts::1:assumed-role/Dev", "arn:aws:iam:::user/x", "a:b", ""})
    void otherTextIsNotAPrincipal(String text)
    {
        assertThatThrownBy(() -> RequestPrincipal.parse(text)).isInstanceOf(IllegalArgumentException.class);
    }
}
