package dev.bulwark.policy.reference;

/**
 * IAM's wildcard matching for names and patterns outside the evaluator's compiled path (the reference's action
 * lookups, the validator's redundancy checks): {@code *} matches any run of characters (also none), {@code ?}
 * exactly one. Callers decide the case rule: actions are compared lower-cased, ARNs as written.
 */
public final class Wildcard
{
    private Wildcard() {}

    public static boolean hasWildcard(String pattern)
    {
        return pattern.indexOf('*') >= 0 || pattern.indexOf('?') >= 0;
    }

    public static boolean matches(String pattern, String text)
    {
        // iterative matcher with single backtrack point: linear for the patterns IAM allows
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
