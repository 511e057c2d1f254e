-- CloudTrail: LookupEvents' attributes next to each event (Username, AccessKeyId as columns; resources in a side
-- table), indexes for every lookup attribute, and trails with their selectors, tags, delivery state, the log files
-- a digest must list, and the per-region key pairs digests are signed with.

ALTER TABLE audit_events ADD COLUMN username TEXT;
ALTER TABLE audit_events ADD COLUMN access_key_id TEXT;

CREATE INDEX audit_events_by_name ON audit_events (account_id, event_name, event_time, event_id);
CREATE INDEX audit_events_by_source ON audit_events (account_id, event_source, event_time, event_id);
CREATE INDEX audit_events_by_username ON audit_events (account_id, username, event_time, event_id);
CREATE INDEX audit_events_by_access_key ON audit_events (account_id, access_key_id, event_time, event_id);
CREATE INDEX audit_events_by_read_only ON audit_events (account_id, read_only, event_time, event_id);
-- Delivery reads every account's events in time order; the 90-day purge deletes by time.
CREATE INDEX audit_events_by_time ON audit_events (event_time, event_id);

-- The resources an event names, as LookupEvents shows them (read by event ID only).
CREATE TABLE audit_event_resources (
    event_id TEXT NOT NULL,
    event_time BIGINT NOT NULL,
    resource_type TEXT NOT NULL,
    resource_name TEXT NOT NULL,
    resource_arn TEXT NOT NULL,
    PRIMARY KEY (event_id, resource_arn)
);

CREATE INDEX audit_event_resources_by_time ON audit_event_resources (event_time);

-- LookupEvents' resource attributes, one row per distinct (event, attribute, value): ResourceType, and ResourceName
-- under both the name LookupEvents shows and the ARN. A lookup walks this index newest first and joins the event.
CREATE TABLE audit_event_lookups (
    event_id TEXT NOT NULL,
    account_id TEXT NOT NULL,
    event_time BIGINT NOT NULL,
    attribute TEXT NOT NULL,
    attribute_value TEXT NOT NULL,
    PRIMARY KEY (event_id, attribute, attribute_value)
);

CREATE INDEX audit_event_lookups_by_value ON audit_event_lookups (account_id, attribute, attribute_value, event_time, event_id);
CREATE INDEX audit_event_lookups_by_time ON audit_event_lookups (event_time);

-- One trail; event_selectors / advanced_event_selectors / insight_selectors are the JSON of the SDK shapes.
CREATE TABLE cloudtrail_trails (
    trail_arn TEXT PRIMARY KEY,
    account_id TEXT NOT NULL REFERENCES accounts (account_id),
    name TEXT NOT NULL,
    home_region TEXT NOT NULL,
    s3_bucket TEXT NOT NULL,
    s3_key_prefix TEXT,
    sns_topic_name TEXT,
    include_global_events INTEGER NOT NULL,
    multi_region INTEGER NOT NULL,
    organization_id TEXT,
    log_file_validation INTEGER NOT NULL,
    cloudwatch_log_group_arn TEXT,
    cloudwatch_role_arn TEXT,
    kms_key_id TEXT,
    event_selectors TEXT,
    advanced_event_selectors TEXT,
    insight_selectors TEXT,
    is_logging INTEGER NOT NULL,
    start_logging_time BIGINT,
    stop_logging_time BIGINT,
    created BIGINT NOT NULL,
    UNIQUE (account_id, home_region, name)
);

CREATE TABLE cloudtrail_trail_tags (
    trail_arn TEXT NOT NULL REFERENCES cloudtrail_trails (trail_arn),
    tag_key TEXT NOT NULL,
    tag_value TEXT NOT NULL,
    PRIMARY KEY (trail_arn, tag_key)
);

-- Where delivery stands for a trail: the last event delivered (time, id) and what GetTrailStatus reports.
CREATE TABLE cloudtrail_delivery (
    trail_arn TEXT PRIMARY KEY REFERENCES cloudtrail_trails (trail_arn),
    cursor_time BIGINT NOT NULL,
    cursor_event_id TEXT NOT NULL,
    latest_delivery_time BIGINT,
    latest_delivery_attempt_time BIGINT,
    latest_delivery_attempt_succeeded BIGINT,
    latest_delivery_error TEXT,
    latest_digest_delivery_time BIGINT,
    latest_digest_attempt_time BIGINT,
    latest_digest_attempt_succeeded BIGINT,
    latest_digest_delivery_error TEXT
);

-- Log files delivered and not yet listed in a digest; the chain's last digest per trail, account and region (an
-- organization trail keeps one chain per member account, as its key layout does).
CREATE TABLE cloudtrail_log_files (
    trail_arn TEXT NOT NULL REFERENCES cloudtrail_trails (trail_arn),
    account_id TEXT NOT NULL,
    region TEXT NOT NULL,
    s3_bucket TEXT NOT NULL,
    s3_key TEXT NOT NULL,
    sha256 TEXT NOT NULL,
    oldest_event BIGINT NOT NULL,
    newest_event BIGINT NOT NULL,
    delivered BIGINT NOT NULL,
    PRIMARY KEY (trail_arn, s3_key)
);

CREATE TABLE cloudtrail_digest_chain (
    trail_arn TEXT NOT NULL REFERENCES cloudtrail_trails (trail_arn),
    account_id TEXT NOT NULL,
    region TEXT NOT NULL,
    digest_end BIGINT NOT NULL,
    s3_bucket TEXT NOT NULL,
    s3_key TEXT NOT NULL,
    sha256 TEXT NOT NULL,
    signature TEXT NOT NULL,
    PRIMARY KEY (trail_arn, account_id, region)
);

-- RSA-2048 key pairs per region (digest signing), valid in [valid_from, valid_to); private keys sealed by SecretBox.
CREATE TABLE cloudtrail_signing_keys (
    fingerprint TEXT PRIMARY KEY,
    region TEXT NOT NULL,
    public_key_der TEXT NOT NULL,
    private_key_sealed TEXT NOT NULL,
    valid_from BIGINT NOT NULL,
    valid_to BIGINT NOT NULL
);

CREATE INDEX cloudtrail_signing_keys_by_region ON cloudtrail_signing_keys (region, valid_from);
