-- STS role sessions issued by AssumeRole. The secret and the session token are sealed like long-term secrets
-- (the SigV4 verifier compares the presented token with the session's own); the role is referenced by its
-- AROA id, so a deleted and recreated role of the same name does not inherit old sessions.

CREATE TABLE sts_role_sessions (
    access_key_id TEXT PRIMARY KEY,
    account_id TEXT NOT NULL REFERENCES accounts (account_id),
    role_id TEXT NOT NULL,
    session_name TEXT NOT NULL,
    secret_sealed TEXT NOT NULL,
    token_sealed TEXT NOT NULL,
    session_policy TEXT,
    policy_arns TEXT NOT NULL,
    source_identity TEXT,
    issued BIGINT NOT NULL,
    expiration BIGINT NOT NULL
);

CREATE INDEX sts_role_sessions_by_expiration ON sts_role_sessions (expiration);
