package dev.bulwark.server.services.cloudtrail;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bulwark.server.audit.AuditStore;
import dev.bulwark.server.services.cloudtrail.model.DeliveryStatus;
import dev.bulwark.server.services.cloudtrail.model.DigestLink;
import dev.bulwark.server.services.cloudtrail.model.EventSelection;
import dev.bulwark.server.services.cloudtrail.model.LogFile;
import dev.bulwark.server.services.cloudtrail.model.SigningKey;
import dev.bulwark.server.services.cloudtrail.model.Trail;
import dev.bulwark.server.store.Tx;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * Persistence for CloudTrail: trails (selectors as JSON), their tags, delivery state, the log files the next digest
 * lists, each trail's digest chain per region, and the per-region signing keys. Every method takes the caller's
 * {@link Tx}; "not found" is an empty {@link Optional}; AWS's checks and wording are the service's job.
 */
public final class CloudTrailStore
{
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TRAIL_COLUMNS = "trail_arn, account_id, name, home_region, s3_bucket, s3_key_prefix, sns_topic_name, "
            + "include_global_events, multi_region, organization_id, log_file_validation, cloudwatch_log_group_arn, cloudwatch_role_arn, kms_key_id, "
            + "event_selectors, advanced_event_selectors, insight_selectors, is_logging, start_logging_time, stop_logging_time, created";

    // ---------------------------------------------------------------- trails

    /** Stores a new trail and its delivery state, which starts at the trail's creation (earlier events are not delivered). */
    public void insertTrail(Tx tx, Trail trail)
    {
        tx.update("INSERT INTO cloudtrail_trails (" + TRAIL_COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                values(trail));
        tx.update("INSERT INTO cloudtrail_delivery (trail_arn, cursor_time, cursor_event_id) VALUES (?, ?, ?)", trail.arn(), trail.created(), "");
    }

    public void updateTrail(Tx tx, Trail trail)
    {
        Object[] values = values(trail);
        Object[] params = new Object[values.length];
        System.arraycopy(values, 1, params, 0, values.length - 1);
        params[values.length - 1] = trail.arn();
        tx.update("UPDATE cloudtrail_trails SET account_id = ?, name = ?, home_region = ?, s3_bucket = ?, s3_key_prefix = ?, sns_topic_name = ?, "
                + "include_global_events = ?, multi_region = ?, organization_id = ?, log_file_validation = ?, cloudwatch_log_group_arn = ?, "
                + "cloudwatch_role_arn = ?, kms_key_id = ?, event_selectors = ?, advanced_event_selectors = ?, insight_selectors = ?, is_logging = ?, "
                + "start_logging_time = ?, stop_logging_time = ?, created = ? WHERE trail_arn = ?", params);
    }

    public void deleteTrail(Tx tx, String trailArn)
    {
        for (String table : List.of("cloudtrail_trail_tags", "cloudtrail_delivery", "cloudtrail_log_files", "cloudtrail_digest_chain")) {
            tx.update("DELETE FROM " + table + " WHERE trail_arn = ?", trailArn);
        }
        tx.update("DELETE FROM cloudtrail_trails WHERE trail_arn = ?", trailArn);
    }

    public Optional<Trail> findTrail(Tx tx, String trailArn)
    {
        return tx.queryOne("SELECT " + TRAIL_COLUMNS + " FROM cloudtrail_trails WHERE trail_arn = ?", CloudTrailStore::trail, requireNonNull(trailArn, "trailArn is null"));
    }

    /** The account's own trails in every region, by ARN. */
    public List<Trail> trailsOf(Tx tx, String accountId)
    {
        return tx.query("SELECT " + TRAIL_COLUMNS + " FROM cloudtrail_trails WHERE account_id = ? ORDER BY trail_arn", CloudTrailStore::trail, accountId);
    }

