/**
 * AWS's service authorization reference as immutable data: which actions each service prefix has,
 * their access levels, the resource types (with ARN formats) and condition keys (with types) they
 * take, AWS's global condition keys, and which services resource control policies cover.
 *
 * <p>Start at {@link dev.bulwark.policy.reference.ServiceReference#instance()}. The data is a
 * generated classpath resource; {@code tools/iam-data/README.md} says how to refresh it. The
 * policy validator uses it to flag unknown actions and condition keys, and services may use it to
 * derive an operation's resource type from an ARN.
 */
package dev.bulwark.policy.reference;
