-- Console passwords of IAM users (login profiles) and each account's password policy. Passwords are stored only
-- as PBKDF2 hashes (store/Passwords). Policy rows exist only while a policy is set: no row means "no policy".

CREATE TABLE iam_login_profiles (
    user_id TEXT PRIMARY KEY REFERENCES iam_users (user_id),
    password_hash TEXT NOT NULL,
    password_reset_required INTEGER NOT NULL,
    created BIGINT NOT NULL,
    password_changed BIGINT NOT NULL
);

CREATE TABLE iam_password_policies (
    account_id TEXT PRIMARY KEY REFERENCES accounts (account_id),
    minimum_length INTEGER NOT NULL,
    require_symbols INTEGER NOT NULL,
    require_numbers INTEGER NOT NULL,
    require_uppercase INTEGER NOT NULL,
    require_lowercase INTEGER NOT NULL,
    allow_users_to_change INTEGER NOT NULL,
    max_age_days INTEGER NOT NULL,
    reuse_prevention INTEGER NOT NULL,
    hard_expiry INTEGER NOT NULL
);
