-- Instance profiles (with their one role), service-linked roles and their deletion tasks, and account aliases.
-- Instance profile tags live in iam_tags (V004) with owner_kind INSTANCE_PROFILE and the profile's AIPA id.

CREATE TABLE iam_instance_profiles (
    instance_profile_id TEXT PRIMARY KEY,
    account_id TEXT NOT NULL REFERENCES accounts (account_id),
    name TEXT NOT NULL,
    name_key TEXT NOT NULL,
    path TEXT NOT NULL,
    created BIGINT NOT NULL,
    UNIQUE (account_id, name_key)
);

-- IAM allows one role per instance profile (a quota AWS does not raise), so the profile is the key: two
-- concurrent AddRoleToInstanceProfile calls cannot both succeed. The role is referenced by its AROA id, so a
-- deleted and recreated role of the same name is not in the profile.
CREATE TABLE iam_instance_profile_roles (
    instance_profile_id TEXT PRIMARY KEY REFERENCES iam_instance_profiles (instance_profile_id),
    role_id TEXT NOT NULL REFERENCES iam_roles (role_id)
);

CREATE INDEX iam_instance_profile_roles_by_role ON iam_instance_profile_roles (role_id);

-- Roles created by CreateServiceLinkedRole: only the service may change them (UnmodifiableEntity otherwise).
CREATE TABLE iam_service_linked_roles (
    role_id TEXT PRIMARY KEY REFERENCES iam_roles (role_id),
    account_id TEXT NOT NULL REFERENCES accounts (account_id),
    service_name TEXT NOT NULL
);

CREATE TABLE iam_slr_deletion_tasks (
    deletion_task_id TEXT PRIMARY KEY,
    account_id TEXT NOT NULL REFERENCES accounts (account_id),
    status TEXT NOT NULL,
    created BIGINT NOT NULL
);

-- Account aliases are unique across all accounts of the server (AWS: across the partition); one per account.
CREATE TABLE iam_account_aliases (
    alias TEXT PRIMARY KEY,
    account_id TEXT NOT NULL UNIQUE REFERENCES accounts (account_id),
    created BIGINT NOT NULL
);
