package dev.bulwark.policy.eval;

import java.util.ArrayList;
import java.util.List;

/**
 * A compiled IAM wildcard pattern: {@code *} matches any run of characters, {@code ?} exactly one.
 *
 * <p>No regular expressions and no backtracking: the pattern is cut at its stars into literal segments; the first
 * segment must sit at the start, the last at the end, and each middle segment is taken at its leftmost place
 * after the previous one. Leftmost placement is always safe when the only variable-length token is {@code *}, so
 * one pass decides. The cost is O(n·k) for text length n and longest segment k, never exponential: a hostile
 * {@code *a*a*a*a*a*a*b} is linear in the text.
 */
final class Glob
{
    private static final char[] NO_CHARS = new char[0];

    private final char[][] segments;
    /** Per segment, which characters are {@code ?}; null for a segment without any. */
    private final boolean[][] anyChar;
    private final boolean hasStar;
    private final int minLength;
    /** Fast path for the common shapes: a plain literal, or a literal followed by one star ({@code s3:Get*}). */
    private final Shape shape;
    private final String literalText;

    private enum Shape { LITERAL, PREFIX, ANYTHING, GENERAL }

    private Glob(char[][] segments, boolean[][] anyChar, boolean hasStar)
    {
        this.segments = segments;
        this.anyChar = anyChar;
        this.hasStar = hasStar;
        int length = 0;
        for (char[] segment : segments) {
            length += segment.length;
        }
        this.minLength = length;
        boolean noAnyChar = anyChar[0] == null;
        if (!hasStar && noAnyChar) {
            shape = Shape.LITERAL;
        }
        else if (hasStar && segments.length == 2 && noAnyChar && segments[1].length == 0) {
            shape = segments[0].length == 0 ? Shape.ANYTHING : Shape.PREFIX;
        }
        else {
            shape = Shape.GENERAL;
        }
        this.literalText = shape == Shape.GENERAL ? null : new String(segments[0]);
    }

    /** Compiles a pattern in which every {@code *} and {@code ?} is a wildcard. */
    static Glob compile(String pattern)
    {
        return compile(pattern, null);
    }

    /**
     * Compiles a pattern; {@code literal[i]} true makes character i plain text even if it is {@code *} or
     * {@code ?} (escapes like {@code ${*}} and substituted variable values).
     */
    static Glob compile(String pattern, boolean[] literal)
    {
        List<char[]> segments = new ArrayList<>();
        List<boolean[]> anys = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        List<Integer> currentAny = new ArrayList<>();
        boolean hasStar = false;
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            boolean special = literal == null || !literal[i];
            if (special && c == '*') {
                hasStar = true;
                addSegment(segments, anys, current, currentAny);
                current.setLength(0);
                currentAny.clear();
            }
            else {
                if (special && c == '?') {
                    currentAny.add(current.length());
                }
                current.append(c);
            }
        }
        addSegment(segments, anys, current, currentAny);
        return new Glob(segments.toArray(new char[0][]), anys.toArray(new boolean[0][]), hasStar);
    }

    private static void addSegment(List<char[]> segments, List<boolean[]> anys, StringBuilder text, List<Integer> anyPositions)
    {
        segments.add(text.length() == 0 ? NO_CHARS : text.toString().toCharArray());
        if (anyPositions.isEmpty()) {
            anys.add(null);
        }
        else {
            boolean[] any = new boolean[text.length()];
            anyPositions.forEach(position -> any[position] = true);
            anys.add(any);
        }
    }

    boolean matches(String text)
    {
        return matches(text, 0, text.length());
    }

    /** Matches the region [start, end) of {@code text}. */
    boolean matches(String text, int start, int end)
    {
        switch (shape) {
            case LITERAL:
                return end - start == minLength && text.regionMatches(start, literalText, 0, minLength);
            case PREFIX:
                return end - start >= minLength && text.regionMatches(start, literalText, 0, minLength);
            case ANYTHING:
                return true;
            case GENERAL:
                break;
        }
        if (end - start < minLength) {
            return false;
        }
        if (!hasStar) {
            return end - start == segments[0].length && segmentAt(0, text, start);
        }
        int last = segments.length - 1;
        if (!segmentAt(0, text, start)) {
            return false;
        }
        int position = start + segments[0].length;
        int limit = end - segments[last].length;
        if (limit < position || !segmentAt(last, text, limit)) {
            return false;
        }
        for (int i = 1; i < last; i++) {
            int found = find(i, text, position, limit);
            if (found < 0) {
                return false;
            }
            position = found + segments[i].length;
        }
        return true;
    }

    /** Leftmost index in [from, limit - length] where segment i matches, or -1. */
    private int find(int i, String text, int from, int limit)
    {
        for (int at = from; at + segments[i].length <= limit; at++) {
            if (segmentAt(i, text, at)) {
                return at;
            }
        }
        return -1;
    }

    private boolean segmentAt(int i, String text, int at)
    {
        char[] segment = segments[i];
        boolean[] any = anyChar[i];
        for (int k = 0; k < segment.length; k++) {
            if ((any == null || !any[k]) && text.charAt(at + k) != segment[k]) {
                return false;
            }
        }
        return true;
    }

    /**
     * Matches without compiling: pattern region [patternStart, patternEnd) against text region [start, end), with
     * the same leftmost-segment algorithm. Used for patterns rendered per request from policy variables, so they
     * cost no allocation beyond the rendered text.
     */
    static boolean matches(String pattern, boolean[] literal, int patternStart, int patternEnd, String text, int start, int end)
    {
        int firstStar = nextStar(pattern, literal, patternStart, patternEnd);
        if (firstStar < 0) {
            return end - start == patternEnd - patternStart && rawSegmentAt(pattern, literal, patternStart, patternEnd, text, start);
        }
        int lastStar = patternEnd - 1;
        while (!isStar(pattern, literal, lastStar)) {
            lastStar--;
        }
        int headLength = firstStar - patternStart;
        int tailLength = patternEnd - lastStar - 1;
        if (end - start < headLength + tailLength || !rawSegmentAt(pattern, literal, patternStart, firstStar, text, start)) {
            return false;
        }
        int position = start + headLength;
        int limit = end - tailLength;
        if (!rawSegmentAt(pattern, literal, lastStar + 1, patternEnd, text, limit)) {
            return false;
        }
        int segmentStart = firstStar + 1;
        while (segmentStart <= lastStar) {
            int segmentEnd = nextStar(pattern, literal, segmentStart, lastStar + 1);
            int length = segmentEnd - segmentStart;
            int found = -1;
            for (int at = position; at + length <= limit; at++) {
                if (rawSegmentAt(pattern, literal, segmentStart, segmentEnd, text, at)) {
                    found = at;
                    break;
                }
            }
            if (found < 0) {
                return false;
            }
            position = found + length;
            segmentStart = segmentEnd + 1;
        }
        return true;
    }

    private static boolean isStar(String pattern, boolean[] literal, int i)
    {
        return pattern.charAt(i) == '*' && (literal == null || !literal[i]);
    }

    private static int nextStar(String pattern, boolean[] literal, int from, int to)
    {
        for (int i = from; i < to; i++) {
            if (isStar(pattern, literal, i)) {
                return i;
            }
        }
        return -1;
    }

    private static boolean rawSegmentAt(String pattern, boolean[] literal, int from, int to, String text, int at)
    {
        for (int k = from; k < to; k++) {
            char c = pattern.charAt(k);
            boolean any = c == '?' && (literal == null || !literal[k]);
            if (!any && text.charAt(at + k - from) != c) {
                return false;
            }
        }
        return true;
    }
}
