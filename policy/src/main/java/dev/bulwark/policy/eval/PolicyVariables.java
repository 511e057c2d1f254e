package dev.bulwark.policy.eval;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A value that may hold policy variables: {@code ${aws:username}}, {@code ${aws:PrincipalTag/team}}, a default
 * {@code ${aws:username, 'nobody'}}, and the escapes {@code ${*}} {@code ${?}} {@code ${$}} for the literal
 * characters. Only policies with {@code "Version": "2012-10-17"} substitute (AWS: "Policy variables"); callers
 * parse other versions' values as plain text.
 *
 * <p>Rendering marks each character that came from a substitution or an escape as literal, so a {@code *} in a
 * user name, or an escaped {@code ${*}}, never acts as a wildcard.
 */
final class PolicyVariables
{
    private final List<Part> parts;
    private final boolean hasVariables;

    private PolicyVariables(List<Part> parts, boolean hasVariables)
    {
        this.parts = parts;
        this.hasVariables = hasVariables;
    }

    /** The rendered text, and which of its characters are literal. */
    record Rendered(String text, boolean[] literal) {}

    private sealed interface Part permits Text, Escape, Variable {}

    private record Text(String text) implements Part {}

    private record Escape(char c) implements Part {}

    /** {@code key} is lower-cased for the context lookup; {@code fallback} is null without a default. */
    private record Variable(String key, String fallback) implements Part {}

    static PolicyVariables parse(String value)
    {
        List<Part> parts = new ArrayList<>();
        boolean hasVariables = false;
        int position = 0;
        StringBuilder text = new StringBuilder();
        while (position < value.length()) {
            int open = value.indexOf("${", position);
            int close = open < 0 ? -1 : value.indexOf('}', open + 2);
            if (open < 0 || close < 0) {
                text.append(value, position, value.length());
                break;
            }
            text.append(value, position, open);
            String inner = value.substring(open + 2, close);
            Part part = variable(inner);
            if (part == null) {
                text.append(value, open, close + 1);
            }
            else {
                if (text.length() > 0) {
                    parts.add(new Text(text.toString()));
                    text.setLength(0);
                }
                parts.add(part);
                hasVariables = true;
            }
            position = close + 1;
        }
        if (text.length() > 0) {
            parts.add(new Text(text.toString()));
        }
        return new PolicyVariables(List.copyOf(parts), hasVariables);
    }

    private static Part variable(String inner)
    {
        if (inner.equals("*") || inner.equals("?") || inner.equals("$")) {
            return new Escape(inner.charAt(0));
        }
        String key = inner;
        String fallback = null;
        int comma = inner.indexOf(',');
        if (comma >= 0) {
            String rest = inner.substring(comma + 1).trim();
            if (rest.length() < 2 || rest.charAt(0) != '\'' || rest.charAt(rest.length() - 1) != '\'') {
                return null;
            }
            fallback = rest.substring(1, rest.length() - 1);
            key = inner.substring(0, comma);
        }
        key = key.trim();
        if (key.isEmpty()) {
            return null;
        }
        return new Variable(key.toLowerCase(Locale.ROOT), fallback);
    }

    boolean hasVariables()
    {
        return hasVariables;
    }

    /** Whether {@link #render} would succeed: every variable has one value or a default. */
    boolean resolvable(RequestContext context)
    {
        for (Part part : parts) {
            if (part instanceof Variable variable && variable.fallback() == null) {
                List<String> values = context.getLowerCased(variable.key());
                if (values == null || values.size() != 1) {
                    return false;
                }
            }
        }
        return true;
    }

    /** The plain text before the first variable, escape or wildcard: every match starts with it. */
    String literalPrefix()
    {
        if (parts.isEmpty() || !(parts.get(0) instanceof Text first)) {
            return "";
        }
        String text = first.text();
        int end = 0;
        while (end < text.length() && text.charAt(end) != '*' && text.charAt(end) != '?') {
            end++;
        }
        return text.substring(0, end);
    }

    /**
     * Substitutes from the request context. Null when a variable has no value and no default: AWS then treats the
     * element as not matching. A multivalued key cannot be substituted either.
     */
    Rendered render(RequestContext context)
    {
        // Two passes, so the text and its literal marks are written once, without intermediate lists.
        String[] substituted = new String[parts.size()];
        int length = 0;
        for (int i = 0; i < substituted.length; i++) {
            Part part = parts.get(i);
            String value;
            if (part instanceof Text plain) {
                value = plain.text();
            }
            else if (part instanceof Escape escape) {
                value = String.valueOf(escape.c());
            }
            else {
                Variable variable = (Variable) part;
                List<String> values = context.getLowerCased(variable.key());
                if (values != null && values.size() == 1) {
                    value = values.get(0);
                }
                else if (variable.fallback() != null) {
                    value = variable.fallback();
                }
                else {
                    return null;
                }
            }
            substituted[i] = value;
            length += value.length();
        }
        char[] text = new char[length];
        boolean[] literal = new boolean[length];
        int position = 0;
        for (int i = 0; i < substituted.length; i++) {
            String value = substituted[i];
            value.getChars(0, value.length(), text, position);
            if (!(parts.get(i) instanceof Text)) {
                java.util.Arrays.fill(literal, position, position + value.length(), true);
            }
            position += value.length();
        }
        return new Rendered(new String(text), literal);
    }
}
