package dev.bulwark.server.services.cloudtrail;

import java.util.regex.Pattern;

/**
 * CloudTrail's trail name rules (CreateTrail's {@code Name}): 3–128 characters of ASCII letters, digits, periods,
 * underscores and dashes; starting and ending with a letter or digit; no two of {@code . _ -} in a row; not shaped
 * like an IP address. Each broken rule answers InvalidTrailNameException with AWS's sentence.
 */
final class TrailNames
{
    private static final Pattern ALLOWED = Pattern.compile("[A-Za-z0-9._-]*");
    private static final Pattern IP_ADDRESS = Pattern.compile("\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}");
    private static final Pattern ADJACENT = Pattern.compile("[._-]{2}");

    private TrailNames() {}

    static void check(String name)
    {
        if (name == null || name.isEmpty()) {
            throw CloudTrailErrors.invalidTrailName("Trail name cannot be blank!");
        }
        if (name.length() < 3) {
            throw CloudTrailErrors.invalidTrailName("Trail name too short. Minimum allowed length: 3 characters. Specified name length: "
                    + name.length() + " characters.");
        }
        if (name.length() > 128) {
            throw CloudTrailErrors.invalidTrailName("Trail name too long. Maximum allowed length: 128 characters. Specified name length: "
                    + name.length() + " characters.");
        }
        if (!Character.isLetterOrDigit(name.charAt(0)) || name.charAt(0) > 127) {
            throw CloudTrailErrors.invalidTrailName("Trail name must starts with a letter or number.");
        }
        if (!Character.isLetterOrDigit(name.charAt(name.length() - 1)) || name.charAt(name.length() - 1) > 127) {
            throw CloudTrailErrors.invalidTrailName("Trail name must ends with a letter or number.");
        }
        if (!ALLOWED.matcher(name).matches()) {
            throw CloudTrailErrors.invalidTrailName(
                    "Trail name or ARN can only contain uppercase letters, lowercase letters, numbers, periods (.), hyphens (-), and underscores (_).");
        }
        if (ADJACENT.matcher(name).find()) {
            throw CloudTrailErrors.invalidTrailName("Trail name cannot have adjacent periods, underscores or dashes.");
        }
        if (IP_ADDRESS.matcher(name).matches()) {
            throw CloudTrailErrors.invalidTrailName("Trail name cannot look like an IP address.");
        }
    }
}
