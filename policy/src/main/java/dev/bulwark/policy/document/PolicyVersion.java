package dev.bulwark.policy.document;

import java.util.Optional;

/** The two policy language versions IAM knows. Only {@link #V2012_10_17} substitutes policy variables. */
public enum PolicyVersion
{
    V2008_10_17("2008-10-17"),
    V2012_10_17("2012-10-17");

    private final String text;

    PolicyVersion(String text)
    {
        this.text = text;
    }

    /** The value as written in a policy's {@code Version} element. */
    public String text()
    {
        return text;
    }

    public static Optional<PolicyVersion> fromText(String text)
    {
        for (PolicyVersion version : values()) {
            if (version.text.equals(text)) {
                return Optional.of(version);
            }
        }
        return Optional.empty();
    }
}
