package dev.bulwark.policy.validate;

/**
 * IAM's wildcard match ({@code *} any run, {@code ?} one character) used by the validator on action
 * and resource patterns. Callers decide the case rule: actions are compared lower-cased, ARNs as written.
 */
final class ActionPatterns
{
    private ActionPatterns() {}

    static boolean matches(String pattern, String text)
    {
        int p = 0;
        int t = 0;
        int star = -1;
        int starText = 0;
        while (t < text.length()) {
            if (p < pattern.length() && (pattern.charAt(p) == '?' || pattern.charAt(p) == text.charAt(t))) {
                p++;
                t++;
            }
            else if (p < pattern.length() && pattern.charAt(p) == '*') {
                star = p++;
                starText = t;
            }
            else if (star >= 0) {
                p = star + 1;
                t = ++starText;
            }
            else {
                return false;
            }
        }
        while (p < pattern.length() && pattern.charAt(p) == '*') {
            p++;
        }
        return p == pattern.length();
    }
}
