package dev.bulwark.server.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bulwark.server.store.StoreTarget;
import dev.bulwark.server.store.StoreTest;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.services.cloudtrail.CloudTrailClient;
import software.amazon.awssdk.services.cloudtrail.model.Event;
import software.amazon.awssdk.services.cloudtrail.model.InvalidLookupAttributesException;
import software.amazon.awssdk.services.cloudtrail.model.CloudTrailException;
import software.amazon.awssdk.services.cloudtrail.model.InvalidNextTokenException;
import software.amazon.awssdk.services.cloudtrail.model.InvalidTimeRangeException;
import software.amazon.awssdk.services.cloudtrail.model.LookupAttribute;
import software.amazon.awssdk.services.cloudtrail.model.LookupAttributeKey;
import software.amazon.awssdk.services.cloudtrail.model.LookupEventsResponse;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AccessKey;
import software.amazon.awssdk.services.iam.model.IamException;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** LookupEvents through a real server and the AWS SDK: every lookup attribute, time windows, paging and its errors. */
final class TestCloudTrailEventHistory
{
    private static final ObjectMapper JSON = new ObjectMapper();

    @StoreTest
    void deniedCallIsFoundByItsUserWithItsErrorCode(StoreTarget target) throws Exception
    {
        try (RunningServer server = RunningServer.start(target); IamClient admin = server.iam(server.adminCredentials());
                CloudTrailClient trail = CloudTrailClients.cloudTrail(server, server.adminCredentials())) {
            admin.createUser(b -> b.userName("mallory"));
            AccessKey key = admin.createAccessKey(b -> b.userName("mallory")).accessKey();
            AwsCredentialsProvider mallory = RunningServer.credentials(key.accessKeyId(), key.secretAccessKey());
            try (IamClient iam = server.iam(mallory)) {
                assertThatThrownBy(() -> iam.createUser(b -> b.userName("backdoor"))).isInstanceOf(IamException.class);
            }

            List<Event> events = eventually(() -> trail.lookupEvents(b -> b.lookupAttributes(attribute(LookupAttributeKey.USERNAME, "mallory"))).events(),
                    found -> !found.isEmpty());
            assertThat(events).hasSize(1);
            Event denied = events.get(0);
            assertThat(denied.eventName()).isEqualTo("CreateUser");
            assertThat(denied.eventSource()).isEqualTo("iam.amazonaws.com");
            assertThat(denied.username()).isEqualTo("mallory");
            assertThat(denied.accessKeyId()).isEqualTo(key.accessKeyId());
            assertThat(denied.readOnly()).isEqualTo("false");
            JsonNode record = JSON.readTree(denied.cloudTrailEvent());
            assertThat(record.get("errorCode").asText()).isEqualTo("AccessDenied");
            assertThat(record.get("errorMessage").asText()).contains("is not authorized to perform: iam:CreateUser");
            assertThat(record.at("/userIdentity/type").asText()).isEqualTo("IAMUser");
            assertThat(record.at("/userIdentity/userName").asText()).isEqualTo("mallory");
            assertThat(record.get("eventID").asText()).isEqualTo(denied.eventId());
            assertThat(record.at("/resources/0/type").asText()).isEqualTo("AWS::IAM::User");
            assertThat(record.at("/resources/0/ARN").asText()).endsWith(":user/backdoor");

            // The same event by every other attribute that names it.
            assertThat(lookup(trail, LookupAttributeKey.EVENT_ID, denied.eventId())).extracting(Event::eventId).containsExactly(denied.eventId());
            assertThat(lookup(trail, LookupAttributeKey.ACCESS_KEY_ID, key.accessKeyId())).extracting(Event::eventId).contains(denied.eventId());
            assertThat(lookup(trail, LookupAttributeKey.RESOURCE_NAME, "backdoor")).extracting(Event::eventId).containsExactly(denied.eventId());
            assertThat(lookup(trail, LookupAttributeKey.RESOURCE_NAME, "arn:aws:iam::" + server.admin().accountId() + ":user/backdoor"))
                    .extracting(Event::eventId).containsExactly(denied.eventId());
            assertThat(lookup(trail, LookupAttributeKey.RESOURCE_TYPE, "AWS::IAM::User")).extracting(Event::eventId).contains(denied.eventId());
            assertThat(lookup(trail, LookupAttributeKey.EVENT_NAME, "CreateUser")).extracting(Event::eventId).contains(denied.eventId());
            assertThat(lookup(trail, LookupAttributeKey.EVENT_SOURCE, "iam.amazonaws.com")).extracting(Event::eventId).contains(denied.eventId());
            assertThat(lookup(trail, LookupAttributeKey.READ_ONLY, "false")).extracting(Event::eventId).contains(denied.eventId());
            assertThat(lookup(trail, LookupAttributeKey.READ_ONLY, "true")).extracting(Event::eventId).doesNotContain(denied.eventId())
                    .allSatisfy(id -> assertThat(id).isNotNull());
            assertThat(lookup(trail, LookupAttributeKey.USERNAME, "nobody")).isEmpty();

            // Resources of a successful call: CreateAccessKey for mallory names her.
            assertThat(lookup(trail, LookupAttributeKey.EVENT_NAME, "CreateAccessKey")).singleElement().satisfies(event -> {
                assertThat(event.resources()).anySatisfy(resource -> {
                    assertThat(resource.resourceType()).isEqualTo("AWS::IAM::User");
                    assertThat(resource.resourceName()).isEqualTo("mallory");
                });
                assertThat(event.cloudTrailEvent()).doesNotContain(key.secretAccessKey());
            });
        }
    }

