package dev.bulwark.policy.eval;

/**
 * A Resource value (or an {@code Arn*} condition value) matched the way IAM matches ARNs: part by part, so a
 * wildcard in the region never spills into the account, while the resource part's {@code *} may span {@code /}
 * and {@code :}. Values that are not six-part ARNs ({@code *}, legacy short forms) match the whole text.
 */
final class ArnPattern
{
    private final Glob whole;
    private final Glob[] parts;
    private final boolean matchesEverything;

    private ArnPattern(Glob whole, Glob[] parts, boolean matchesEverything)
    {
        this.whole = whole;
        this.parts = parts;
        this.matchesEverything = matchesEverything;
    }

    static ArnPattern compile(String pattern)
    {
        return compile(pattern, null);
    }

    static ArnPattern compile(String pattern, boolean[] literal)
    {
        if (pattern.equals("*") && literal == null) {
            return new ArnPattern(null, null, true);
        }
        SplitArn split = SplitArn.of(pattern);
        if (!split.isArn()) {
            return new ArnPattern(Glob.compile(pattern, literal), null, false);
        }
        Glob[] parts = new Glob[SplitArn.PARTS];
        for (int i = 0; i < SplitArn.PARTS; i++) {
            String part = pattern.substring(split.starts[i], split.ends[i]);
            boolean[] partLiteral = null;
            if (literal != null) {
                partLiteral = java.util.Arrays.copyOfRange(literal, split.starts[i], split.ends[i]);
            }
            parts[i] = Glob.compile(part, partLiteral);
        }
        return new ArnPattern(null, parts, false);
    }

    boolean matches(SplitArn arn)
    {
        if (matchesEverything) {
            return true;
        }
        if (parts == null) {
            return whole.matches(arn.text);
        }
        if (!arn.isArn()) {
            return false;
        }
        for (int i = 0; i < SplitArn.PARTS; i++) {
            if (!parts[i].matches(arn.text, arn.starts[i], arn.ends[i])) {
                return false;
            }
        }
        return true;
    }

    /**
     * Matches a pattern rendered per request (policy variables substituted, {@code literal} marking substituted
     * and escaped characters) without compiling it.
     */
    static boolean matchesRendered(String pattern, boolean[] literal, SplitArn arn)
    {
        if (arn.isArn()) {
            int position = 0;
            int part = 0;
            for (; part < SplitArn.PARTS - 1; part++) {
                int colon = pattern.indexOf(':', position);
                if (colon < 0) {
                    break;
                }
                if (!Glob.matches(pattern, literal, position, colon, arn.text, arn.starts[part], arn.ends[part])) {
                    return false;
                }
                position = colon + 1;
            }
            if (part == SplitArn.PARTS - 1) {
                return Glob.matches(pattern, literal, position, pattern.length(), arn.text, arn.starts[part], arn.ends[part]);
            }
        }
        else if (SplitArn.of(pattern).isArn()) {
            return false;
        }
        return Glob.matches(pattern, literal, 0, pattern.length(), arn.text, 0, arn.text.length());
    }
}
