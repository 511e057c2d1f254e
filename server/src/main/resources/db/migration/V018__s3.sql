-- S3: buckets (one global namespace across accounts, as in AWS), their objects and in-progress multipart uploads,
-- and each account's S3 Block Public Access (s3control). Object bytes live in files under the data directory
-- (see docs/STORE.md), encrypted; a row here is what makes an object visible, so a file without a row is an orphan
-- (cleaned at start) and a row is committed only after its file is durable. Tags and metadata are JSON objects.
-- Keys are compared in binary (UTF-8 byte) order, as S3 lists them: queries add COLLATE "C" on PostgreSQL.

CREATE TABLE s3_buckets (
    name TEXT PRIMARY KEY,
    account_id TEXT NOT NULL REFERENCES accounts (account_id),
    region TEXT NOT NULL,
    created BIGINT NOT NULL,
    versioning TEXT,
    policy TEXT,
    ownership TEXT,
    acl TEXT NOT NULL,
    sse_algorithm TEXT,
    sse_kms_key_id TEXT,
    sse_bucket_key INTEGER NOT NULL,
    bpa_block_public_acls INTEGER,
    bpa_ignore_public_acls INTEGER,
    bpa_block_public_policy INTEGER,
    bpa_restrict_public_buckets INTEGER,
    tags TEXT
);

CREATE INDEX s3_buckets_by_account ON s3_buckets (account_id);

CREATE TABLE s3_objects (
    bucket TEXT NOT NULL REFERENCES s3_buckets (name),
    object_key TEXT NOT NULL,
    object_id TEXT NOT NULL UNIQUE,
    size BIGINT NOT NULL,
    etag TEXT NOT NULL,
    last_modified BIGINT NOT NULL,
    metadata TEXT NOT NULL,
    user_metadata TEXT NOT NULL,
    tags TEXT NOT NULL,
    owner_account TEXT NOT NULL,
    acl TEXT NOT NULL,
    sse_algorithm TEXT NOT NULL,
    sse_kms_key_id TEXT,
    sse_bucket_key INTEGER NOT NULL,
    parts_count INTEGER,
    PRIMARY KEY (bucket, object_key)
);

-- The encrypted files an object's bytes are made of, in order: one for a simple upload, one per part after a
-- multipart upload. data_key is the file's data key wrapped by the server-side key provider.
CREATE TABLE s3_segments (
    object_id TEXT NOT NULL,
    seq INTEGER NOT NULL,
    file_name TEXT NOT NULL UNIQUE,
    data_key TEXT NOT NULL,
    size BIGINT NOT NULL,
    PRIMARY KEY (object_id, seq)
);

CREATE TABLE s3_uploads (
    upload_id TEXT PRIMARY KEY,
    bucket TEXT NOT NULL REFERENCES s3_buckets (name),
    object_key TEXT NOT NULL,
    initiated BIGINT NOT NULL,
    initiator_arn TEXT NOT NULL,
    owner_account TEXT NOT NULL,
    metadata TEXT NOT NULL,
    user_metadata TEXT NOT NULL,
    tags TEXT NOT NULL,
    acl TEXT NOT NULL,
    sse_algorithm TEXT NOT NULL,
    sse_kms_key_id TEXT,
    sse_bucket_key INTEGER NOT NULL
);

CREATE INDEX s3_uploads_by_bucket ON s3_uploads (bucket);

CREATE TABLE s3_parts (
    upload_id TEXT NOT NULL REFERENCES s3_uploads (upload_id),
    part_number INTEGER NOT NULL,
    file_name TEXT NOT NULL UNIQUE,
    data_key TEXT NOT NULL,
    size BIGINT NOT NULL,
    etag TEXT NOT NULL,
    last_modified BIGINT NOT NULL,
    PRIMARY KEY (upload_id, part_number)
);

CREATE TABLE s3_account_public_access_blocks (
    account_id TEXT PRIMARY KEY REFERENCES accounts (account_id),
    block_public_acls INTEGER NOT NULL,
    ignore_public_acls INTEGER NOT NULL,
    block_public_policy INTEGER NOT NULL,
    restrict_public_buckets INTEGER NOT NULL
);
