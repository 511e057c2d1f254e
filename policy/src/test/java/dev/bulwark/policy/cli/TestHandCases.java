package dev.bulwark.policy.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bulwark.policy.eval.Decision;
import dev.bulwark.policy.eval.PolicyEvaluator;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The 89 hand-made oracle cases, each with the decision AWS's documentation expects. The engine must match the
 * documentation; where the oracle disagrees with it, the case must be listed in deviations.jsonl with the doc it
 * follows, so every disagreement with the oracle is accounted for.
 */
final class TestHandCases
{
    @Test
    void everyHandCaseMatchesTheDecisionAwsDocumentationExpects()
    {
        List<String> wrong = new ArrayList<>();
        List<JsonNode> cases = OracleCorpus.lines("hand.cases.jsonl");
        Map<String, JsonNode> oracle = OracleCorpus.byId("hand.oracle.jsonl");
        assertThat(cases).hasSize(89);
        for (JsonNode node : cases) {
            String id = node.path("id").asText();
            Decision decision = PolicyEvaluator.evaluate(OracleCase.from(node, OracleCorpus.ignoredKeys(oracle.get(id))).request());
            String expected = node.path("expected").asText();
            if (!decision.effect().text().equals(expected)) {
                wrong.add(id + ": expected " + expected + " (" + node.path("why").asText() + "), engine " + decision);
            }
        }
        assertThat(wrong).isEmpty();
    }

    @Test
    void everyOracleDisagreementWithTheDocsIsListedAsADeviation()
    {
        Map<String, JsonNode> deviations = new HashMap<>();
        OracleCorpus.lines("deviations.jsonl").forEach(node -> deviations.put(node.path("id").asText(), node));
        Set<String> disagreeing = new TreeSet<>();
        for (JsonNode line : OracleCorpus.byId("hand.oracle.jsonl").values()) {
            if (!line.path("decision").asText().equals(line.path("expected").asText())) {
                disagreeing.add(line.path("id").asText());
                JsonNode deviation = deviations.get(line.path("id").asText());
                assertThat(deviation).as("deviation entry for %s", line.path("id").asText()).isNotNull();
                assertThat(deviation.path("oracle").asText()).isEqualTo(line.path("decision").asText());
                assertThat(deviation.path("aws").asText()).isEqualTo(line.path("expected").asText());
                assertThat(deviation.path("doc").asText()).startsWith("https://docs.aws.amazon.com/");
            }
        }
        assertThat(disagreeing).isEqualTo(new TreeSet<>(deviations.keySet()));
    }
}
