package dev.bulwark.server.services.s3;

import dev.bulwark.policy.document.PolicyDocument;
import dev.bulwark.policy.document.PolicyGrammar;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** "Public" as S3 documents it for bucket policies. */
final class TestPublicPolicy
{
    @Test
    void aGrantToEveryoneIsPublic()
    {
        assertThat(isPublic(statement("\"Principal\":\"*\"", ""))).isTrue();
        assertThat(isPublic(statement("\"Principal\":{\"AWS\":\"*\"}", ""))).isTrue();
        assertThat(isPublic(statement("\"Principal\":{\"AWS\":[\"arn:aws:iam::111122223333:root\",\"*\"]}", ""))).isTrue();
    }

    @Test
    void aGrantToFixedPrincipalsIsNotPublic()
    {
        assertThat(isPublic(statement("\"Principal\":{\"AWS\":\"arn:aws:iam::111122223333:root\"}", ""))).isFalse();
        assertThat(isPublic(statement("\"Principal\":{\"Service\":\"cloudtrail.amazonaws.com\"}", ""))).isFalse();
    }

    @Test
    void fixedValuesOfDocumentedKeysMakeAWildcardGrantNonPublic()
    {
        assertThat(isPublic(statement("\"Principal\":\"*\"", ",\"Condition\":{\"StringEquals\":{\"aws:SourceAccount\":\"111122223333\"}}"))).isFalse();
        assertThat(isPublic(statement("\"Principal\":\"*\"", ",\"Condition\":{\"StringEquals\":{\"aws:PrincipalOrgID\":\"o-abc\"}}"))).isFalse();
        assertThat(isPublic(statement("\"Principal\":\"*\"", ",\"Condition\":{\"IpAddress\":{\"aws:SourceIp\":\"192.0.2.0/24\"}}"))).isFalse();
        assertThat(isPublic(statement("\"Principal\":\"*\"", ",\"Condition\":{\"ArnEquals\":{\"aws:SourceArn\":\"arn:aws:cloudtrail:us-east-1:111122223333:trail/t\"}}")))
                .isFalse();
    }

    @Test
    void wildcardsNegationsIfExistsAndOtherKeysStayPublic()
    {
        assertThat(isPublic(statement("\"Principal\":\"*\"", ",\"Condition\":{\"StringLike\":{\"aws:SourceAccount\":\"1111*\"}}"))).isTrue();
        assertThat(isPublic(statement("\"Principal\":\"*\"", ",\"Condition\":{\"StringNotEquals\":{\"aws:SourceAccount\":\"111122223333\"}}"))).isTrue();
        assertThat(isPublic(statement("\"Principal\":\"*\"", ",\"Condition\":{\"StringEqualsIfExists\":{\"aws:SourceAccount\":\"111122223333\"}}"))).isTrue();
        assertThat(isPublic(statement("\"Principal\":\"*\"", ",\"Condition\":{\"IpAddress\":{\"aws:SourceIp\":\"0.0.0.0/0\"}}"))).isTrue();
        assertThat(isPublic(statement("\"Principal\":\"*\"", ",\"Condition\":{\"Bool\":{\"aws:SecureTransport\":\"true\"}}"))).isTrue();
    }

    @Test
    void denyStatementsAreNeverPublic()
    {
        assertThat(isPublic("{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Deny\",\"Principal\":\"*\",\"Action\":\"s3:*\",\"Resource\":\"arn:aws:s3:::b/*\"}]}"))
                .isFalse();
    }

    @Test
    void bucketPoliciesNameOnlyTheirBucket()
    {
        assertThat(S3Access.coversBucket("menu", "arn:aws:s3:::menu")).isTrue();
        assertThat(S3Access.coversBucket("menu", "arn:aws:s3:::menu/*")).isTrue();
        assertThat(S3Access.coversBucket("menu", "arn:aws:s3:::me*")).isTrue();
        assertThat(S3Access.coversBucket("menu", "*")).isTrue();
        assertThat(S3Access.coversBucket("menu", "arn:aws:s3:::menu-board/*")).isFalse();
        assertThat(S3Access.coversBucket("menu", "arn:aws:s3:::other*")).isFalse();
        assertThat(S3Access.coversBucket("menu", "arn:aws:iam::111122223333:root")).isFalse();
    }

    private static String statement(String principal, String condition)
    {
        return "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\"," + principal
                + ",\"Action\":\"s3:GetObject\",\"Resource\":\"arn:aws:s3:::b/*\"" + condition + "}]}";
    }

    private static boolean isPublic(String policy)
    {
        return PublicPolicy.isPublic(PolicyDocument.parse(policy, PolicyGrammar.RESOURCE));
    }
}
