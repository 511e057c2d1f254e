package dev.bulwark.policy.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.bulwark.policy.document.MalformedPolicyException;
import dev.bulwark.policy.document.PolicyDocument;
import dev.bulwark.policy.document.PolicyGrammar;
import dev.bulwark.policy.eval.CompiledPolicies;
import dev.bulwark.policy.eval.PolicySource;
import dev.bulwark.policy.eval.PolicyType;

import java.util.List;

/** Any text either parses into a document that compiles, or is rejected with one of IAM's messages; nothing else. */
final class FuzzPolicyParser
{
    private static final List<String> IAM_MESSAGES = List.of(
            "Syntax errors in policy.", "The policy failed legacy parsing", "Statement IDs (SID) in a single policy must be unique.",
            "Policy statement must contain actions.", "Policy statement must contain resources.", "Missing required field Principal",
            "Policy document should not specify a principal.", "Actions/Conditions must be prefaced by a vendor, e.g., iam, sdb, ec2, etc.",
            "Actions/Condition can contain only one colon.", "Vendor ", "Resource ", "Partition ", "Invalid principal in policy: ");

    @FuzzTest(maxDuration = "60s")
    void anyTextParsesAndCompilesOrIsRejectedWithAnIamMessage(FuzzedDataProvider data)
    {
        PolicyGrammar grammar = data.pickValue(PolicyGrammar.values());
        String json = data.consumeRemainingAsString();
        try {
            PolicyDocument document = PolicyDocument.parse(json, grammar);
            CompiledPolicies.compile(new PolicySource(PolicyType.IDENTITY, "fuzz", document));
        }
        catch (MalformedPolicyException e) {
            assertThat(IAM_MESSAGES).anyMatch(message -> e.getMessage().startsWith(message));
        }
    }
}
