package dev.bulwark.server.services.organizations;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.organizations.model.ConstraintViolationException;
import software.amazon.awssdk.services.organizations.model.MalformedPolicyDocumentException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** AWS's grammar and size rules for SCPs and RCPs, and the merge behind effective tag policies. */
final class TestPolicyValidation
{
    private static final String SCP = OrganizationsStore.SCP;
    private static final String RCP = OrganizationsStore.RCP;

    @ParameterizedTest
    @ValueSource(strings = {
            "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Deny\",\"Action\":\"s3:*\",\"Resource\":\"*\"}]}",
            "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"NotAction\":[\"iam:*\"],\"Resource\":\"*\"}]}",
            "{\"Version\":\"2012-10-17\",\"Statement\":{\"Effect\":\"Deny\",\"Action\":\"*\",\"Resource\":\"*\",\"Condition\":{\"StringNotEquals\":{\"aws:RequestedRegion\":\"eu-west-1\"}}}}"})
    void validServiceControlPolicies(String document)
    {
        assertThatCode(() -> PolicyOperations.validate(SCP, document)).doesNotThrowAnyException();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Deny\",\"Principal\":\"*\",\"Action\":\"s3:*\",\"Resource\":\"*\"}]}",
            "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Deny\",\"NotPrincipal\":{\"AWS\":\"*\"},\"Action\":\"s3:*\",\"Resource\":\"*\"}]}",
            "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Deny\",\"Action\":\"s3:*\"}]}",
            "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Maybe\",\"Action\":\"s3:*\",\"Resource\":\"*\"}]}",
            "[]",
            "not json"})
    void malformedServiceControlPolicies(String document)
    {
        assertThatThrownBy(() -> PolicyOperations.validate(SCP, document)).isInstanceOf(MalformedPolicyDocumentException.class);
    }

    @Test
    void resourceControlPoliciesDenyForEveryPrincipal()
    {
        assertThatCode(() -> PolicyOperations.validate(RCP,
                "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Deny\",\"Principal\":\"*\",\"Action\":\"s3:*\",\"NotResource\":\"arn:aws:s3:::public/*\"}]}"))
                .doesNotThrowAnyException();
        assertThatCode(() -> PolicyOperations.validate(RCP,
                "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Deny\",\"Principal\":{\"AWS\":\"*\"},\"Action\":\"sts:*\",\"Resource\":\"*\"}]}"))
                .doesNotThrowAnyException();
        for (String bad : new String[] {
                "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"s3:*\",\"Resource\":\"*\"}]}",
                "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Deny\",\"Action\":\"s3:*\",\"Resource\":\"*\"}]}",
                "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Deny\",\"Principal\":\"*\",\"NotAction\":\"s3:*\",\"Resource\":\"*\"}]}",
                "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Deny\",\"Principal\":{\"Service\":\"s3.amazonaws.com\"},\"Action\":\"s3:*\",\"Resource\":\"*\"}]}"}) {
            assertThatThrownBy(() -> PolicyOperations.validate(RCP, bad)).as(bad).isInstanceOf(MalformedPolicyDocumentException.class);
        }
    }

    @Test
    void documentsOverFiveThousandOneHundredTwentyCharactersAreTooLarge()
    {
        String base = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"%s\",\"Effect\":\"Deny\",\"Action\":\"s3:*\",\"Resource\":\"*\"}]}";
        int overhead = String.format(base, "").length();
        String exactly = String.format(base, "a".repeat(5120 - overhead));
        assertThat(exactly).hasSize(5120);
        assertThatCode(() -> PolicyOperations.validate(SCP, exactly)).doesNotThrowAnyException();
        String over = String.format(base, "a".repeat(5121 - overhead));
        assertThatThrownBy(() -> PolicyOperations.validate(SCP, over)).isInstanceOfSatisfying(ConstraintViolationException.class,
                e -> assertThat(e.reasonAsString()).isEqualTo("POLICY_CONTENT_LIMIT_EXCEEDED"));
        // Tag policies may be larger.
        assertThatCode(() -> PolicyOperations.validate("TAG_POLICY", "{\"tags\":{\"x\":{\"tag_key\":{\"@@assign\":\"" + "a".repeat(6000) + "\"}}}}"))
                .doesNotThrowAnyException();
    }

    @Test
    void childLevelsOverrideParentsKeyByKey() throws Exception
    {
        ObjectMapper json = new ObjectMapper();
        ObjectNode effective = json.createObjectNode();
        PolicyOperations.merge(effective, json.readTree("{\"tags\":{\"cc\":{\"tag_key\":{\"@@assign\":\"CostCenter\"},\"tag_value\":{\"@@assign\":[\"1\"]}}}}"));
        PolicyOperations.merge(effective, json.readTree("{\"tags\":{\"cc\":{\"tag_value\":{\"@@assign\":[\"2\"]}},\"env\":{\"tag_key\":{\"@@assign\":\"Env\"}}}}"));
        assertThat(PolicyOperations.resolveOperators(effective).toString())
                .isEqualTo("{\"tags\":{\"cc\":{\"tag_key\":\"CostCenter\",\"tag_value\":[\"2\"]},\"env\":{\"tag_key\":\"Env\"}}}");
    }
}
