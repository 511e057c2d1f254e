package dev.bulwark.server.services.cloudtrail.delivery;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bulwark.server.audit.AuditRecord;
import dev.bulwark.server.audit.AuditStore;
import dev.bulwark.server.audit.EventResource;
import dev.bulwark.server.services.cloudtrail.CloudTrailStore;
import dev.bulwark.server.services.cloudtrail.SigningKeys;
import dev.bulwark.server.services.cloudtrail.model.DeliveryStatus;
import dev.bulwark.server.services.cloudtrail.model.DigestLink;
import dev.bulwark.server.services.cloudtrail.model.EventSelection;
import dev.bulwark.server.services.cloudtrail.model.LogFile;
import dev.bulwark.server.services.cloudtrail.model.SigningKey;
import dev.bulwark.server.services.cloudtrail.model.Trail;
import dev.bulwark.server.services.organizations.OrganizationsStore;
import dev.bulwark.server.services.organizations.model.MemberAccount;
import dev.bulwark.server.store.Store;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import java.util.zip.GZIPOutputStream;

import static java.nio.charset.StandardCharsets.UTF_8;
import static java.util.Objects.requireNonNull;

/**
 * Delivers the events of logging trails to their buckets as CloudTrail does, through a {@link LogObjectSink}.
 *
 * <p><b>Log files.</b> Every {@code logInterval} each logging trail reads the events recorded after its cursor (and
 * more than {@code settle} ago, so events written late by the batching audit writer are not skipped), keeps those
 * its account(s), regions and event selectors select, and writes one gzip JSON file {@code {"Records":[…]}} per
 * account and region. The cursor moves only once the files are stored: a failed put is reported by GetTrailStatus
 * and retried with the same events next round. A crash between the put and the cursor's update delivers those
 * events again (CloudTrail documents duplicates too).
 *
 * <p><b>Digests.</b> With log file validation on, every {@code digestInterval} each (account, region) stream of the
 * trail gets a digest listing the log files delivered since the previous one with each file's SHA-256, chained to
 * the previous digest by its bucket, key, SHA-256 and signature. The signature (SHA256withRSA, the region's key) is
 * over AWS's string {@code digestEndTime \n bucket/key \n hex(sha256(digest)) \n previousSignature-or-"null"} and
 * travels in the object's metadata ({@code signature}, {@code signature-algorithm}), as the AWS CLI's
 * {@code validate-logs} expects.
 */
public final class TrailDelivery implements AutoCloseable
{
    private static final Logger LOG = Logger.getLogger(TrailDelivery.class.getName());
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DateTimeFormatter TIME = DateTimeFormatter.ISO_INSTANT;
    /** Events read per round trip to the store. */
    private static final int BATCH = 2_000;
    /** Services whose events CloudTrail calls global: trails take them only with IncludeGlobalServiceEvents. */
    private static final Set<String> GLOBAL_SOURCES = Set.of("iam.amazonaws.com", "organizations.amazonaws.com", "signin.amazonaws.com",
            "cloudfront.amazonaws.com", "route53.amazonaws.com");

    /** How often delivery runs and how long an event must have been recorded before it is delivered. */
    public record Settings(Duration logInterval, Duration digestInterval, Duration settle)
    {
        /** AWS's rhythm: log files about every five minutes, digests hourly. */
        public static final Settings AWS = new Settings(Duration.ofMinutes(5), Duration.ofHours(1), Duration.ofSeconds(5));

        public Settings
        {
            requireNonNull(logInterval, "logInterval is null");
            requireNonNull(digestInterval, "digestInterval is null");
            requireNonNull(settle, "settle is null");
            if (logInterval.isNegative() || logInterval.isZero() || digestInterval.compareTo(Duration.ofSeconds(1)) < 0) {
                throw new IllegalArgumentException("log interval must be positive and the digest interval at least a second");
            }
        }
    }

    private final Store store;
    private final CloudTrailStore trails;
    private final AuditStore events;
    private final OrganizationsStore orgs;
    private final SigningKeys keys;
    private final LogObjectSink sink;
    private final Clock clock;
    private final Settings settings;
    private final ObjectKeys objectKeys = new ObjectKeys();
    private final Object roundLock = new Object();
    private ScheduledExecutorService timer;

