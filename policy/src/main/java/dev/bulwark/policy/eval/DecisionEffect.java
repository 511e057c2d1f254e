package dev.bulwark.policy.eval;

/** The three outcomes of IAM policy evaluation. */
public enum DecisionEffect
{
    ALLOW("Allow"),
    IMPLICIT_DENY("ImplicitDeny"),
    EXPLICIT_DENY("ExplicitDeny");

    private final String text;

    DecisionEffect(String text)
    {
        this.text = text;
    }

    /** The oracle's and the CLI's spelling: Allow, ImplicitDeny, ExplicitDeny. */
    public String text()
    {
        return text;
    }
}
