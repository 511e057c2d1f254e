/**
 * Policy validation in the manner of IAM Access Analyzer's {@code ValidatePolicy}, plus IAM's size quotas.
 *
 * <p>{@link dev.bulwark.policy.validate.PolicyValidator} returns
 * {@link dev.bulwark.policy.validate.Finding}s with Access Analyzer's finding types, issue codes
 * ({@link dev.bulwark.policy.validate.IssueCode}, which also holds the wording and documentation
 * links) and locations (JSON path and text span). It reads the document into its own positioned
 * JSON tree so that it can point at text and report every problem in one run; names of actions,
 * condition keys and ARN formats come from {@link dev.bulwark.policy.reference.ServiceReference}.
 * {@link dev.bulwark.policy.validate.IamPolicySizeLimit} is the size check the IAM service applies
 * with IAM's {@code LimitExceeded} wording, and {@link dev.bulwark.policy.validate.ValidateCommand}
 * is the {@code bulwark policy validate FILE} command.
 */
package dev.bulwark.policy.validate;