    public TrailDelivery(Store store, CloudTrailStore trails, AuditStore events, OrganizationsStore orgs, SigningKeys keys, LogObjectSink sink, Clock clock,
            Settings settings)
    {
        this.store = requireNonNull(store, "store is null");
        this.trails = requireNonNull(trails, "trails is null");
        this.events = requireNonNull(events, "events is null");
        this.orgs = requireNonNull(orgs, "orgs is null");
        this.keys = requireNonNull(keys, "keys is null");
        this.sink = requireNonNull(sink, "sink is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.settings = requireNonNull(settings, "settings is null");
    }

    /** Runs a round every log interval on a daemon thread. */
    public TrailDelivery start()
    {
        timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "bulwark-cloudtrail-delivery");
            thread.setDaemon(true);
            return thread;
        });
        long period = settings.logInterval().toMillis();
        timer.scheduleWithFixedDelay(() -> {
            try {
                runOnce();
            }
            catch (RuntimeException e) {
                LOG.log(Level.WARNING, "CloudTrail delivery failed; will retry", e);
            }
        }, period, period, TimeUnit.MILLISECONDS);
        return this;
    }

    /** One round: log files for every logging trail, then the digests that are due. Returns the objects written. */
    public int runOnce()
    {
        synchronized (roundLock) {
            Instant now = clock.instant();
            int written = 0;
            for (Trail trail : store.readOnly(trails::loggingTrails)) {
                try {
                    written += deliverLogs(trail, now);
                    if (trail.logFileValidation()) {
                        written += deliverDigests(trail, now);
                    }
                }
                catch (RuntimeException e) {
                    // One trail's trouble (say, its store rows vanished mid-round) must not hold up the others.
                    LOG.log(Level.WARNING, "CloudTrail delivery failed for " + trail.arn() + "; will retry", e);
                }
            }
            return written;
        }
    }

    // ---------------------------------------------------------------- log files

    private int deliverLogs(Trail trail, Instant now)
    {
        Set<String> accounts = accountsOf(trail);
        Instant before = now.minus(settings.settle());
        int written = 0;
        while (true) {
            DeliveryStatus status = store.readOnly(tx -> trails.deliveryStatus(tx, trail.arn())).orElse(null);
            if (status == null) {
                return written;
            }
            List<AuditRecord> batch = store.readOnly(tx -> events.since(tx, status.cursor(), before, BATCH));
            if (batch.isEmpty()) {
                return written;
            }
            Map<List<String>, List<JsonNode>> byStream = new LinkedHashMap<>();
            for (AuditRecord record : batch) {
                JsonNode json = parse(record);
                if (accounts.contains(record.accountId()) && selects(trail, record, json)) {
                    byStream.computeIfAbsent(List.of(record.accountId(), json.path("awsRegion").asText(trail.homeRegion())), stream -> new ArrayList<>())
                            .add(json);
                }
            }
            List<LogFile> files = new ArrayList<>();
            try {
                for (Map.Entry<List<String>, List<JsonNode>> stream : byStream.entrySet()) {
                    files.add(writeLogFile(trail, stream.getKey().get(0), stream.getKey().get(1), stream.getValue(), now));
                }
            }
            catch (LogObjectSink.DeliveryException e) {
                store.inTransaction(tx -> {
                    trails.logDeliveryFailed(tx, trail.arn(), now, e.errorCode());
                    return null;
                });
                LOG.fine(() -> "trail " + trail.arn() + " could not deliver: " + e.getMessage());
                return written;
            }
            AuditStore.Cursor last = AuditStore.Cursor.of(batch.get(batch.size() - 1));
            store.inTransaction(tx -> {
                // The trail may have been deleted or stopped meanwhile; then there is nothing left to record.
                if (trails.findTrail(tx, trail.arn()).isEmpty()) {
                    return null;
                }
                if (trail.logFileValidation()) {
                    files.forEach(file -> trails.addLogFile(tx, trail.arn(), file, now));
                }
                trails.advanceCursor(tx, trail.arn(), last);
                if (!files.isEmpty()) {
                    trails.logDelivered(tx, trail.arn(), now);
                }
                return null;
            });
            written += files.size();
            if (batch.size() < BATCH) {
                return written;
            }
        }
    }

    private LogFile writeLogFile(Trail trail, String accountId, String region, List<JsonNode> records, Instant now) throws LogObjectSink.DeliveryException
    {
        ObjectNode file = JSON.createObjectNode();
        ArrayNode array = file.putArray("Records");
        records.forEach(array::add);
        byte[] content = bytes(file);
        String key = objectKeys.logFile(trail, accountId, region, now);
        sink.put(trail.arn(), trail.s3Bucket(), key, gzip(content), Map.of());
        List<Instant> times = records.stream().map(record -> Instant.parse(record.path("eventTime").asText())).sorted().toList();
        return new LogFile(accountId, region, trail.s3Bucket(), key, sha256(content), times.get(0), times.get(times.size() - 1));
    }

    private Set<String> accountsOf(Trail trail)
    {
        if (!trail.isOrganizationTrail()) {
            return Set.of(trail.accountId());
        }
        return store.readOnly(tx -> orgs.members(tx, trail.organizationId())).stream().map(MemberAccount::accountId).collect(Collectors.toSet());
    }

    private static boolean selects(Trail trail, AuditRecord record, JsonNode json)
    {
        String region = json.path("awsRegion").asText("");
        boolean inScope = GLOBAL_SOURCES.contains(record.eventSource()) ? trail.includeGlobalServiceEvents()
                : trail.multiRegion() || region.equals(trail.homeRegion());
        if (!inScope) {
            return false;
        }
        EventSelection.EventFacts facts = new EventSelection.EventFacts(json.path("eventCategory").asText("Management"), record.readOnly(),
                record.eventSource(), record.eventName(), record.resources().stream().map(EventResource::type).toList(),
                record.resources().stream().map(EventResource::arn).toList());
        return trail.selection().selects(facts);
    }

    // ---------------------------------------------------------------- digests

    private int deliverDigests(Trail trail, Instant now)
    {
        Instant end = now.truncatedTo(ChronoUnit.SECONDS);
        List<Map.Entry<String, String>> streams = new ArrayList<>(store.readOnly(tx -> trails.digestStreams(tx, trail.arn())));
        Map.Entry<String, String> home = Map.entry(trail.accountId(), trail.homeRegion());
        if (!streams.contains(home)) {
            streams.add(home);
        }
        int written = 0;
        for (Map.Entry<String, String> stream : streams) {
            String accountId = stream.getKey();
            String region = stream.getValue();
            DigestLink previous = store.readOnly(tx -> trails.lastDigest(tx, trail.arn(), accountId, region)).orElse(null);
            Instant start = previous != null ? previous.digestEnd() : trail.startLoggingTime().truncatedTo(ChronoUnit.SECONDS);
            if (Duration.between(start, end).compareTo(settings.digestInterval()) < 0 || !end.isAfter(start)) {
                continue;
            }
            try {
                written += writeDigest(trail, accountId, region, start, end, previous);
            }
            catch (LogObjectSink.DeliveryException e) {
                store.inTransaction(tx -> {
                    trails.digestDeliveryFailed(tx, trail.arn(), now, e.errorCode());
                    return null;
                });
                return written;
            }
        }
        return written;
    }

    private int writeDigest(Trail trail, String accountId, String region, Instant start, Instant end, DigestLink previous)
            throws LogObjectSink.DeliveryException
    {
        SigningKey key = store.inTransaction(tx -> keys.current(tx, region, end));
        List<LogFile> files = store.readOnly(tx -> trails.undigestedLogFiles(tx, trail.arn(), accountId, region));
        String digestKey = objectKeys.digestFile(trail, accountId, region, end);
        ObjectNode digest = JSON.createObjectNode();
        digest.put("awsAccountId", accountId);
        digest.put("digestStartTime", TIME.format(start));
        digest.put("digestEndTime", TIME.format(end));
        digest.put("digestS3Bucket", trail.s3Bucket());
        digest.put("digestS3Object", digestKey);
        digest.put("digestPublicKeyFingerprint", key.fingerprint());
        digest.put("digestSignatureAlgorithm", SigningKeys.ALGORITHM);
        if (files.isEmpty()) {
            digest.putNull("newestEventTime");
            digest.putNull("oldestEventTime");
        }
        else {
            digest.put("newestEventTime", TIME.format(files.stream().map(LogFile::newestEvent).max(Instant::compareTo).orElseThrow().truncatedTo(ChronoUnit.SECONDS)));
            digest.put("oldestEventTime", TIME.format(files.stream().map(LogFile::oldestEvent).min(Instant::compareTo).orElseThrow().truncatedTo(ChronoUnit.SECONDS)));
        }
        digest.put("previousDigestS3Bucket", previous == null ? null : previous.bucket());
        digest.put("previousDigestS3Object", previous == null ? null : previous.key());
        digest.put("previousDigestHashValue", previous == null ? null : previous.sha256());
        digest.put("previousDigestHashAlgorithm", previous == null ? null : "SHA-256");
        digest.put("previousDigestSignature", previous == null ? null : previous.signature());
        ArrayNode logFiles = digest.putArray("logFiles");
        for (LogFile file : files) {
            ObjectNode entry = logFiles.addObject();
            entry.put("s3Bucket", file.bucket());
            entry.put("s3Object", file.key());
            entry.put("hashValue", file.sha256());
            entry.put("hashAlgorithm", "SHA-256");
            entry.put("newestEventTime", TIME.format(file.newestEvent().truncatedTo(ChronoUnit.SECONDS)));
            entry.put("oldestEventTime", TIME.format(file.oldestEvent().truncatedTo(ChronoUnit.SECONDS)));
        }
        byte[] content = bytes(digest);
        String hash = sha256(content);
        String signature = keys.sign(key, stringToSign(TIME.format(end), trail.s3Bucket(), digestKey, hash, previous == null ? null : previous.signature()));
        sink.put(trail.arn(), trail.s3Bucket(), digestKey, gzip(content), Map.of("signature", signature, "signature-algorithm", SigningKeys.ALGORITHM));
        store.inTransaction(tx -> {
            if (trails.findTrail(tx, trail.arn()).isEmpty()) {
                return null;
            }
            trails.putLastDigest(tx, trail.arn(), accountId, region, new DigestLink(end, trail.s3Bucket(), digestKey, hash, signature));
            trails.forgetLogFiles(tx, trail.arn(), files);
            trails.digestDelivered(tx, trail.arn(), clock.instant());
            return null;
        });
        return 1;
    }

    /** AWS's digest signing string ("Validating CloudTrail log file integrity"; the CLI builds the same one). */
    static String stringToSign(String digestEndTime, String bucket, String key, String digestSha256, String previousSignature)
    {
        return digestEndTime + "\n" + bucket + "/" + key + "\n" + digestSha256 + "\n" + (previousSignature == null ? "null" : previousSignature);
    }

    // ---------------------------------------------------------------- bytes

    private static JsonNode parse(AuditRecord record)
    {
        try {
            return JSON.readTree(record.json());
        }
        catch (JsonProcessingException e) {
            throw new IllegalStateException("stored event " + record.eventId() + " is not JSON", e);
        }
    }

    private static byte[] bytes(JsonNode node)
    {
        try {
            return JSON.writeValueAsBytes(node);
        }
        catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static byte[] gzip(byte[] content)
    {
        ByteArrayOutputStream out = new ByteArrayOutputStream(content.length / 4 + 64);
        try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
            gzip.write(content);
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    static String sha256(byte[] content)
    {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        }
        catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    }

    @Override
    public void close()
    {
        if (timer != null) {
            timer.shutdownNow();
            try {
                // A round in flight finishes its store work before the store closes under it.
                timer.awaitTermination(10, TimeUnit.SECONDS);
            }
            catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
