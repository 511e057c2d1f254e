package dev.bulwark.policy.eval;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Optional;

/**
 * The outcome of one evaluation, explained: the effect, for denials the kind of policy that denied, and the
 * statements that decided (the allowing statements; the denying statement; none for a plain implicit deny).
 *
 * @param action the requested action, as the request spelled it (used in the message)
 */
public record Decision(DecisionEffect effect, Optional<PolicyType> deniedBy, List<StatementRef> statements, String action)
{
    public Decision
    {
        requireNonNull(effect, "effect is null");
        requireNonNull(deniedBy, "deniedBy is null");
        statements = List.copyOf(requireNonNull(statements, "statements is null"));
        requireNonNull(action, "action is null");
        if ((effect == DecisionEffect.ALLOW) == deniedBy.isPresent()) {
            throw new IllegalArgumentException("deniedBy must be present exactly for denials: " + effect + " " + deniedBy);
        }
    }

    static Decision allow(String action, List<StatementRef> statements)
    {
        return new Decision(DecisionEffect.ALLOW, Optional.empty(), statements, action);
    }

    static Decision implicitDeny(String action, PolicyType deniedBy)
    {
        return new Decision(DecisionEffect.IMPLICIT_DENY, Optional.of(deniedBy), List.of(), action);
    }

    static Decision explicitDeny(String action, StatementRef statement)
    {
        return new Decision(DecisionEffect.EXPLICIT_DENY, Optional.of(statement.type()), List.of(statement), action);
    }

    public boolean allowed()
    {
        return effect == DecisionEffect.ALLOW;
    }

    /**
     * The end of AWS's AccessDenied message: {@code because no identity-based policy allows the s3:GetObject action}
     * or {@code with an explicit deny in a service control policy}. Empty for an allow.
     */
    public String reason()
    {
        if (deniedBy.isEmpty()) {
            return "";
        }
        PolicyType type = deniedBy.get();
        if (effect == DecisionEffect.EXPLICIT_DENY) {
            return "with an explicit deny in " + article(type) + " " + type.phrase();
        }
        return "because no " + type.phrase() + " allows the " + action + " action";
    }

    /** AWS's whole AccessDenied message, e.g. {@code User: arn:... is not authorized to perform: s3:GetObject on resource: arn:... because ...}. */
    public String accessDeniedMessage(String principalArn, String resource)
    {
        return "User: " + principalArn + " is not authorized to perform: " + action + " on resource: " + resource + " " + reason();
    }

    private static String article(PolicyType type)
    {
        return type == PolicyType.IDENTITY ? "an" : "a";
    }
}
