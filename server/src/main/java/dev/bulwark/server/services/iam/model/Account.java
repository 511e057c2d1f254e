package dev.bulwark.server.services.iam.model;

import java.time.Instant;

import static java.util.Objects.requireNonNull;

/** An AWS account: 12-digit id, its root user's sign-in email and password hash (null when none is set). */
public record Account(String id, String name, String email, String rootPasswordHash, Instant created)
{
    public Account
    {
        Arns.requireAccountId(id);
        requireNonNull(name, "name is null");
        requireNonNull(email, "email is null");
        requireNonNull(created, "created is null");
    }

    /** {@code arn:aws:iam::<id>:root}, the account's root user. */
    public String rootArn()
    {
        return "arn:" + Arns.PARTITION + ":iam::" + id + ":root";
    }

    @Override
    public String toString()
    {
        return "Account[id=" + id + ", name=" + name + ", email=" + email + ", rootPassword=" + (rootPasswordHash == null ? "none" : "set") + ", created=" + created + "]";
    }
}
