package dev.bulwark.policy.eval;

import java.util.ArrayList;
import java.util.List;

/**
 * A Resource value holding policy variables, e.g. {@code arn:aws:s3:::bucket/home/${aws:username}/*}. It is cut
 * into its six ARN parts at compile time (colons inside {@code ${...}} do not count), so per request only the parts
 * with variables are rendered, and only after the parts without variables and the literal text the variable part
 * starts with have matched. Values that are not six-part ARNs are rendered whole.
 */
final class ResourceTemplate
{
    /** The three outcomes of matching: a variable without a value is not the same as a mismatch for NotResource. */
    enum Outcome { MATCH, NO_MATCH, UNRESOLVED }

    private final PolicyVariables whole;
    /** Per ARN part: a compiled glob for parts without variables, else null; null array when not split. */
    private final Glob[] fixedParts;
    private final PolicyVariables[] variableParts;
    private final String[] literalPrefixes;

    private ResourceTemplate(PolicyVariables whole, Glob[] fixedParts, PolicyVariables[] variableParts, String[] literalPrefixes)
    {
        this.whole = whole;
        this.fixedParts = fixedParts;
        this.variableParts = variableParts;
        this.literalPrefixes = literalPrefixes;
    }

    /** Null when the value has no variables (compile it as a plain {@link ArnPattern}). */
    static ResourceTemplate compile(String value)
    {
        PolicyVariables whole = PolicyVariables.parse(value);
        if (!whole.hasVariables()) {
            return null;
        }
        List<String> parts = splitOutsideVariables(value);
        if (parts.size() != SplitArn.PARTS) {
            return new ResourceTemplate(whole, null, null, null);
        }
        Glob[] fixed = new Glob[SplitArn.PARTS];
        PolicyVariables[] variables = new PolicyVariables[SplitArn.PARTS];
        String[] prefixes = new String[SplitArn.PARTS];
        for (int i = 0; i < SplitArn.PARTS; i++) {
            PolicyVariables part = PolicyVariables.parse(parts.get(i));
            if (part.hasVariables()) {
                variables[i] = part;
                prefixes[i] = part.literalPrefix();
            }
            else {
                fixed[i] = Glob.compile(parts.get(i));
            }
        }
        return new ResourceTemplate(whole, fixed, variables, prefixes);
    }

    Outcome match(EvaluationState state)
    {
        if (!whole.resolvable(state.context)) {
            return Outcome.UNRESOLVED;
        }
        SplitArn arn = state.resource;
        if (fixedParts == null || !arn.isArn()) {
            PolicyVariables.Rendered rendered = whole.render(state.context);
            return ArnPattern.matchesRendered(rendered.text(), rendered.literal(), arn) ? Outcome.MATCH : Outcome.NO_MATCH;
        }
        for (int i = 0; i < SplitArn.PARTS; i++) {
            if (fixedParts[i] != null) {
                if (!fixedParts[i].matches(arn.text, arn.starts[i], arn.ends[i])) {
                    return Outcome.NO_MATCH;
                }
            }
            else {
                String prefix = literalPrefixes[i];
                if (arn.ends[i] - arn.starts[i] < prefix.length() || !arn.text.regionMatches(arn.starts[i], prefix, 0, prefix.length())) {
                    return Outcome.NO_MATCH;
                }
            }
        }
        for (int i = 0; i < SplitArn.PARTS; i++) {
            if (variableParts[i] != null) {
                PolicyVariables.Rendered rendered = variableParts[i].render(state.context);
                String text = rendered.text();
                if (!Glob.matches(text, rendered.literal(), 0, text.length(), arn.text, arn.starts[i], arn.ends[i])) {
                    return Outcome.NO_MATCH;
                }
            }
        }
        return Outcome.MATCH;
    }

    private static List<String> splitOutsideVariables(String value)
    {
        List<String> parts = new ArrayList<>();
        int start = 0;
        int depth = 0;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '$' && i + 1 < value.length() && value.charAt(i + 1) == '{') {
                depth++;
            }
            else if (c == '}' && depth > 0) {
                depth--;
            }
            else if (c == ':' && depth == 0 && parts.size() < SplitArn.PARTS - 1) {
                parts.add(value.substring(start, i));
                start = i + 1;
            }
        }
        parts.add(value.substring(start));
        return parts;
    }
}
