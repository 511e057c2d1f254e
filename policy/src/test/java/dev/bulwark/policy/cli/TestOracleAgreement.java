package dev.bulwark.policy.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bulwark.policy.eval.Decision;
import dev.bulwark.policy.eval.PolicyEvaluator;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Differential test against the recorded decisions of the IAM oracle (iam-simulate) on seeded random cases. The
 * generator avoids the oracle's known deviations from AWS's documentation, so agreement must be total.
 */
final class TestOracleAgreement
{
    @ParameterizedTest(name = "seed {0}")
    @ValueSource(strings = {"1", "2", "3", "42", "2026"})
    void generatedCasesAgreeWithTheOracle(String seed)
    {
        List<JsonNode> cases = OracleCorpus.lines("gen-" + seed + ".cases.jsonl.gz");
        Map<String, JsonNode> oracle = OracleCorpus.byId("gen-" + seed + ".oracle.jsonl.gz");
        assertThat(cases).hasSize(oracle.size()).hasSizeGreaterThanOrEqualTo(4000);
        List<String> mismatches = new ArrayList<>();
        for (JsonNode node : cases) {
            String id = node.path("id").asText();
            JsonNode expected = oracle.get(id);
            OracleCase oracleCase = OracleCase.from(node, OracleCorpus.ignoredKeys(expected));
            Decision decision = PolicyEvaluator.evaluate(oracleCase.request());
            String want = expected.path("decision").asText();
            if (!decision.effect().text().equals(want)) {
                mismatches.add(id + ": oracle " + want + ", engine " + decision.effect().text() + " " + decision + "\n    " + node);
            }
        }
        assertThat(mismatches).as("cases where the engine disagrees with the oracle").isEmpty();
    }
}
