package dev.bulwark.server.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bulwark.server.services.cloudtrail.delivery.DirectorySink;
import dev.bulwark.server.services.cloudtrail.delivery.LogObjectSink;
import dev.bulwark.server.services.cloudtrail.delivery.TrailDelivery;
import dev.bulwark.server.store.StoreTarget;
import dev.bulwark.server.store.StoreTest;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudtrail.CloudTrailClient;
import software.amazon.awssdk.services.cloudtrail.model.AdvancedEventSelector;
import software.amazon.awssdk.services.cloudtrail.model.AdvancedFieldSelector;
import software.amazon.awssdk.services.cloudtrail.model.CloudTrailArnInvalidException;
import software.amazon.awssdk.services.cloudtrail.model.CreateTrailResponse;
import software.amazon.awssdk.services.cloudtrail.model.EventSelector;
import software.amazon.awssdk.services.cloudtrail.model.GetEventSelectorsResponse;
import software.amazon.awssdk.services.cloudtrail.model.GetTrailStatusResponse;
import software.amazon.awssdk.services.cloudtrail.model.InsightNotEnabledException;
import software.amazon.awssdk.services.cloudtrail.model.InsightType;
import software.amazon.awssdk.services.cloudtrail.model.InvalidEventSelectorsException;
import software.amazon.awssdk.services.cloudtrail.model.InvalidHomeRegionException;
import software.amazon.awssdk.services.cloudtrail.model.InvalidParameterCombinationException;
import software.amazon.awssdk.services.cloudtrail.model.InvalidS3BucketNameException;
import software.amazon.awssdk.services.cloudtrail.model.InvalidTrailNameException;
import software.amazon.awssdk.services.cloudtrail.model.MaximumNumberOfTrailsExceededException;
import software.amazon.awssdk.services.cloudtrail.model.OrganizationsNotInUseException;
import software.amazon.awssdk.services.cloudtrail.model.PublicKey;
import software.amazon.awssdk.services.cloudtrail.model.ReadWriteType;
import software.amazon.awssdk.services.cloudtrail.model.ResourceNotFoundException;
import software.amazon.awssdk.services.cloudtrail.model.Tag;
import software.amazon.awssdk.services.cloudtrail.model.Trail;
import software.amazon.awssdk.services.cloudtrail.model.TrailAlreadyExistsException;
import software.amazon.awssdk.services.cloudtrail.model.TrailInfo;
import software.amazon.awssdk.services.cloudtrail.model.TrailNotFoundException;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.organizations.OrganizationsClient;
import software.amazon.awssdk.services.organizations.model.OrganizationFeatureSet;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Trails through a real server and the AWS SDK: lifecycle, name rules, status, selectors, tags, public keys and delivery. */
final class TestCloudTrailTrails
{
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TrailDelivery.Settings BY_HAND = new TrailDelivery.Settings(Duration.ofHours(1), Duration.ofSeconds(1), Duration.ZERO);

