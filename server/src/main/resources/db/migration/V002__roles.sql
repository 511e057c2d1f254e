-- IAM roles. Inline policies and attachments of roles use owner_kind ROLE and the role's AROA id (V001 tables).

CREATE TABLE iam_roles (
    role_id TEXT PRIMARY KEY,
    account_id TEXT NOT NULL REFERENCES accounts (account_id),
    name TEXT NOT NULL,
    name_key TEXT NOT NULL,
    path TEXT NOT NULL,
    created BIGINT NOT NULL,
    assume_role_policy TEXT NOT NULL,
    description TEXT,
    max_session_duration BIGINT NOT NULL,
    permissions_boundary_arn TEXT,
    UNIQUE (account_id, name_key)
);