    /** Organization trails of the organization (they apply to its member accounts). */
    public List<Trail> organizationTrails(Tx tx, String organizationId)
    {
        return tx.query("SELECT " + TRAIL_COLUMNS + " FROM cloudtrail_trails WHERE organization_id = ? ORDER BY trail_arn", CloudTrailStore::trail, organizationId);
    }

    /** Every trail that is logging, for delivery. */
    public List<Trail> loggingTrails(Tx tx)
    {
        return tx.query("SELECT " + TRAIL_COLUMNS + " FROM cloudtrail_trails WHERE is_logging = 1 ORDER BY trail_arn", CloudTrailStore::trail);
    }

    // ---------------------------------------------------------------- tags

    public Map<String, String> tags(Tx tx, String trailArn)
    {
        Map<String, String> tags = new LinkedHashMap<>();
        tx.query("SELECT tag_key, tag_value FROM cloudtrail_trail_tags WHERE trail_arn = ? ORDER BY tag_key",
                row -> Map.entry(row.getString("tag_key"), row.getString("tag_value")), trailArn).forEach(entry -> tags.put(entry.getKey(), entry.getValue()));
        return tags;
    }

    public void putTag(Tx tx, String trailArn, String key, String value)
    {
        tx.update("DELETE FROM cloudtrail_trail_tags WHERE trail_arn = ? AND tag_key = ?", trailArn, key);
        tx.update("INSERT INTO cloudtrail_trail_tags (trail_arn, tag_key, tag_value) VALUES (?, ?, ?)", trailArn, key, value);
    }

    public void removeTag(Tx tx, String trailArn, String key)
    {
        tx.update("DELETE FROM cloudtrail_trail_tags WHERE trail_arn = ? AND tag_key = ?", trailArn, key);
    }

    // ---------------------------------------------------------------- delivery

    public Optional<DeliveryStatus> deliveryStatus(Tx tx, String trailArn)
    {
        return tx.queryOne("SELECT * FROM cloudtrail_delivery WHERE trail_arn = ?", row -> new DeliveryStatus(
                new AuditStore.Cursor(Tx.instant(row, "cursor_time"), row.getString("cursor_event_id")),
                Tx.instant(row, "latest_delivery_time"), Tx.instant(row, "latest_delivery_attempt_time"), Tx.instant(row, "latest_delivery_attempt_succeeded"),
                row.getString("latest_delivery_error"), Tx.instant(row, "latest_digest_delivery_time"), Tx.instant(row, "latest_digest_attempt_time"),
                Tx.instant(row, "latest_digest_attempt_succeeded"), row.getString("latest_digest_delivery_error")), trailArn);
    }

    /** Moves the trail's cursor past events it has delivered (or skipped, when its selectors did not select them). */
    public void advanceCursor(Tx tx, String trailArn, AuditStore.Cursor cursor)
    {
        tx.update("UPDATE cloudtrail_delivery SET cursor_time = ?, cursor_event_id = ? WHERE trail_arn = ?", cursor.eventTime(), cursor.eventId(), trailArn);
    }

    /** A log file delivered at {@code at}; the error is cleared. */
    public void logDelivered(Tx tx, String trailArn, Instant at)
    {
        tx.update("UPDATE cloudtrail_delivery SET latest_delivery_time = ?, latest_delivery_attempt_time = ?, latest_delivery_attempt_succeeded = ?, "
                + "latest_delivery_error = NULL WHERE trail_arn = ?", at, at, at, trailArn);
    }

    /** A log file could not be delivered; the events stay undelivered and are tried again. */
    public void logDeliveryFailed(Tx tx, String trailArn, Instant at, String error)
    {
        tx.update("UPDATE cloudtrail_delivery SET latest_delivery_attempt_time = ?, latest_delivery_error = ? WHERE trail_arn = ?", at, error, trailArn);
    }

    public void digestDelivered(Tx tx, String trailArn, Instant at)
    {
        tx.update("UPDATE cloudtrail_delivery SET latest_digest_delivery_time = ?, latest_digest_attempt_time = ?, latest_digest_attempt_succeeded = ?, "
                + "latest_digest_delivery_error = NULL WHERE trail_arn = ?", at, at, at, trailArn);
    }

