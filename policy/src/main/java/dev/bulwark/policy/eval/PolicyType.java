package dev.bulwark.policy.eval;

/** The kinds of policy AWS evaluates for one request; a denial names the kind that denied. */
public enum PolicyType
{
    IDENTITY("identity-based policy"),
    RESOURCE("resource-based policy"),
    PERMISSIONS_BOUNDARY("permissions boundary"),
    SESSION("session policy"),
    SCP("service control policy"),
    RCP("resource control policy");

    private final String phrase;

    PolicyType(String phrase)
    {
        this.phrase = phrase;
    }

    /** How AccessDenied messages name this kind, e.g. "identity-based policy". */
    public String phrase()
    {
        return phrase;
    }
}
