package dev.bulwark.policy.reference;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

final class TestArnTemplate
{
    @ParameterizedTest
    @CsvSource({
            "arn:${Partition}:s3:::${BucketName}, arn:aws:s3:::b, true, true",
            // only the lenient reading lets a bucket name swallow an object key
            "arn:${Partition}:s3:::${BucketName}, arn:aws:s3:::b/k, false, true",
            "arn:${Partition}:s3:::${BucketName}/${ObjectName}, arn:aws:s3:::b/k, true, true",
            "arn:${Partition}:s3:::${BucketName}/${ObjectName}, arn:aws:s3:::b/dir/k, false, true",
            "arn:${Partition}:s3:::${BucketName}/${ObjectName}, arn:aws:s3:::b, false, false",
            "arn:${Partition}:iam::${Account}:role/${RoleNameWithPath}, arn:aws:iam::111122223333:role/r, true, true",
            "arn:${Partition}:iam::${Account}:role/${RoleNameWithPath}, arn:aws:iam::111122223333:role/p/r, false, true",
            "arn:${Partition}:iam::${Account}:role/${RoleNameWithPath}, arn:aws:iam::111122223333:user/u, false, false",
            // literal parts are case-sensitive, like ARNs
            "arn:${Partition}:iam::${Account}:role/${RoleNameWithPath}, arn:aws:iam::111122223333:ROLE/r, false, false",
            "arn:${Partition}:sqs:${Region}:${Account}:${QueueName}, arn:aws-cn:sqs:cn-north-1:111122223333:q, true, true",
    })
    void testVariablesMatchOneSegmentStrictlyAndThePathLeniently(String template, String arn, boolean strict, boolean lenient)
    {
        ArnTemplate compiled = new ArnTemplate(template);
        assertThat(compiled.matchesStrictly(arn)).isEqualTo(strict);
        assertThat(compiled.matchesLeniently(arn)).isEqualTo(lenient);
    }
}
