package dev.bulwark.server.services.sts;

import dev.bulwark.protocol.error.AwsErrorException;
import dev.bulwark.server.services.iam.model.Tag;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * STS session tags (AWS's "Passing session tags in AWS STS"): the checks a request's tags must pass, the condition
 * keys they give {@code sts:AssumeRole}/{@code sts:TagSession}, and how a role chain passes transitive tags on.
 * Keys compare ignoring case everywhere, as AWS stores them; the model already bounds the count (50), key (128)
 * and value (256) lengths and characters of tags a request passes.
 */
final class SessionTags
{
    private SessionTags() {}

    static List<Tag> fromSdk(List<software.amazon.awssdk.services.sts.model.Tag> tags)
    {
        if (tags == null) {
            return List.of();
        }
        return tags.stream()
                .filter(tag -> tag.key() != null)
                .map(tag -> new Tag(tag.key(), tag.value() == null ? "" : tag.value()))
                .toList();
    }

    /**
     * The checks STS makes of the tags a session is given, in this order: unique keys, transitive keys among them,
     * and (in a role chain) no key of a transitive tag inherited from the calling session.
     */
    static void check(List<Tag> tags, List<String> transitiveKeys, List<Tag> inheritedTransitive)
    {
        Set<String> keys = new HashSet<>();
        for (Tag tag : tags) {
            if (!keys.add(lower(tag.key()))) {
                throw invalidParameterValue("Duplicate tag keys found. Please note that Tag keys are case insensitive.");
            }
        }
        for (String key : transitiveKeys) {
            if (!keys.contains(lower(key))) {
                throw invalidParameterValue("The specified transitive tag key must be included in the requested tags.");
            }
        }
        for (Tag inherited : inheritedTransitive) {
            if (keys.contains(lower(inherited.key()))) {
                throw invalidParameterValue("One of the specified transitive tag keys can't be set because it conflicts with a transitive tag key from the "
                        + "calling session.");
            }
        }
    }

    /** The new session's tags: those inherited as transitive, then those passed. */
    static List<Tag> sessionTags(List<Tag> inheritedTransitive, List<Tag> passed)
    {
        List<Tag> all = new ArrayList<>(inheritedTransitive);
        all.addAll(passed);
        return all;
    }

    /** The new session's transitive keys: the inherited ones stay transitive, plus those the request names. */
    static List<String> transitiveKeys(List<Tag> inheritedTransitive, List<String> passed)
    {
        Map<String, String> keys = new LinkedHashMap<>();
        inheritedTransitive.forEach(tag -> keys.putIfAbsent(lower(tag.key()), tag.key()));
        passed.forEach(key -> keys.putIfAbsent(lower(key), key));
        return List.copyOf(keys.values());
    }

    /**
     * {@code aws:RequestTag/<key>}, {@code aws:TagKeys} and {@code sts:TransitiveTagKeys} for the tags a request
     * passes. Authorization runs before the handler's checks and must not fail on bad input, so a duplicate key
     * simply keeps its last value here.
     */
    static Map<String, List<String>> conditionKeys(List<Tag> tags, List<String> transitiveKeys)
    {
        Map<String, List<String>> keys = new HashMap<>();
        for (Tag tag : tags) {
            keys.put("aws:RequestTag/" + tag.key(), List.of(tag.value()));
        }
        if (!tags.isEmpty()) {
            keys.put("aws:TagKeys", tags.stream().map(Tag::key).toList());
        }
        if (!transitiveKeys.isEmpty()) {
            keys.put("sts:TransitiveTagKeys", List.copyOf(transitiveKeys));
        }
        return keys;
    }

    /** The plaintext the packed size counts for tags: each key and value. */
    static int plaintextSize(List<Tag> tags)
    {
        return tags.stream().mapToInt(tag -> tag.key().length() + tag.value().length()).sum();
    }

    private static String lower(String key)
    {
        return key.toLowerCase(Locale.ROOT);
    }

    private static AwsErrorException invalidParameterValue(String message)
    {
        return AwsErrorException.sender("InvalidParameterValue", 400, message);
    }
}
