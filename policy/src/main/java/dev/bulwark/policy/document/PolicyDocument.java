package dev.bulwark.policy.document;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Optional;

/**
 * A parsed policy document. Parse once with {@link #parse(String)} and keep the record; nothing downstream re-reads
 * JSON. A missing {@code Version} is kept as empty: IAM then applies the 2008-10-17 language, see
 * {@link #effectiveVersion()}.
 */
public record PolicyDocument(Optional<PolicyVersion> version, Optional<String> id, List<Statement> statements)
{
    public PolicyDocument
    {
        requireNonNull(version, "version is null");
        requireNonNull(id, "id is null");
        statements = List.copyOf(requireNonNull(statements, "statements is null"));
    }

    /** Parses a policy accepting any statement shape ({@link PolicyGrammar#ANY}). */
    public static PolicyDocument parse(String json)
    {
        return parse(json, PolicyGrammar.ANY);
    }

    /**
     * Parses a policy and applies the rules of the place it is attached to.
     *
     * @throws MalformedPolicyException with IAM's message when IAM would reject the document
     */
    public static PolicyDocument parse(String json, PolicyGrammar grammar)
    {
        requireNonNull(json, "json is null");
        requireNonNull(grammar, "grammar is null");
        return PolicyParser.parse(json, grammar);
    }

    /** The language version in force: 2008-10-17 when the element is absent (AWS: Version element docs). */
    public PolicyVersion effectiveVersion()
    {
        return version.orElse(PolicyVersion.V2008_10_17);
    }
}
