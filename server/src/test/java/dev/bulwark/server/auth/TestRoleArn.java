package dev.bulwark.server.auth;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

final class TestRoleArn
{
    @ParameterizedTest
    @CsvSource(nullValues = "null", value = {
            "arn:aws:iam::123456789012:role/App,                123456789012, App",
            "arn:aws:iam::123456789012:role/team/ci/Deployer,   123456789012, Deployer",
            "arn:aws:iam::123456789012:user/App,                null,         null",
            "arn:aws:sts::123456789012:assumed-role/App/s,      null,         null",
            "arn:aws:iam::12345:role/App,                       null,         null",
            "arn:aws:iam:us-east-1:123456789012:role/App,       null,         null",
            "arn:aws:iam::123456789012:role/,                   null,         null",
            "*,                                                 null,         null",
    })
    void parsesOnlyIamRoleArns(String arn, String account, String name)
    {
        assertThat(RoleArn.parse(arn)).isEqualTo(account == null ? Optional.empty() : Optional.of(new RoleArn(account, name)));
    }
}
