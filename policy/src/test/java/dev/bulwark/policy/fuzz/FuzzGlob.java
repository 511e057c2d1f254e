package dev.bulwark.policy.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.bulwark.policy.document.PolicyDocument;
import dev.bulwark.policy.eval.AuthorizationRequest;
import dev.bulwark.policy.eval.CompiledPolicies;
import dev.bulwark.policy.eval.DecisionEffect;
import dev.bulwark.policy.eval.PolicyEvaluator;
import dev.bulwark.policy.eval.PolicySource;
import dev.bulwark.policy.eval.PolicyType;
import dev.bulwark.policy.eval.RequestPrincipal;

import java.util.regex.Pattern;

/**
 * The linear wildcard matcher agrees with a regular-expression reference (fine here, off the hot path) on random
 * patterns over a small alphabet, where wildcard bugs show up fastest. Tested through the public API: an action
 * pattern {@code s3:<pattern>} against the action {@code s3:<text>}.
 */
final class FuzzGlob
{
    @FuzzTest(maxDuration = "60s")
    void wildcardMatchingAgreesWithARegexReference(FuzzedDataProvider data)
    {
        String pattern = alphabet(data.consumeString(10), "ab*?");
        String text = alphabet(data.consumeString(14), "ab");
        PolicyDocument document = PolicyDocument.parse(
                "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"s3:" + pattern + "\",\"Resource\":\"*\"}]}");
        AuthorizationRequest request = AuthorizationRequest.builder(RequestPrincipal.parse("arn:aws:iam::111111111111:user/alice"), "s3:" + text, "*")
                .identityPolicies(CompiledPolicies.compile(new PolicySource(PolicyType.IDENTITY, "p", document)))
                .build();

        boolean expected = Pattern.matches(pattern.replace("?", ".").replace("*", ".*"), text);

        assertThat(PolicyEvaluator.evaluate(request).effect() == DecisionEffect.ALLOW).as("s3:%s vs s3:%s", pattern, text).isEqualTo(expected);
    }

    /** Maps arbitrary text onto a small alphabet. */
    private static String alphabet(String raw, String letters)
    {
        StringBuilder out = new StringBuilder(raw.length());
        raw.chars().forEach(c -> out.append(letters.charAt(Math.floorMod(c, letters.length()))));
        return out.toString();
    }
}
