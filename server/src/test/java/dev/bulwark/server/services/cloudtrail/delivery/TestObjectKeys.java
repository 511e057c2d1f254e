package dev.bulwark.server.services.cloudtrail.delivery;

import dev.bulwark.server.services.cloudtrail.model.EventSelection;
import dev.bulwark.server.services.cloudtrail.model.Trail;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/** CloudTrail's key layout for log files and digests, with and without prefix and organization. */
final class TestObjectKeys
{
    private static final Instant AT = Instant.parse("2026-11-23T09:05:07.250Z");

    @Test
    void logFileKeys()
    {
        ObjectKeys keys = new ObjectKeys(new SplittableRandom(1));
        assertThat(keys.logFile(trail(null, null), "111122223333", "eu-west-1", AT))
                .matches("AWSLogs/111122223333/CloudTrail/eu-west-1/2026/11/23/111122223333_CloudTrail_eu-west-1_20261123T0905Z_[A-Za-z0-9]{16}\\.json\\.gz");
        assertThat(keys.logFile(trail("audit/prod", "o-abcdefghij"), "444455556666", "us-east-1", AT))
                .matches("audit/prod/AWSLogs/o-abcdefghij/444455556666/CloudTrail/us-east-1/2026/11/23/"
                        + "444455556666_CloudTrail_us-east-1_20261123T0905Z_[A-Za-z0-9]{16}\\.json\\.gz");
    }

    @Test
    void digestKeysEndWithTheSixteenCharacterTimeTheCliReads()
    {
        String key = new ObjectKeys().digestFile(trail("audit", null), "111122223333", "eu-west-1", AT);
        assertThat(key).isEqualTo("audit/AWSLogs/111122223333/CloudTrail-Digest/eu-west-1/2026/11/23/"
                + "111122223333_CloudTrail-Digest_eu-west-1_main_us-east-1_20261123T090507Z.json.gz");
        // The AWS CLI takes key[-24:-8] as the digest's end time.
        assertThat(key.substring(key.length() - 24, key.length() - 8)).isEqualTo("20261123T090507Z");
    }

    @Test
    void stringToSignIsAwsDocumentedForm()
    {
        assertThat(TrailDelivery.stringToSign("2026-11-23T09:05:07Z", "bucket", "a/b.json.gz", "ab12", null))
                .isEqualTo("2026-11-23T09:05:07Z\nbucket/a/b.json.gz\nab12\nnull");
        assertThat(TrailDelivery.stringToSign("2026-11-23T09:05:07Z", "bucket", "a/b.json.gz", "ab12", "ff00"))
                .isEqualTo("2026-11-23T09:05:07Z\nbucket/a/b.json.gz\nab12\nff00");
    }

    private static Trail trail(String prefix, String organizationId)
    {
        return new Trail("arn:aws:cloudtrail:us-east-1:111122223333:trail/main", "111122223333", "main", "us-east-1", "bucket", prefix, null, true, true,
                organizationId, true, null, null, null, EventSelection.allManagementEvents(), List.of(), true, AT, null, AT);
    }
}
