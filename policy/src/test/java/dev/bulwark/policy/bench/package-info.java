/**
 * JMH benchmarks of the policy engine ({@link dev.bulwark.policy.bench.PolicyBenchmarks}) and the main that runs
 * them and writes docs/BENCHMARKS-policy.md ({@link dev.bulwark.policy.bench.BenchmarkReport}). Test scope only.
 */
package dev.bulwark.policy.bench;