    @StoreTest
    void pagesAreNewestFirstStableAndBoundedByTime(StoreTarget target) throws Exception
    {
        try (RunningServer server = RunningServer.start(target); IamClient admin = server.iam(server.adminCredentials());
                CloudTrailClient trail = CloudTrailClients.cloudTrail(server, server.adminCredentials())) {
            Instant before = Instant.now().minusSeconds(1);
            for (int i = 0; i < 7; i++) {
                int n = i;
                admin.createUser(b -> b.userName("user-" + n));
            }
            List<Event> all = new ArrayList<>();
            String token = null;
            Set<String> tokens = new HashSet<>();
            do {
                String next = token;
                LookupEventsResponse page = trail.lookupEvents(b -> b.lookupAttributes(attribute(LookupAttributeKey.EVENT_NAME, "CreateUser"))
                        .maxResults(3).nextToken(next));
                assertThat(page.events().size()).isLessThanOrEqualTo(3);
                all.addAll(page.events());
                token = page.nextToken();
                if (token != null) {
                    assertThat(tokens.add(token)).isTrue();
                }
            } while (token != null);
            assertThat(all).hasSize(7);
            assertThat(all).extracting(event -> JSON.readTree(event.cloudTrailEvent()).at("/requestParameters/userName").asText())
                    .containsExactly("user-6", "user-5", "user-4", "user-3", "user-2", "user-1", "user-0");
            assertThat(all).extracting(Event::eventTime).isSortedAccordingTo((a, b) -> b.compareTo(a));

            assertThat(trail.lookupEvents(b -> b.endTime(before)).events()).extracting(Event::eventName).doesNotContain("CreateUser");
            assertThat(trail.lookupEvents(b -> b.startTime(Instant.now().plusSeconds(60)).endTime(Instant.now().plusSeconds(120))).events()).isEmpty();
            assertThat(trail.lookupEvents(b -> {}).events()).hasSizeLessThanOrEqualTo(50).isNotEmpty();

            // The model's range check (1–50) answers before the handler does, as AWS's front end does.
            assertThatThrownBy(() -> trail.lookupEvents(b -> b.maxResults(51))).isInstanceOfSatisfying(CloudTrailException.class, e -> {
                assertThat(e.statusCode()).isEqualTo(400);
                assertThat(e.awsErrorDetails().errorMessage()).contains("Member must have value less than or equal to 50");
            });
            assertThatThrownBy(() -> trail.lookupEvents(b -> b.startTime(Instant.now()).endTime(Instant.now().minusSeconds(60))))
                    .isInstanceOf(InvalidTimeRangeException.class);
            assertThatThrownBy(() -> trail.lookupEvents(b -> b.nextToken("not-a-token"))).isInstanceOf(InvalidNextTokenException.class);
            assertThatThrownBy(() -> trail.lookupEvents(b -> b.lookupAttributes(attribute(LookupAttributeKey.EVENT_NAME, "A"),
                    attribute(LookupAttributeKey.EVENT_NAME, "B")))).isInstanceOf(InvalidLookupAttributesException.class);
            assertThatThrownBy(() -> trail.lookupEvents(b -> b.lookupAttributes(attribute(LookupAttributeKey.READ_ONLY, "maybe"))))
                    .isInstanceOf(InvalidLookupAttributesException.class);
        }
    }

    @StoreTest
    void readOnlyCallsReachEventHistoryWithinASecond(StoreTarget target) throws Exception
    {
        try (RunningServer server = RunningServer.start(target); IamClient admin = server.iam(server.adminCredentials());
                CloudTrailClient trail = CloudTrailClients.cloudTrail(server, server.adminCredentials())) {
            admin.listUsers();
            long sent = System.nanoTime();
            List<Event> found = eventually(() -> lookup(trail, LookupAttributeKey.EVENT_NAME, "ListUsers"), events -> !events.isEmpty());
            // Not a timing assertion on speed: the property is a bound the product promises (batched reads visible within a second).
            assertThat(System.nanoTime() - sent).isLessThan(1_000_000_000L);
            assertThat(found.get(0).readOnly()).isEqualTo("true");
        }
    }

    static LookupAttribute attribute(LookupAttributeKey key, String value)
    {
        return LookupAttribute.builder().attributeKey(key).attributeValue(value).build();
    }

    static List<Event> lookup(CloudTrailClient trail, LookupAttributeKey key, String value)
    {
        return trail.lookupEvents(b -> b.lookupAttributes(attribute(key, value))).events();
    }

    static <T> T eventually(Supplier<T> call, java.util.function.Predicate<T> done) throws InterruptedException
    {
        long deadline = System.nanoTime() + 5_000_000_000L;
        T value = call.get();
        while (!done.test(value) && System.nanoTime() < deadline) {
            Thread.sleep(20);
            value = call.get();
        }
        return value;
    }
}