    @StoreTest
    void trailLifecycleAndErrors(StoreTarget target) throws Exception
    {
        try (RunningServer server = RunningServer.start(target); CloudTrailClient trails = CloudTrailClients.cloudTrail(server, server.adminCredentials());
                CloudTrailClient inWest = CloudTrailClients.cloudTrail(server, server.adminCredentials(), Region.EU_WEST_1)) {
            String account = server.admin().accountId();
            CreateTrailResponse created = trails.createTrail(b -> b.name("main-trail").s3BucketName("my-trail-bucket").s3KeyPrefix("logs")
                    .isMultiRegionTrail(true).enableLogFileValidation(true).kmsKeyId("alias/trail-key")
                    .tagsList(Tag.builder().key("team").value("security").build()));
            String arn = "arn:aws:cloudtrail:us-east-1:" + account + ":trail/main-trail";
            assertThat(created.trailARN()).isEqualTo(arn);
            assertThat(created.isMultiRegionTrail()).isTrue();
            assertThat(created.includeGlobalServiceEvents()).isTrue();
            assertThat(created.logFileValidationEnabled()).isTrue();
            assertThat(created.kmsKeyId()).isEqualTo("arn:aws:kms:us-east-1:" + account + ":alias/trail-key");
            assertThat(created.isOrganizationTrail()).isFalse();

            Trail trail = trails.getTrail(b -> b.name("main-trail")).trail();
            assertThat(trail.homeRegion()).isEqualTo("us-east-1");
            assertThat(trail.s3KeyPrefix()).isEqualTo("logs");
            assertThat(trail.hasCustomEventSelectors()).isFalse();
            assertThat(trails.getTrail(b -> b.name(arn)).trail()).isEqualTo(trail);
            // A multi-region trail shows in every region (a shadow trail), but is changed only from its home region.
            assertThat(inWest.describeTrails(b -> {}).trailList()).extracting(Trail::trailARN).containsExactly(arn);
            assertThat(inWest.describeTrails(b -> b.includeShadowTrails(false)).trailList()).isEmpty();
            assertThatThrownBy(() -> inWest.stopLogging(b -> b.name(arn))).isInstanceOf(InvalidHomeRegionException.class);

            assertThatThrownBy(() -> trails.createTrail(b -> b.name("main-trail").s3BucketName("my-trail-bucket")))
                    .isInstanceOfSatisfying(TrailAlreadyExistsException.class, e -> assertThat(e.awsErrorDetails().errorMessage())
                            .isEqualTo("Trail main-trail already exists for customer: " + account));
            assertThatThrownBy(() -> inWest.createTrail(b -> b.name("main-trail").s3BucketName("my-trail-bucket")))
                    .isInstanceOf(TrailAlreadyExistsException.class);
            assertThatThrownBy(() -> trails.createTrail(b -> b.name("ab").s3BucketName("my-trail-bucket")))
                    .isInstanceOfSatisfying(InvalidTrailNameException.class, e -> assertThat(e.awsErrorDetails().errorMessage())
                            .isEqualTo("Trail name too short. Minimum allowed length: 3 characters. Specified name length: 2 characters."));
            assertThatThrownBy(() -> trails.createTrail(b -> b.name("my--trail").s3BucketName("my-trail-bucket")))
                    .isInstanceOfSatisfying(InvalidTrailNameException.class, e -> assertThat(e.awsErrorDetails().errorMessage())
                            .isEqualTo("Trail name cannot have adjacent periods, underscores or dashes."));
            assertThatThrownBy(() -> trails.createTrail(b -> b.name("-trail").s3BucketName("my-trail-bucket"))).isInstanceOf(InvalidTrailNameException.class);
            assertThatThrownBy(() -> trails.createTrail(b -> b.name("10.0.0.1").s3BucketName("my-trail-bucket"))).isInstanceOf(InvalidTrailNameException.class);
            assertThatThrownBy(() -> trails.createTrail(b -> b.name("my trail").s3BucketName("my-trail-bucket"))).isInstanceOf(InvalidTrailNameException.class);
            assertThatThrownBy(() -> trails.createTrail(b -> b.name("other").s3BucketName("Not_A_Bucket"))).isInstanceOf(InvalidS3BucketNameException.class);
            assertThatThrownBy(() -> trails.createTrail(b -> b.name("other").s3BucketName("my-trail-bucket").isMultiRegionTrail(true)
                    .includeGlobalServiceEvents(false))).isInstanceOf(InvalidParameterCombinationException.class);
            assertThatThrownBy(() -> trails.createTrail(b -> b.name("org").s3BucketName("my-trail-bucket").isOrganizationTrail(true)))
                    .isInstanceOf(OrganizationsNotInUseException.class);
            assertThatThrownBy(() -> trails.getTrail(b -> b.name("missing")))
                    .isInstanceOfSatisfying(TrailNotFoundException.class, e -> assertThat(e.awsErrorDetails().errorMessage())
                            .isEqualTo("Unknown trail: arn:aws:cloudtrail:us-east-1:" + account + ":trail/missing for the user: " + account));
            assertThatThrownBy(() -> trails.getTrail(b -> b.name("arn:aws:cloudtrail:us-east-1:" + account + ":nottrail")))
                    .isInstanceOf(CloudTrailArnInvalidException.class);

            for (int i = 1; i <= 4; i++) {
                int n = i;
                trails.createTrail(b -> b.name("extra-" + n).s3BucketName("my-trail-bucket"));
            }
            assertThatThrownBy(() -> trails.createTrail(b -> b.name("extra-5").s3BucketName("my-trail-bucket")))
                    .isInstanceOf(MaximumNumberOfTrailsExceededException.class);
            assertThat(trails.listTrails(b -> {}).trails()).extracting(TrailInfo::name)
                    .containsExactlyInAnyOrder("main-trail", "extra-1", "extra-2", "extra-3", "extra-4");
            assertThat(trails.describeTrails(b -> b.trailNameList("extra-2", arn, "nope")).trailList()).extracting(Trail::name)
                    .containsExactly("extra-2", "main-trail");

            Trail updated = Trail.builder().build();
            assertThat(trails.updateTrail(b -> b.name("extra-1").s3BucketName("other-bucket").s3KeyPrefix("").enableLogFileValidation(true)))
                    .satisfies(response -> {
                        assertThat(response.s3BucketName()).isEqualTo("other-bucket");
                        assertThat(response.s3KeyPrefix()).isNull();
                        assertThat(response.logFileValidationEnabled()).isTrue();
                    });
            assertThat(trails.getTrail(b -> b.name("extra-1")).trail().s3BucketName()).isEqualTo("other-bucket");
            trails.deleteTrail(b -> b.name("extra-1"));
            assertThatThrownBy(() -> trails.getTrail(b -> b.name("extra-1"))).isInstanceOf(TrailNotFoundException.class);
            assertThatThrownBy(() -> trails.deleteTrail(b -> b.name("extra-1"))).isInstanceOf(TrailNotFoundException.class);
            assertThat(updated.name()).isNull();

            // Tags.
            assertThat(trails.listTags(b -> b.resourceIdList(arn)).resourceTagList().get(0).tagsList()).extracting(Tag::key, Tag::value)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("team", "security"));
            trails.addTags(b -> b.resourceId(arn).tagsList(Tag.builder().key("env").value("prod").build(), Tag.builder().key("team").value("sec").build()));
            trails.removeTags(b -> b.resourceId(arn).tagsList(Tag.builder().key("env").build()));
            assertThat(trails.listTags(b -> b.resourceIdList(arn)).resourceTagList().get(0).tagsList()).extracting(Tag::key, Tag::value)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("team", "sec"));
            assertThatThrownBy(() -> trails.addTags(b -> b.resourceId("arn:aws:cloudtrail:us-east-1:" + account + ":trail/gone")
                    .tagsList(Tag.builder().key("a").value("b").build()))).isInstanceOf(ResourceNotFoundException.class);
            assertThatThrownBy(() -> trails.addTags(b -> b.resourceId("main-trail").tagsList(Tag.builder().key("a").value("b").build())))
                    .isInstanceOf(CloudTrailArnInvalidException.class);
        }
    }

    @StoreTest
    void loggingStatusSelectorsAndPublicKeys(StoreTarget target) throws Exception
    {
        try (RunningServer server = RunningServer.start(target, LogObjectSink.noBuckets(), BY_HAND);
                CloudTrailClient trails = CloudTrailClients.cloudTrail(server, server.adminCredentials())) {
            trails.createTrail(b -> b.name("audit").s3BucketName("no-such-bucket"));
            GetTrailStatusResponse idle = trails.getTrailStatus(b -> b.name("audit"));
            assertThat(idle.isLogging()).isFalse();
            assertThat(idle.startLoggingTime()).isNull();

            Instant before = Instant.now().minusSeconds(1);
            trails.startLogging(b -> b.name("audit"));
            GetTrailStatusResponse logging = trails.getTrailStatus(b -> b.name("audit"));
            assertThat(logging.isLogging()).isTrue();
            assertThat(logging.startLoggingTime()).isAfter(before);
            assertThat(logging.timeLoggingStarted()).matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}Z");

            // Without S3 the bucket does not exist: delivery fails, says so, and keeps the events for later.
            server.server().audit().flush();
            server.server().trailDelivery().runOnce();
            GetTrailStatusResponse failing = trails.getTrailStatus(b -> b.name("audit"));
            assertThat(failing.latestDeliveryError()).isEqualTo("NoSuchBucket");
            assertThat(failing.latestDeliveryAttemptTime()).isNotNull();
            assertThat(failing.latestDeliveryTime()).isNull();

            trails.stopLogging(b -> b.name("audit"));
            GetTrailStatusResponse stopped = trails.getTrailStatus(b -> b.name("audit"));
            assertThat(stopped.isLogging()).isFalse();
            assertThat(stopped.stopLoggingTime()).isAfterOrEqualTo(stopped.startLoggingTime());

            // Selectors: the default, basic, advanced, and the checks.
            assertThat(trails.getEventSelectors(b -> b.trailName("audit")).eventSelectors()).singleElement().satisfies(selector -> {
                assertThat(selector.readWriteType()).isEqualTo(ReadWriteType.ALL);
                assertThat(selector.includeManagementEvents()).isTrue();
            });
            trails.putEventSelectors(b -> b.trailName("audit").eventSelectors(EventSelector.builder().readWriteType(ReadWriteType.WRITE_ONLY)
                    .includeManagementEvents(true).excludeManagementEventSources("kms.amazonaws.com").build()));
            GetEventSelectorsResponse basic = trails.getEventSelectors(b -> b.trailName("audit"));
            assertThat(basic.eventSelectors()).singleElement().satisfies(selector -> {
                assertThat(selector.readWriteType()).isEqualTo(ReadWriteType.WRITE_ONLY);
                assertThat(selector.excludeManagementEventSources()).containsExactly("kms.amazonaws.com");
            });
            assertThat(basic.advancedEventSelectors()).isEmpty();
            assertThat(trails.getTrail(b -> b.name("audit")).trail().hasCustomEventSelectors()).isTrue();
            AdvancedEventSelector writes = AdvancedEventSelector.builder().name("management writes").fieldSelectors(
                    AdvancedFieldSelector.builder().field("eventCategory").equalsValue("Management").build(),
                    AdvancedFieldSelector.builder().field("readOnly").equalsValue("false").build()).build();
            trails.putEventSelectors(b -> b.trailName("audit").advancedEventSelectors(writes));
            GetEventSelectorsResponse advanced = trails.getEventSelectors(b -> b.trailName("audit"));
            assertThat(advanced.advancedEventSelectors()).containsExactly(writes);
            assertThat(advanced.eventSelectors()).isEmpty();
            assertThatThrownBy(() -> trails.putEventSelectors(b -> b.trailName("audit").advancedEventSelectors(AdvancedEventSelector.builder()
                    .fieldSelectors(AdvancedFieldSelector.builder().field("readOnly").equalsValue("true").build()).build())))
                    .isInstanceOf(InvalidEventSelectorsException.class);
            assertThatThrownBy(() -> trails.putEventSelectors(b -> b.trailName("audit").eventSelectors(List.of()).advancedEventSelectors(writes)))
                    .isInstanceOf(software.amazon.awssdk.services.cloudtrail.model.InvalidParameterException.class);

            assertThatThrownBy(() -> trails.getInsightSelectors(b -> b.trailName("audit"))).isInstanceOf(InsightNotEnabledException.class);
            trails.putInsightSelectors(b -> b.trailName("audit").insightSelectors(s -> s.insightType(InsightType.API_CALL_RATE_INSIGHT)));
            assertThat(trails.getInsightSelectors(b -> b.trailName("audit")).insightSelectors()).extracting(s -> s.insightType())
                    .containsExactly(InsightType.API_CALL_RATE_INSIGHT);

            // Public keys: an RSA-2048 PKCS #1 key per region, its window around now, the same key on every call.
            List<PublicKey> keys = trails.listPublicKeys(b -> {}).publicKeyList();
            assertThat(keys).hasSize(1);
            PublicKey key = keys.get(0);
            assertThat(key.fingerprint()).matches("[0-9a-f]{32}");
            // PKCS #1 RSAPublicKey DER: SEQUENCE, then the 2048-bit modulus.
            assertThat(java.util.HexFormat.of().formatHex(key.value().asByteArray())).startsWith("3082010a0282010100");
            assertThat(key.validityStartTime()).isBeforeOrEqualTo(Instant.now());
            assertThat(key.validityEndTime()).isAfter(Instant.now());
            java.security.spec.RSAPublicKeySpec spec = rsa(key.value().asByteArray());
            assertThat(spec.getModulus().bitLength()).isEqualTo(2048);
            assertThat(trails.listPublicKeys(b -> b.startTime(Instant.now().minusSeconds(3600)).endTime(Instant.now())).publicKeyList())
                    .extracting(PublicKey::fingerprint).containsExactly(key.fingerprint());
            assertThat(trails.listPublicKeys(b -> b.startTime(Instant.now().minus(Duration.ofDays(400))).endTime(Instant.now().minus(Duration.ofDays(399))))
                    .publicKeyList()).isEmpty();
            try (CloudTrailClient west = CloudTrailClients.cloudTrail(server, server.adminCredentials(), Region.EU_WEST_1)) {
                assertThat(west.listPublicKeys(b -> {}).publicKeyList()).extracting(PublicKey::fingerprint).doesNotContain(key.fingerprint());
            }
        }
    }

    @StoreTest
    void deliversSelectedEventsToTheBucketAndKeepsAfterFailures(StoreTarget target) throws Exception
    {
        Path root = Files.createTempDirectory("bulwark-trail");
        DirectorySink sink = new DirectorySink(root);
        try (RunningServer server = RunningServer.start(target, sink, BY_HAND); CloudTrailClient trails = CloudTrailClients.cloudTrail(server, server.adminCredentials());
                IamClient iam = server.iam(server.adminCredentials())) {
            trails.createTrail(b -> b.name("writes").s3BucketName("write-bucket"));
            trails.putEventSelectors(b -> b.trailName("writes").eventSelectors(EventSelector.builder().readWriteType(ReadWriteType.WRITE_ONLY).build()));
            trails.startLogging(b -> b.name("writes"));
            iam.createUser(b -> b.userName("delivered"));
            iam.listUsers();
            server.server().audit().flush();
            server.server().trailDelivery().runOnce();
            assertThat(trails.getTrailStatus(b -> b.name("writes")).latestDeliveryError()).isEqualTo("NoSuchBucket");
            assertThat(records(root)).isEmpty();

            // Once the bucket exists the same events arrive: nothing was dropped while it was missing.
            sink.createBucket("write-bucket");
            server.server().trailDelivery().runOnce();
            List<JsonNode> delivered = records(root);
            assertThat(delivered).extracting(record -> record.get("eventName").asText()).contains("StartLogging", "CreateUser").doesNotContain("ListUsers");
            assertThat(delivered).allSatisfy(record -> assertThat(record.get("readOnly").asBoolean()).isFalse());
            GetTrailStatusResponse status = trails.getTrailStatus(b -> b.name("writes"));
            assertThat(status.latestDeliveryError()).isNull();
            assertThat(status.latestDeliveryTime()).isNotNull();

            // Delivered once: another round writes nothing new, and after StopLogging nothing more is delivered.
            assertThat(server.server().trailDelivery().runOnce()).isZero();
            trails.stopLogging(b -> b.name("writes"));
            iam.createUser(b -> b.userName("after-stop"));
            server.server().audit().flush();
            server.server().trailDelivery().runOnce();
            assertThat(records(root)).extracting(record -> record.at("/requestParameters/userName").asText()).doesNotContain("after-stop");
        }
    }

    @StoreTest
    void organizationTrailDeliversMemberEventsUnderTheOrganizationId(StoreTarget target) throws Exception
    {
        Path root = Files.createTempDirectory("bulwark-org-trail");
        DirectorySink sink = new DirectorySink(root);
        sink.createBucket("org-bucket");
        try (RunningServer server = RunningServer.start(target, sink, BY_HAND); CloudTrailClient trails = CloudTrailClients.cloudTrail(server, server.adminCredentials());
                OrganizationsClient orgs = OrgClients.organizations(server, server.adminCredentials())) {
            String orgId = orgs.createOrganization(b -> b.featureSet(OrganizationFeatureSet.ALL)).organization().id();
            String member = orgs.createAccount(b -> b.accountName("member").email("member@example.com")).createAccountStatus().accountId();
            assertThat(trails.createTrail(b -> b.name("org-trail").s3BucketName("org-bucket").isOrganizationTrail(true).isMultiRegionTrail(true))
                    .isOrganizationTrail()).isTrue();
            trails.startLogging(b -> b.name("org-trail"));
            try (IamClient memberIam = server.iam(OrgClients.accessRole(server, member));
                    CloudTrailClient memberTrails = CloudTrailClients.cloudTrail(server, OrgClients.accessRole(server, member))) {
                memberIam.createUser(b -> b.userName("member-user"));
                // Members see the organization trail but cannot change it: it is another account's resource.
                assertThat(memberTrails.describeTrails(b -> {}).trailList()).extracting(Trail::name).containsExactly("org-trail");
                assertThatThrownBy(() -> memberTrails.stopLogging(b -> b.name("arn:aws:cloudtrail:us-east-1:" + server.admin().accountId() + ":trail/org-trail")))
                        .isInstanceOf(software.amazon.awssdk.services.cloudtrail.model.AccessDeniedException.class);
            }
            server.server().audit().flush();
            server.server().trailDelivery().runOnce();
            List<Path> memberFiles = files(root).stream().filter(path -> path.toString().contains("/AWSLogs/" + orgId + "/" + member + "/CloudTrail/us-east-1/")).toList();
            assertThat(memberFiles).isNotEmpty();
            assertThat(records(root)).anySatisfy(record -> {
                assertThat(record.get("recipientAccountId").asText()).isEqualTo(member);
                assertThat(record.at("/requestParameters/userName").asText()).isEqualTo("member-user");
            });
        }
    }

    private static List<Path> files(Path root) throws IOException
    {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(path -> path.toString().endsWith(".json.gz")).sorted().toList();
        }
    }

    private static List<JsonNode> records(Path root) throws IOException
    {
        List<JsonNode> records = new ArrayList<>();
        for (Path file : files(root)) {
            try (GZIPInputStream in = new GZIPInputStream(Files.newInputStream(file))) {
                JSON.readTree(new String(in.readAllBytes(), StandardCharsets.UTF_8)).get("Records").forEach(records::add);
            }
        }
        return records;
    }

    private static java.security.spec.RSAPublicKeySpec rsa(byte[] pkcs1) throws IOException
    {
        org.bouncycastle.asn1.pkcs.RSAPublicKey key = org.bouncycastle.asn1.pkcs.RSAPublicKey.getInstance(pkcs1);
        return new java.security.spec.RSAPublicKeySpec(key.getModulus(), key.getPublicExponent());
    }
}
