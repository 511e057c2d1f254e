package dev.bulwark.policy.document;

/** A statement's {@code Effect}. */
public enum StatementEffect
{
    ALLOW("Allow"),
    DENY("Deny");

    private final String text;

    StatementEffect(String text)
    {
        this.text = text;
    }

    public String text()
    {
        return text;
    }
}
