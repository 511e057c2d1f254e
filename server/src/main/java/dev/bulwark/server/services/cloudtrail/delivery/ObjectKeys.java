package dev.bulwark.server.services.cloudtrail.delivery;

import dev.bulwark.server.services.cloudtrail.model.Trail;

import java.security.SecureRandom;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.random.RandomGenerator;

import static java.util.Objects.requireNonNull;

/**
 * CloudTrail's S3 key layout. Log files:
 * {@code [prefix/]AWSLogs/[o-id/]<account>/CloudTrail/<region>/YYYY/MM/DD/<account>_CloudTrail_<region>_YYYYMMDDTHHmmZ_<16 random>.json.gz};
 * digests: {@code [prefix/]AWSLogs/[o-id/]<account>/CloudTrail-Digest/<region>/YYYY/MM/DD/<account>_CloudTrail-Digest_<region>_<trail>_<home region>_YYYYMMDDTHHmmssZ.json.gz}
 * (the AWS CLI reads the digest's end time from the 16 characters before {@code .json.gz}).
 */
final class ObjectKeys
{
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy/MM/dd").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmm'Z'").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter SECOND = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
    private static final String ALPHANUMERIC = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

    private final RandomGenerator random;

    ObjectKeys()
    {
        this(new SecureRandom());
    }

    ObjectKeys(RandomGenerator random)
    {
        this.random = requireNonNull(random, "random is null");
    }

    String logFile(Trail trail, String accountId, String region, Instant delivered)
    {
        return base(trail, accountId) + "/CloudTrail/" + region + "/" + DAY.format(delivered) + "/" + accountId + "_CloudTrail_" + region + "_"
                + MINUTE.format(delivered) + "_" + randomPart() + ".json.gz";
    }

    String digestFile(Trail trail, String accountId, String region, Instant digestEnd)
    {
        return base(trail, accountId) + "/CloudTrail-Digest/" + region + "/" + DAY.format(digestEnd) + "/" + accountId + "_CloudTrail-Digest_" + region + "_"
                + trail.name() + "_" + trail.homeRegion() + "_" + SECOND.format(digestEnd) + ".json.gz";
    }

    private static String base(Trail trail, String accountId)
    {
        String organization = trail.isOrganizationTrail() ? trail.organizationId() + "/" : "";
        return trail.keyPrefix().map(prefix -> prefix + "/").orElse("") + "AWSLogs/" + organization + accountId;
    }

    private String randomPart()
    {
        StringBuilder part = new StringBuilder(16);
        for (int i = 0; i < 16; i++) {
            part.append(ALPHANUMERIC.charAt(random.nextInt(ALPHANUMERIC.length())));
        }
        return part.toString();
    }
}
