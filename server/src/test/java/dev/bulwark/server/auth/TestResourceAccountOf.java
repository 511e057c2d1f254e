package dev.bulwark.server.auth;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

final class TestResourceAccountOf
{
    @Test
    void readsTheTwelveDigitAccountOfAnArnAndNothingElse()
    {
        assertThat(Authorizer.resourceAccountOf("arn:aws:iam::123456789012:user/alice")).contains("123456789012");
        assertThat(Authorizer.resourceAccountOf("arn:aws:kms:us-east-1:210987654321:key/abc")).contains("210987654321");
        assertThat(Authorizer.resourceAccountOf("arn:aws:s3:::bucket/key")).isEmpty();
        assertThat(Authorizer.resourceAccountOf("arn:aws:iam::aws:policy/AdministratorAccess")).isEmpty();
        assertThat(Authorizer.resourceAccountOf("arn:aws:iam::12345678901x:user/a")).isEmpty();
        assertThat(Authorizer.resourceAccountOf("*")).isEmpty();
        assertThat(Authorizer.resourceAccountOf("arn:aws:iam")).isEmpty();
    }
}
