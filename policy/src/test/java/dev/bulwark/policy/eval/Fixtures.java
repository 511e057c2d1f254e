package dev.bulwark.policy.eval;

import dev.bulwark.policy.document.PolicyDocument;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Short ways to write policies and requests in evaluation tests. */
final class Fixtures
{
    static final String ALICE = "arn:aws:iam::111111111111:user/alice";
    static final String BOB = "arn:aws:iam::111111111111:user/bob";
    static final String CAROL = "arn:aws:iam::222222222222:user/carol";
    static final String SESSION = "arn:aws:sts::111111111111:assumed-role/Dev/s1";
    static final String ROLE = "arn:aws:iam::111111111111:role/Dev";
    static final String ROOT_A = "arn:aws:iam::111111111111:root";
    static final String OBJECT = "arn:aws:s3:::bucket/data/file.txt";

    private Fixtures() {}

    /** A 2012-10-17 policy of the given statements (JSON objects joined by commas). */
    static String doc(String... statements)
    {
        return "{\"Version\":\"2012-10-17\",\"Statement\":[" + String.join(",", statements) + "]}";
    }

    static CompiledPolicies set(PolicyType type, String... documents)
    {
        PolicySource[] sources = new PolicySource[documents.length];
        for (int i = 0; i < documents.length; i++) {
            sources[i] = new PolicySource(type, type.name().toLowerCase() + i, PolicyDocument.parse(documents[i]));
        }
        return CompiledPolicies.compile(sources);
    }

    static CompiledPolicies identity(String... documents)
    {
        return set(PolicyType.IDENTITY, documents);
    }

    static AuthorizationRequest.Builder request(String principal, String action, String resource)
    {
        return AuthorizationRequest.builder(RequestPrincipal.parse(principal), action, resource);
    }

    /** Context from alternating key, value pairs; a value of the form "[a,b]" becomes a list. */
    static RequestContext context(String... keyValues)
    {
        Map<String, List<String>> map = new HashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            String value = keyValues[i + 1];
            map.put(keyValues[i], value.startsWith("[") ? Arrays.asList(value.substring(1, value.length() - 1).split(",", -1)) : List.of(value));
        }
        return RequestContext.of(map);
    }

    static DecisionEffect effect(AuthorizationRequest.Builder builder)
    {
        return PolicyEvaluator.evaluate(builder.build()).effect();
    }
}
