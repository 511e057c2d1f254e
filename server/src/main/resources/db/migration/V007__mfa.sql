-- Virtual MFA devices, and the STS sessions of IAM users, root and federated users (GetSessionToken,
-- GetFederationToken). Seeds, secrets and tokens are sealed like access-key secrets. A device is assigned to an
-- IAM user (its AIDA id) or to the account's root ('root'), or to nobody while assigned_to is NULL. last_step is
-- the last TOTP time step accepted, so no code is ever accepted twice; drift_steps is what ResyncMFADevice learnt.

CREATE TABLE iam_mfa_devices (
    serial_number TEXT PRIMARY KEY,
    serial_key TEXT NOT NULL UNIQUE,
    account_id TEXT NOT NULL REFERENCES accounts (account_id),
    path TEXT NOT NULL,
    name TEXT NOT NULL,
    seed_sealed TEXT NOT NULL,
    created BIGINT NOT NULL,
    assigned_to TEXT,
    enabled BIGINT,
    last_step BIGINT NOT NULL,
    drift_steps INTEGER NOT NULL
);

CREATE INDEX iam_mfa_devices_by_account ON iam_mfa_devices (account_id, serial_key);
CREATE INDEX iam_mfa_devices_by_assignee ON iam_mfa_devices (assigned_to);

CREATE TABLE sts_user_sessions (
    access_key_id TEXT PRIMARY KEY,
    account_id TEXT NOT NULL REFERENCES accounts (account_id),
    user_id TEXT,
    federated_name TEXT,
    secret_sealed TEXT NOT NULL,
    token_sealed TEXT NOT NULL,
    session_policy TEXT,
    policy_arns TEXT NOT NULL,
    mfa_authenticated BIGINT,
    issued BIGINT NOT NULL,
    expiration BIGINT NOT NULL
);

CREATE INDEX sts_user_sessions_by_expiration ON sts_user_sessions (expiration);

-- AssumeRole with SerialNumber and TokenCode: when the role session was MFA-authenticated.
ALTER TABLE sts_role_sessions ADD COLUMN mfa_authenticated BIGINT;