    public void digestDeliveryFailed(Tx tx, String trailArn, Instant at, String error)
    {
        tx.update("UPDATE cloudtrail_delivery SET latest_digest_attempt_time = ?, latest_digest_delivery_error = ? WHERE trail_arn = ?", at, error, trailArn);
    }

    // ---------------------------------------------------------------- digests

    public void addLogFile(Tx tx, String trailArn, LogFile file, Instant delivered)
    {
        tx.update("INSERT INTO cloudtrail_log_files (trail_arn, account_id, region, s3_bucket, s3_key, sha256, oldest_event, newest_event, delivered) "
                        + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                trailArn, file.accountId(), file.region(), file.bucket(), file.key(), file.sha256(), file.oldestEvent(), file.newestEvent(), delivered);
    }

    /** Log files of the trail for the account and region not yet in a digest, oldest first. */
    public List<LogFile> undigestedLogFiles(Tx tx, String trailArn, String accountId, String region)
    {
        return tx.query("SELECT account_id, region, s3_bucket, s3_key, sha256, oldest_event, newest_event FROM cloudtrail_log_files "
                        + "WHERE trail_arn = ? AND account_id = ? AND region = ? ORDER BY delivered, s3_key",
                row -> new LogFile(row.getString("account_id"), row.getString("region"), row.getString("s3_bucket"), row.getString("s3_key"),
                        row.getString("sha256"), Tx.instant(row, "oldest_event"), Tx.instant(row, "newest_event")), trailArn, accountId, region);
    }

    /** The (account, region) streams of the trail that have undigested log files or a digest chain. */
    public List<Map.Entry<String, String>> digestStreams(Tx tx, String trailArn)
    {
        return tx.query("SELECT account_id, region FROM cloudtrail_log_files WHERE trail_arn = ? UNION "
                        + "SELECT account_id, region FROM cloudtrail_digest_chain WHERE trail_arn = ? ORDER BY account_id, region",
                row -> Map.entry(row.getString("account_id"), row.getString("region")), trailArn, trailArn);
    }

    public void forgetLogFiles(Tx tx, String trailArn, List<LogFile> files)
    {
        files.forEach(file -> tx.update("DELETE FROM cloudtrail_log_files WHERE trail_arn = ? AND s3_key = ?", trailArn, file.key()));
    }

    public Optional<DigestLink> lastDigest(Tx tx, String trailArn, String accountId, String region)
    {
        return tx.queryOne("SELECT digest_end, s3_bucket, s3_key, sha256, signature FROM cloudtrail_digest_chain "
                        + "WHERE trail_arn = ? AND account_id = ? AND region = ?",
                row -> new DigestLink(Tx.instant(row, "digest_end"), row.getString("s3_bucket"), row.getString("s3_key"), row.getString("sha256"),
                        row.getString("signature")), trailArn, accountId, region);
    }

