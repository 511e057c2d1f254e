package dev.bulwark.server.services.s3;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bulwark.server.services.s3.model.Bucket;
import dev.bulwark.server.services.s3.model.Encryption;
import dev.bulwark.server.services.s3.model.Part;
import dev.bulwark.server.services.s3.model.PublicAccessBlock;
import dev.bulwark.server.services.s3.model.Segment;
import dev.bulwark.server.services.s3.model.StoredObject;
import dev.bulwark.server.services.s3.model.Upload;
import dev.bulwark.server.store.StoreKind;
import dev.bulwark.server.store.Tx;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/** S3's rows: buckets, objects with their segments, multipart uploads with their parts, account Block Public Access. */
public final class S3Store
{
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<LinkedHashMap<String, String>> STRING_MAP = new TypeReference<>() {};

    // ---- buckets

    public Optional<Bucket> bucket(Tx tx, String name)
    {
        return tx.queryOne("SELECT * FROM s3_buckets WHERE name = ?", S3Store::bucketOf, name);
    }

    public List<Bucket> buckets(Tx tx, String accountId)
    {
        return tx.query("SELECT * FROM s3_buckets WHERE account_id = ? ORDER BY name" + collate(tx), S3Store::bucketOf, accountId);
    }

    public void insertBucket(Tx tx, Bucket bucket)
    {
        tx.update("INSERT INTO s3_buckets (name, account_id, region, created, acl, sse_bucket_key) VALUES (?, ?, ?, ?, ?, ?)",
                bucket.name(), bucket.accountId(), bucket.region(), bucket.created(), bucket.acl(), false);
        updateBucket(tx, bucket);
    }

    /** Writes every configurable part of the bucket. */
    public void updateBucket(Tx tx, Bucket bucket)
    {
        Optional<PublicAccessBlock> bpa = bucket.publicAccessBlock();
        Optional<Encryption> sse = bucket.encryption();
        tx.update("UPDATE s3_buckets SET versioning = ?, policy = ?, ownership = ?, acl = ?, sse_algorithm = ?, sse_kms_key_id = ?, sse_bucket_key = ?,"
                        + " bpa_block_public_acls = ?, bpa_ignore_public_acls = ?, bpa_block_public_policy = ?, bpa_restrict_public_buckets = ?, tags = ?"
                        + " WHERE name = ?",
                bucket.versioning().orElse(null), bucket.policy().orElse(null), bucket.ownership().orElse(null), bucket.acl(),
                sse.map(Encryption::algorithm).orElse(null), sse.flatMap(Encryption::kmsKeyId).orElse(null), sse.map(Encryption::bucketKeyEnabled).orElse(false),
                bpa.map(PublicAccessBlock::blockPublicAcls).orElse(null), bpa.map(PublicAccessBlock::ignorePublicAcls).orElse(null),
                bpa.map(PublicAccessBlock::blockPublicPolicy).orElse(null), bpa.map(PublicAccessBlock::restrictPublicBuckets).orElse(null),
                json(bucket.tags()), bucket.name());
    }

    public void deleteBucket(Tx tx, String name)
    {
        tx.update("DELETE FROM s3_buckets WHERE name = ?", name);
    }

    public boolean isEmpty(Tx tx, String bucket)
    {
        return tx.queryLong("SELECT COUNT(*) FROM s3_objects WHERE bucket = ?", bucket) == 0;
    }

    private static Bucket bucketOf(ResultSet row) throws SQLException
    {
        Optional<Encryption> encryption = Optional.ofNullable(row.getString("sse_algorithm"))
                .map(algorithm -> {
                    try {
                        return new Encryption(algorithm, Optional.ofNullable(row.getString("sse_kms_key_id")), Tx.bool(row, "sse_bucket_key"));
                    }
                    catch (SQLException e) {
                        throw new IllegalStateException(e);
                    }
                });
        Optional<PublicAccessBlock> bpa = Optional.empty();
        row.getInt("bpa_block_public_acls");
        if (!row.wasNull()) {
            bpa = Optional.of(new PublicAccessBlock(Tx.bool(row, "bpa_block_public_acls"), Tx.bool(row, "bpa_ignore_public_acls"),
                    Tx.bool(row, "bpa_block_public_policy"), Tx.bool(row, "bpa_restrict_public_buckets")));
        }
        return new Bucket(row.getString("name"), row.getString("account_id"), row.getString("region"), Tx.instant(row, "created"),
                Optional.ofNullable(row.getString("versioning")), Optional.ofNullable(row.getString("policy")), Optional.ofNullable(row.getString("ownership")),
                row.getString("acl"), encryption, bpa, map(row.getString("tags")));
    }

    // ---- objects

    public Optional<StoredObject> object(Tx tx, String bucket, String key)
    {
        return tx.queryOne("SELECT * FROM s3_objects WHERE bucket = ? AND object_key = ?", row -> objectOf(row, List.of()), bucket, key)
                .map(object -> withSegments(tx, object));
    }

