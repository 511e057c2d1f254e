-- AWS KMS: keys (one row per key with its policy and lifecycle), every version of each key's material (sealed
-- under the server's root key; rotation adds a version, old ones stay so old ciphertexts decrypt), aliases, tags,
-- grants and the wrapping keys of pending imports. `revision` grows on every change of a key's policy or grants,
-- so each node's compiled-policy cache knows when an entry is stale. Booleans are INTEGER 0/1.

CREATE TABLE kms_keys (
    key_id TEXT PRIMARY KEY,
    account_id TEXT NOT NULL,
    region TEXT NOT NULL,
    description TEXT NOT NULL,
    key_spec TEXT NOT NULL,
    key_usage TEXT NOT NULL,
    origin TEXT NOT NULL,
    key_state TEXT NOT NULL,
    created BIGINT NOT NULL,
    deletion_date BIGINT,
    pending_window_days INTEGER,
    valid_to BIGINT,
    expiration_model TEXT,
    policy TEXT NOT NULL,
    revision BIGINT NOT NULL,
    rotation_period_days INTEGER,
    next_rotation BIGINT,
    current_version INTEGER NOT NULL,
    imported_digest TEXT
);

CREATE INDEX kms_keys_account ON kms_keys (account_id, region);

CREATE TABLE kms_key_material (
    key_id TEXT NOT NULL REFERENCES kms_keys (key_id),
    version INTEGER NOT NULL,
    sealed TEXT NOT NULL,
    public_key TEXT,
    created BIGINT NOT NULL,
    rotation_type TEXT,
    PRIMARY KEY (key_id, version)
);

CREATE TABLE kms_aliases (
    account_id TEXT NOT NULL,
    region TEXT NOT NULL,
    alias_name TEXT NOT NULL,
    key_id TEXT NOT NULL REFERENCES kms_keys (key_id),
    created BIGINT NOT NULL,
    updated BIGINT NOT NULL,
    PRIMARY KEY (account_id, region, alias_name)
);

CREATE INDEX kms_aliases_key ON kms_aliases (key_id);

CREATE TABLE kms_tags (
    key_id TEXT NOT NULL REFERENCES kms_keys (key_id),
    tag_key TEXT NOT NULL,
    tag_value TEXT NOT NULL,
    PRIMARY KEY (key_id, tag_key)
);

CREATE TABLE kms_grants (
    grant_id TEXT PRIMARY KEY,
    key_id TEXT NOT NULL REFERENCES kms_keys (key_id),
    name TEXT,
    grantee_principal TEXT NOT NULL,
    retiring_principal TEXT,
    issuing_account TEXT NOT NULL,
    operations TEXT NOT NULL,
    constraints TEXT,
    created BIGINT NOT NULL
);

CREATE INDEX kms_grants_key ON kms_grants (key_id);

CREATE TABLE kms_import_tokens (
    key_id TEXT PRIMARY KEY REFERENCES kms_keys (key_id),
    token TEXT NOT NULL,
    wrapping_algorithm TEXT NOT NULL,
    wrapping_key_spec TEXT NOT NULL,
    sealed_private_key TEXT NOT NULL,
    public_key TEXT NOT NULL,
    expires BIGINT NOT NULL
);
