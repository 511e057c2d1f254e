package dev.bulwark.server.services.organizations.model;

/** The ARN prefix of Organizations resources: global, so no region. */
public final class OrgArns
{
    private OrgArns() {}

    public static String prefix(String account)
    {
        return "arn:aws:organizations::" + account + ":";
    }
}
