package dev.bulwark.policy.eval;

import static java.util.Objects.requireNonNull;

import dev.bulwark.policy.document.PolicyDocument;

/**
 * A parsed policy together with what it is and what to call it in explanations.
 *
 * @param name the managed policy ARN, or the inline policy name
 */
public record PolicySource(PolicyType type, String name, PolicyDocument document)
{
    public PolicySource
    {
        requireNonNull(type, "type is null");
        requireNonNull(name, "name is null");
        requireNonNull(document, "document is null");
    }
}
