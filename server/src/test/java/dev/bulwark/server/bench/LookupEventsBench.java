package dev.bulwark.server.bench;

import dev.bulwark.server.BulwarkServer;
import dev.bulwark.server.Initializer;
import dev.bulwark.server.audit.AuditRecord;
import dev.bulwark.server.audit.AuditStore;
import dev.bulwark.server.audit.CloudTrailEvent;
import dev.bulwark.server.audit.EventResource;
import dev.bulwark.server.auth.Caller;
import dev.bulwark.server.config.ServerConfig;
import dev.bulwark.server.store.Store;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudtrail.CloudTrailClient;
import software.amazon.awssdk.services.cloudtrail.model.LookupAttributeKey;
import software.amazon.awssdk.services.cloudtrail.model.LookupEventsRequest;
import software.amazon.awssdk.services.cloudtrail.model.LookupEventsResponse;
import software.amazon.awssdk.services.iam.model.CreateUserRequest;
import software.amazon.awssdk.services.iam.model.GetUserRequest;

import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.function.Function;

/**
 * LookupEvents latency over a large event history. Initialises a data directory (or a PostgreSQL schema), writes
 * {@code events} CloudTrail events straight through {@link AuditStore} in transactions of {@link #BATCH} (90 days of
 * IAM/STS calls by 100 users in five accounts, the admin's account holding 80%, real record JSON from
 * {@link CloudTrailEvent}), starts the server on it and calls LookupEvents through the AWS SDK: first pages with and
 * without each lookup attribute, and deep paging. Prints one line per query kind with p50/p99/max in milliseconds.
 *
 * <p>Usage: {@code LookupEventsBench <dataDir> <events> <callsPerKind> [jdbcUrl]}; see {@code tools/load/lookupevents.sh}.
 */
public final class LookupEventsBench
{
    /** Events per write transaction. */
    static final int BATCH = 20_000;
    private static final String[] OTHER_ACCOUNTS = {"210987654321", "310987654321", "410987654321", "510987654321"};
    private static final String[][] CALLS = {
            {"iam", "GetUser", "true"}, {"iam", "ListUsers", "true"}, {"iam", "CreateUser", "false"}, {"iam", "DeleteUser", "false"},
            {"iam", "CreateAccessKey", "false"}, {"iam", "ListAccessKeys", "true"}, {"iam", "AttachUserPolicy", "false"},
            {"iam", "GetPolicy", "true"}, {"sts", "GetCallerIdentity", "true"}, {"sts", "AssumeRole", "true"}};

    private LookupEventsBench() {}