    private StoredObject withSegments(Tx tx, StoredObject object)
    {
        List<Segment> segments = tx.query("SELECT file_name, data_key, size FROM s3_segments WHERE object_id = ? ORDER BY seq",
                row -> new Segment(row.getString("file_name"), row.getString("data_key"), row.getLong("size")), object.objectId());
        return new StoredObject(object.bucket(), object.key(), object.objectId(), object.size(), object.etag(), object.lastModified(), object.metadata(),
                object.userMetadata(), object.tags(), object.ownerAccount(), object.acl(), object.encryption(), object.partsCount(), segments);
    }

    /** Objects after {@code afterKey} (exclusive, binary order) whose key starts at or after {@code from}; without segments. */
    public List<StoredObject> objectsAfter(Tx tx, String bucket, String afterKey, int limit)
    {
        return tx.query("SELECT * FROM s3_objects WHERE bucket = ? AND object_key" + collate(tx) + " > ? ORDER BY object_key" + collate(tx) + " LIMIT " + limit,
                row -> objectOf(row, List.of()), bucket, afterKey);
    }

    /** Makes the object visible, replacing any object of that key; returns the replaced object's segments (files to remove after commit). */
    public List<Segment> putObject(Tx tx, StoredObject object)
    {
        List<Segment> replaced = deleteObject(tx, object.bucket(), object.key());
        Encryption sse = object.encryption();
        tx.update("INSERT INTO s3_objects (bucket, object_key, object_id, size, etag, last_modified, metadata, user_metadata, tags, owner_account, acl,"
                        + " sse_algorithm, sse_kms_key_id, sse_bucket_key, parts_count) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                object.bucket(), object.key(), object.objectId(), object.size(), object.etag(), object.lastModified(), json(object.metadata()),
                json(object.userMetadata()), json(object.tags()), object.ownerAccount(), object.acl(), sse.algorithm(), sse.kmsKeyId().orElse(null),
                sse.bucketKeyEnabled(), object.partsCount().orElse(null));
        int seq = 0;
        for (Segment segment : object.segments()) {
            tx.update("INSERT INTO s3_segments (object_id, seq, file_name, data_key, size) VALUES (?, ?, ?, ?, ?)",
                    object.objectId(), seq++, segment.fileName(), segment.dataKey(), segment.size());
        }
        return replaced;
    }

    /** Removes the object if present; returns its segments (files to remove after commit). */
    public List<Segment> deleteObject(Tx tx, String bucket, String key)
    {
        Optional<StoredObject> existing = object(tx, bucket, key);
        if (existing.isEmpty()) {
            return List.of();
        }
        tx.update("DELETE FROM s3_segments WHERE object_id = ?", existing.get().objectId());
        tx.update("DELETE FROM s3_objects WHERE bucket = ? AND object_key = ?", bucket, key);
        return existing.get().segments();
    }

    public void updateObjectTags(Tx tx, String bucket, String key, Map<String, String> tags)
    {
        tx.update("UPDATE s3_objects SET tags = ? WHERE bucket = ? AND object_key = ?", json(tags), bucket, key);
    }

    public void updateObjectAcl(Tx tx, String bucket, String key, String acl)
    {
        tx.update("UPDATE s3_objects SET acl = ? WHERE bucket = ? AND object_key = ?", acl, bucket, key);
    }

    private static StoredObject objectOf(ResultSet row, List<Segment> segments) throws SQLException
    {
        int parts = row.getInt("parts_count");
        Optional<Integer> partsCount = row.wasNull() ? Optional.empty() : Optional.of(parts);
        Encryption sse = new Encryption(row.getString("sse_algorithm"), Optional.ofNullable(row.getString("sse_kms_key_id")), Tx.bool(row, "sse_bucket_key"));
        return new StoredObject(row.getString("bucket"), row.getString("object_key"), row.getString("object_id"), row.getLong("size"),
                row.getString("etag"), Tx.instant(row, "last_modified"), map(row.getString("metadata")), map(row.getString("user_metadata")),
                map(row.getString("tags")), row.getString("owner_account"), row.getString("acl"), sse, partsCount, segments);
    }

    // ---- multipart uploads

    public void insertUpload(Tx tx, Upload upload)
    {
        Encryption sse = upload.encryption();
        tx.update("INSERT INTO s3_uploads (upload_id, bucket, object_key, initiated, initiator_arn, owner_account, metadata, user_metadata, tags, acl,"
                        + " sse_algorithm, sse_kms_key_id, sse_bucket_key) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                upload.uploadId(), upload.bucket(), upload.key(), upload.initiated(), upload.initiatorArn(), upload.ownerAccount(),
                json(upload.metadata()), json(upload.userMetadata()), json(upload.tags()), upload.acl(), sse.algorithm(), sse.kmsKeyId().orElse(null),
                sse.bucketKeyEnabled());
    }

    public Optional<Upload> upload(Tx tx, String uploadId)
    {
        return tx.queryOne("SELECT * FROM s3_uploads WHERE upload_id = ?", S3Store::uploadOf, uploadId);
    }

