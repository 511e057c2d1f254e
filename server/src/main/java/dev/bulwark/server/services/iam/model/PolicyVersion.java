package dev.bulwark.server.services.iam.model;

import java.time.Instant;

import static java.util.Objects.requireNonNull;

/** One version of a managed policy ({@code v1}, {@code v2}, ...); exactly one version per policy is the default. */
public record PolicyVersion(String policyArn, String versionId, String document, boolean isDefaultVersion, Instant created)
{
    public PolicyVersion
    {
        requireNonNull(policyArn, "policyArn is null");
        requireNonNull(versionId, "versionId is null");
        requireNonNull(document, "document is null");
        requireNonNull(created, "created is null");
    }
}