    public static void main(String[] args) throws Exception
    {
        if (args.length < 3) {
            System.err.println("usage: LookupEventsBench <dataDir> <events> <callsPerKind> [jdbcUrl]");
            System.exit(2);
        }
        Path dataDir = Files.createDirectories(Path.of(args[0]));
        int total = Integer.parseInt(args[1]);
        int calls = Integer.parseInt(args[2]);
        Optional<String> url = args.length > 3 ? Optional.of(args[3]) : Optional.empty();
        ServerConfig config = ServerConfig.defaults(dataDir).withPort(0).withStoreUrl(url);
        Initializer.Result admin = Initializer.initializeIfEmpty(config, Clock.systemUTC(), Initializer.DEFAULT_ROOT_EMAIL).orElseThrow();

        long writeStart = System.nanoTime();
        Instant now = Instant.now();
        try (Store store = Store.open(dataDir, url.orElse(null))) {
            generate(store, admin.accountId(), total, now);
        }
        double writeSeconds = (System.nanoTime() - writeStart) / 1e9;
        System.out.printf(Locale.ROOT, "wrote events=%d seconds=%.1f eventsPerSecond=%.0f%n", total, writeSeconds, total / writeSeconds);

        try (BulwarkServer server = BulwarkServer.start(config, Clock.systemUTC(), new PrintStream(OutputStream.nullOutputStream()));
                CloudTrailClient trail = CloudTrailClient.builder()
                        .endpointOverride(URI.create("http://127.0.0.1:" + server.port()))
                        .region(Region.US_EAST_1)
                        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(admin.accessKeyId(), admin.secretAccessKey())))
                        .httpClient(UrlConnectionHttpClient.create())
                        .overrideConfiguration(b -> b.retryStrategy(r -> r.maxAttempts(1)))
                        .build()) {
            String someEventId = trail.lookupEvents(b -> b.maxResults(1).startTime(now.minus(Duration.ofDays(45)))).events().get(0).eventId();
            measure(trail, "warm-up", calls, b -> b);
            measure(trail, "no attribute, 50 newest", calls, b -> b);
            measure(trail, "Username (1% of events)", calls, b -> b.lookupAttributes(a -> a.attributeKey(LookupAttributeKey.USERNAME).attributeValue("user-42")));
            measure(trail, "AccessKeyId (1%)", calls, b -> b.lookupAttributes(a -> a.attributeKey(LookupAttributeKey.ACCESS_KEY_ID).attributeValue(key(42))));
            measure(trail, "EventName (10%)", calls, b -> b.lookupAttributes(a -> a.attributeKey(LookupAttributeKey.EVENT_NAME).attributeValue("CreateUser")));
            measure(trail, "EventSource (80% iam)", calls, b -> b.lookupAttributes(a -> a.attributeKey(LookupAttributeKey.EVENT_SOURCE)
                    .attributeValue("iam.amazonaws.com")));
            measure(trail, "ReadOnly=false", calls, b -> b.lookupAttributes(a -> a.attributeKey(LookupAttributeKey.READ_ONLY).attributeValue("false")));
            measure(trail, "ResourceName (user, 0.5%)", calls, b -> b.lookupAttributes(a -> a.attributeKey(LookupAttributeKey.RESOURCE_NAME).attributeValue("target-7")));
            measure(trail, "ResourceType (AWS::IAM::User, 50%)", calls, b -> b.lookupAttributes(a -> a.attributeKey(LookupAttributeKey.RESOURCE_TYPE)
                    .attributeValue("AWS::IAM::User")));
            measure(trail, "EventId", calls, b -> b.lookupAttributes(a -> a.attributeKey(LookupAttributeKey.EVENT_ID).attributeValue(someEventId)));
            measure(trail, "Username, one day 45 days ago", calls, b -> b.startTime(now.minus(Duration.ofDays(46))).endTime(now.minus(Duration.ofDays(45)))
                    .lookupAttributes(a -> a.attributeKey(LookupAttributeKey.USERNAME).attributeValue("user-42")));
            measureDeepPage(trail, calls / 10);
        }
    }

    private static void generate(Store store, String account, int total, Instant now)
    {
        AuditStore events = new AuditStore();
        SplittableRandom random = new SplittableRandom(42);
        long span = Duration.ofDays(89).toMillis();
        for (int written = 0; written < total; written += BATCH) {
            int size = Math.min(BATCH, total - written);
            List<AuditRecord> batch = new ArrayList<>(size);
            for (int i = 0; i < size; i++) {
                batch.add(record(random, random.nextInt(5) == 0 ? OTHER_ACCOUNTS[random.nextInt(OTHER_ACCOUNTS.length)] : account,
                        now.minusMillis(random.nextLong(span))));
            }
            store.inTransaction(tx -> {
                batch.forEach(record -> events.append(tx, record));
                return null;
            });
        }
    }

    private static AuditRecord record(SplittableRandom random, String account, Instant time)
    {
        int user = random.nextInt(100);
        String[] call = CALLS[random.nextInt(CALLS.length)];
        Caller caller = Caller.user(account, "arn:aws:iam::" + account + ":user/user-" + user, "AIDA" + String.format("%016d", user), "user-" + user, key(user));
        boolean names = call[0].equals("iam") && random.nextBoolean();
        String target = "target-" + random.nextInt(200);
        List<EventResource> resources = names ? List.of(EventResource.fromArn("arn:aws:iam::" + account + ":user/" + target).orElseThrow()) : List.of();
        CloudTrailEvent event = new CloudTrailEvent(UUID.randomUUID().toString(), time, Optional.of(caller), caller.accessKeyId(), call[0], call[1], "us-east-1",
                "10.0." + random.nextInt(256) + "." + random.nextInt(256), "aws-cli/1.45.11 md/Botocore#1.43.11 ua/2.1 os/linux#6.18 md/arch#x86_64",
                Optional.of(call[1].equals("CreateUser") ? CreateUserRequest.builder().userName(target).build() : GetUserRequest.builder().userName(target).build()),
                Optional.empty(), Optional.empty(), Optional.empty(), UUID.randomUUID().toString(), Boolean.parseBoolean(call[2]), account, Optional.empty(),
                resources, Optional.empty(), false);
        return new AuditRecord(event.eventId(), time, account, event.eventSource(), call[1], event.readOnly(), null, event.toJson(),
                event.lookupUsername().orElse(null), event.lookupAccessKeyId().orElse(null), resources);
    }

    private static String key(int user)
    {
        return "AKIA" + String.format("%016d", user);
    }

    private static void measure(CloudTrailClient trail, String kind, int calls, Function<LookupEventsRequest.Builder, LookupEventsRequest.Builder> request)
    {
        long[] nanos = new long[calls];
        int found = 0;
        for (int i = 0; i < calls; i++) {
            long start = System.nanoTime();
            LookupEventsResponse response = trail.lookupEvents(request.apply(LookupEventsRequest.builder()).build());
            nanos[i] = System.nanoTime() - start;
            found = response.events().size();
        }
        report(kind, nanos, found);
    }

    /** Pages 2..10 of an unfiltered lookup, each fetched with the previous page's NextToken. */
    private static void measureDeepPage(CloudTrailClient trail, int rounds)
    {
        List<Long> nanos = new ArrayList<>();
        int found = 0;
        for (int round = 0; round < rounds; round++) {
            String token = trail.lookupEvents(b -> {}).nextToken();
            for (int page = 2; page <= 10 && token != null; page++) {
                String next = token;
                long start = System.nanoTime();
                LookupEventsResponse response = trail.lookupEvents(b -> b.nextToken(next));
                nanos.add(System.nanoTime() - start);
                found = response.events().size();
                token = response.nextToken();
            }
        }
        report("NextToken, pages 2-10", nanos.stream().mapToLong(Long::longValue).toArray(), found);
    }

    private static void report(String kind, long[] nanos, int lastPageSize)
    {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        System.out.printf(Locale.ROOT, "query=\"%s\" calls=%d p50Ms=%.2f p99Ms=%.2f maxMs=%.2f lastPage=%d%n", kind, sorted.length,
                sorted[sorted.length / 2] / 1e6, sorted[(int) Math.min(sorted.length - 1, Math.ceil(sorted.length * 0.99) - 1)] / 1e6,
                sorted[sorted.length - 1] / 1e6, lastPageSize);
    }
}
