/**
 * Jazzer fuzz targets for the parser, the evaluator and the wildcard matcher. Their class names do not match
 * surefire's default includes, so plain {@code mvn test} skips them; run them as regression tests over the seed
 * inputs in src/test/resources with {@code mvn -o -q -B -pl policy test -Dtest='Fuzz*'}. To fuzz one target (60 s
 * each, Jazzer fuzzes one per JVM; coverage needs the engine, and for the parser Jackson, instrumented):
 * <pre>
 * JAZZER_FUZZ=1 mvn -o -B -pl policy test -Dtest=FuzzPolicyParser \
 *     -DargLine='-Djazzer.instrument=dev.bulwark.policy.**,com.fasterxml.jackson.core.**'
 * </pre>
 * Jazzer keeps its generated corpus in policy/.cifuzz-corpus (not committed).
 */
package dev.bulwark.policy.fuzz;
