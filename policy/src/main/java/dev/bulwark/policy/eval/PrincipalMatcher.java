package dev.bulwark.policy.eval;

import dev.bulwark.policy.document.PrincipalClause;
import dev.bulwark.policy.document.PrincipalType;

import java.util.HashSet;
import java.util.Set;

/**
 * A compiled Principal/NotPrincipal element. ARNs in Principal carry no wildcards (only {@code "*"} itself), so
 * matching is set lookups.
 *
 * <p>NotPrincipal exempts a caller only when every identity the caller acts as is listed: for an assumed-role
 * session its session ARN, its role ARN and its account; for a user the user ARN and the account (AWS:
 * "NotPrincipal" docs, which tell you to list the account too, and say that "all principals except Bob" are denied
 * when Bob and his account are listed).
 */
final class PrincipalMatcher
{
    private final boolean negated;
    private final boolean wildcard;
    private final Set<String> arns = new HashSet<>();
    private final Set<String> accounts = new HashSet<>();
    /** {@code account/roleName} of role ARNs (path dropped: session ARNs carry none). */
    private final Set<String> roles = new HashSet<>();
    private final Set<String> services = new HashSet<>();
    private final Set<String> providers = new HashSet<>();

    PrincipalMatcher(PrincipalClause clause)
    {
        this.negated = clause.negated();
        boolean anyone = clause.anyone();
        for (String value : clause.valuesOf(PrincipalType.AWS)) {
            if (value.equals("*")) {
                anyone = true;
            }
            else if (value.length() == 12 && value.chars().allMatch(Character::isDigit)) {
                accounts.add(value);
            }
            else {
                String[] parts = value.split(":", 6);
                if (parts.length == 6 && parts[2].equals("iam") && parts[5].equals("root")) {
                    accounts.add(parts[4]);
                }
                else if (parts.length == 6 && parts[2].equals("iam") && parts[5].startsWith("role/")) {
                    roles.add(parts[4] + "/" + parts[5].substring(parts[5].lastIndexOf('/') + 1));
                    arns.add(value);
                }
                else {
                    arns.add(value);
                }
            }
        }
        services.addAll(clause.valuesOf(PrincipalType.SERVICE));
        providers.addAll(clause.valuesOf(PrincipalType.FEDERATED));
        // A federated-user session (GetFederationToken) may be named by its ARN under "AWS" or "Federated".
        arns.addAll(providers);
        this.wildcard = anyone;
    }

    boolean negated()
    {
        return negated;
    }

    PrincipalMatch match(RequestPrincipal principal)
    {
        if (negated) {
            return exempts(principal) ? PrincipalMatch.NONE : PrincipalMatch.WILDCARD;
        }
        PrincipalMatch best = wildcard ? PrincipalMatch.WILDCARD : PrincipalMatch.NONE;
        switch (principal.kind()) {
            case ANONYMOUS:
                return best;
            case SERVICE:
                return services.contains(principal.arn()) ? PrincipalMatch.EXACT : best;
            case FEDERATED_IDENTITY:
                return providers.contains(principal.arn()) ? PrincipalMatch.EXACT : best;
            default:
                break;
        }
        if (arns.contains(principal.arn())) {
            return PrincipalMatch.EXACT;
        }
        String account = principal.accountId().orElse("");
        if (principal.kind() == PrincipalKind.ROOT && accounts.contains(account)) {
            return PrincipalMatch.EXACT;
        }
        if (best == PrincipalMatch.WILDCARD) {
            return best;
        }
        if (principal.kind() == PrincipalKind.ASSUMED_ROLE && roles.contains(account + "/" + principal.roleName().orElse(""))) {
            return PrincipalMatch.SESSION_ROLE;
        }
        return accounts.contains(account) ? PrincipalMatch.ACCOUNT : PrincipalMatch.NONE;
    }

    private boolean exempts(RequestPrincipal principal)
    {
        if (wildcard) {
            return true;
        }
        String account = principal.accountId().orElse("");
        return switch (principal.kind()) {
            case ANONYMOUS -> false;
            case SERVICE -> services.contains(principal.arn());
            case FEDERATED_IDENTITY -> providers.contains(principal.arn());
            case ROOT -> accounts.contains(account);
            case USER, FEDERATED_USER, ROLE -> arns.contains(principal.arn()) && accounts.contains(account);
            case ASSUMED_ROLE -> arns.contains(principal.arn())
                    && roles.contains(account + "/" + principal.roleName().orElse(""))
                    && accounts.contains(account);
        };
    }
}
