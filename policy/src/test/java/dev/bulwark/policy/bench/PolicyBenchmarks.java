package dev.bulwark.policy.bench;

import dev.bulwark.policy.document.PolicyDocument;
import dev.bulwark.policy.eval.AuthorizationRequest;
import dev.bulwark.policy.eval.CompiledPolicies;
import dev.bulwark.policy.eval.Decision;
import dev.bulwark.policy.eval.PolicySource;
import dev.bulwark.policy.eval.PolicyType;
import dev.bulwark.policy.eval.PolicyEvaluator;
import dev.bulwark.policy.eval.RequestPrincipal;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/** Decision latency for a typical principal, compile cost, and the hostile wildcard pattern. */
@State(Scope.Benchmark)
@BenchmarkMode({Mode.AverageTime, Mode.SampleTime})
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class PolicyBenchmarks
{
    private List<String> json;
    private List<PolicySource> parsed;
    private AuthorizationRequest identityOnly;
    private AuthorizationRequest everything;

    @Setup
    public void setUp()
    {
        json = TypicalPrincipal.policyJson();
        parsed = TypicalPrincipal.parsed();
        CompiledPolicies identity = CompiledPolicies.compile(parsed);
        identityOnly = TypicalPrincipal.identityOnly(identity);
        everything = TypicalPrincipal.everything(identity);
        if (!PolicyEvaluator.evaluate(identityOnly).allowed() || !PolicyEvaluator.evaluate(everything).allowed()) {
            throw new IllegalStateException("benchmark requests must be allowed, or they measure the wrong path");
        }
    }

    @Benchmark
    public Decision decideTypicalPrincipal()
    {
        return PolicyEvaluator.evaluate(identityOnly);
    }

    @Benchmark
    public Decision decideWithEveryPolicyType()
    {
        return PolicyEvaluator.evaluate(everything);
    }

    @Benchmark
    public CompiledPolicies compileTypicalPrincipal()
    {
        return CompiledPolicies.compile(parsed);
    }

    @Benchmark
    public CompiledPolicies parseAndCompileTypicalPrincipal()
    {
        PolicySource[] sources = new PolicySource[json.size()];
        for (int i = 0; i < sources.length; i++) {
            sources[i] = new PolicySource(PolicyType.IDENTITY, "p" + i, PolicyDocument.parse(json.get(i)));
        }
        return CompiledPolicies.compile(sources);
    }

    /**
     * {@code *a*a*a*a*a*a*b} against a resource of n 'a's, where a backtracking matcher is exponential. "anchored"
     * is the pattern as is; "open" adds a trailing star, so the last segment must be searched for.
     */
    @State(Scope.Benchmark)
    public static class Hostile
    {
        @Param({"1000", "10000", "100000"})
        public int length;

        @Param({"anchored", "open"})
        public String shape;

        AuthorizationRequest request;

        String pattern()
        {
            return shape.equals("open") ? "*a*a*a*a*a*a*b*" : "*a*a*a*a*a*a*b";
        }

        @Setup
        public void setUp()
        {
            CompiledPolicies policies = TypicalPrincipal.compile(PolicyType.IDENTITY,
                    "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"s3:GetObject\",\"Resource\":\"arn:aws:s3:::" + pattern() + "\"}]}");
            request = AuthorizationRequest.builder(RequestPrincipal.parse("arn:aws:iam::111111111111:user/alice"), "s3:GetObject",
                    "arn:aws:s3:::" + "a".repeat(length)).identityPolicies(policies).build();
        }
    }

    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    public Decision hostileWildcardPattern(Hostile hostile)
    {
        return PolicyEvaluator.evaluate(hostile.request);
    }
}
