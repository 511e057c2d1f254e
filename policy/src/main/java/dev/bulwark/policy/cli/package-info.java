/**
 * Command-line entry point ({@link dev.bulwark.policy.cli.PolicyCli}) and the reader of the IAM oracle's JSON
 * Lines case format ({@link dev.bulwark.policy.cli.OracleCase}), shared by the CLI and the differential tests.
 */
package dev.bulwark.policy.cli;
