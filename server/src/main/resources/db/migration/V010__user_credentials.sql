-- The credential types IAM keeps beside access keys and passwords: users' SSH public keys (CodeCommit), X.509
-- signing certificates (of users, or of the account's root when user_id is NULL), the account's server
-- certificates (private keys sealed by SecretBox, never returned) and service-specific credentials (passwords and API key
-- secrets kept only as hashes). Tags of server certificates live in iam_tags under owner_kind SERVER_CERTIFICATE.

CREATE TABLE iam_ssh_public_keys (
    key_id TEXT PRIMARY KEY,
    account_id TEXT NOT NULL REFERENCES accounts (account_id),
    user_id TEXT NOT NULL REFERENCES iam_users (user_id),
    body TEXT NOT NULL,
    fingerprint TEXT NOT NULL,
    status TEXT NOT NULL,
    uploaded BIGINT NOT NULL,
    UNIQUE (user_id, fingerprint)
);

-- A signing certificate's id is derived from the certificate itself, so it is unique within an account only.
CREATE TABLE iam_signing_certificates (
    account_id TEXT NOT NULL REFERENCES accounts (account_id),
    certificate_id TEXT NOT NULL,
    user_id TEXT REFERENCES iam_users (user_id),
    body TEXT NOT NULL,
    status TEXT NOT NULL,
    uploaded BIGINT NOT NULL,
    PRIMARY KEY (account_id, certificate_id)
);

CREATE TABLE iam_server_certificates (
    certificate_id TEXT PRIMARY KEY,
    account_id TEXT NOT NULL REFERENCES accounts (account_id),
    name TEXT NOT NULL,
    name_key TEXT NOT NULL,
    path TEXT NOT NULL,
    body TEXT NOT NULL,
    chain TEXT,
    private_key_sealed TEXT NOT NULL,
    expiration BIGINT NOT NULL,
    uploaded BIGINT NOT NULL,
    UNIQUE (account_id, name_key)
);

CREATE TABLE iam_service_credentials (
    credential_id TEXT PRIMARY KEY,
    account_id TEXT NOT NULL REFERENCES accounts (account_id),
    user_id TEXT NOT NULL REFERENCES iam_users (user_id),
    service_name TEXT NOT NULL,
    service_user_name TEXT,
    password_hash TEXT NOT NULL,
    status TEXT NOT NULL,
    created BIGINT NOT NULL,
    credential_alias TEXT,
    expiration BIGINT
);

CREATE INDEX iam_service_credentials_by_account ON iam_service_credentials (account_id, service_name);
