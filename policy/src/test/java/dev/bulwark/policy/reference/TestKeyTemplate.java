package dev.bulwark.policy.reference;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

final class TestKeyTemplate
{
    @ParameterizedTest
    @CsvSource({
            "aws:ResourceTag/${TagKey}, aws:resourcetag/owner, true",
            "aws:ResourceTag/${TagKey}, aws:resourcetag/, false",
            "aws:ResourceTag/${TagKey}, aws:resourcetag, false",
            "aws:ResourceTag/${TagKey}, aws:resourcetag/${tagkey}, true",
            "s3:ExistingObjectTag/<key>, s3:existingobjecttag/team, true",
            "codebuild:secondarySources/${sourceIdentifier}.auth.resource, codebuild:secondarysources/src1.auth.resource, true",
            "codebuild:secondarySources/${sourceIdentifier}.auth.resource, codebuild:secondarysources/src1.auth.type, false",
            "aws:SourceIp, aws:sourceip, true",
            "aws:SourceIp, aws:sourceipx, false",
    })
    void testPlaceholderStandsForNonEmptyText(String template, String lowerKey, boolean expected)
    {
        assertThat(KeyTemplate.matches(template, lowerKey)).isEqualTo(expected);
    }
}
