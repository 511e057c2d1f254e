package dev.bulwark.server.services.iam.model;

import java.util.Optional;

/**
 * An account's password policy, as UpdateAccountPasswordPolicy sets it: any field the request leaves out takes
 * AWS's default ({@link #DEFAULT_MINIMUM_LENGTH} characters, no character classes, no expiry, no reuse check).
 * {@code maxAgeDays} and {@code reusePrevention} are 0 when unset.
 */
public record PasswordPolicy(
        int minimumLength,
        boolean requireSymbols,
        boolean requireNumbers,
        boolean requireUppercase,
        boolean requireLowercase,
        boolean allowUsersToChangePassword,
        int maxAgeDays,
        int reusePrevention,
        boolean hardExpiry)
{
    /** MinimumPasswordLength when the request gives none (the API's default; the console suggests more). */
    public static final int DEFAULT_MINIMUM_LENGTH = 6;
    /** The non-alphanumeric characters IAM's password policy counts as symbols. */
    static final String SYMBOLS = "!@#$%^&*()_+-=[]{}|'";

    /** The rules that hold when an account has no password policy: any password IAM's syntax accepts. */
    public static final PasswordPolicy NONE = new PasswordPolicy(1, false, false, false, false, false, 0, 0, false);

    public PasswordPolicy
    {
        if (minimumLength < 1) {
            throw new IllegalArgumentException("minimumLength must be positive: " + minimumLength);
        }
        if (maxAgeDays < 0 || reusePrevention < 0) {
            throw new IllegalArgumentException("maxAgeDays and reusePrevention must not be negative");
        }
    }

    /** Whether passwords expire (GetAccountPasswordPolicy's ExpirePasswords). */
    public boolean expirePasswords()
    {
        return maxAgeDays > 0;
    }

    /** The first rule {@code password} breaks, described, or empty when it conforms. */
    public Optional<String> violation(String password)
    {
        if (password.length() < minimumLength) {
            return Optional.of("minimum length of " + minimumLength);
        }
        if (requireLowercase && password.chars().noneMatch(c -> c >= 'a' && c <= 'z')) {
            return Optional.of("at least one lowercase letter");
        }
        if (requireUppercase && password.chars().noneMatch(c -> c >= 'A' && c <= 'Z')) {
            return Optional.of("at least one uppercase letter");
        }
        if (requireNumbers && password.chars().noneMatch(c -> c >= '0' && c <= '9')) {
            return Optional.of("at least one number");
        }
        if (requireSymbols && password.chars().noneMatch(PasswordPolicy::isSymbol)) {
            return Optional.of("at least one symbol");
        }
        return Optional.empty();
    }

    private static boolean isSymbol(int c)
    {
        return SYMBOLS.indexOf(c) >= 0;
    }
}
