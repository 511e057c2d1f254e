package dev.bulwark.policy.reference;

import java.util.Locale;

/**
 * Matches condition keys against the reference's parameterised key names. The reference writes
 * the variable part as {@code ${Name}} (and, for a few S3 keys, {@code <key>}); in a policy it is
 * any non-empty text. Condition keys are case-insensitive.
 */
final class KeyTemplate
{
    private KeyTemplate() {}

    static boolean hasPlaceholder(String template)
    {
        return template.contains("${") || template.contains("<");
    }

    /** Whether {@code lowerKey} (already lower-case) is {@code template} or one of its concrete forms. */
    static boolean matches(String template, String lowerKey)
    {
        String lowerTemplate = template.toLowerCase(Locale.ROOT);
        if (!hasPlaceholder(lowerTemplate)) {
            return lowerTemplate.equals(lowerKey);
        }
        return matchFrom(lowerTemplate, 0, lowerKey, 0);
    }

    private static boolean matchFrom(String template, int t, String key, int k)
    {
        while (t < template.length()) {
            int placeholderEnd = placeholderEnd(template, t);
            if (placeholderEnd > 0) {
                // a placeholder stands for at least one character; try every split point
                for (int end = k + 1; end <= key.length(); end++) {
                    if (matchFrom(template, placeholderEnd, key, end)) {
                        return true;
                    }
                }
                return false;
            }
            if (k >= key.length() || template.charAt(t) != key.charAt(k)) {
                return false;
            }
            t++;
            k++;
        }
        return k == key.length();
    }

    /** The index after the placeholder starting at {@code t}, or -1 when none starts there. */
    private static int placeholderEnd(String template, int t)
    {
        if (template.startsWith("${", t)) {
            int close = template.indexOf('}', t);
            return close < 0 ? -1 : close + 1;
        }
        if (template.charAt(t) == '<') {
            int close = template.indexOf('>', t);
            return close < 0 ? -1 : close + 1;
        }
        return -1;
    }
}
