package dev.bulwark.server.services.iam.model;

import java.time.Instant;

import static java.util.Objects.requireNonNull;

/** A user's console password, held only as a hash ({@code store/Passwords}); {@link #toString} never shows it. */
public record LoginProfile(String userId, String passwordHash, boolean passwordResetRequired, Instant created, Instant passwordChanged)
{
    public LoginProfile
    {
        requireNonNull(userId, "userId is null");
        requireNonNull(passwordHash, "passwordHash is null");
        requireNonNull(created, "created is null");
        requireNonNull(passwordChanged, "passwordChanged is null");
    }

    @Override
    public String toString()
    {
        return "LoginProfile[userId=" + userId + ", passwordResetRequired=" + passwordResetRequired + ", created=" + created + "]";
    }
}
