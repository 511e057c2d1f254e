package dev.bulwark.server.services.s3;

import dev.bulwark.policy.document.ConditionClause;
import dev.bulwark.policy.document.PolicyDocument;
import dev.bulwark.policy.document.PrincipalClause;
import dev.bulwark.policy.document.PrincipalType;
import dev.bulwark.policy.document.Statement;
import dev.bulwark.policy.document.StatementEffect;

import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Whether a bucket policy is public, as S3 documents "public" (S3 User Guide, "The meaning of public"): it is,
 * unless every statement that allows grants only to fixed principals, or is limited by a condition that pins one of
 * a documented set of keys to fixed values (no wildcards, no negated or IfExists operator), or by
 * {@code aws:SourceIp} to a set of CIDRs narrower than the whole address space.
 */
final class PublicPolicy
{
    /** Keys that make a grant to "*" non-public when pinned to fixed values. */
    private static final Set<String> RESTRICTING_KEYS = Set.of("aws:sourcearn", "aws:sourcevpc", "aws:sourcevpce", "aws:sourceowner",
            "aws:sourceaccount", "s3:x-amz-server-side-encryption-aws-kms-key-id", "aws:userid", "aws:principalorgid", "aws:principalaccount",
            "aws:principalarn", "aws:sourceorgid", "aws:sourceorgpaths", "aws:principalorgpaths", "s3:dataaccesspointarn", "s3:dataaccesspointaccount");
    private static final String SOURCE_IP = "aws:sourceip";

    private PublicPolicy() {}

    static boolean isPublic(PolicyDocument policy)
    {
        return policy.statements().stream().anyMatch(PublicPolicy::isPublic);
    }

    private static boolean isPublic(Statement statement)
    {
        if (statement.effect() != StatementEffect.ALLOW || statement.principal().isEmpty()) {
            return false;
        }
        PrincipalClause principal = statement.principal().get();
        if (!principal.negated() && !grantsToWildcard(principal)) {
            return false;
        }
        return statement.conditions().stream().noneMatch(PublicPolicy::restricts);
    }

    private static boolean grantsToWildcard(PrincipalClause principal)
    {
        if (principal.anyone()) {
            return true;
        }
        for (PrincipalType type : PrincipalType.values()) {
            if (principal.valuesOf(type).stream().anyMatch(value -> value.contains("*") || value.contains("?"))) {
                return true;
            }
        }
        return false;
    }

    private static boolean restricts(ConditionClause condition)
    {
        if (condition.operator().ifExists() || condition.operator().base().negated() || condition.values().isEmpty()) {
            return false;
        }
        String key = condition.key().toLowerCase(Locale.ROOT);
        List<String> values = condition.values();
        if (key.equals(SOURCE_IP)) {
            return values.stream().noneMatch(cidr -> cidr.endsWith("/0"));
        }
        if (!RESTRICTING_KEYS.contains(key)) {
            return false;
        }
        if (key.equals("aws:userid")) {
            return values.stream().noneMatch(value -> value.contains("*") || value.contains("?"));
        }
        return values.stream().noneMatch(value -> value.contains("*") || value.contains("?"));
    }
}
