package dev.bulwark.server.services.iam;

import dev.bulwark.server.services.iam.model.Tag;
import software.amazon.awssdk.services.iam.model.InvalidInputException;
import software.amazon.awssdk.services.iam.model.LimitExceededException;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** IAM tags on the wire: conversion and the per-entity limit of 50. */
final class IamTags
{
    /** IAM allows at most this many tags on one entity. */
    static final int MAX_TAGS = 50;

    private IamTags() {}

    /** The request's tags; keys must be unique ignoring case, as IAM stores them. */
    static List<Tag> fromSdk(List<software.amazon.awssdk.services.iam.model.Tag> tags)
    {
        if (tags == null) {
            return List.of();
        }
        Set<String> seen = new HashSet<>();
        for (software.amazon.awssdk.services.iam.model.Tag tag : tags) {
            if (!seen.add(tag.key().toLowerCase(Locale.ROOT))) {
                throw InvalidInputException.builder().message("Duplicate tag keys found. Please note that Tag keys are case insensitive.").build();
            }
        }
        return tags.stream().map(tag -> new Tag(tag.key(), tag.value() == null ? "" : tag.value())).toList();
    }

    static List<software.amazon.awssdk.services.iam.model.Tag> toSdk(List<Tag> tags)
    {
        return tags.stream().map(tag -> software.amazon.awssdk.services.iam.model.Tag.builder().key(tag.key()).value(tag.value()).build()).toList();
    }

    /** Tagging beyond 50 tags in total (existing keys replaced, new ones added) is refused. */
    static void checkLimit(List<Tag> existing, List<Tag> added)
    {
        Set<String> keys = new HashSet<>();
        existing.forEach(tag -> keys.add(tag.key().toLowerCase(Locale.ROOT)));
        added.forEach(tag -> keys.add(tag.key().toLowerCase(Locale.ROOT)));
        if (keys.size() > MAX_TAGS) {
            throw LimitExceededException.builder().message("The number of tags has reached the maximum limit.").build();
        }
    }
}
