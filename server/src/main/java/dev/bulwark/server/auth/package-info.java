/**
 * Who is calling and what they may do: access keys (long-term and role-session keys) resolved to a
 * {@link dev.bulwark.server.auth.Caller}, compiled policy sets per principal (users, roles, sessions, trust
 * policies), and the {@link dev.bulwark.server.auth.Authorizer} that asks the policy engine and words AccessDenied
 * as AWS does.
 */
package dev.bulwark.server.auth;
