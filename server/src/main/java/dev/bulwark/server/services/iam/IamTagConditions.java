package dev.bulwark.server.services.iam;

import dev.bulwark.server.services.Access;
import dev.bulwark.server.services.iam.model.Tag;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The tag condition keys IAM's tagging operations supply: {@code aws:RequestTag/<key>} and {@code aws:TagKeys}
 * for the tags a request sets or removes, {@code aws:ResourceTag/<key>} (with its IAM alias
 * {@code iam:ResourceTag/<key>}) for the tags the target already carries. Policies match tag keys
 * case-insensitively, so the keys keep the caller's case here and the policy engine folds them.
 */
final class IamTagConditions
{
    private IamTagConditions() {}

    /** The keys for a request that sets {@code tags}. */
    static Map<String, List<String>> requestTags(List<Tag> tags)
    {
        Map<String, List<String>> keys = new HashMap<>();
        for (Tag tag : tags) {
            keys.put("aws:RequestTag/" + tag.key(), List.of(tag.value()));
        }
        if (!tags.isEmpty()) {
            keys.put("aws:TagKeys", tags.stream().map(Tag::key).toList());
        }
        return keys;
    }

    /**
     * The keys for a request's SDK tags, before the handler validates them: authorization runs first and must not
     * fail on bad input (the handler answers that with IAM's own error), so duplicates here simply keep the last.
     */
    static Map<String, List<String>> requestedTags(List<software.amazon.awssdk.services.iam.model.Tag> tags)
    {
        if (tags == null) {
            return Map.of();
        }
        return requestTags(tags.stream()
                .filter(tag -> tag.key() != null)
                .map(tag -> new Tag(tag.key(), tag.value() == null ? "" : tag.value()))
                .toList());
    }

    /** The keys for a request that removes {@code tagKeys}. */
    static Map<String, List<String>> removedTags(List<String> tagKeys)
    {
        return tagKeys.isEmpty() ? Map.of() : Map.of("aws:TagKeys", List.copyOf(tagKeys));
    }

    /** The keys describing what the target resource is tagged with. */
    static Map<String, List<String>> resourceTags(List<Tag> tags)
    {
        Map<String, List<String>> keys = new HashMap<>();
        for (Tag tag : tags) {
            keys.put("aws:ResourceTag/" + tag.key(), List.of(tag.value()));
            keys.put("iam:ResourceTag/" + tag.key(), List.of(tag.value()));
        }
        return keys;
    }

    /** {@code accesses} with {@code extra} condition keys added to each. */
    static List<Access> with(List<Access> accesses, Map<String, List<String>> extra)
    {
        if (extra.isEmpty()) {
            return accesses;
        }
        return accesses.stream()
                .map(access -> {
                    Map<String, List<String>> keys = new HashMap<>(access.conditionKeys());
                    keys.putAll(extra);
                    return new Access(access.action(), access.resource(), keys);
                })
                .toList();
    }
}
