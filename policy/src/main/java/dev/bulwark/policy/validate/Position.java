package dev.bulwark.policy.validate;

/**
 * A position in the policy text, as Access Analyzer reports it.
 *
 * @param line line number, starting from 1
 * @param column column, starting from 0
 * @param offset character offset from the start of the document, starting from 0
 */
public record Position(int line, int column, int offset)
{
    public Position
    {
        if (line < 1 || column < 0 || offset < 0) {
            throw new IllegalArgumentException("invalid position: line " + line + ", column " + column + ", offset " + offset);
        }
    }
}
