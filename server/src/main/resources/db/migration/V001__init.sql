-- Bulwark schema, version 1. Portable between SQLite and PostgreSQL: TEXT, BIGINT and INTEGER only;
-- instants are epoch milliseconds, booleans 0/1. IAM names are unique case-insensitively, so each named
-- table keeps the name as given plus name_key (lower-cased by the application) under the unique constraint.
-- Relations use the stable AWS-format unique IDs (AIDA..., AGPA...), so a rename touches one row.

CREATE TABLE accounts (
    account_id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    email TEXT NOT NULL,
    root_password_hash TEXT,
    created BIGINT NOT NULL
);

CREATE TABLE iam_users (
    user_id TEXT PRIMARY KEY,
    account_id TEXT NOT NULL REFERENCES accounts (account_id),
    name TEXT NOT NULL,
    name_key TEXT NOT NULL,
    path TEXT NOT NULL,
    created BIGINT NOT NULL,
    permissions_boundary_arn TEXT,
    UNIQUE (account_id, name_key)
);

CREATE TABLE iam_groups (
    group_id TEXT PRIMARY KEY,
    account_id TEXT NOT NULL REFERENCES accounts (account_id),
    name TEXT NOT NULL,
    name_key TEXT NOT NULL,
    path TEXT NOT NULL,
    created BIGINT NOT NULL,
    UNIQUE (account_id, name_key)
);

CREATE TABLE iam_group_members (
    group_id TEXT NOT NULL REFERENCES iam_groups (group_id),
    user_id TEXT NOT NULL REFERENCES iam_users (user_id),
    added BIGINT NOT NULL,
    PRIMARY KEY (group_id, user_id)
);

CREATE INDEX iam_group_members_by_user ON iam_group_members (user_id);

-- secret_sealed holds SecretBox output only: the plaintext secret never reaches the database.
-- user_id NULL means the account's root user.
CREATE TABLE iam_access_keys (
    access_key_id TEXT PRIMARY KEY,
    account_id TEXT NOT NULL REFERENCES accounts (account_id),
    user_id TEXT REFERENCES iam_users (user_id),
    secret_sealed TEXT NOT NULL,
    status TEXT NOT NULL,
    created BIGINT NOT NULL,
    last_used_date BIGINT,
    last_used_service TEXT,
    last_used_region TEXT
);

CREATE INDEX iam_access_keys_by_owner ON iam_access_keys (account_id, user_id);

-- owner_kind is USER, GROUP or ROLE; owner_id the owner's unique ID.
CREATE TABLE iam_inline_policies (
    owner_kind TEXT NOT NULL,
    owner_id TEXT NOT NULL,
    name TEXT NOT NULL,
    name_key TEXT NOT NULL,
    document TEXT NOT NULL,
    PRIMARY KEY (owner_kind, owner_id, name_key)
);

-- account_id is 'aws' for AWS managed policies, shared by every account.
CREATE TABLE iam_managed_policies (
    arn TEXT PRIMARY KEY,
    account_id TEXT NOT NULL,
    name TEXT NOT NULL,
    name_key TEXT NOT NULL,
    path TEXT NOT NULL,
    policy_id TEXT NOT NULL UNIQUE,
    default_version_id TEXT NOT NULL,
    description TEXT,
    is_attachable INTEGER NOT NULL,
    created BIGINT NOT NULL,
    updated BIGINT NOT NULL,
    UNIQUE (account_id, name_key)
);

CREATE TABLE iam_policy_versions (
    policy_arn TEXT NOT NULL REFERENCES iam_managed_policies (arn),
    version_id TEXT NOT NULL,
    document TEXT NOT NULL,
    created BIGINT NOT NULL,
    PRIMARY KEY (policy_arn, version_id)
);

-- account_id is the owner's account: attachment counts of AWS managed policies are per account.
CREATE TABLE iam_policy_attachments (
    account_id TEXT NOT NULL,
    owner_kind TEXT NOT NULL,
    owner_id TEXT NOT NULL,
    policy_arn TEXT NOT NULL REFERENCES iam_managed_policies (arn),
    attached BIGINT NOT NULL,
    PRIMARY KEY (owner_kind, owner_id, policy_arn)
);

CREATE INDEX iam_policy_attachments_by_policy ON iam_policy_attachments (account_id, policy_arn);

-- One row per CloudTrail event; record_json is the full event record as CloudTrail would deliver it.
CREATE TABLE audit_events (
    event_id TEXT PRIMARY KEY,
    event_time BIGINT NOT NULL,
    account_id TEXT NOT NULL,
    event_source TEXT NOT NULL,
    event_name TEXT NOT NULL,
    read_only INTEGER NOT NULL,
    error_code TEXT,
    record_json TEXT NOT NULL
);

CREATE INDEX audit_events_by_account_time ON audit_events (account_id, event_time);