    public List<Upload> uploads(Tx tx, String bucket)
    {
        return tx.query("SELECT * FROM s3_uploads WHERE bucket = ? ORDER BY object_key" + collate(tx) + ", initiated", S3Store::uploadOf, bucket);
    }

    /** Removes the upload and its parts; returns the parts' segments. */
    public List<Segment> deleteUpload(Tx tx, String uploadId)
    {
        List<Segment> segments = parts(tx, uploadId).stream().map(Part::segment).toList();
        tx.update("DELETE FROM s3_parts WHERE upload_id = ?", uploadId);
        tx.update("DELETE FROM s3_uploads WHERE upload_id = ?", uploadId);
        return segments;
    }

    /** Stores a part, replacing one of the same number; returns the replaced part's segment if any. */
    public Optional<Segment> putPart(Tx tx, String uploadId, Part part)
    {
        Optional<Segment> replaced = parts(tx, uploadId).stream().filter(existing -> existing.partNumber() == part.partNumber()).map(Part::segment).findFirst();
        tx.update("DELETE FROM s3_parts WHERE upload_id = ? AND part_number = ?", uploadId, part.partNumber());
        tx.update("INSERT INTO s3_parts (upload_id, part_number, file_name, data_key, size, etag, last_modified) VALUES (?, ?, ?, ?, ?, ?, ?)",
                uploadId, part.partNumber(), part.segment().fileName(), part.segment().dataKey(), part.segment().size(), part.etag(), part.lastModified());
        return replaced;
    }

    public List<Part> parts(Tx tx, String uploadId)
    {
        return tx.query("SELECT * FROM s3_parts WHERE upload_id = ? ORDER BY part_number",
                row -> new Part(row.getInt("part_number"), new Segment(row.getString("file_name"), row.getString("data_key"), row.getLong("size")),
                        row.getString("etag"), Tx.instant(row, "last_modified")), uploadId);
    }

    private static Upload uploadOf(ResultSet row) throws SQLException
    {
        Encryption sse = new Encryption(row.getString("sse_algorithm"), Optional.ofNullable(row.getString("sse_kms_key_id")), Tx.bool(row, "sse_bucket_key"));
        return new Upload(row.getString("upload_id"), row.getString("bucket"), row.getString("object_key"), Tx.instant(row, "initiated"),
                row.getString("initiator_arn"), row.getString("owner_account"), map(row.getString("metadata")), map(row.getString("user_metadata")),
                map(row.getString("tags")), row.getString("acl"), sse);
    }

    // ---- account Block Public Access (s3control)

    public Optional<PublicAccessBlock> accountPublicAccessBlock(Tx tx, String accountId)
    {
        return tx.queryOne("SELECT * FROM s3_account_public_access_blocks WHERE account_id = ?",
                row -> new PublicAccessBlock(Tx.bool(row, "block_public_acls"), Tx.bool(row, "ignore_public_acls"), Tx.bool(row, "block_public_policy"),
                        Tx.bool(row, "restrict_public_buckets")), accountId);
    }

    public void putAccountPublicAccessBlock(Tx tx, String accountId, PublicAccessBlock block)
    {
        deleteAccountPublicAccessBlock(tx, accountId);
        tx.update("INSERT INTO s3_account_public_access_blocks (account_id, block_public_acls, ignore_public_acls, block_public_policy, restrict_public_buckets)"
                        + " VALUES (?, ?, ?, ?, ?)",
                accountId, block.blockPublicAcls(), block.ignorePublicAcls(), block.blockPublicPolicy(), block.restrictPublicBuckets());
    }

    public void deleteAccountPublicAccessBlock(Tx tx, String accountId)
    {
        tx.update("DELETE FROM s3_account_public_access_blocks WHERE account_id = ?", accountId);
    }

    // ---- housekeeping

    /** Every data file a row refers to, for the orphan sweep. */
    public Set<String> referencedFiles(Tx tx)
    {
        Set<String> files = new HashSet<>(tx.query("SELECT file_name FROM s3_segments", row -> row.getString(1)));
        files.addAll(tx.query("SELECT file_name FROM s3_parts", row -> row.getString(1)));
        return files;
    }

    /** S3 orders keys by their UTF-8 bytes: SQLite's default; PostgreSQL's "C" collation. */
    private static String collate(Tx tx)
    {
        return tx.kind() == StoreKind.POSTGRES ? " COLLATE \"C\"" : "";
    }

    static String json(Map<String, String> map)
    {
        try {
            return JSON.writeValueAsString(new TreeMap<>(map));
        }
        catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static Map<String, String> map(String json)
    {
        if (json == null || json.isEmpty()) {
            return Map.of();
        }
        try {
            return JSON.readValue(json, STRING_MAP);
        }
        catch (JsonProcessingException e) {
            throw new IllegalStateException("corrupt JSON column", e);
        }
    }
}
