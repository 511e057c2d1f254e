package dev.bulwark.policy.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bulwark.policy.document.MalformedPolicyException;
import dev.bulwark.policy.document.PolicyDocument;
import dev.bulwark.policy.eval.AuthorizationRequest;
import dev.bulwark.policy.eval.CompiledPolicies;
import dev.bulwark.policy.eval.Decision;
import dev.bulwark.policy.eval.DecisionEffect;
import dev.bulwark.policy.eval.PolicyEvaluator;
import dev.bulwark.policy.eval.PolicySource;
import dev.bulwark.policy.eval.PolicyType;
import dev.bulwark.policy.eval.RequestContext;
import dev.bulwark.policy.eval.RequestPrincipal;

import java.util.List;
import java.util.Map;

/**
 * Random statements (fuzzed action, resource and condition values, including wildcards and policy variables)
 * against random requests: evaluation never throws, and its result is consistent: an Allow names the allowing
 * statement, a Deny names the denying type, and adding a Deny-everything statement always makes it ExplicitDeny.
 */
final class FuzzEvaluator
{
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String[] OPERATORS = {
        "StringEquals", "StringNotEquals", "StringLike", "StringNotLike", "StringEqualsIgnoreCase", "NumericLessThan",
        "NumericEquals", "DateLessThan", "DateGreaterThanEquals", "Bool", "BinaryEquals", "IpAddress", "NotIpAddress",
        "ArnLike", "ArnNotEquals", "Null", "ForAnyValue:StringLike", "ForAllValues:StringEquals", "StringEqualsIfExists"};

    @FuzzTest(maxDuration = "60s")
    void evaluationNeverThrowsAndExplainsItself(FuzzedDataProvider data)
    {
        ObjectNode statement = MAPPER.createObjectNode();
        statement.put("Effect", data.consumeBoolean() ? "Allow" : "Deny");
        statement.put(data.consumeBoolean() ? "Action" : "NotAction", "s3:" + data.consumeString(12));
        statement.put(data.consumeBoolean() ? "Resource" : "NotResource", "arn:aws:s3:::" + data.consumeString(24));
        String operator = data.pickValue(OPERATORS);
        String key = data.pickValue(new String[] {"aws:username", "aws:SourceIp", "aws:CurrentTime", "aws:TagKeys", "s3:max-keys"});
        ObjectNode condition = statement.putObject("Condition").putObject(operator);
        ArrayNode values = condition.putArray(key);
        values.add(data.consumeString(16));
        String policy = "{\"Version\":\"2012-10-17\",\"Statement\":[" + statement + "]}";
        PolicyDocument document;
        try {
            document = PolicyDocument.parse(policy);
        }
        catch (MalformedPolicyException e) {
            return;
        }
        RequestContext context = RequestContext.of(Map.of(key, List.of(data.consumeString(16), data.consumeString(8)).subList(0, data.consumeInt(1, 2))));
        String action = "s3:" + data.consumeString(12);
        String resource = data.consumeBoolean() ? "arn:aws:s3:::" + data.consumeString(24) : data.consumeString(24);
        AuthorizationRequest.Builder request = AuthorizationRequest.builder(RequestPrincipal.parse("arn:aws:iam::111111111111:user/alice"), action, resource)
                .identityPolicies(CompiledPolicies.compile(new PolicySource(PolicyType.IDENTITY, "fuzz", document)))
                .context(context);

        Decision decision = PolicyEvaluator.evaluate(request.build());

        assertThat(decision.deniedBy().isPresent()).isEqualTo(decision.effect() != DecisionEffect.ALLOW);
        if (decision.effect() == DecisionEffect.ALLOW) {
            assertThat(decision.statements()).isNotEmpty();
        }
        PolicyDocument denyAll = PolicyDocument.parse("{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Deny\",\"Action\":\"*\",\"Resource\":\"*\"}]}");
        Decision denied = PolicyEvaluator.evaluate(request.identityPolicies(CompiledPolicies.compile(
                new PolicySource(PolicyType.IDENTITY, "fuzz", document), new PolicySource(PolicyType.IDENTITY, "deny", denyAll))).build());
        assertThat(denied.effect()).isEqualTo(DecisionEffect.EXPLICIT_DENY);
    }
}
