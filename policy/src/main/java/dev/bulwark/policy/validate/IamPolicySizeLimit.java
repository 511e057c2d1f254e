package dev.bulwark.policy.validate;

import static java.util.Objects.requireNonNull;

import java.util.Collection;
import java.util.Optional;

/**
 * IAM's size quotas for policy documents, counted in characters without whitespace (IAM user guide,
 * "IAM and AWS STS quotas"): a managed policy may hold 6,144; the inline policies of one entity
 * together 2,048 for a user, 5,120 for a group and 10,240 for a role. IAM answers a breach with
 * {@code LimitExceeded} (HTTP 409); {@link Violation} carries the code and IAM's message.
 */
public enum IamPolicySizeLimit
{
    MANAGED_POLICY(6_144, "policy"),
    USER_INLINE_POLICIES(2_048, "user"),
    GROUP_INLINE_POLICIES(5_120, "group"),
    ROLE_INLINE_POLICIES(10_240, "role");

    /** The IAM error code of a size breach. */
    public static final String ERROR_CODE = "LimitExceeded";

    private final int maxCharacters;
    private final String entityKind;

    IamPolicySizeLimit(int maxCharacters, String entityKind)
    {
        this.maxCharacters = maxCharacters;
        this.entityKind = entityKind;
    }

    public int maxCharacters()
    {
        return maxCharacters;
    }

    /** The size IAM counts for a document: its characters, whitespace excluded. */
    public static int size(String policyDocument)
    {
        return PolicySize.charactersWithoutWhitespace(requireNonNull(policyDocument, "policyDocument is null"));
    }

    /**
     * Checks one managed policy document; only for {@link #MANAGED_POLICY}.
     *
     * @return the violation, empty when the document fits
     */
    public Optional<Violation> checkManagedPolicy(String policyDocument)
    {
        if (this != MANAGED_POLICY) {
            throw new IllegalStateException(this + " limits inline policies: use checkInlinePolicies");
        }
        int size = size(policyDocument);
        if (size <= maxCharacters) {
            return Optional.empty();
        }
        return Optional.of(new Violation(ERROR_CODE, "Cannot exceed quota for PolicySize: " + maxCharacters, size, maxCharacters));
    }

    /**
     * Checks the inline policies an entity would hold after a change, as one aggregate.
     *
     * @param entityName the user, group or role name, which IAM puts in its message
     * @param policyDocuments every inline policy document of the entity, the new one included
     */
    public Optional<Violation> checkInlinePolicies(String entityName, Collection<String> policyDocuments)
    {
        requireNonNull(entityName, "entityName is null");
        requireNonNull(policyDocuments, "policyDocuments is null");
        if (this == MANAGED_POLICY) {
            throw new IllegalStateException("MANAGED_POLICY limits one document: use checkManagedPolicy");
        }
        int size = policyDocuments.stream().mapToInt(IamPolicySizeLimit::size).sum();
        if (size <= maxCharacters) {
            return Optional.empty();
        }
        // IAM's wording says bytes although it counts characters
        String message = "Maximum policy size of " + maxCharacters + " bytes exceeded for " + entityKind + " " + entityName;
        return Optional.of(new Violation(ERROR_CODE, message, size, maxCharacters));
    }

    /**
     * A breach of a size quota.
     *
     * @param errorCode IAM's error code, {@code LimitExceeded}
     * @param message IAM's error message
     * @param size the counted size
     * @param limit the quota
     */
    public record Violation(String errorCode, String message, int size, int limit)
    {
        public Violation
        {
            requireNonNull(errorCode, "errorCode is null");
            requireNonNull(message, "message is null");
        }
    }
}
