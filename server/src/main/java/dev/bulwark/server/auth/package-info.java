/**
 * Who is calling and what they may do: the access-key read model SigV4 resolves against, the {@code Caller}, and
 * the {@code Authorizer} that collects a principal's compiled policies, fills AWS's global condition keys and asks
 * the policy engine, answering AWS's {@code AccessDenied} wording on a denial.
 */
package dev.bulwark.server.auth;
