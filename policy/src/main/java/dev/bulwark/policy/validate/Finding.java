package dev.bulwark.policy.validate;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * One finding of the validator, shaped like Access Analyzer's {@code ValidatePolicyFinding}.
 *
 * @param findingDetails the explanation, in Access Analyzer's wording with this policy's values filled in
 * @param findingType the impact
 * @param issueCode the check that produced the finding
 * @param learnMoreLink the documentation section for the check
 * @param locations the places in the policy the finding is about
 */
public record Finding(String findingDetails, FindingType findingType, IssueCode issueCode, String learnMoreLink, List<Location> locations)
{
    public Finding
    {
        requireNonNull(findingDetails, "findingDetails is null");
        requireNonNull(findingType, "findingType is null");
        requireNonNull(issueCode, "issueCode is null");
        requireNonNull(learnMoreLink, "learnMoreLink is null");
        locations = List.copyOf(requireNonNull(locations, "locations is null"));
    }

    static Finding of(IssueCode code, List<Location> locations, Object... arguments)
    {
        return new Finding(code.details(arguments), code.findingType(), code, code.learnMoreLink(), locations);
    }
}
