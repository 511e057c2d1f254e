package dev.bulwark.server.services.kms;

import software.amazon.awssdk.services.kms.model.Tag;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** KMS's tag rules (keys 1–128 characters, values up to 256, no {@code aws:} prefix, 50 per key) and their condition keys. */
final class KmsTags
{
    static final int MAX_TAGS = 50;

    private KmsTags() {}

    /** The request's tags in request order, validated; a later duplicate key wins as in AWS. */
    static Map<String, String> of(List<Tag> tags)
    {
        Map<String, String> result = new LinkedHashMap<>();
        if (tags == null) {
            return result;
        }
        for (Tag tag : tags) {
            String key = tag.tagKey();
            String value = tag.tagValue();
            if (key == null || key.isEmpty() || key.length() > 128) {
                throw KmsErrors.tag("Tag keys must be between 1 and 128 characters.");
            }
            if (value == null || value.length() > 256) {
                throw KmsErrors.tag("Tag values must be between 0 and 256 characters.");
            }
            if (key.toLowerCase(java.util.Locale.ROOT).startsWith("aws:")) {
                throw KmsErrors.tag("Tags beginning with aws: are reserved.");
            }
            result.put(key, value);
        }
        return result;
    }

    /** {@code aws:RequestTag/<key>} for each tag and {@code aws:TagKeys}. */
    static Map<String, List<String>> requestKeys(List<Tag> tags)
    {
        Map<String, List<String>> keys = new HashMap<>();
        if (tags == null || tags.isEmpty()) {
            return keys;
        }
        for (Tag tag : tags) {
            if (tag.tagKey() != null) {
                keys.put("aws:RequestTag/" + tag.tagKey(), List.of(tag.tagValue() == null ? "" : tag.tagValue()));
            }
        }
        keys.put("aws:TagKeys", tags.stream().map(Tag::tagKey).filter(java.util.Objects::nonNull).toList());
        return keys;
    }

    static List<Tag> toSdk(Map<String, String> tags)
    {
        return tags.entrySet().stream().map(entry -> Tag.builder().tagKey(entry.getKey()).tagValue(entry.getValue()).build()).toList();
    }
}