    public void putLastDigest(Tx tx, String trailArn, String accountId, String region, DigestLink link)
    {
        tx.update("DELETE FROM cloudtrail_digest_chain WHERE trail_arn = ? AND account_id = ? AND region = ?", trailArn, accountId, region);
        tx.update("INSERT INTO cloudtrail_digest_chain (trail_arn, account_id, region, digest_end, s3_bucket, s3_key, sha256, signature) "
                        + "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                trailArn, accountId, region, link.digestEnd(), link.bucket(), link.key(), link.sha256(), link.signature());
    }

    /** Logging stopped: the next digest after a restart starts a new chain (AWS's previousDigest* fields are then null). */
    public void breakDigestChain(Tx tx, String trailArn)
    {
        tx.update("DELETE FROM cloudtrail_digest_chain WHERE trail_arn = ?", trailArn);
    }

    // ---------------------------------------------------------------- signing keys

    public void insertKey(Tx tx, SigningKey key)
    {
        tx.update("INSERT INTO cloudtrail_signing_keys (fingerprint, region, public_key_der, private_key_sealed, valid_from, valid_to) VALUES (?, ?, ?, ?, ?, ?)",
                key.fingerprint(), key.region(), Base64.getEncoder().encodeToString(key.publicKeyDer()), key.privateKeySealed(), key.validFrom(),
                key.validTo());
    }

    /** The region's key valid at {@code at} (the newest, should windows overlap). */
    public Optional<SigningKey> keyAt(Tx tx, String region, Instant at)
    {
        return tx.query("SELECT * FROM cloudtrail_signing_keys WHERE region = ? AND valid_from <= ? AND valid_to > ? ORDER BY valid_from DESC",
                CloudTrailStore::key, region, at, at).stream().findFirst();
    }

    /** Keys of the region valid at some time in {@code [start, end]}, oldest first. */
    public List<SigningKey> keysBetween(Tx tx, String region, Instant start, Instant end)
    {
        return tx.query("SELECT * FROM cloudtrail_signing_keys WHERE region = ? AND valid_from <= ? AND valid_to >= ? ORDER BY valid_from",
                CloudTrailStore::key, region, end, start);
    }

    // ---------------------------------------------------------------- rows

    private static Object[] values(Trail trail)
    {
        return new Object[] {trail.arn(), trail.accountId(), trail.name(), trail.homeRegion(), trail.s3Bucket(), trail.s3KeyPrefix(), trail.snsTopicName(),
                trail.includeGlobalServiceEvents(), trail.multiRegion(), trail.organizationId(), trail.logFileValidation(), trail.cloudWatchLogsLogGroupArn(),
                trail.cloudWatchLogsRoleArn(), trail.kmsKeyId(), json(trail.selection().basic()), json(trail.selection().advanced()),
                json(trail.insightTypes()), trail.logging(), trail.startLoggingTime(), trail.stopLoggingTime(), trail.created()};
    }

    private static Trail trail(ResultSet row)
            throws SQLException
    {
        EventSelection selection = new EventSelection(
                parse(row.getString("event_selectors"), new TypeReference<List<EventSelection.BasicSelector>>() {}),
                parse(row.getString("advanced_event_selectors"), new TypeReference<List<EventSelection.AdvancedSelector>>() {}));
        return new Trail(row.getString("trail_arn"), row.getString("account_id"), row.getString("name"), row.getString("home_region"),
                row.getString("s3_bucket"), row.getString("s3_key_prefix"), row.getString("sns_topic_name"), Tx.bool(row, "include_global_events"),
                Tx.bool(row, "multi_region"), row.getString("organization_id"), Tx.bool(row, "log_file_validation"),
                row.getString("cloudwatch_log_group_arn"), row.getString("cloudwatch_role_arn"), row.getString("kms_key_id"), selection,
                parse(row.getString("insight_selectors"), new TypeReference<List<String>>() {}), Tx.bool(row, "is_logging"),
                Tx.instant(row, "start_logging_time"), Tx.instant(row, "stop_logging_time"), Tx.instant(row, "created"));
    }

    private static SigningKey key(ResultSet row)
            throws SQLException
    {
        return new SigningKey(row.getString("fingerprint"), row.getString("region"), Base64.getDecoder().decode(row.getString("public_key_der")),
                row.getString("private_key_sealed"), Tx.instant(row, "valid_from"), Tx.instant(row, "valid_to"));
    }

    private static String json(Object value)
    {
        try {
            return JSON.writeValueAsString(value);
        }
        catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot store " + value, e);
        }
    }

    private static <T> List<T> parse(String json, TypeReference<List<T>> type)
    {
        if (json == null) {
            return List.of();
        }
        try {
            return JSON.readValue(json, type);
        }
        catch (JsonProcessingException e) {
            throw new IllegalStateException("stored CloudTrail selectors are not readable: " + json, e);
        }
    }
}
